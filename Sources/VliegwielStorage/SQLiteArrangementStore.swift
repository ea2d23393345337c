import Foundation
import GRDB
import VliegwielCore

/// The embedded store: one SQLite file in WAL mode, created and migrated on first use.
public final class SQLiteArrangementStore: ArrangementStore {
    private let writer: any DatabaseWriter

    /// Opens (creating when absent) the database file at `path` and migrates it.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        writer = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(writer)
    }

    /// An in-memory database, for tests and what-ifs that must not persist.
    public init() throws {
        writer = try DatabaseQueue()
        try Self.migrator.migrate(writer)
    }

    /// The versioned schema. Never edit a registered migration: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 arrangements") { db in
            try db.create(table: "arrangement") { table in
                table.column("id", .text).primaryKey().check { length($0) > 0 }
                table.column("name", .text).notNull().check { length($0) > 0 }
                table.column("family", .text).notNull()
                    .check { Family.allCases.map(\.rawValue).contains($0) }
                table.column("kind", .text).notNull()
                    .check { ArrangementKind.allCases.map(\.rawValue).contains($0) }
                table.column("variant_id", .text).notNull()
                // The whole arrangement in the interchange form (JSON): nothing is lost.
                table.column("document", .text).notNull()
                table.column("version", .integer).notNull().defaults(to: 1)
                table.column("updated_at", .datetime).notNull()
            }
        }
        return migrator
    }

    /// The migrations applied so far, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try Self.migrator.appliedMigrations(db) }
    }

    public func allArrangements() async throws -> [Arrangement] {
        let documents = try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT document FROM arrangement")
        }
        return try documents.map(Self.decode).sortedCanonically()
    }

    public func arrangement(id: String) async throws -> Arrangement? {
        let document = try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT document FROM arrangement WHERE id = ?", arguments: [id])
        }
        return try document.map(Self.decode)
    }

    public func save(_ arrangements: [Arrangement]) async throws {
        let rows = try arrangements.map { ($0, try Self.encode($0)) }
        try await writer.write { db in
            let now = Date()
            for (arrangement, document) in rows {
                try db.execute(
                    sql: """
                        INSERT INTO arrangement (id, name, family, kind, variant_id, document, version, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, 1, ?)
                        ON CONFLICT(id) DO UPDATE SET
                          name = excluded.name, family = excluded.family, kind = excluded.kind,
                          variant_id = excluded.variant_id, document = excluded.document,
                          version = arrangement.version + 1, updated_at = excluded.updated_at
                        """,
                    arguments: [
                        arrangement.id, arrangement.name, arrangement.family.rawValue, arrangement.kind.rawValue,
                        arrangement.variantID, document, now,
                    ])
            }
        }
    }

    public func delete(id: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM arrangement WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    private static func encode(_ arrangement: Arrangement) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(arrangement), as: UTF8.self)
    }

    private static func decode(_ document: String) throws -> Arrangement {
        try JSONDecoder().decode(Arrangement.self, from: Data(document.utf8))
    }
}
