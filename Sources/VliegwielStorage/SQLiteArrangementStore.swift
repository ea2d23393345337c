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
        try await save(arrangements, author: Self.defaultAuthor, reason: Self.defaultReason)
    }

    /// The author and reason of a version saved without them (`save(_:)`).
    public static let defaultAuthor = "vliegwiel"
    public static let defaultReason = "opgeslagen"

    public func save(_ arrangements: [Arrangement], author: String, reason: String) async throws {
        var issues: [ValidationIssue] = []
        if author.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(ValidationIssue(field: "auteur", message: "ontbreekt; wie wijzigde?"))
        }
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(ValidationIssue(field: "reden", message: "ontbreekt; waarom?"))
        }
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
        let rows = try arrangements.map { ($0, try Self.encode($0)) }
        try await writer.write { db in
            let now = Date()
            for (arrangement, document) in rows {
                let stored = try String.fetchOne(
                    db, sql: "SELECT document FROM arrangement WHERE id = ?", arguments: [arrangement.id])
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
                // A version only when the document is new or differs: saving the same again adds none.
                guard stored != document else { continue }
                try db.execute(
                    sql: """
                        INSERT INTO arrangement_version (arrangement_id, version, recorded_at, author, reason, document)
                        VALUES (?, (SELECT COALESCE(MAX(version), 0) + 1 FROM arrangement_version WHERE arrangement_id = ?),
                                ?, ?, ?, ?)
                        """,
                    arguments: [arrangement.id, arrangement.id, now, author, reason, document])
            }
        }
    }

    public func versions(of id: String) async throws -> [ArrangementVersion] {
        let rows = try await writer.read { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = ?)", arguments: [id]) == true
            else {
                throw ValidationFailure(issues: [ValidationIssue(field: "id", message: "onbekend arrangement '\(id)'")])
            }
            // Plain values out of the read, so the asynchronous read applies (a row is not Sendable).
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT version, recorded_at, author, reason, document FROM arrangement_version
                    WHERE arrangement_id = ? ORDER BY version
                    """,
                arguments: [id]
            ).map { row -> (number: Int, date: Date, author: String, reason: String, document: String) in
                (row["version"], row["recorded_at"], row["author"], row["reason"], row["document"])
            }
        }
        return try rows.map { row in
            ArrangementVersion(
                number: row.number, date: row.date, author: row.author, reason: row.reason,
                arrangement: try decode(row.document))
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

/// The table of arrangement versions (migration "v5 arrangement versions"): one row per
/// version, unique per arrangement and number (the primary key), the arrangement in the same
/// document form as `arrangement.document`, deleted with its arrangement. The arrangements
/// stored before the migration get their current document as version 1.
enum ArrangementVersionSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE arrangement_version (
                  arrangement_id TEXT NOT NULL REFERENCES arrangement(id) ON DELETE CASCADE,
                  version INTEGER NOT NULL CHECK (version >= 1),
                  recorded_at DATETIME NOT NULL,
                  author TEXT NOT NULL CHECK (length(trim(author)) > 0),
                  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                  document TEXT NOT NULL,
                  PRIMARY KEY (arrangement_id, version)
                );
                INSERT INTO arrangement_version (arrangement_id, version, recorded_at, author, reason, document)
                SELECT id, 1, updated_at, 'vliegwiel', 'bestond al vóór de profielgeschiedenis', document
                FROM arrangement;
                """)
    }
}
