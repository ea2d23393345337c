import VliegwielCore

/// Small graphs built for the tests: a node's label is its id, a link's id is `van-naar`.
enum ContributionFixture {
    static let arrangementID = "test-arrangement"

    static func node(_ id: String, _ kind: ContributionNodeKind, theme: WellbeingTheme? = nil) -> ContributionNode {
        ContributionNode(
            id: id, kind: kind, label: id, theme: theme ?? (kind == .outcome ? .society : nil))
    }

    static func link(
        _ from: String, _ to: String, _ strength: EvidenceStrength = .reasonable, evidence: [EvidenceItem] = [],
        rivals: [String] = []
    ) -> ContributionLink {
        ContributionLink(
            id: "\(from)-\(to)", from: from, to: to, assumption: "\(from) leidt tot \(to)", evidenceStrength: strength,
            evidence: evidence, rivalExplanations: rivals)
    }

    static func graph(_ nodes: [ContributionNode], _ links: [ContributionLink]) -> ContributionGraph {
        ContributionGraph(arrangementID: arrangementID, nodes: nodes, links: links)
    }

    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    /// a → d → v → u, a → v, with two cycles back: u → d (the outcome feeds back) and v → d.
    static var cycle: ContributionGraph {
        graph(
            [node("a", .intervention), node("d", .partialEffect), node("v", .condition), node("u", .outcome)],
            [link("a", "d"), link("d", "v"), link("v", "u"), link("u", "d"), link("a", "v"), link("v", "d")])
    }
}
