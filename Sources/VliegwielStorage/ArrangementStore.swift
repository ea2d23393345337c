import Foundation
import VliegwielCore

/// Where arrangements are kept. One contract, several databases: every implementation
/// passes the same contract tests (Tests/VliegwielStorageTests/StoreContract.swift).
public protocol ArrangementStore: Sendable {
    /// All arrangements, in canonical order (reference variants first, in the essay's order).
    func allArrangements() async throws -> [Arrangement]
    /// One arrangement, or `nil` when the id is unknown.
    func arrangement(id: String) async throws -> Arrangement?
    /// Inserts or replaces `arrangements` in one transaction, recording in the same
    /// transaction a version (``ArrangementVersion``) with `author` and `reason` for each
    /// arrangement that is new or whose document differs from the stored one.
    ///
    /// - Throws: ``ValidationFailure`` (`auteur`, `reden`) when either is empty; nothing is stored.
    func save(_ arrangements: [Arrangement], author: String, reason: String) async throws
    /// Every version of arrangement `id`, oldest first.
    ///
    /// - Throws: ``ValidationFailure`` naming `id` when the arrangement is unknown.
    func versions(of id: String) async throws -> [ArrangementVersion]
    /// Removes an arrangement; returns whether it existed.
    func delete(id: String) async throws -> Bool
    /// Saves one arrangement only when the stored one is still as the writer read it, checked
    /// inside the write transaction (``ExpectedRevision/absent``: only when no arrangement has
    /// its id yet). Records a version as ``save(_:author:reason:)`` does.
    ///
    /// - Returns: the revision now stored.
    /// - Throws: ``RevisionConflict`` when the stored arrangement differs from `expected`;
    ///   ``ValidationFailure`` (`auteur`, `reden`) when either is empty. Nothing is stored.
    @discardableResult
    func save(_ arrangement: Arrangement, expecting expected: ExpectedRevision, author: String, reason: String)
        async throws -> RecordRevision
    /// Removes an arrangement only when its stored revision is `expected`, checked inside the
    /// write transaction. Returns `false` when no arrangement has the id.
    ///
    /// - Throws: ``RevisionConflict`` when the stored revision differs; nothing is removed.
    func delete(id: String, expecting expected: RecordRevision) async throws -> Bool
    /// How many arrangements are stored, without reading them.
    func arrangementCount() async throws -> Int
    /// What the page of arrangement `id` shows, in one snapshot; `nil` when the id is unknown.
    func overview(of id: String) async throws -> ArrangementOverview?
    /// The reason recorded with the first version of every arrangement that has versions, by
    /// arrangement id: how each came into Vliegwiel (for instance a design saved on the website).
    func firstVersionReasons() async throws -> [String: String]
}

extension ArrangementStore {
    /// Inserts or replaces `arrangements` in one transaction: all are stored or none.
    /// Records a version for each one that changed, by author "vliegwiel" for reason "opgeslagen".
    public func save(_ arrangements: [Arrangement]) async throws {
        try await save(arrangements, author: ArrangementRules.defaultAuthor, reason: ArrangementRules.defaultReason)
    }

    /// Plans an import against what is stored and, when the plan is accepted, writes it
    /// in one transaction. A refused plan writes nothing.
    public func importArrangements(
        _ incoming: [Arrangement], shippedReferences: [Arrangement], author: String = "vliegwiel",
        reason: String = "geïmporteerd"
    ) async throws -> ImportPlan {
        let existing = Dictionary(
            try await allArrangements().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let plan = ImportPlanner.plan(
            incoming: incoming, existing: existing,
            shippedReferences: Dictionary(
                shippedReferences.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
        if plan.isAccepted, !plan.toSave.isEmpty { try await save(plan.toSave, author: author, reason: reason) }
        return plan
    }

    /// Makes the stored reference variants equal to the shipped catalogue: adds missing
    /// ones and replaces changed ones (the catalogue, not the database, is their source).
    /// Returns the ids written.
    @discardableResult
    public func synchronizeReferences(with catalogue: [Arrangement]) async throws -> [String] {
        var changed: [Arrangement] = []
        for reference in catalogue where reference.kind == .reference {
            if try await arrangement(id: reference.id) != reference { changed.append(reference) }
        }
        if !changed.isEmpty { try await save(changed) }
        return changed.map(\.id)
    }
}

/// The arrangement stores' decisions, the same on every database: each store reads and writes
/// with its own SQL and asks these what to check, what to record and whether to add a version.
final class ArrangementRules: Sendable {
    /// The author and reason of a version saved without them (`save(_:)`).
    static let defaultAuthor = "vliegwiel"
    static let defaultReason = "opgeslagen"

    /// The stored document of `arrangement`: the interchange JSON with sorted keys.
    static func encode(_ arrangement: Arrangement) throws -> String {
        try StoredDocument.text(arrangement, escapingSlashes: true)
    }

    /// The arrangement a stored document holds, decoded once per document text
    /// (``KeptDocuments``): every read that finds the same text, in any store, shares it.
    func decode(_ document: String) throws -> Arrangement {
        try KeptDocuments.shared.decode(Arrangement.self, document)
    }

    /// The arrangements with their documents, to save by `author` for `reason`: a version
    /// needs both who and why.
    static func documents(_ arrangements: [Arrangement], author: String, reason: String) throws
        -> [(Arrangement, String)]
    {
        try requireAuthorAndReason(author, reason)
        return try arrangements.map { ($0, try encode($0)) }
    }

    private static func requireAuthorAndReason(_ author: String, _ reason: String) throws {
        var issues: [ValidationIssue] = []
        if author.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(ValidationIssue(field: "auteur", message: "ontbreekt; wie wijzigde?"))
        }
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(ValidationIssue(field: "reden", message: "ontbreekt; waarom?"))
        }
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
    }

    /// Throws ``RevisionConflict`` unless the stored document of `id` (`nil`: none) is as `expected`.
    func check(_ id: String, stored: String?, expecting expected: ExpectedRevision) throws {
        try expected.require(try stored.map { try RecordRevision(of: try decode($0)) }, of: "arrangement '\(id)'")
    }

    /// What saving `document` over `stored` records: its audit event, and whether a version is
    /// added (only when the document is new or differs: saving the same again adds none).
    static func saving(
        _ arrangement: Arrangement, document: String, over stored: String?, author: String, reason: String
    ) -> (event: AuditEvent, addsVersion: Bool) {
        let content = stored == nil ? "nieuw" : stored == document ? "ongewijzigd" : "gewijzigd"
        return (
            AuditEvent(
                action: "arrangement.opslaan", object: "arrangement:\(arrangement.id)",
                details: ["naam": arrangement.name, "auteur": author, "reden": reason, "inhoud": content]),
            stored != document
        )
    }

    /// The audit event of removing arrangement `id` named `name`.
    static func removal(_ id: String, name: String) -> AuditEvent {
        AuditEvent(action: "arrangement.verwijderen", object: "arrangement:\(id)", details: ["naam": name])
    }

    /// The versions as read (number, moment, author, reason, document), with their arrangements.
    func versions(_ rows: [(Int, Date, String, String, String)]) throws -> [ArrangementVersion] {
        try rows.map { row in
            ArrangementVersion(
                number: row.0, date: row.1, author: row.2, reason: row.3, arrangement: try decode(row.4))
        }
    }

    /// A version row of either database, as ``versions(_:)`` takes it.
    static func versionRow(_ row: some StoredRow) throws -> (Int, Date, String, String, String) {
        (
            try row.value("version"), try row.value("recorded_at"), try row.value("author"),
            try row.value("reason"), try row.value("document")
        )
    }
}
