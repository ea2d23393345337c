/// One step of a contribution story, with its lines in Dutch.
public struct StoryStep: Sendable, Hashable, Encodable {
    public var number: Int
    public var title: String
    public var lines: [String]

    enum CodingKeys: String, CodingKey {
        case number = "stap"
        case title = "titel"
        case lines = "regels"
    }
}

/// The contribution story of one outcome, after Mayne's contribution analysis, in five
/// steps (docs/bijdrage.md): (1) de claim, (2) de veranderingstheorie — the paths from the
/// interventions, (3) het bewijs per schakel — every link on a path into the outcome with
/// its assumption, strength and items, (4) de rivaliserende verklaringen — those recorded on
/// the links, and the third-party interventions and context factors that reach the outcome,
/// (5) welk bewijs nog nodig is — the links with `geen` or `zwak` evidence.
///
/// It claims a contribution, never a share: no step gives a part of the outcome to one
/// intervention (§5.1).
public struct ContributionStory: Sendable, Hashable, Encodable {
    public var outcome: String
    public var title: String
    public var steps: [StoryStep]

    enum CodingKeys: String, CodingKey {
        case outcome = "uitkomst"
        case title = "titel"
        case steps = "stappen"
    }

    /// The story as lines of text: the title, then per step `1. De claim` and its lines.
    public var lines: [String] {
        [title] + steps.flatMap { ["\($0.number). \($0.title)"] + $0.lines }
    }

    public var text: String { lines.joined(separator: "\n") }
}

extension ContributionAnalysis {
    /// The story of every outcome, in the graph's order.
    public var stories: [ContributionStory] {
        graph.nodes.filter { $0.kind == .outcome }.compactMap { story(for: $0.id) }
    }

    /// The story of `outcomeID`; `nil` when it is not an outcome of the graph.
    public func story(for outcomeID: String) -> ContributionStory? {
        guard let outcome = graph.node(outcomeID), outcome.kind == .outcome else { return nil }
        func label(_ id: String) -> String { "'\(graph.node(id)?.label ?? id)'" }
        func route(_ path: ContributionPath) -> String { path.nodes.map(label).joined(separator: " → ") }
        // A link by its ends, never by its key: the story is read by people (usability review).
        func name(_ link: ContributionLink) -> String { "schakel \(graph.describe(link))" }
        func weakest(_ path: ContributionPath) -> String {
            graph.link(path.weakestLink).map(graph.describe) ?? path.weakestLink
        }

        let reaching = sources(reaching: outcomeID, among: interventions)
        let external = sources(reaching: outcomeID, among: externalSources)
        let ownPaths = interventionPaths(to: outcomeID)
        let otherPaths = externalPaths(to: outcomeID)

        var measure: [String] = []
        if let theme = outcome.theme { measure.append("thema \(theme.label)") }
        if let indicator = outcome.indicatorID { measure.append("indicator \(indicator)") }
        let subject = label(outcomeID) + (measure.isEmpty ? "" : " (\(measure.joined(separator: ", ")))")

        var claim: [String] = []
        if reaching.isEmpty {
            claim.append(
                "Geen interventie van het arrangement bereikt \(subject) in de veranderingstheorie; een bijdrage is hier niet te claimen."
            )
        } else {
            let names = Self.enumerate(reaching.map { label($0.source) })
            claim.append("\(names) \(reaching.count == 1 ? "draagt" : "dragen") bij aan \(subject).")
            claim.append(
                "Dit is een bijdrage, geen toerekening: de uitkomst ontstaat samen met andere interventies en omstandigheden, en geen deel ervan wordt aan één interventie toegeschreven (§5.1)."
            )
        }

        var theory: [String] = []
        for (index, path) in ownPaths.enumerated() {
            theory.append(
                "Pad \(index + 1): \(route(path)); zwakste schakel: \(weakest(path)) (\(path.weakestStrength.code))."
            )
        }
        if ownPaths.isEmpty {
            theory.append(
                reaching.isEmpty
                    ? "Geen pad van een interventie naar deze uitkomst."
                    : "Binnen de padgrens is geen pad gevonden, al bereikt een interventie de uitkomst wel.")
        }
        for source in (reaching + external) where source.limitReached {
            theory.append(
                "Let op: vanuit \(label(source.source)) zijn niet alle paden gevolgd; de grens van \(pathLimit) paden is bereikt."
            )
        }

        let feedback = feedbackLinks(from: outcomeID)
        for link in feedback {
            theory.append(
                "Terugkoppeling: \(name(link)) leidt van de uitkomst terug in de veranderingstheorie; de relatie is circulair (§5.1)."
            )
        }

        var seen: Set<String> = []
        let links =
            (ownPaths + otherPaths).flatMap(\.links).filter { seen.insert($0).inserted }.compactMap { graph.link($0) }
            + feedback.filter { seen.insert($0.id).inserted }

        var evidence: [String] = []
        for link in links {
            evidence.append(
                "Schakel \(graph.describe(link)): bewijskracht \(link.evidenceStrength.code); aanname: \(link.assumption)"
            )
            if link.evidence.isEmpty { evidence.append("- nog geen bewijsstukken vastgelegd") }
            for item in link.evidence { evidence.append("- \(item.summary)") }
        }
        if links.isEmpty { evidence.append("Geen schakels naar deze uitkomst.") }

        var rivals: [String] = []
        for link in links {
            for rival in link.rivalExplanations { rivals.append("Bij \(name(link)): \(rival)") }
        }
        for path in otherPaths {
            let kind = graph.node(path.source)?.kind == .contextFactor ? "Contextfactor" : "Interventie van derden"
            rivals.append("\(kind) \(label(path.source)): \(route(path)).")
        }
        if rivals.isEmpty {
            rivals.append(
                "Geen rivaliserende verklaringen, interventies van derden of contextfactoren vastgelegd; zoek ze, want een claim zonder alternatieven is niet getoetst."
            )
        }

        var needed: [String] = []
        for link in links where link.evidenceStrength.needsEvidence {
            needed.append(
                "Verzamel bewijs voor \(name(link)), nu \(link.evidenceStrength.code): \(link.assumption)")
        }
        if needed.isEmpty && !links.isEmpty {
            needed.append("Elke schakel heeft redelijk of sterk bewijs; volg of dat zo blijft.")
        }
        if links.isEmpty { needed.append("Leg eerst vast langs welke schakels deze uitkomst bereikt zou worden.") }

        return ContributionStory(
            outcome: outcomeID, title: "Bijdrageverhaal: \(outcome.label)",
            steps: [
                StoryStep(number: 1, title: "De claim", lines: claim),
                StoryStep(number: 2, title: "De veranderingstheorie", lines: theory),
                StoryStep(number: 3, title: "Het bewijs per schakel", lines: evidence),
                StoryStep(number: 4, title: "De rivaliserende verklaringen", lines: rivals),
                StoryStep(number: 5, title: "Welk bewijs nog nodig is", lines: needed),
            ])
    }

    /// `'a'`, `'a' en 'b'`, `'a', 'b' en 'c'`.
    static func enumerate(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " en " + items[items.count - 1]
    }
}
