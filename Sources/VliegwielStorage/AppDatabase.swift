import Foundation
import GRDB

/// The embedded database: one SQLite file in WAL mode, created and migrated on first use.
/// Every SQLite store of the product works on one `AppDatabase`, so that one file holds
/// everything and one migrator orders all schema changes.
public final class AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The file, or `nil` in memory.
    let path: String?

    /// Opens (creating when absent) the database file at `path` and migrates it.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        writer = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        try Migrations.migrator.migrate(writer)
    }

    /// An in-memory database, for tests and scenarios that must not persist.
    public init() throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        writer = try DatabaseQueue(configuration: configuration)
        path = nil
        try Migrations.migrator.migrate(writer)
    }

    /// The migrations applied so far, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try Migrations.migrator.appliedMigrations(db) }
    }
}
