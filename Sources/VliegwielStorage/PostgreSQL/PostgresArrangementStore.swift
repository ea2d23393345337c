import Foundation
import PostgresNIO
import Synchronization
import VliegwielCore

/// The arrangements in a PostgreSQL database: the same contract, tables and versions as
/// ``SQLiteArrangementStore``.
public final class PostgresArrangementStore: ArrangementStore {
    private let database: PostgresDatabase
    /// Decoded arrangements by their stored document, as in the SQLite store: the database
    /// stays the truth, only the decoding of an unchanged document is saved.
    private let decoded = Mutex<[String: Arrangement]>([:])

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func allArrangements() async throws -> [Arrangement] {
        let documents = try await database.read { connection in
            try await connection.rows("SELECT document FROM arrangement").map { try $0.decode(String.self, "document") }
        }
        return try documents.map(decode).sortedCanonically()
    }

    public func arrangementCount() async throws -> Int {
        try await database.read { connection in
            try await connection.rows("SELECT COUNT(*) AS count FROM arrangement").first?.decode(Int.self, "count")
                ?? 0
        }
    }

    public func arrangement(id: String) async throws -> Arrangement? {
        let document = try await database.read { connection in
            try await connection.rows("SELECT document FROM arrangement WHERE id = \(id)").first?
                .decode(String.self, "document")
        }
        return try document.map(decode)
    }

    public func save(_ arrangements: [Arrangement]) async throws {
        try await save(
            arrangements, author: SQLiteArrangementStore.defaultAuthor, reason: SQLiteArrangementStore.defaultReason)
    }

    public func save(_ arrangements: [Arrangement], author: String, reason: String) async throws {
        try Self.requireAuthorAndReason(author, reason)
        let rows = try arrangements.map { ($0, try Self.encode($0)) }
        try await database.write { connection in
            let now = PostgresTimestamp(Date())
            for (arrangement, document) in rows {
                try await Self.write(
                    arrangement, document: document, author: author, reason: reason, at: now, in: connection)
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
        try await database.write { connection in
            try await self.check(arrangement.id, expecting: expected, in: connection)
            try await Self.write(
                arrangement, document: document, author: author, reason: reason, at: PostgresTimestamp(Date()),
                in: connection)
        }
        return revision
    }

    public func delete(id: String, expecting expected: RecordRevision) async throws -> Bool {
        try await database.write { connection in
            guard try await connection.exists("SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = \(id))") else {
                return false
            }
            try await self.check(id, expecting: .revision(expected), in: connection)
            return try await Self.remove(id, in: connection)
        }
    }

    /// Removes arrangement `id` and records it (within the caller's transaction).
    private static func remove(_ id: String, in connection: PostgresConnection) async throws -> Bool {
        guard
            let name = try await connection.rows("DELETE FROM arrangement WHERE id = \(id) RETURNING name").first?
                .decode(String.self, "name")
        else { return false }
        try await PostgresAuditTrail.record(
            action: "arrangement.verwijderen", object: "arrangement:\(id)", details: ["naam": name], in: connection)
        return true
    }

    /// Throws ``RevisionConflict`` unless the stored arrangement `id` is as `expected`
    /// (within the caller's write transaction, which holds the write lock).
    private func check(_ id: String, expecting expected: ExpectedRevision, in connection: PostgresConnection)
        async throws
    {
        let stored = try await connection.rows("SELECT document FROM arrangement WHERE id = \(id)").first?
            .decode(String.self, "document")
        let found = try stored.map { try RecordRevision(of: try decode($0)) }
        let matches: Bool =
            switch expected {
            case .absent: found == nil
            case .revision(let revision): found == revision
            }
        if !matches { throw RevisionConflict(record: "arrangement '\(id)'", expected: expected, found: found) }
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

    /// Inserts or replaces one arrangement and its version when the document changed
    /// (within the caller's transaction).
    private static func write(
        _ arrangement: Arrangement, document: String, author: String, reason: String, at now: PostgresTimestamp,
        in connection: PostgresConnection
    ) async throws {
        let stored = try await connection.rows(
            "SELECT document FROM arrangement WHERE id = \(arrangement.id)"
        ).first?.decode(String.self, "document")
        try await connection.execute(
            """
            INSERT INTO arrangement (id, name, family, kind, variant_id, document, version, updated_at)
            VALUES (\(arrangement.id), \(arrangement.name), \(arrangement.family.rawValue),
                    \(arrangement.kind.rawValue), \(arrangement.variantID), \(document), 1, \(now))
            ON CONFLICT (id) DO UPDATE SET
              name = excluded.name, family = excluded.family, kind = excluded.kind,
              variant_id = excluded.variant_id, document = excluded.document,
              version = arrangement.version + 1, updated_at = excluded.updated_at
            """)
        try await PostgresAuditTrail.record(
            action: "arrangement.opslaan", object: "arrangement:\(arrangement.id)",
            details: [
                "naam": arrangement.name, "auteur": author, "reden": reason,
                "inhoud": stored == nil ? "nieuw" : stored == document ? "ongewijzigd" : "gewijzigd",
            ], in: connection)
        // A version only when the document is new or differs: saving the same again adds none.
        guard stored != document else { return }
        try await connection.execute(
            """
            INSERT INTO arrangement_version (arrangement_id, version, recorded_at, author, reason, document)
            VALUES (\(arrangement.id),
                    (SELECT COALESCE(MAX(version), 0) + 1 FROM arrangement_version
                     WHERE arrangement_id = \(arrangement.id)),
                    \(now), \(author), \(reason), \(document))
            """)
    }

    public func versions(of id: String) async throws -> [ArrangementVersion] {
        let rows = try await database.read { connection in
            guard try await connection.exists("SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = \(id))") else {
                throw ValidationFailure(issues: [ValidationIssue(field: "id", message: "onbekend arrangement '\(id)'")])
            }
            return try await connection.rows(
                """
                SELECT version, recorded_at, author, reason, document FROM arrangement_version
                WHERE arrangement_id = \(id) ORDER BY version
                """
            ).map { row -> (number: Int, date: Date, author: String, reason: String, document: String) in
                (
                    try row.decode(Int.self, "version"), try row.decode(Date.self, "recorded_at"),
                    try row.decode(String.self, "author"), try row.decode(String.self, "reason"),
                    try row.decode(String.self, "document")
                )
            }
        }
        return try rows.map { row in
            ArrangementVersion(
                number: row.number, date: row.date, author: row.author, reason: row.reason,
                arrangement: try decode(row.document))
        }
    }

    public func delete(id: String) async throws -> Bool {
        try await database.write { connection in try await Self.remove(id, in: connection) }
    }

    /// The interchange JSON with sorted keys, byte for byte as the SQLite store writes it.
    static func encode(_ arrangement: Arrangement) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(arrangement), as: UTF8.self)
    }

    private func decode(_ document: String) throws -> Arrangement {
        if let known = decoded.withLock({ $0[document] }) { return known }
        let arrangement = try JSONDecoder().decode(Arrangement.self, from: Data(document.utf8))
        decoded.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[document] = arrangement
        }
        return arrangement
    }
}
