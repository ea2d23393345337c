import Foundation

/// One version of an arrangement's contribution graph: the whole graph as it stood after a
/// change, with who changed it, when and why.
public struct ContributionGraphVersion: Sendable, Hashable, Codable {
    /// 1 for the first version, counting up by one.
    public var number: Int
    public var date: CalendarDate
    public var author: String
    public var reason: String
    public var graph: ContributionGraph

    public init(number: Int, date: CalendarDate, author: String, reason: String, graph: ContributionGraph) {
        self.number = number
        self.date = date
        self.author = author
        self.reason = reason
        self.graph = graph
    }

    enum CodingKeys: String, CodingKey {
        case number = "versie"
        case date = "datum"
        case author = "auteur"
        case reason = "reden"
        case graph = "graaf"
    }
}

/// Every version of an arrangement's contribution graph. A change is recorded as a new
/// version holding the whole graph; no version is ever changed or removed, so nothing is lost
/// and any two versions can be compared (``diff(from:to:)``).
public struct ContributionGraphHistory: Sendable, Hashable, Codable {
    public let arrangementID: String
    /// Oldest first.
    public private(set) var versions: [ContributionGraphVersion]

    public init(arrangementID: String) {
        self.arrangementID = arrangementID
        self.versions = []
    }

    enum CodingKeys: String, CodingKey {
        case arrangementID = "arrangement"
        case versions = "versies"
    }

    /// The newest version.
    public var current: ContributionGraphVersion? { versions.last }

    public func version(_ number: Int) -> ContributionGraphVersion? { versions.first { $0.number == number } }

    /// Records `graph` as the next version. Refused, with every problem at once, when the
    /// graph has problems (its own field paths), belongs to another arrangement, equals the
    /// current version (nothing changed), is dated before the current version, or lacks an
    /// author or a reason.
    @discardableResult
    public mutating func record(
        _ graph: ContributionGraph, on date: CalendarDate, author: String, reason: String
    ) throws(ValidationFailure) -> ContributionGraphVersion {
        var issues = graph.issues
        func add(_ field: String, _ message: String) {
            issues.append(ValidationIssue(arrangementID: arrangementID, field: field, message: message))
        }
        if graph.arrangementID != arrangementID {
            add("arrangement", "de graaf hoort bij '\(graph.arrangementID)', deze geschiedenis bij '\(arrangementID)'")
        }
        if let current {
            if current.graph == graph { add("graaf", "niets gewijzigd ten opzichte van versie \(current.number)") }
            if date < current.date { add("datum", "\(date) ligt voor versie \(current.number) (\(current.date))") }
        }
        if author.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add("auteur", "ontbreekt; wie wijzigde?") }
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add("reden", "ontbreekt; waarom?") }
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
        let version = ContributionGraphVersion(
            number: versions.count + 1, date: date, author: author, reason: reason, graph: graph)
        versions.append(version)
        return version
    }

    /// Every problem in a history read from a file: numbers 1, 2, 3 …, dates that never go
    /// back, authors and reasons, each graph valid and of this arrangement
    /// (`versies[1].graaf.schakels[0].aanname`).
    public var issues: [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (index, version) in versions.enumerated() {
            let path = "versies[\(index)]"
            func add(_ field: String, _ message: String) {
                issues.append(
                    ValidationIssue(arrangementID: arrangementID, field: "\(path).\(field)", message: message))
            }
            if version.number != index + 1 { add("versie", "is \(version.number); verwacht \(index + 1)") }
            if index > 0, version.date < versions[index - 1].date {
                add("datum", "\(version.date) ligt voor de vorige versie (\(versions[index - 1].date))")
            }
            if version.author.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add("auteur", "ontbreekt") }
            if version.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add("reden", "ontbreekt") }
            if version.graph.arrangementID != arrangementID {
                add("graaf.arrangement", "is '\(version.graph.arrangementID)'; verwacht '\(arrangementID)'")
            }
            for issue in version.graph.issues { add("graaf.\(issue.field)", issue.message) }
        }
        return issues
    }

    /// What changed from version `old` to version `new`; `nil` when either does not exist.
    public func diff(from old: Int, to new: Int) -> ContributionGraphDiff? {
        guard let before = version(old), let after = version(new) else { return nil }
        return ContributionGraphDiff(from: before.graph, to: after.graph, fromVersion: old, toVersion: new)
    }
}

