import VliegwielCore

/// The contribution graph, its analysis and the difference between versions as terminal text.
enum ContributionText {
    /// `versies: 1 (15 januari 2024), 2 (6 oktober 2025)`.
    static func versions(_ history: ContributionGraphHistory) -> String {
        "versies: " + history.versions.map { "\($0.number) (\($0.date.dutchText))" }.joined(separator: ", ")
    }

    static func graph(_ document: ContributionGraphDocument, name: String) -> String {
        let version = document.version
        let graph = version.graph
        let analysis = document.analysis
        func label(_ id: String) -> String { graph.node(id)?.label ?? id }
        var lines = [
            "Bijdragegraaf van \(name) (\(document.arrangementID))",
            "Versie \(version.number) van \(document.versionCount), \(version.date.dutchText), \(version.author): \(version.reason)",
        ]
        if graph.isFictional {
            lines.append("FICTIEF VOORBEELD: alle knopen, schakels, bronnen en data zijn verzonnen.")
        }

        lines += ["", "Knopen (\(graph.nodes.count))"]
        lines += indented(
            columns(
                graph.nodes.map { node in
                    var details: [String] = []
                    if let project = node.projectID { details.append("project \(project)") }
                    if let theme = node.theme { details.append("thema \(theme.code)") }
                    if let indicator = node.indicatorID { details.append("indicator \(indicator)") }
                    let suffix = details.isEmpty ? "" : " (\(details.joined(separator: ", ")))"
                    return [node.id, node.kind.code, node.label + suffix]
                }))
        lines += ["", "Schakels (\(graph.links.count))"]
        lines += indented(
            columns(
                graph.links.map { link in
                    [link.id, "\(link.from) → \(link.to)", link.evidenceStrength.code, link.assumption]
                }))

        lines += ["", "Wat elke interventie kan bereiken, met de zwakste schakel per pad"]
        if analysis.interventions.isEmpty { lines.append("  (geen interventies)") }
        for reach in analysis.interventions {
            lines.append("  \(reach.source) (\(label(reach.source)))")
            if reach.outcomes.isEmpty { lines.append("    bereikt geen uitkomst") }
            for outcome in reach.outcomes {
                lines.append(
                    "    → \(outcome.outcome) (\(label(outcome.outcome))): \(count(outcome.paths.count, "pad", "paden"))"
                )
                for path in outcome.paths {
                    lines.append(
                        "      \(path.nodes.joined(separator: " → ")); zwakste schakel \(path.weakestLink) (\(path.weakestStrength.code))"
                    )
                }
            }
        }
        lines += ["", "Uitkomsten die geen interventie bereikt: " + list(analysis.unreachedOutcomes, label)]
        lines.append("Interventies zonder uitkomst: " + list(analysis.deadEndInterventions, label))
        lines += ["", "Afhankelijk van derden en context"]
        if analysis.dependencies.isEmpty { lines.append("  geen: geen uitkomst hangt af van derden of context") }
        for dependency in analysis.dependencies {
            var parts: [String] = []
            if !dependency.thirdPartyInterventions.isEmpty {
                parts.append("interventies van derden: " + dependency.thirdPartyInterventions.joined(separator: ", "))
            }
            if !dependency.contextFactors.isEmpty {
                parts.append("contextfactoren: " + dependency.contextFactors.joined(separator: ", "))
            }
            lines.append("  \(dependency.outcome): " + parts.joined(separator: "; "))
        }
        if !analysis.limitsReached.isEmpty {
            lines += [
                "",
                "Padgrens bereikt (\(analysis.pathLimit) paden per beginpunt) bij: "
                    + analysis.limitsReached.joined(separator: ", ")
                    + "; er kunnen paden ontbreken, de bereikte uitkomsten kloppen wel.",
            ]
        }
        lines += [
            "",
            "Geen percentages: een uitkomst wordt nooit over de interventies verdeeld (docs/bijdrage.md).",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func diff(_ diff: ContributionGraphDiff, history: ContributionGraphHistory, name: String) -> String {
        var lines = [
            "Bijdragegraaf van \(name) (\(history.arrangementID)): van versie \(diff.fromVersion ?? 0) naar versie \(diff.toVersion ?? 0)"
        ]
        if diff.isEmpty { lines.append("Geen verschil.") }
        for entry in diff.entries { lines += ["  " + entry.title] + entry.details.map { "    " + $0 } }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func indented(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "  " + $0 }
    }

    private static func count(_ number: Int, _ one: String, _ many: String) -> String {
        "\(number) \(number == 1 ? one : many)"
    }

    private static func list(_ ids: [String], _ label: (String) -> String) -> String {
        ids.isEmpty ? "geen" : ids.map { "\($0) (\(label($0)))" }.joined(separator: ", ")
    }
}
