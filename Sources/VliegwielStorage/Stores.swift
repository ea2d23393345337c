/// Every store of one installation, behind the store protocols, so that the CLI and the web
/// application work the same on any database. A new kind of record adds its store here: a
/// property and one line in each database's initialiser (`init(sqlite:)`, and the PostgreSQL one).
public struct Stores: Sendable {
    public var arrangements: any ArrangementStore
    public var portfolio: any PortfolioStore
    public var qcaOutcomes: any QCAOutcomeStore
    public var contributions: any ContributionStore

    /// The stores of the embedded SQLite database.
    public init(sqlite database: AppDatabase) {
        arrangements = SQLiteArrangementStore(database: database)
        portfolio = SQLitePortfolioStore(database: database)
        qcaOutcomes = SQLiteQCAOutcomeStore(database: database)
        contributions = SQLiteContributionStore(database: database)
    }
}
