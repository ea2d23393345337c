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
        try Self.requireAuthorAndReason(author, reason)
        let rows = try arrangements.map { ($0, try Self.encode($0)) }
        try await writer.write { db in
            let now = Date()
            for (arrangement, document) in rows {
                try Self.write(arrangement, document: document, author: author, reason: reason, at: now, in: db)
            }
        }
    }

    @discardableResult
    public func save(
        _ arrangement: Arrangement, expecting expected: ExpectedRevision, author: String, reason: String
    ) async throws -> RecordRevision {
        try Self.requireAuthorAndReason(author, reason)
        let document = try Self.encode(arrangement)
        let revision = try RecordRevision(of: arrangement)
        try await writer.write { db in
            try self.check(arrangement.id, expecting: expected, in: db)
            try Self.write(arrangement, document: document, author: author, reason: reason, at: Date(), in: db)
        }
        return revision
    }

    private static func requireAuthorAndReason(_ author: String, _ reason: String) throws {
        var issues: [ValidationIssue] = []
        if author.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(ValidationIssue(field: "auteur", message: "ontbreekt; wie wijzigde?"))
        }
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(ValidationIssue(field: "reden", message: "ontbreekt; waarom?"))
        }
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
    }

    /// Throws ``RevisionConflict`` unless the stored arrangement `id` is as `expected`
    /// (within the caller's transaction).
    private func check(_ id: String, expecting expected: ExpectedRevision, in db: Database) throws {
        let stored = try String.fetchOne(db, sql: "SELECT document FROM arrangement WHERE id = ?", arguments: [id])
        let found = try stored.map { try RecordRevision(of: try decode($0)) }
        let matches: Bool =
            switch expected {
            case .absent: found == nil
            case .revision(let revision): found == revision
            }
        if !matches { throw RevisionConflict(record: "arrangement '\(id)'", expected: expected, found: found) }
    }

    /// Inserts or replaces one arrangement, its version when the document changed, and its
    /// audit entry (within the caller's transaction).
    private static func write(
        _ arrangement: Arrangement, document: String, author: String, reason: String, at now: Date, in db: Database
    ) throws {
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
        try AuditTrail.record(
            action: "arrangement.opslaan", object: "arrangement:\(arrangement.id)",
            details: [
                "naam": arrangement.name, "auteur": author, "reden": reason,
                "inhoud": stored == nil ? "nieuw" : stored == document ? "ongewijzigd" : "gewijzigd",
            ], in: db)
        // A version only when the document is new or differs: saving the same again adds none.
        guard stored != document else { return }
        try db.execute(
            sql: """
                INSERT INTO arrangement_version (arrangement_id, version, recorded_at, author, reason, document)
                VALUES (?, (SELECT COALESCE(MAX(version), 0) + 1 FROM arrangement_version WHERE arrangement_id = ?),
                        ?, ?, ?, ?)
                """,
            arguments: [arrangement.id, arrangement.id, now, author, reason, document])
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
        try await writer.write { db in try Self.remove(id, in: db) }
    }

    public func delete(id: String, expecting expected: RecordRevision) async throws -> Bool {
        try await writer.write { db in
            guard
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = ?)", arguments: [id])
                    == true
            else { return false }
            try self.check(id, expecting: .revision(expected), in: db)
            return try Self.remove(id, in: db)
        }
    }

    /// Removes arrangement `id` and records it (within the caller's transaction).
    private static func remove(_ id: String, in db: Database) throws -> Bool {
        let name = try String.fetchOne(db, sql: "SELECT name FROM arrangement WHERE id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM arrangement WHERE id = ?", arguments: [id])
        guard db.changesCount > 0 else { return false }
        try AuditTrail.record(
            action: "arrangement.verwijderen", object: "arrangement:\(id)", details: ["naam": name ?? ""], in: db)
        return true
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
