/// A simple path through a contribution graph: from a source (an intervention, a
/// third-party intervention or a context factor) to an outcome, visiting each node once.
public struct ContributionPath: Sendable, Hashable, Encodable {
    /// The node ids, source first, outcome last.
    public var nodes: [String]
    /// The link ids, in order; one fewer than the nodes.
    public var links: [String]
    /// The link with the lowest evidence strength; the first of them on a tie.
    public var weakestLink: String
    public var weakestStrength: EvidenceStrength

    enum CodingKeys: String, CodingKey {
        case nodes = "knopen"
        case links = "schakels"
        case weakestLink = "zwaksteSchakel"
        case weakestStrength = "zwaksteBewijskracht"
    }

    public var source: String { nodes[0] }
    public var outcome: String { nodes[nodes.count - 1] }
}

/// The paths from one source to one outcome.
public struct OutcomePaths: Sendable, Hashable, Encodable {
    public var outcome: String
    /// Empty only when the search stopped at the path limit before finding one.
    public var paths: [ContributionPath]

    enum CodingKeys: String, CodingKey {
        case outcome = "uitkomst"
        case paths = "paden"
    }
}

/// What one source reaches: every outcome reachable from it, with the paths found.
public struct SourceReach: Sendable, Hashable, Encodable {
    public var source: String
    public var kind: ContributionNodeKind
    /// In the graph's order of nodes.
    public var outcomes: [OutcomePaths]
    /// Whether the search from this source stopped at the path limit, so that paths may be missing.
    public var limitReached: Bool

    enum CodingKeys: String, CodingKey {
        case source = "knoop"
        case kind = "soort"
        case outcomes = "uitkomsten"
        case limitReached = "grensBereikt"
    }
}

/// An outcome that third-party interventions or context factors also reach.
public struct OutcomeDependency: Sendable, Hashable, Encodable {
    public var outcome: String
    public var thirdPartyInterventions: [String]
    public var contextFactors: [String]

    enum CodingKeys: String, CodingKey {
        case outcome = "uitkomst"
        case thirdPartyInterventions = "interventiesVanDerden"
        case contextFactors = "contextfactoren"
    }
}

/// The analysis of a contribution graph (issue 6, docs/bijdrage.md): what each intervention
/// can reach and by which paths, the gaps, the weakest links and the dependence on others.
///
/// Reachability is exact (a breadth-first search, linear in the graph). Paths are simple:
/// a depth-first search that never revisits a node on the current path, so cycles — the
/// circular relation of §5.1 — end. Their number can grow exponentially, so from each source
/// the search follows at most `pathLimit` paths: every extension of a path by one link counts
/// as one path followed, whether or not it ends in an outcome. When the limit stops a search,
/// the source says so (`grensBereikt`) and is listed in ``limitsReached``; the sets of
/// reached outcomes stay exact.
///
/// Nothing here divides an outcome among the interventions: there is no share, weight or
/// percentage per intervention, by design (§5.1, "eieren vormen samen een omelet").
///
/// The analysis expects a valid graph (``ContributionGraph/issues``); on an invalid one it
/// skips links to unknown nodes and still ends.
public struct ContributionAnalysis: Sendable, Hashable, Encodable {
    /// The default number of paths followed from one source.
    public static let defaultPathLimit = 10_000

    public let graph: ContributionGraph
    public let pathLimit: Int
    /// Every `interventie`, in the graph's order.
    public let interventions: [SourceReach]
    /// Every `interventie-van-derden` and `contextfactor`, in the graph's order.
    public let externalSources: [SourceReach]
    /// The outcomes no intervention of the arrangement reaches.
    public let unreachedOutcomes: [String]
    /// The interventions that reach no outcome.
    public let deadEndInterventions: [String]
    /// The outcomes that a third-party intervention or a context factor reaches.
    public let dependencies: [OutcomeDependency]
    /// The sources whose search stopped at the path limit.
    public let limitsReached: [String]
    /// The usable links out of each node, in the graph's order.
    private let outgoing: [String: [ContributionLink]]

    enum CodingKeys: String, CodingKey {
        case pathLimit = "padgrens"
        case interventions = "interventies"
        case externalSources = "derdenEnContext"
        case unreachedOutcomes = "uitkomstenZonderInterventie"
        case deadEndInterventions = "interventiesZonderUitkomst"
        case dependencies = "afhankelijkVanDerden"
        case limitsReached = "grensBereikt"
    }

