/// Every store of one installation, behind the store protocols, so that the CLI and the web
/// application work the same on any database. A new kind of record adds its store here: a
/// property and one line in each database's initialiser (`init(sqlite:)`, and the PostgreSQL one).
public struct Stores: Sendable {
    public var arrangements: any ArrangementStore
    public var portfolio: any PortfolioStore
    public var qcaOutcomes: any QCAOutcomeStore
    public var contributions: any ContributionStore
    /// The audit trail: every data change, append-only and hash-chained. Until a database
    /// brings its own, it says the trail is not available there.
    public var audit: any AuditStore = UnavailableAuditStore()
    /// Until a database brings its own, the learning log says it is not available there.
    public var learningLog: any LearningLogStore = UnavailableLearningLogStore()
    /// Programme and context indicators (issue 6 item 3); unavailable until a database brings its own.
    public var indicators: any IndicatorStore = UnavailableIndicatorStore()
    /// Accounts, sessions, API tokens and login attempts (issue 7 items 1 and 2; docs/accounts.md).
    public var accounts: any AccountStore = UnavailableAccountStore()
    /// The whole installation at once, for moving it between databases (exporteer/importeer --alles).
    public var installation: any InstallationStore
    /// A write that the health check makes, to notice a database that cannot take writes.
    public var health: any HealthProbe

    /// The stores of the embedded SQLite database.
    public init(sqlite database: AppDatabase) {
        arrangements = SQLiteArrangementStore(database: database)
        portfolio = SQLitePortfolioStore(database: database)
        qcaOutcomes = SQLiteQCAOutcomeStore(database: database)
        contributions = SQLiteContributionStore(database: database)
        audit = SQLiteAuditStore(database: database)
        learningLog = SQLiteLearningLogStore(database: database)
        indicators = SQLiteIndicatorStore(database: database)
        accounts = SQLiteAccountStore(database: database)
        installation = SQLiteInstallationStore(database: database)
        health = SQLiteHealthProbe(database: database)
    }
}
