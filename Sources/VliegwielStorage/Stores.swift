/// Every store of one installation, behind the store protocols, so that the CLI and the web
/// application work the same on any database. A new kind of record adds its store here.
public struct Stores: Sendable {
    public var arrangements: any ArrangementStore
    public var portfolio: any PortfolioStore
    public var qcaOutcomes: any QCAOutcomeStore
    public var contributions: any ContributionStore

    public init(
        arrangements: any ArrangementStore, portfolio: any PortfolioStore, qcaOutcomes: any QCAOutcomeStore,
        contributions: any ContributionStore
    ) {
        self.arrangements = arrangements
        self.portfolio = portfolio
        self.qcaOutcomes = qcaOutcomes
        self.contributions = contributions
    }

    /// The stores of the embedded SQLite database.
    public init(sqlite database: AppDatabase) {
        self.init(
            arrangements: SQLiteArrangementStore(database: database),
            portfolio: SQLitePortfolioStore(database: database),
            qcaOutcomes: SQLiteQCAOutcomeStore(database: database),
            contributions: SQLiteContributionStore(database: database))
    }
}
