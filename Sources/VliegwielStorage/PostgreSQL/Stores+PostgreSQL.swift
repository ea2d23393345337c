extension Stores {
    /// The stores of a PostgreSQL database: every store of ``Stores``, on the server.
    public init(postgres database: PostgresDatabase) {
        self.init(on: database, importer: PostgresContextImporter(database: database))
    }
}
