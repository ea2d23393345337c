// The contribution graph of an arrangement: its theory of change (issue 6; docs/bijdrage.md).
// An intervention A yields a partial effect D, which proves a condition V for result B,
// together with another partner's intervention I — "eerder een circulaire relatie dan een
// lineaire" (§5.1). The graph records those links with their assumptions and evidence; it
// never divides an outcome among the interventions.

/// What a node of a contribution graph stands for.
public enum ContributionNodeKind: String, Vocabulary, Codable {
    /// An intervention of the arrangement, usually one of its projects (A in §5.1).
    case intervention = "interventie"
    /// A partial effect (D).
    case partialEffect = "deeleffect"
    /// A condition for a further result (V).
    case condition = "voorwaarde"
    /// An outcome, linked to a brede-welvaart theme or an indicator (B).
    case outcome = "uitkomst"
    /// Another partner's intervention, outside the arrangement (I).
    case thirdPartyIntervention = "interventie-van-derden"
    /// A circumstance no partner controls (the economy, the labour market, the weather).
    case contextFactor = "contextfactor"

    /// The kinds the theory starts from: it says what they bring about, not what brings
    /// them about, so no link may point into them.
    public var isSource: Bool { [.intervention, .thirdPartyIntervention, .contextFactor].contains(self) }

    /// Sources from outside the arrangement, which a contribution story names as rivals.
    public var isExternal: Bool { self == .thirdPartyIntervention || self == .contextFactor }
}

/// How strongly the evidence supports a link, from `geen` to `sterk`; ordered.
public enum EvidenceStrength: String, Vocabulary, Codable, Comparable {
    case none = "geen"
    case weak = "zwak"
    case reasonable = "redelijk"
    case strong = "sterk"

    /// The position on the scale: 0 (`geen`) to 3 (`sterk`).
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    /// Whether more evidence should be gathered (`geen` or `zwak`).
    public var needsEvidence: Bool { self <= .weak }
}

/// One node of the theory of change.
public struct ContributionNode: Sendable, Hashable, Codable, Identifiable {
    /// A slug, unique within the graph.
    public var id: String
    public var kind: ContributionNodeKind
    /// What the node stands for, in words.
    public var label: String
    /// The project of the deal an `interventie` is; only for interventions.
    public var projectID: String?
    /// The brede-welvaart theme of an `uitkomst`.
    public var theme: WellbeingTheme?
    /// The indicator of an `uitkomst`, when it is measured by one.
    public var indicatorID: String?

    public init(
        id: String, kind: ContributionNodeKind, label: String, projectID: String? = nil,
        theme: WellbeingTheme? = nil, indicatorID: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.label = label
        self.projectID = projectID
        self.theme = theme
        self.indicatorID = indicatorID
    }

    enum CodingKeys: String, CodingKey {
        case id
        case kind = "soort"
        case label = "naam"
        case projectID = "project"
        case theme = "thema"
        case indicatorID = "indicator"
    }
}

/// One piece of evidence for a link: what it is, where it comes from, and its day.
public struct EvidenceItem: Sendable, Hashable, Codable {
    public var what: String
    public var source: String
    public var date: CalendarDate

    public init(what: String, source: String, date: CalendarDate) {
        self.what = what
        self.source = source
        self.date = date
    }

    /// `Bezoekerstellingen dorpshuizen (Jaarverslag 2024, 2024-12-31)`.
    public var summary: String { "\(what) (\(source), \(date.dutchText))" }

    enum CodingKeys: String, CodingKey {
        case what = "wat"
        case source = "bron"
        case date = "datum"
    }
}

/// A directed link: `from` contributes to `to`, on an assumption and with evidence.
public struct ContributionLink: Sendable, Hashable, Codable, Identifiable {
    /// A slug, unique within the graph.
    public var id: String
    public var from: String
    public var to: String
    /// Why `from` would contribute to `to`, in words.
    public var assumption: String
    public var evidenceStrength: EvidenceStrength
    public var evidence: [EvidenceItem]
    /// Other explanations for `to` than `from`.
    public var rivalExplanations: [String]

    public init(
        id: String, from: String, to: String, assumption: String, evidenceStrength: EvidenceStrength,
        evidence: [EvidenceItem] = [], rivalExplanations: [String] = []
    ) {
        self.id = id
        self.from = from
        self.to = to
        self.assumption = assumption
        self.evidenceStrength = evidenceStrength
        self.evidence = evidence
        self.rivalExplanations = rivalExplanations
    }

    enum CodingKeys: String, CodingKey {
        case id
        case from = "van"
        case to = "naar"
        case assumption = "aanname"
        case evidenceStrength = "bewijskracht"
        case evidence = "bewijs"
        case rivalExplanations = "rivaliserendeVerklaringen"
    }

    /// Missing `bewijs` and `rivaliserendeVerklaringen` are empty lists.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        from = try container.decode(String.self, forKey: .from)
        to = try container.decode(String.self, forKey: .to)
        assumption = try container.decode(String.self, forKey: .assumption)
        evidenceStrength = try container.decode(EvidenceStrength.self, forKey: .evidenceStrength)
        evidence = try container.decodeIfPresent([EvidenceItem].self, forKey: .evidence) ?? []
        rivalExplanations = try container.decodeIfPresent([String].self, forKey: .rivalExplanations) ?? []
    }
}

/// The theory of change of one arrangement.
public struct ContributionGraph: Sendable, Hashable, Codable {
    /// The arrangement (or deal) the graph belongs to.
    public var arrangementID: String
    public var nodes: [ContributionNode]
    public var links: [ContributionLink]
    /// Whether the graph is made up for the demo; a fictional graph belongs to the fictional
    /// demo deal only (``issues(attachingTo:)``).
    public var isFictional: Bool

    public init(
        arrangementID: String, nodes: [ContributionNode] = [], links: [ContributionLink] = [],
        isFictional: Bool = false
    ) {
        self.arrangementID = arrangementID
        self.nodes = nodes
        self.links = links
        self.isFictional = isFictional
    }

    enum CodingKeys: String, CodingKey {
        case arrangementID = "arrangement"
        case nodes = "knopen"
        case links = "schakels"
        case isFictional = "fictief"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        arrangementID = try container.decode(String.self, forKey: .arrangementID)
        nodes = try container.decodeIfPresent([ContributionNode].self, forKey: .nodes) ?? []
        links = try container.decodeIfPresent([ContributionLink].self, forKey: .links) ?? []
        isFictional = try container.decodeIfPresent(Bool.self, forKey: .isFictional) ?? false
    }

    public func node(_ id: String) -> ContributionNode? { nodes.first { $0.id == id } }

    public func link(_ id: String) -> ContributionLink? { links.first { $0.id == id } }

    /// `'Dorpshuizen (fictief)' → 'Ontmoeting (fictief)'`: a link named by its nodes' labels.
    public func describe(_ link: ContributionLink) -> String {
        "'\(node(link.from)?.label ?? link.from)' → '\(node(link.to)?.label ?? link.to)'"
    }
}
