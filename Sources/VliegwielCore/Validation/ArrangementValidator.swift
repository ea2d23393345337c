/// Checks arrangements against the rules of the format (docs/catalogusformaat.md):
/// every dimension coded with quote and citation, or explicitly not stated with a reason.
public enum ArrangementValidator {
    /// Every problem in `arrangements`, each naming its arrangement and field; empty when valid.
    ///
    /// - Parameter knownVariantIDs: reference variant ids that `variant` may name besides
    ///   the references in `arrangements` themselves (the essay's fourteen by default).
    public static func issues(
        in arrangements: [Arrangement], knownVariantIDs: Set<String> = Set(ReferenceVariant.ids)
    ) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var seen: Set<String> = []
        let variantIDs = knownVariantIDs.union(arrangements.filter { $0.kind == .reference }.map(\.id))
        for arrangement in arrangements {
            let id = arrangement.id
            func add(_ field: String, _ message: String) {
                issues.append(ValidationIssue(arrangementID: id.isEmpty ? nil : id, field: field, message: message))
            }
            if !isSlug(id) {
                add("id", "'\(id)' is geen geldige id; gebruik kleine letters en cijfers met losse streepjes")
            } else if !seen.insert(id).inserted {
                add("id", "komt meer dan eens voor")
            }
            if arrangement.name.trimmingCharacters(in: .whitespaces).isEmpty { add("naam", "ontbreekt of is leeg") }
            if arrangement.kind == .reference, arrangement.variantID != id {
                add("variant", "een referentievariant verwijst naar zichzelf; verwacht '\(id)'")
            } else if !variantIDs.contains(arrangement.variantID) {
                add(
                    "variant",
                    "onbekende variant '\(arrangement.variantID)'; toegestaan: \(variantIDs.sorted().joined(separator: ", "))"
                )
            }
            if arrangement.sources.isEmpty { add("bronnen", "noem ten minste één bron") }
            for (index, source) in arrangement.sources.enumerated()
            where source.title.trimmingCharacters(in: .whitespaces).isEmpty {
                add("bronnen[\(index)].titel", "ontbreekt of is leeg")
            }
            for dimension in ProfileDimension.all {
                let reading = dimension.reading(of: arrangement.profile)
                let path = "profiel.\(dimension.id)"
                if let reason = reading.notStatedReason {
                    if reason.trimmingCharacters(in: .whitespaces).isEmpty {
                        add("\(path).nietVermeld", "geef de reden waarom de bron deze dimensie niet vermeldt")
                    }
                    continue
                }
                if reading.entries.isEmpty {
                    add("\(path).waarden", "lege lijst; geef ten minste één waarde of gebruik 'nietVermeld'")
                }
                var codes: Set<String> = []
                for (index, entry) in reading.entries.enumerated() {
                    let entryPath = "\(path).waarden[\(index)]"
                    if !codes.insert(entry.code).inserted {
                        add("\(entryPath).waarde", "'\(entry.code)' staat er twee keer")
                    }
                    if entry.quote.trimmingCharacters(in: .whitespaces).isEmpty {
                        add("\(entryPath).citaat", "ontbreekt of is leeg; geef de letterlijke bewoording van de bron")
                    }
                    if entry.citation.trimmingCharacters(in: .whitespaces).isEmpty {
                        add("\(entryPath).bron", "ontbreekt of is leeg; noem paragraaf en tabel of een openbare bron")
                    }
                }
            }
        }
        return issues
    }

    /// Lowercase letters and digits joined by single hyphens: `regio-deal`, `np-res`.
    public static func isSlug(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 100 else { return false }
        return text.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }
}
