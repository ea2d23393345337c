import Foundation
import VliegwielCore
import Yams

/// The files of indicators: an arrangement's programme indicators and regions, and the
/// description of a context table (docs/indicatoren.md).
public enum IndicatorFormat {
    /// Reads an arrangement's indicators (JSON or YAML), reporting every problem at once.
    public static func decodeIndicators(_ text: String, format: ArrangementFormat, source: String)
        throws(ValidationFailure) -> ArrangementIndicators
    {
        let (indicators, issues) = try format.decodeValue(ArrangementIndicators.self, from: text, source: source)
        let all = (issues + (issues.isEmpty ? indicators.issues : [])).map {
            var issue = $0
            issue.source = source
            return issue
        }
        if !all.isEmpty { throw ValidationFailure(issues: all) }
        return indicators
    }

    /// Reads the description of a context table (its title, source and measures).
    public static func decodeTable(_ text: String, format: ArrangementFormat, source: String)
        throws(ValidationFailure) -> ContextTable
    {
        let (table, issues) = try format.decodeValue(ContextTable.self, from: text, source: source)
        let all = (issues + (issues.isEmpty ? table.issues : [])).map {
            var issue = $0
            issue.source = source
            return issue
        }
        if !all.isEmpty { throw ValidationFailure(issues: all) }
        return table
    }
}

/// The fictional indicators of the fictional demo deal, shipped in
/// `Resources/fictieve-indicatoren.yaml`: programme indicators, the deal's (fictional)
/// regions and a small fictional context table in the CBS CSV format. Every figure is
/// invented; the table is marked fictional and its regions use the `FX` codes CBS never uses.
public enum BundledIndicators {
    public static let demoFileName = "fictieve-indicatoren.yaml"

    public struct Demo: Sendable {
        public var indicators: ArrangementIndicators
        public var table: ContextTable
        public var observations: [ContextObservation]
    }

    private struct File: Decodable {
        var indicators: ArrangementIndicators
        var table: ContextTable
        var data: String

        enum CodingKeys: String, CodingKey {
            case indicators = "indicatoren"
            case table = "contexttabel"
            case data = "gegevens"
        }
    }

    public static func demo() throws -> Demo {
        guard let url = Bundle.module.url(forResource: "fictieve-indicatoren", withExtension: "yaml") else {
            throw ValidationFailure(issues: [
                ValidationIssue(source: demoFileName, field: "", message: "het bestand ontbreekt in de installatie")
            ])
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        let (file, issues) = try ArrangementFormat.yaml.decodeValue(File.self, from: text, source: demoFileName)
        let problems = issues + file.indicators.issues + file.table.issues
        if !problems.isEmpty { throw ValidationFailure(issues: problems) }
        let observations = try StatLineReader.observations(
            text: file.data, format: .csv, tableID: file.table.id, source: demoFileName)
        return Demo(indicators: file.indicators, table: file.table, observations: observations)
    }
}
