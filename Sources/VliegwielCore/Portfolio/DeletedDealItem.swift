import Foundation

/// An item of a deal as it was when a change deleted it, kept in the audit entry of that change
/// so that the deletion can be undone (issue 16 item 2: "deleting … can be undone for a while or
/// is recorded so that it can be restored"). The collection is the API's path segment
/// (`partners`, `financiering`, `programmalijnen`, `projecten`).
public struct DeletedDealItem: Sendable, Hashable, Codable {
    public var collection: String
    public var partner: Partner?
    public var financeLine: FinanceLine?
    public var programmeLine: ProgrammeLine?
    public var project: Project?

    enum CodingKeys: String, CodingKey {
        case collection = "soort"
        case partner
        case financeLine = "financiering"
        case programmeLine = "programmalijn"
        case project = "project"
    }

    /// The audit detail that holds the deleted items of one change, as JSON.
    public static let auditDetail = "verwijderd"

    /// What `change` deletes from `record`; `nil` for an upsert or an unknown id.
    public init?(_ change: DealChange, in record: DealRecord) {
        switch change {
        case .deletePartner(let id):
            guard let item = record.partners.first(where: { $0.id == id }) else { return nil }
            self.init(collection: "partners", partner: item)
        case .deleteFinanceLine(let id):
            guard let item = record.financeLines.first(where: { $0.id == id }) else { return nil }
            self.init(collection: "financiering", financeLine: item)
        case .deleteProgrammeLine(let id):
            guard let item = record.programmeLines.first(where: { $0.id == id }) else { return nil }
            self.init(collection: "programmalijnen", programmeLine: item)
        case .deleteProject(let id):
            guard let item = record.projects.first(where: { $0.id == id }) else { return nil }
            self.init(collection: "projecten", project: item)
        default: return nil
        }
    }

    init(
        collection: String, partner: Partner? = nil, financeLine: FinanceLine? = nil,
        programmeLine: ProgrammeLine? = nil, project: Project? = nil
    ) {
        self.collection = collection
        self.partner = partner
        self.financeLine = financeLine
        self.programmeLine = programmeLine
        self.project = project
    }

    /// The id of the deleted item.
    public var id: String {
        partner?.id ?? financeLine?.id ?? programmeLine?.id ?? project?.id ?? ""
    }

    /// The change that puts the item back as it was.
    public var restoration: DealChange? {
        if let partner { return .upsertPartners([partner]) }
        if let financeLine { return .upsertFinanceLines([financeLine]) }
        if let programmeLine { return .upsertProgrammeLines([programmeLine]) }
        if let project { return .upsertProjects([project]) }
        return nil
    }

    /// The audit detail for the deletions among `changes` applied to `record`; `nil` when none.
    public static func auditText(_ changes: [DealChange], from record: DealRecord) -> String? {
        let deleted = changes.compactMap { DeletedDealItem($0, in: record) }
        guard !deleted.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(deleted)).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// The items an audit detail written by ``auditText(_:from:)`` holds; empty when it holds none
    /// or cannot be read.
    public static func items(inAuditText text: String?) -> [DeletedDealItem] {
        guard let data = text?.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([DeletedDealItem].self, from: data)) ?? []
    }
}
