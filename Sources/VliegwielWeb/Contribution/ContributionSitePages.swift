import Hummingbird
import VliegwielCore
import VliegwielStorage

/// The page of an arrangement's contribution graph (issue 6 items 1 and 2): the graph drawn
/// and as tables, the analysis, what changed since the previous version, and a contribution
/// story per outcome. It claims contributions, never shares (§5.1).
struct ContributionPage: Sendable {
    struct VersionLink: Sendable {
        var label: String
        var href: String
        var isCurrent: Bool
    }

    struct Change: Sendable {
        var title: String
        var details: [String]
        /// Stored, not computed: the renderer reads stored properties only.
    }

    struct NodeRow: Sendable {
        var id: String
        var kind: String
        var label: String
        var linkedTo: String
        /// The row's anchor, which the node in the figure links to.
        var anchor: String
        /// The node's links in and out, each to its row with the evidence.
        var links: [LinkReference]
    }

    struct LinkReference: Sendable {
        var text: String
        var href: String
    }

    struct LinkRow: Sendable {
        var id: String
        var anchor: String
        var from: String
        var to: String
        var assumption: String
        var strength: String
        var evidence: [String]
        var rivals: [String]
    }

    struct Reach: Sendable {
        var source: String
        var outcomes: [String]
        var hasOutcomes: Bool
    }

    struct Story: Sendable {
        var id: String
        var title: String
        var steps: [StoryStep]
    }

    var layout: Layout
    var name: String
    var arrangementHref: String
    var dossierHref: String
    var apiHref: String
    var isFictional: Bool
    var hasGraph: Bool
    var version: String
    var versions: [VersionLink]
    var previous: String?
    var changes: [Change]
    var diagram: HTML
    var nodes: [NodeRow]
    var links: [LinkRow]
    var reaches: [Reach]
    var externalReaches: [Reach]
    var unreached: [String]
    var deadEnds: [String]
    var dependencies: [String]
    var feedback: [String]
    var limits: [String]
    var stories: [Story]
}