/// One field that differs, with its value before and after in the Dutch codes. A list
/// (evidence, rival explanations) gives one change per item removed (`na` empty) or added
/// (`voor` empty).
public struct FieldChange: Sendable, Hashable, Encodable {
    /// The Dutch key: `bewijskracht`, `naam`, `bewijs`.
    public var field: String
    public var before: String?
    public var after: String?

    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }

    enum CodingKeys: String, CodingKey {
        case field = "veld"
        case before = "voor"
        case after = "na"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(before, forKey: .before)
        try container.encode(after, forKey: .after)
    }
}

/// A node or link present in both versions that changed.
public struct ItemChange: Sendable, Hashable, Encodable {
    public var id: String
    public var changes: [FieldChange]

    public init(id: String, changes: [FieldChange]) {
        self.id = id
        self.changes = changes
    }

    enum CodingKeys: String, CodingKey {
        case id
        case changes = "wijzigingen"
    }
}

/// The difference between two versions of a graph. Nodes and links are matched by id; a
/// link whose ends change is the same link, changed. Lists keep the order of the version
/// they come from (added and changed: the newer one; removed: the older one).
public struct ContributionGraphDiff: Sendable, Hashable, Encodable {
    public var fromVersion: Int?
    public var toVersion: Int?
    /// Changes to the graph itself (`fictief`).
    public var graphChanges: [FieldChange]
    public var addedNodes: [ContributionNode]
    public var removedNodes: [ContributionNode]
    public var changedNodes: [ItemChange]
    public var addedLinks: [ContributionLink]
    public var removedLinks: [ContributionLink]
    public var changedLinks: [ItemChange]

    enum CodingKeys: String, CodingKey {
        case fromVersion = "vanVersie"
        case toVersion = "naarVersie"
        case graphChanges = "graaf"
        case addedNodes = "knopenToegevoegd"
        case removedNodes = "knopenVerwijderd"
        case changedNodes = "knopenGewijzigd"
        case addedLinks = "schakelsToegevoegd"
        case removedLinks = "schakelsVerwijderd"
        case changedLinks = "schakelsGewijzigd"
    }

    /// Whether the two graphs are the same.
    public var isEmpty: Bool {
        graphChanges.isEmpty && addedNodes.isEmpty && removedNodes.isEmpty && changedNodes.isEmpty
            && addedLinks.isEmpty && removedLinks.isEmpty && changedLinks.isEmpty
    }

