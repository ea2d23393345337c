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
    /// Loads a shipped data set once: the arrangements and records that are absent are added;
    /// nothing present is changed. Returns `false` when `name` was loaded before.
    @discardableResult
    func seedIfAbsent(_ seed: PortfolioSeed, name: String) async throws -> Bool
}