extension ContributionPage {
    /// The page of `arrangement` showing version `number` of `history` (the current one when `nil`).
    ///
    /// - Throws: ``Problem`` 404 naming the versions that exist when `number` is not one of them.
    /// `linkedNames` names what a node is linked to, as `project:ID` and `indicator:ID`, so that the
    /// page shows names, not keys (usability review: raw ids in the text).
    init(
        arrangement: Arrangement, history: ContributionGraphHistory, number: Int?, layout: Layout,
        linkedNames: [String: String] = [:]
    ) throws {
        self.init(empty: arrangement, layout: layout)
        let chosen = number ?? history.current?.number
        guard let chosen, let version = history.version(chosen) else {
            if let number {
                throw Problem(
                    .notFound,
                    detail:
                        "Versie \(number) van de bijdragegraaf bestaat niet; er zijn \(history.versions.count) versie(s)."
                )
            }
            return
        }
        let graph = version.graph
        let analysis = ContributionAnalysis(graph)
        func label(_ id: String) -> String { graph.node(id)?.label ?? id }
        /// A link by its ends, not its key.
        func link(_ id: String) -> String {
            graph.links.first { $0.id == id }.map { "\(label($0.from)) → \(label($0.to))" } ?? id
        }
        isFictional = graph.isFictional
        hasGraph = true
        self.version =
            "Versie \(version.number) van \(history.versions.count) · \(version.date.dutchText) · \(version.author) · \(version.reason)"
        versions = history.versions.reversed().map {
            VersionLink(
                label: "versie \($0.number) · \($0.date.dutchText) · \($0.reason)",
                href: SiteURL.contributionGraph(arrangement.id, version: $0.number).href(),
                isCurrent: $0.number == version.number)
        }
        if version.number > 1, let older = history.version(version.number - 1),
            let diff = history.diff(from: version.number - 1, to: version.number)
        {
            previous = "Wat veranderde sinds versie \(version.number - 1)"
            changes = Self.changes(diff, from: older.graph, to: graph)
        }
        diagram = HTML(
            generated: ContributionDiagram.svg(
                graph, id: "bijdragegraaf", title: "Bijdragegraaf van \(arrangement.name)"))
        nodes = graph.nodes.map { node in
            let links = [
                node.projectID.map { "project \(linkedNames["project:\($0)"] ?? $0)" },
                node.theme.map { "thema \($0.label)" },
                node.indicatorID.map { "indicator \(linkedNames["indicator:\($0)"] ?? $0)" },
            ].compactMap { $0 }
            let references = graph.links.filter { $0.from == node.id || $0.to == node.id }.map { link in
                let direction = link.from == node.id ? "naar \(label(link.to))" : "van \(label(link.from))"
                let count = link.evidence.count == 1 ? "1 bewijsstuk" : "\(link.evidence.count) bewijsstukken"
                return LinkReference(
                    text: "\(direction): \(link.evidenceStrength.label), \(count)",
                    href: "#" + ContributionDiagram.linkAnchor(link.id))
            }
            return NodeRow(
                id: node.id, kind: node.kind.label, label: node.label, linkedTo: links.joined(separator: "; "),
                anchor: ContributionDiagram.nodeAnchor(node.id), links: references)
        }
        links = graph.links.map { link in
            LinkRow(
                id: link.id, anchor: ContributionDiagram.linkAnchor(link.id), from: label(link.from),
                to: label(link.to), assumption: link.assumption,
                strength: link.evidenceStrength.label, evidence: link.evidence.map(\.summary),
                rivals: link.rivalExplanations)
        }
        func reach(_ source: SourceReach) -> Reach {
            let outcomes = source.outcomes.map { outcome in
                let weakest = outcome.paths.min { $0.weakestStrength < $1.weakestStrength }
                let paths = outcome.paths.count == 1 ? "1 pad" : "\(outcome.paths.count) paden"
                return "\(label(outcome.outcome)): \(paths)"
                    + (weakest.map { "; zwakste schakel \(link($0.weakestLink)) (\($0.weakestStrength.label))" } ?? "")
            }
            return Reach(source: label(source.source), outcomes: outcomes, hasOutcomes: !outcomes.isEmpty)
        }
        reaches = analysis.interventions.map(reach)
        externalReaches = analysis.externalSources.map(reach)
        unreached = analysis.unreachedOutcomes.map(label)
        deadEnds = analysis.deadEndInterventions.map(label)
        dependencies = analysis.dependencies.map { dependency in
            let sources = (dependency.thirdPartyInterventions + dependency.contextFactors).map(label)
            return "\(label(dependency.outcome)) hangt ook af van \(sources.joined(separator: ", "))"
        }
        feedback = graph.nodes.filter { $0.kind == .outcome }.flatMap { outcome in
            analysis.feedbackLinks(from: outcome.id).map {
                "\(outcome.label) werkt terug op \(label($0.to))"
            }
        }
        limits = analysis.limitsReached.map {
            "Vanuit \(label($0)) zijn niet alle paden gevolgd: de grens van \(analysis.pathLimit) paden is bereikt."
        }
        stories = analysis.stories.map { Story(id: "verhaal-\($0.outcome)", title: $0.title, steps: $0.steps) }
    }

