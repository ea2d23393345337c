import Foundation
import GRDB
import Synchronization
import VliegwielCore

/// The arrangements in the embedded SQLite database.
public final class SQLiteArrangementStore: ArrangementStore {
    private let writer: any DatabaseWriter
    /// Decoded arrangements by their stored document: decoding is the costly part of a read,
    /// and a document that has not changed decodes to the same arrangement. The database
    /// stays the truth: every read fetches the documents and decodes those that changed, so
    /// another process writing to the same file is always seen.
    private let decoded = Mutex<[String: Arrangement]>([:])

    public init(database: AppDatabase) {
        writer = database.writer
    }

    /// Opens (creating when absent) the database file at `path`, migrated.
    public convenience init(path: String) throws {
        self.init(database: try AppDatabase(path: path))
    }

    /// An in-memory database.
    public convenience init() throws {
        self.init(database: try AppDatabase())
    }

    public func allArrangements() async throws -> [Arrangement] {
        let documents = try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT document FROM arrangement")
        }
        return try documents.map(decode).sortedCanonically()
    }

    public func arrangementCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM arrangement") ?? 0 }
    }

    public func arrangement(id: String) async throws -> Arrangement? {
        let document = try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT document FROM arrangement WHERE id = ?", arguments: [id])
        }
        return try document.map(decode)
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

    private func decode(_ document: String) throws -> Arrangement {
        if let known = decoded.withLock({ $0[document] }) { return known }
        let arrangement = try JSONDecoder().decode(Arrangement.self, from: Data(document.utf8))
        decoded.withLock { cache in
            // Bounded: a cache that outgrows the database by far is started afresh.
            if cache.count > 10_000 { cache.removeAll() }
            cache[document] = arrangement
        }
        return arrangement
    }
}
