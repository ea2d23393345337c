import VliegwielCore

/// Where arrangements are kept. One contract, several databases: every implementation
/// passes the same contract tests (Tests/VliegwielStorageTests/StoreContract.swift).
public protocol ArrangementStore: Sendable {
    /// All arrangements, in canonical order (reference variants first, in the essay's order).
    func allArrangements() async throws -> [Arrangement]
    /// One arrangement, or `nil` when the id is unknown.
    func arrangement(id: String) async throws -> Arrangement?
    /// Inserts or replaces `arrangements` in one transaction: all are stored or none.
    /// Records a version for each one that changed, by author "vliegwiel" for reason "opgeslagen".
    func save(_ arrangements: [Arrangement]) async throws
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
}

extension ArrangementStore {
    /// For a store that cannot check inside its write transaction: checks, then saves. This
    /// only narrows the window for a lost update; a store should implement the requirement.
    @discardableResult
    public func save(
        _ arrangement: Arrangement, expecting expected: ExpectedRevision, author: String, reason: String
    ) async throws -> RecordRevision {
        try await checkOutsideTransaction(arrangement.id, expecting: expected)
        try await save([arrangement], author: author, reason: reason)
        return try RecordRevision(of: arrangement)
    }

    /// For a store that cannot check inside its write transaction: checks, then deletes (see above).
    public func delete(id: String, expecting expected: RecordRevision) async throws -> Bool {
        guard try await revision(of: id) != nil else { return false }
        try await checkOutsideTransaction(id, expecting: .revision(expected))
        return try await delete(id: id)
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