    public init(from old: ContributionGraph, to new: ContributionGraph, fromVersion: Int? = nil, toVersion: Int? = nil)
    {
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        graphChanges =
            old.isFictional == new.isFictional
            ? [] : [FieldChange(field: "fictief", before: String(old.isFictional), after: String(new.isFictional))]

        let oldNodes = Dictionary(old.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newNodeIDs = Set(new.nodes.map(\.id))
        addedNodes = new.nodes.filter { oldNodes[$0.id] == nil }
        removedNodes = old.nodes.filter { !newNodeIDs.contains($0.id) }
        changedNodes = new.nodes.compactMap { node in
            guard let before = oldNodes[node.id] else { return nil }
            let changes = Self.changes(before, node)
            return changes.isEmpty ? nil : ItemChange(id: node.id, changes: changes)
        }

        let oldLinks = Dictionary(old.links.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newLinkIDs = Set(new.links.map(\.id))
        addedLinks = new.links.filter { oldLinks[$0.id] == nil }
        removedLinks = old.links.filter { !newLinkIDs.contains($0.id) }
        changedLinks = new.links.compactMap { link in
            guard let before = oldLinks[link.id] else { return nil }
            let changes = Self.changes(before, link)
            return changes.isEmpty ? nil : ItemChange(id: link.id, changes: changes)
        }
    }

    static func changes(_ old: ContributionNode, _ new: ContributionNode) -> [FieldChange] {
        var changes: [FieldChange] = []
        func compare(_ field: String, _ before: String?, _ after: String?) {
            if before != after { changes.append(FieldChange(field: field, before: before, after: after)) }
        }
        compare("soort", old.kind.code, new.kind.code)
        compare("naam", old.label, new.label)
        compare("project", old.projectID, new.projectID)
        compare("thema", old.theme?.code, new.theme?.code)
        compare("indicator", old.indicatorID, new.indicatorID)
        return changes
    }

    static func changes(_ old: ContributionLink, _ new: ContributionLink) -> [FieldChange] {
        var changes: [FieldChange] = []
        func compare(_ field: String, _ before: String, _ after: String) {
            if before != after { changes.append(FieldChange(field: field, before: before, after: after)) }
        }
        compare("van", old.from, new.from)
        compare("naar", old.to, new.to)
        compare("aanname", old.assumption, new.assumption)
        compare("bewijskracht", old.evidenceStrength.code, new.evidenceStrength.code)
        changes += listChanges("bewijs", old.evidence.map(\.summary), new.evidence.map(\.summary))
        changes += listChanges("rivaliserendeVerklaringen", old.rivalExplanations, new.rivalExplanations)
        return changes
    }

    /// One change per item removed (in the old order), then one per item added (in the new
    /// order); an item that occurs twice counts twice.
    static func listChanges(_ field: String, _ old: [String], _ new: [String]) -> [FieldChange] {
        var unmatched = new
        var removed: [String] = []
        for item in old {
            if let index = unmatched.firstIndex(of: item) {
                unmatched.remove(at: index)
            } else {
                removed.append(item)
            }
        }
        var remaining = old
        var added: [String] = []
        for item in new {
            if let index = remaining.firstIndex(of: item) {
                remaining.remove(at: index)
            } else {
                added.append(item)
            }
        }
        return removed.map { FieldChange(field: field, before: $0, after: nil) }
            + added.map { FieldChange(field: field, before: nil, after: $0) }
    }
}

/// One change between two graph versions in words: "knoop toegevoegd: z (uitkomst) Zorg
/// dichtbij" with, for a changed item, one detail line per field ("bewijskracht: zwak → redelijk").
public struct ContributionChangeEntry: Sendable, Hashable {
    public var title: String
    public var details: [String]
}

extension ContributionGraphDiff {
    /// The changes in words, in a fixed order: the graph, added, removed and changed nodes,
    /// then added, removed and changed links. Empty when nothing changed.
    public var entries: [ContributionChangeEntry] {
        func details(_ list: [FieldChange]) -> [String] {
            list.map { change in
                switch (change.before, change.after) {
                case (let before?, let after?): "\(change.field): \(before) → \(after)"
                case (let before?, nil): "\(change.field): - \(before)"
                case (nil, let after?): "\(change.field): + \(after)"
                case (nil, nil): change.field
                }
            }
        }
        func link(_ link: ContributionLink) -> String {
            "\(link.id) (\(link.from) → \(link.to), \(link.evidenceStrength.code))"
        }
        var entries: [ContributionChangeEntry] = []
        if !graphChanges.isEmpty { entries.append(.init(title: "graaf", details: details(graphChanges))) }
        entries += addedNodes.map {
            .init(title: "knoop toegevoegd: \($0.id) (\($0.kind.code)) \($0.label)", details: [])
        }
        entries += removedNodes.map {
            .init(title: "knoop verwijderd: \($0.id) (\($0.kind.code)) \($0.label)", details: [])
        }
        entries += changedNodes.map { .init(title: "knoop gewijzigd: \($0.id)", details: details($0.changes)) }
        entries += addedLinks.map { .init(title: "schakel toegevoegd: \(link($0))", details: []) }
        entries += removedLinks.map { .init(title: "schakel verwijderd: \(link($0))", details: []) }
        entries += changedLinks.map { .init(title: "schakel gewijzigd: \($0.id)", details: details($0.changes)) }
        return entries
    }
}
