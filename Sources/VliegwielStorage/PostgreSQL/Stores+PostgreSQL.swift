extension Stores {
    /// The stores of a PostgreSQL database: every store of ``Stores``, on the server.
    public init(postgres database: PostgresDatabase) {
        arrangements = PostgresArrangementStore(database: database)
        portfolio = PostgresPortfolioStore(database: database)
        qcaOutcomes = PostgresQCAOutcomeStore(database: database)
        contributions = PostgresContributionStore(database: database)
        audit = PostgresAuditStore(database: database)
        learningLog = PostgresLearningLogStore(database: database)
        indicators = PostgresIndicatorStore(database: database)
        accounts = PostgresAccountStore(database: database)
        installation = PostgresInstallationStore(database: database)
        health = PostgresHealthProbe(database: database)
    }
}