    /// Analyses `graph`, following at most `pathLimit` paths (at least 1) from each source.
    public init(_ graph: ContributionGraph, pathLimit: Int = defaultPathLimit) {
        self.graph = graph
        let limit = max(1, pathLimit)
        self.pathLimit = limit
        var kinds: [String: ContributionNodeKind] = [:]
        var order: [String] = []
        for node in graph.nodes where kinds[node.id] == nil {
            kinds[node.id] = node.kind
            order.append(node.id)
        }
        var outgoing: [String: [ContributionLink]] = [:]
        for link in graph.links where kinds[link.from] != nil && kinds[link.to] != nil && link.from != link.to {
            outgoing[link.from, default: []].append(link)
        }
        let outcomes = order.filter { kinds[$0] == .outcome }

        func reach(_ source: String) -> SourceReach {
            let reachable = Self.reachable(from: source, outgoing)
            let search = PathSearch(source: source, limit: limit, kinds: kinds, outgoing: outgoing)
            let found = Dictionary(grouping: search.paths, by: \.outcome)
            return SourceReach(
                source: source, kind: kinds[source]!,
                outcomes: outcomes.filter { reachable.contains($0) }.map {
                    OutcomePaths(outcome: $0, paths: found[$0] ?? [])
                },
                limitReached: search.limitReached)
        }
        interventions = order.filter { kinds[$0] == .intervention }.map(reach)
        externalSources = order.filter { kinds[$0]?.isExternal == true }.map(reach)

        let reachedByInterventions = Set(interventions.flatMap { $0.outcomes.map(\.outcome) })
        unreachedOutcomes = outcomes.filter { !reachedByInterventions.contains($0) }
        deadEndInterventions = interventions.filter(\.outcomes.isEmpty).map(\.source)
        let external = externalSources
        dependencies = outcomes.compactMap { outcome in
            let sources = external.filter { $0.outcomes.contains { $0.outcome == outcome } }
            guard !sources.isEmpty else { return nil }
            return OutcomeDependency(
                outcome: outcome,
                thirdPartyInterventions: sources.filter { $0.kind == .thirdPartyIntervention }.map(\.source),
                contextFactors: sources.filter { $0.kind == .contextFactor }.map(\.source))
        }
        limitsReached = (interventions + externalSources).filter(\.limitReached).map(\.source)
        self.outgoing = outgoing
    }

    /// The links out of `outcome` that lead back to it: the outcome feeds the theory again
    /// (the flywheel, the circular relation of §5.1). No simple path into the outcome can use
    /// them, so a story names them apart.
    public func feedbackLinks(from outcome: String) -> [ContributionLink] {
        (outgoing[outcome] ?? []).filter { Self.reachable(from: $0.to, outgoing).contains(outcome) }
    }

    /// The paths from the arrangement's interventions into `outcome`, intervention by intervention.
    public func interventionPaths(to outcome: String) -> [ContributionPath] {
        interventions.flatMap { $0.outcomes.filter { $0.outcome == outcome }.flatMap(\.paths) }
    }

    /// The paths from third-party interventions and context factors into `outcome`.
    public func externalPaths(to outcome: String) -> [ContributionPath] {
        externalSources.flatMap { $0.outcomes.filter { $0.outcome == outcome }.flatMap(\.paths) }
    }

    /// The sources among `reaches` that reach `outcome`, in the graph's order.
    public func sources(reaching outcome: String, among reaches: [SourceReach]) -> [SourceReach] {
        reaches.filter { $0.outcomes.contains { $0.outcome == outcome } }
    }

    static func reachable(from source: String, _ outgoing: [String: [ContributionLink]]) -> Set<String> {
        var seen: Set<String> = [source]
        var queue = [source]
        var next = 0
        while next < queue.count {
            for link in outgoing[queue[next]] ?? [] where seen.insert(link.to).inserted {
                queue.append(link.to)
            }
            next += 1
        }
        seen.remove(source)
        return seen
    }
}

/// The bounded depth-first search for simple paths from one source.
private struct PathSearch {
    private(set) var paths: [ContributionPath] = []
    private(set) var limitReached = false
    private var followed = 0
    private var nodes: [String]
    private var links: [ContributionLink] = []
    private var onPath: Set<String>
    private let limit: Int
    private let kinds: [String: ContributionNodeKind]
    private let outgoing: [String: [ContributionLink]]

    init(source: String, limit: Int, kinds: [String: ContributionNodeKind], outgoing: [String: [ContributionLink]]) {
        self.limit = limit
        self.kinds = kinds
        self.outgoing = outgoing
        nodes = [source]
        onPath = [source]
        extend(from: source)
    }

    private mutating func extend(from node: String) {
        for link in outgoing[node] ?? [] where !onPath.contains(link.to) {
            if limitReached { return }
            if followed == limit {
                limitReached = true
                return
            }
            followed += 1
            nodes.append(link.to)
            links.append(link)
            onPath.insert(link.to)
            if kinds[link.to] == .outcome { paths.append(current()) }
            extend(from: link.to)
            onPath.remove(link.to)
            links.removeLast()
            nodes.removeLast()
        }
    }

    private func current() -> ContributionPath {
        var weakest = links[0]
        for link in links.dropFirst() where link.evidenceStrength < weakest.evidenceStrength { weakest = link }
        return ContributionPath(
            nodes: nodes, links: links.map(\.id), weakestLink: weakest.id, weakestStrength: weakest.evidenceStrength)
    }
}