    /// What changed between two versions in words, with names instead of keys: "Schakel gewijzigd:
    /// Stages → Netwerk" with "Bewijskracht: geen bewijs → redelijk bewijs".
    static func changes(_ diff: ContributionGraphDiff, from old: ContributionGraph, to new: ContributionGraph)
        -> [Change]
    {
        func node(_ id: String) -> String { new.node(id)?.label ?? old.node(id)?.label ?? id }
        func ends(_ link: ContributionLink) -> String { "\(node(link.from)) → \(node(link.to))" }
        let fields = [
            "soort": "Soort", "naam": "Naam", "project": "Project", "thema": "Thema", "indicator": "Indicator",
            "van": "Van", "naar": "Naar", "aanname": "Aanname", "bewijskracht": "Bewijskracht", "bewijs": "Bewijsstuk",
            "rivaliserendeVerklaringen": "Andere verklaring", "fictief": "Fictief voorbeeld",
        ]
        func value(_ field: String, _ code: String) -> String {
            switch field {
            case "soort": ContributionNodeKind(rawValue: code)?.label ?? code
            case "bewijskracht": EvidenceStrength(rawValue: code).map { "\($0.label) bewijs" } ?? code
            case "thema": WellbeingTheme(rawValue: code)?.label ?? code
            case "van", "naar": node(code)
            case "fictief": code == "true" ? "ja" : "nee"
            default: code
            }
        }
        func details(_ list: [FieldChange]) -> [String] {
            list.map { change in
                let name = fields[change.field] ?? change.field
                return switch (change.before, change.after) {
                case (let before?, let after?):
                    "\(name): \(value(change.field, before)) → \(value(change.field, after))"
                case (let before?, nil): "\(name) vervalt: \(value(change.field, before))"
                case (nil, let after?): "\(name) erbij: \(value(change.field, after))"
                case (nil, nil): name
                }
            }
        }
        var result: [Change] = []
        if !diff.graphChanges.isEmpty { result.append(Change(title: "De graaf", details: details(diff.graphChanges))) }
        result += diff.addedNodes.map { Change(title: "Knoop erbij: \($0.label) (\($0.kind.label))", details: []) }
        result += diff.removedNodes.map { Change(title: "Knoop vervalt: \($0.label) (\($0.kind.label))", details: []) }
        result += diff.changedNodes.map {
            Change(title: "Knoop gewijzigd: \(node($0.id))", details: details($0.changes))
        }
        result += diff.addedLinks.map {
            Change(title: "Schakel erbij: \(ends($0)) (\($0.evidenceStrength.label) bewijs)", details: [])
        }
        result += diff.removedLinks.map {
            Change(title: "Schakel vervalt: \(ends($0)) (\($0.evidenceStrength.label) bewijs)", details: [])
        }
        result += diff.changedLinks.map { change in
            let link = new.links.first { $0.id == change.id } ?? old.links.first { $0.id == change.id }
            return Change(
                title: "Schakel gewijzigd: \(link.map(ends) ?? change.id)", details: details(change.changes))
        }
        return result
    }

    /// The page of an arrangement without a graph.
    private init(empty arrangement: Arrangement, layout: Layout) {
        self.layout = layout
        name = arrangement.name
        arrangementHref = SiteURL.arrangement(arrangement.id).href()
        dossierHref = SiteURL.dossier(arrangement.id).href()
        apiHref = APIURL.contributionGraph(arrangement.id).path
        isFictional = false
        hasGraph = false
        version = ""
        versions = []
        previous = nil
        changes = []
        diagram = ""
        nodes = []
        links = []
        reaches = []
        externalReaches = []
        unreached = []
        deadEnds = []
        dependencies = []
        feedback = []
        limits = []
        stories = []
    }
}

/// The route of the contribution graph page.
struct ContributionSiteRoutes: Sendable {
    let pages: SitePages
    let renderer: PageRenderer

    func register(on routes: RouteGroups) {
        routes.arrangement.get(SiteURL.contributionGraph("").pattern) { request, context in
            let query = SiteRoutes.read(request)
            let arrangement = try context.requireArrangement()
            let id = arrangement.id
            var number: Int?
            if let text = query["versie"]?.first {
                guard let value = Int(text), value >= 1 else {
                    throw Problem(.badRequest, detail: "versie: '\(text)' is geen versienummer (1, 2, …).")
                }
                number = value
            }
            let history = try await pages.contributions.history(of: id)
            let page = try ContributionPage(
                arrangement: arrangement, history: history, number: number,
                layout: pages.layout(
                    "Bijdragegraaf · \(arrangement.name)", .contributionGraph(id),
                    place: try await pages.place(of: arrangement)),
                linkedNames: try await pages.contributionLinkedNames(of: id))
            return html(renderer.render(page, context))
        }
    }
}

extension SitePages {
    /// The names of the projects and programme indicators of arrangement `id`, as
    /// `project:ID` and `indicator:ID`, for the nodes of its contribution graph that link to them.
    func contributionLinkedNames(of id: String) async throws -> [String: String] {
        var names: [String: String] = [:]
        for project in try await portfolio.record(id: id)?.projects ?? [] {
            names["project:\(project.id)"] = project.name
        }
        for indicator in try await indicators.report(for: id).programme {
            names["indicator:\(indicator.id)"] = indicator.name
        }
        return names
    }
}
