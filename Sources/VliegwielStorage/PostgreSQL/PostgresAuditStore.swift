import Foundation
import PostgresNIO
import VliegwielCore

/// The audit trail in a PostgreSQL database: the same hash chain, canonical form and
/// verification as ``SQLiteAuditStore`` (``AuditChain``, SHA-256), in table `audit_entry` of
/// migration "v8 audit trail", whose triggers refuse UPDATE, DELETE, TRUNCATE and an INSERT
/// that does not continue the chain.
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
        var conditions: [String] = []
        var bindings = PostgresBindings()
        func placeholder(_ value: String) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }
        if let actor = query.actor { conditions.append("actor = \(placeholder(actor))") }
        for (column, value) in [("action", query.action), ("object", query.object)] {
            guard let value else { continue }
            if value.hasSuffix("*") {
                let prefix = placeholder(String(value.dropLast()))
                conditions.append("left(\(column), length(\(prefix))) = \(prefix)")
            } else {
                conditions.append("\(column) = \(placeholder(value))")
            }
        }
        // The time is the entry's own ISO text (as hashed), so comparing text compares moments.
        if let from = query.from {
            conditions.append("recorded_at >= \(placeholder(AuditTimestamp(startOf: from).iso))")
        }
        if let through = query.through {
            let end = AuditTimestamp(
                millisecondsSince1970: AuditTimestamp(startOf: through).millisecondsSince1970 + 86_400_000)
            conditions.append("recorded_at < \(placeholder(end.iso))")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let order = query.newestFirst ? "DESC" : "ASC"
        var paging = ""
        if let limit = query.limit { paging += " LIMIT \(max(0, limit))" }
        if query.offset > 0 { paging += " OFFSET \(query.offset)" }
        let countQuery = PostgresQuery(
            unsafeSQL: "SELECT COUNT(*) AS count FROM audit_entry \(filter)", binds: bindings)
        let listQuery = PostgresQuery(
            unsafeSQL: "SELECT * FROM audit_entry \(filter) ORDER BY sequence \(order)\(paging)", binds: bindings)
        return try await database.read { connection in
            let total = try await connection.rows(countQuery).first?.decode(Int.self, "count") ?? 0
            let entries = try await connection.rows(listQuery).map(PostgresAuditTrail.entry)
            return AuditPage(entries: entries, total: total)
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
            var verifier = AuditVerifier(hashing: AuditHashing.sha256)
            verifier.presentSequences = sequences
            var breaks: [AuditBreak] = []
            var head: AuditHead?
            let rows = try await connection.query(
                "SELECT * FROM audit_entry ORDER BY sequence", logger: PostgresDatabase.logger)
            for try await row in rows {
                let entry = PostgresAuditTrail.entry(row.makeRandomAccess())
                breaks += verifier.checkContinuing(entry)
                head = AuditHead(sequence: entry.sequence, hash: entry.hash)
            }
            return AuditReport(count: sequences.count, head: head, breaks: breaks)
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
        let entry = try AuditChain.entry(
            for: event, at: AuditTimestamp(Date()), afterSequence: try head?.decode(Int.self, "sequence") ?? 0,
            previousHash: try head?.decode(String.self, "hash") ?? AuditChain.genesisHash,
            hashing: AuditHashing.sha256)
        try await connection.execute(
            """
            INSERT INTO audit_entry (sequence, recorded_at, actor, action, object, result, origin, details,
              previous_hash, hash)
            VALUES (\(entry.sequence), \(entry.time.iso), \(entry.actor), \(entry.action), \(entry.object),
                    \(entry.result.rawValue), \(entry.origin), \(try AuditTrail.detailsText(entry.details)),
                    \(entry.previousHash), \(entry.hash))
            """)
        return entry
    }

    /// Records `action` on `object` by the task's ``AuditContext/current`` (see ``record(_:in:)``).
    @discardableResult
    static func record(
        action: String, object: String, details: [String: String] = [:], in connection: PostgresConnection
    ) async throws -> AuditEntry {
        try await record(AuditEvent(action: action, object: object, details: details), in: connection)
    }

    /// An entry as stored. A value that no longer reads (changed behind the store's back) is
    /// kept in a form whose hash fails, so verification names the entry instead of stopping.
    static func entry(_ row: PostgresRandomAccessRow) -> AuditEntry {
        func text(_ column: String) -> String { (try? row.decode(String?.self, column)) ?? "" }
        let detailsText = text("details")
        let details =
            (try? JSONDecoder().decode([String: String].self, from: Data(detailsText.utf8)))
            ?? ["(onleesbaar)": detailsText]
        return AuditEntry(
            sequence: (try? row.decode(Int.self, "sequence")) ?? 0,
            time: AuditTimestamp(iso: text("recorded_at")) ?? AuditTimestamp(millisecondsSince1970: Int64.min / 2),
            event: AuditEvent(
                actor: text("actor"), action: text("action"), object: text("object"),
                result: AuditResult(rawValue: text("result")), origin: text("origin"), details: details),
            previousHash: text("previous_hash"), hash: text("hash"))
    }
}
