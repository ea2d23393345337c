import VliegwielCore

/// The text form of a profile, for `vliegwiel toon`: element by element, each value with
/// the source's wording and its citation.
enum ProfileText {
    static func render(_ arrangement: Arrangement) -> String {
        var text = "\(arrangement.name) (\(arrangement.id))\n"
        text += "Familie: \(arrangement.family.label) · Soort: \(arrangement.kind.label)"
        if arrangement.kind == .practice { text += " · Variant: \(arrangement.variantID)" }
        text += "\n"
        if let summary = arrangement.summary { text += summary + "\n" }
        for source in arrangement.sources {
            text += "Bron: \(source.title)\(source.locator.isEmpty ? "" : " — \(source.locator)")\n"
        }
        for element in ProfileElement.allCases {
            text += "\n\(element.label.uppercased()) — \(element.question) (\(element.chapter))\n"
            for dimension in ProfileDimension.of(element) {
                let reading = dimension.reading(of: arrangement.profile)
                if let reason = reading.notStatedReason {
                    text += "  \(dimension.label): niet vermeld — \(reason)\n"
                    continue
                }
                text += "  \(dimension.label): \(reading.entries.map(\.label).joined(separator: " én "))\n"
                for entry in reading.entries {
                    text +=
                        "    \(entry.label): “\(entry.quote)” (\(entry.citation)\(entry.status.map { "; \($0.label)" } ?? ""))\n"
                    if let note = entry.note { text += "      toelichting: \(note)\n" }
                }
            }
        }
        let open = ProfileDimension.all.filter { !$0.reading(of: arrangement.profile).isStated }.count
        if open > 0 {
            text +=
                "\n\(open == 1 ? "1 dimensie is" : "\(open) dimensies zijn") niet vermeld: ontwerpkeuzes die nog expliciet te maken zijn („Niet elke vorm is het gevolg van een expliciete keuze”, §5.3).\n"
        }
        return text
    }
}
