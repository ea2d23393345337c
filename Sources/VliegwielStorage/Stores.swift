/// Every store of one installation, behind the store protocols, so that the CLI and the web
/// application work the same on any database. A new kind of record adds its store here: a
/// property and one line in `init(on:…)`, which serves both databases.
public struct Stores: Sendable {
    public var arrangements: any ArrangementStore
    public var portfolio: any PortfolioStore
    public var qcaOutcomes: any QCAOutcomeStore
    public var contributions: any ContributionStore
    /// The audit trail: every data change, append-only and hash-chained.
    public var audit: any AuditStore
    public var learningLog: any LearningLogStore
    /// Programme and context indicators (issue 6 item 3).
    public var indicators: any IndicatorStore
    /// Accounts, sessions, API tokens and login attempts (issue 7 items 1 and 2; docs/accounts.md).
    public var accounts: any AccountStore
    /// The whole installation at once, for moving it between databases (exporteer/importeer --alles).
    public var installation: any InstallationStore
    /// A write that the health check makes, to notice a database that cannot take writes.
    public var health: any HealthProbe
    /// The installation's version, which moves with every committed change (``ChangeProbe``).
    public var changes: any ChangeProbe

    /// The stores on `database`, written once for every database; a context import goes in the
    /// database's own fastest way (`importer`).
    init(on database: any StoreDatabase, importer: any ContextImporter) {
        arrangements = DatabaseArrangementStore(database: database)
        portfolio = DatabasePortfolioStore(database: database)
        qcaOutcomes = DatabaseQCAOutcomeStore(database: database)
        contributions = DatabaseContributionStore(database: database)
        learningLog = DatabaseLearningLogStore(database: database)
        accounts = DatabaseAccountStore(database: database)
        audit = DatabaseAuditStore(database: database)
        indicators = DatabaseIndicatorStore(database: database, importer: importer)
        installation = DatabaseInstallationStore(database: database)
        health = DatabaseHealthProbe(database: database)
        changes = AuditSequenceProbe(audit: audit)
    }

    /// The stores of the embedded SQLite database.
    public init(sqlite database: AppDatabase) {
        self.init(on: database, importer: SQLiteContextImporter(writer: database.writer))
        // A file: its data version, read without a query of a table. (Should the probe's own
        // connection fail to open, the audit sequence still tells every change.)
        if let path = database.path, let probe = try? SQLiteDataVersionProbe(path: path) { changes = probe }
    }
}
