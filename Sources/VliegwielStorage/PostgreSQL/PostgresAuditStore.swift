import Foundation
import PostgresNIO
import VliegwielCore

/// The audit trail in a PostgreSQL database: the same hash chain, canonical form and
/// verification as ``SQLiteAuditStore`` (``AuditRules``, ``AuditChain``, SHA-256), in table
/// `audit_entry` of migration "v8 audit trail", whose triggers refuse UPDATE, DELETE, TRUNCATE
/// and an INSERT that does not continue the chain.
public final class PostgresAuditStore: AuditStore {
    private let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    @discardableResult
    public func append(_ event: AuditEvent) async throws -> AuditEntry {
        try await database.write { connection in try await PostgresAuditTrail.record(event, in: connection) }
    }

    public func entries(_ query: AuditQuery) async throws -> AuditPage {
        var bindings = PostgresBindings()
        let clauses = AuditRules.clauses(query) { value in
            bindings.append(value)
            return "$\(bindings.count)"
        }
        let countQuery = PostgresQuery(
            unsafeSQL: "SELECT COUNT(*) AS count FROM audit_entry \(clauses.filter)", binds: bindings)
        let listQuery = PostgresQuery(
            unsafeSQL: "SELECT * FROM audit_entry \(clauses.filter) \(clauses.rest)", binds: bindings)
        return try await database.read { connection in
            let total = try await connection.rows(countQuery).first?.decode(Int.self, "count") ?? 0
            return AuditPage(entries: try await connection.rows(listQuery).map(AuditRules.entry), total: total)
        }
    }

    public func latestSequence() async throws -> Int {
        try await database.read { connection in
            try await connection.rows("SELECT COALESCE(MAX(sequence), 0) AS latest FROM audit_entry").first?.decode(
                Int.self, "latest") ?? 0
        }
    }

    public func verifyAll() async throws -> AuditReport {
        try await database.read { connection in
            var sequences: Set<Int> = []
            for try await row in try await connection.query(
                "SELECT sequence FROM audit_entry", logger: PostgresDatabase.logger)
            {
                sequences.insert(try row.decode(Int.self))
            }
            var reading = AuditReading(sequences: sequences)
            for try await row in try await connection.query(
                "SELECT * FROM audit_entry ORDER BY sequence", logger: PostgresDatabase.logger)
            {
                reading.read(AuditRules.entry(row.makeRandomAccess()))
            }
            return reading.report
        }
    }
}

/// Recording in the PostgreSQL audit trail, for every PostgreSQL store: the counterpart of
/// ``AuditTrail`` (see ``AuditStore`` for the rules). The caller's transaction holds the write
/// lock of ``PostgresDatabase/write(_:)``, so reading the head and appending cannot interleave
/// with another writer.
enum PostgresAuditTrail {
    /// Appends `event` to the trail inside the caller's write transaction and returns the entry.
    /// Call it after the change it records.
    ///
    /// - Throws: ``AuditSecretDetail`` when a detail looks like a secret (the transaction, and
    ///   with it the change, is rolled back).
    @discardableResult
    static func record(_ event: AuditEvent, in connection: PostgresConnection) async throws -> AuditEntry {
        let head = try await connection.rows("SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1")
            .first
        let entry = try AuditRules.entry(
            appending: event, after: try head.map { (try $0.value("sequence"), try $0.value("hash")) })
        try await connection.insert(try AuditRules.row(entry))
        return entry
    }

    /// Records `action` on `object` by the task's ``AuditContext/current`` (see ``record(_:in:)``).
    @discardableResult
    static func record(
        action: String, object: String, details: [String: String] = [:], in connection: PostgresConnection
    ) async throws -> AuditEntry {
        try await record(AuditEvent(action: action, object: object, details: details), in: connection)
    }
}
