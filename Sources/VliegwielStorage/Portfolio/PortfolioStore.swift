import VliegwielCore

/// Where the portfolio is kept: the deals with their partners, money, programme lines and
/// projects. One contract, several databases: every implementation passes the same
/// contract tests (Tests/VliegwielStorageTests/PortfolioStoreContract.swift).
public protocol PortfolioStore: Sendable {
    /// Every deal of the portfolio, in tranche order, then by name.
    func portfolio() async throws -> [PortfolioDeal]
    /// Everything about one deal, or `nil` when the id is not a deal of the portfolio.
    func record(id: String) async throws -> DealRecord?
    /// Applies `changes` to the deal `id` in one transaction. The changed record is checked
    /// whole first; when a problem remains nothing is stored.
    ///
    /// - Returns: the stored record.
    /// - Throws: ``ValidationFailure`` naming every problem (unknown deal, unknown item to
    ///   delete, a reference to an unknown partner or programme line, bad dates or amounts).
    @discardableResult
    func apply(_ changes: [DealChange], to id: String) async throws -> DealRecord
    /// As ``apply(_:to:)``, only when the stored record still has revision `expected` (the one
    /// the writer read), checked inside the write transaction.
    ///
    /// - Throws: ``RevisionConflict`` when the record changed in between; nothing is stored.
    @discardableResult
    func apply(_ changes: [DealChange], to id: String, expecting expected: RecordRevision) async throws
        -> DealRecord
    /// Loads a shipped data set once: the arrangements and records that are absent are added;
    /// nothing present is changed. Returns `false` when `name` was loaded before.
    @discardableResult
    func seedIfAbsent(_ seed: PortfolioSeed, name: String) async throws -> Bool
    /// Whether the data set `name` was loaded before.
    func hasSeeded(_ name: String) async throws -> Bool
}

extension PortfolioStore {
    /// Loads a shipped data set once, building it only when it was not loaded before: reading
    /// the shipped files is the costly part, and every start and command comes here.
    @discardableResult
    public func seedIfAbsent(name: String, _ seed: () throws -> PortfolioSeed) async throws -> Bool {
        guard try await !hasSeeded(name) else { return false }
        return try await seedIfAbsent(try seed(), name: name)
    }
}

extension PortfolioStore {
    /// For a store that cannot check inside its write transaction: checks, then applies. This
    /// only narrows the window for a lost update; a store should implement the requirement.
    @discardableResult
    public func apply(_ changes: [DealChange], to id: String, expecting expected: RecordRevision) async throws
        -> DealRecord
    {
        if let current = try await record(id: id), try RecordRevision(of: current) != expected {
            throw RevisionConflict(
                record: "deal '\(id)'", expected: .revision(expected), found: try RecordRevision(of: current))
        }
        return try await apply(changes, to: id)
    }
}

extension DealChange {
    /// One Dutch line for the audit trail: what kind of change, to which ids.
    public var auditDescription: String {
        switch self {
        case .updateDeal: "deal bijwerken"
        case .upsertPartners(let items): "partners bijwerken: " + items.map(\.id).joined(separator: ", ")
        case .deletePartner(let id): "partner verwijderen: \(id)"
        case .upsertFinanceLines(let items): "financiering bijwerken: " + items.map(\.id).joined(separator: ", ")
        case .deleteFinanceLine(let id): "financiering verwijderen: \(id)"
        case .upsertProgrammeLines(let items): "programmalijnen bijwerken: " + items.map(\.id).joined(separator: ", ")
        case .deleteProgrammeLine(let id): "programmalijn verwijderen: \(id)"
        case .upsertProjects(let items): "projecten bijwerken: " + items.map(\.id).joined(separator: ", ")
        case .deleteProject(let id): "project verwijderen: \(id)"
        }
    }
}
