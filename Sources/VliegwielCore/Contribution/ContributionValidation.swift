import Foundation

extension ContributionGraph {
    /// Every problem in the graph at once, each with its field path in the Dutch keys
    /// (`schakels[2].aanname`); empty when the graph may be stored. The rules are in
    /// docs/bijdrage.md:
    ///
    /// - node and link ids are slugs, each unique; names and assumptions are not empty;
    /// - a link joins two known, different nodes, and no two links join the same pair in the
    ///   same direction;
    /// - no link points into an `interventie`, `interventie-van-derden` or `contextfactor`:
    ///   the theory says what they bring about, not what brings them about (a decision to
    ///   intervene after a lesson belongs in the learning log). So an `uitkomst` may only
    ///   lead on to a `deeleffect`, `voorwaarde` or other `uitkomst` — the flywheel, the
    ///   circular relation of §5.1 — and cycles among those are allowed;
    /// - only an `interventie` names a project; only an `uitkomst` names a theme or an
    ///   indicator, and it names at least one;
    /// - evidence items name what and where; rival explanations are not empty.
    public var issues: [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String) {
            issues.append(ValidationIssue(arrangementID: arrangementID, field: field, message: message))
        }
        func blank(_ text: String?) -> Bool { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        func checkID(_ id: String, _ field: String, _ seen: inout [String: Int], _ index: Int, _ collection: String) {
            if !ArrangementValidator.isSlug(id) {
                add(field, "'\(id)' is geen geldige id; gebruik kleine letters en cijfers met losse streepjes")
            } else if let first = seen[id] {
                add(field, "'\(id)' komt meer dan eens voor; ook bij \(collection)[\(first)]")
            } else {
                seen[id] = index
            }
        }

        var nodeIndex: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            let path = "knopen[\(index)]"
            checkID(node.id, "\(path).id", &nodeIndex, index, "knopen")
            if blank(node.label) { add("\(path).naam", "ontbreekt of is leeg") }
            if node.projectID != nil, node.kind != .intervention {
                add("\(path).project", "alleen een interventie hoort bij een project; dit is een \(node.kind.code)")
            }
            if let project = node.projectID, !ArrangementValidator.isSlug(project) {
                add("\(path).project", "'\(project)' is geen geldige project-id")
            }
            if node.kind == .outcome {
                if node.theme == nil, blank(node.indicatorID) {
                    add(
                        "\(path).thema",
                        "een uitkomst hoort bij een brede-welvaartsthema of een indicator; toegestaan: "
                            + WellbeingTheme.allowedCodes)
                }
            } else {
                if node.theme != nil { add("\(path).thema", "alleen een uitkomst heeft een thema") }
                if node.indicatorID != nil { add("\(path).indicator", "alleen een uitkomst heeft een indicator") }
            }
        }

        let kinds = Dictionary(nodes.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
        var listed: Set<String> = []
        let knownIDs = nodes.map(\.id).filter { listed.insert($0).inserted }
        func known() -> String { knownIDs.isEmpty ? "(nog geen)" : knownIDs.joined(separator: ", ") }
        var linkIndex: [String: Int] = [:]
        var pairs: [String: Int] = [:]
        for (index, link) in links.enumerated() {
            let path = "schakels[\(index)]"
            checkID(link.id, "\(path).id", &linkIndex, index, "schakels")
            let fromKind = kinds[link.from]
            let toKind = kinds[link.to]
            if fromKind == nil { add("\(path).van", "onbekende knoop '\(link.from)'; bekende knopen: \(known())") }
            if toKind == nil {
                add("\(path).naar", "onbekende knoop '\(link.to)'; bekende knopen: \(known())")
            } else if link.from == link.to {
                add(
                    "\(path).naar",
                    "een schakel van '\(link.from)' naar zichzelf; een knoop draagt niet aan zichzelf bij")
            } else if let toKind, toKind.isSource {
                add(
                    "\(path).naar",
                    "een schakel kan niet naar een \(toKind.code) wijzen ('\(link.to)'); die is een beginpunt van de veranderingstheorie"
                )
            }
            if fromKind != nil, toKind != nil, link.from != link.to {
                let pair = "\(link.from)\u{1F}\(link.to)"
                if let first = pairs[pair] {
                    add("\(path).naar", "dezelfde schakel '\(link.from)' → '\(link.to)' als schakels[\(first)]")
                } else {
                    pairs[pair] = index
                }
            }
            if blank(link.assumption) { add("\(path).aanname", "ontbreekt; zeg in woorden waarom deze schakel werkt") }
            for (itemIndex, item) in link.evidence.enumerated() {
                if blank(item.what) { add("\(path).bewijs[\(itemIndex)].wat", "ontbreekt of is leeg") }
                if blank(item.source) { add("\(path).bewijs[\(itemIndex)].bron", "ontbreekt; noem de bron") }
            }
            for (itemIndex, rival) in link.rivalExplanations.enumerated() where blank(rival) {
                add("\(path).rivaliserendeVerklaringen[\(itemIndex)]", "is leeg")
            }
        }
        return issues
    }

    /// The graph, when it has no problems.
    public func validated() throws(ValidationFailure) -> ContributionGraph {
        let found = issues
        if !found.isEmpty { throw ValidationFailure(issues: found) }
        return self
    }

    /// The problems of attaching the graph to `deal`: another deal's id, or a fictional
    /// graph on a real deal (or the other way round). Made-up data never reaches a real deal.
    public func issues(attachingTo deal: PortfolioDeal) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if arrangementID != deal.id {
            issues.append(
                ValidationIssue(
                    arrangementID: deal.id, field: "arrangement",
                    message: "de graaf hoort bij '\(arrangementID)', niet bij '\(deal.id)'"))
        }
        if isFictional != deal.isFictional {
            issues.append(
                ValidationIssue(
                    arrangementID: deal.id, field: "fictief",
                    message: isFictional
                        ? "een fictieve graaf hoort nooit bij een echte deal"
                        : "een fictieve deal krijgt alleen een fictieve graaf"))
        }
        return issues
    }
}
