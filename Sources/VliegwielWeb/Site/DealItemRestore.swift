import Foundation
import VliegwielCore
import VliegwielStorage

/// Undoing a deletion (issue 16 item 2: "deleting … can be undone for a while or is recorded so
/// that it can be restored"). Every deletion's audit entry holds the deleted item whole
/// (``DeletedDealItem``); for an hour its editor can put it back from the deal's page. After
/// that it stays readable in the audit trail (`/beheer/audit`, `vliegwiel audit`), so that it
/// can be entered again.
enum DealItemRestore {
    /// How long after a deletion its editor can undo it from the deal's page.
    static let window: TimeInterval = 60 * 60

    /// The deletion of item `itemID` of `collection` from deal `dealID` that `actor` made within
    /// the window, as the audit trail keeps it; `nil` when there is none.
    static func recentDeletion(
        of itemID: String, in collection: DealCollection, deal dealID: String, by actor: String,
        audit: any AuditStore, now: Date = Date()
    ) async throws -> DeletedDealItem? {
        let recent = try await audit.entries(
            AuditQuery(action: "portefeuille.wijzigen", object: "deal:\(dealID)", newestFirst: true, limit: 100))
        for entry in recent.entries {
            guard now.timeIntervalSince(entry.time.date) <= window else { break }
            guard entry.actor == actor, entry.result == .succeeded else { continue }
            let deleted = DeletedDealItem.items(inAuditText: entry.details[DeletedDealItem.auditDetail])
            if let item = deleted.first(where: { $0.collection == collection.rawValue && $0.id == itemID }) {
                return item
            }
        }
        return nil
    }

    /// The undo button for the deal page after a deletion, when this visitor may still use it.
    static func undo(
        query: [String: [String]], record: DealRecord, actor: String, audit: any AuditStore
    ) async throws -> DealSection.Undo? {
        guard let collection = query["verwijderd"]?.first.flatMap(DealCollection.init(rawValue:)),
            let itemID = query["item"]?.first, !collection.contains(itemID, in: record),
            try await recentDeletion(of: itemID, in: collection, deal: record.deal.id, by: actor, audit: audit) != nil
        else { return nil }
        return DealSection.Undo(
            action: SiteURL.restoreDealItem(record.deal.id).path, collection: collection.rawValue, itemID: itemID)
    }
}
