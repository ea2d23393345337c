import Foundation
import VliegwielCore

/// The `MeasureCodes` of an OData v4 table (`https://odata4.cbs.nl/CBS/{id}/MeasureCodes`):
/// per measure its `Identifier`, `Title` and `Unit`, which name the measures of the
/// `Observations` (docs/indicatoren.md). Small (one record per measure), so read whole.
public enum StatLineMeasureCodes {
    private struct Document: Decodable {
        var value: [Code]
    }

    private struct Code: Decodable {
        var identifier: String
        var title: String?
        var unit: String?

        enum CodingKeys: String, CodingKey {
            case identifier = "Identifier"
            case title = "Title"
            case unit = "Unit"
        }
    }

    /// The measures of a `MeasureCodes` document, with CBS's padded codes trimmed.
    ///
    /// - Throws: ``ValidationFailure`` naming `source` when the document is not a list of
    ///   measure codes.
    public static func measures(from data: Data, source: String) throws -> [ContextMeasure] {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ValidationFailure(issues: [
                ValidationIssue(
                    source: source, field: "MeasureCodes",
                    message:
                        "verwacht {\"value\": [{\"Identifier\": …, \"Title\": …, \"Unit\": …}]} zoals CBS OData v4 ze geeft"
                )
            ])
        }
        return document.value.map { code in
            let identifier = code.identifier.trimmingCharacters(in: .whitespaces)
            let title = code.title?.trimmingCharacters(in: .whitespaces) ?? ""
            return ContextMeasure(
                code: identifier, name: title.isEmpty ? identifier : title,
                unit: code.unit?.trimmingCharacters(in: .whitespaces) ?? "")
        }
    }

    /// `described` completed with `codes`: a measure named in the description keeps its
    /// name, theme, unit and direction; a measure only in `codes` is added with CBS's title
    /// and unit.
    public static func merge(_ described: [ContextMeasure], with codes: [ContextMeasure]) -> [ContextMeasure] {
        var measures = described
        let known = Set(described.map(\.code))
        for code in codes where !known.contains(code.code) { measures.append(code) }
        for index in measures.indices where measures[index].unit.isEmpty {
            if let unit = codes.first(where: { $0.code == measures[index].code })?.unit { measures[index].unit = unit }
        }
        return measures
    }
}
