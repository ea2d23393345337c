import Foundation
import GRDB
import VliegwielCore

/// The audit trail in the embedded SQLite database.
public final class SQLiteAuditStore: AuditStore {
    private let writer: any DatabaseWriter

    public init(database: AppDatabase) {
        writer = database.writer
    }

    @discardableResult
    public func append(_ event: AuditEvent) async throws -> AuditEntry {
        try await writer.write { db in try AuditTrail.record(event, in: db) }
    }

    public func entries(_ query: AuditQuery) async throws -> AuditPage {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let actor = query.actor {
            conditions.append("actor = ?")
            arguments.append(actor)
        }
        for (column, value) in [("action", query.action), ("object", query.object)] {
            guard let value else { continue }
            if value.hasSuffix("*") {
                let prefix = String(value.dropLast())
                conditions.append("substr(\(column), 1, length(?)) = ?")
                arguments += [prefix, prefix]
            } else {
                conditions.append("\(column) = ?")
                arguments.append(value)
            }
        }
        if let from = query.from {
            conditions.append("recorded_at >= ?")
            arguments.append(AuditTimestamp(startOf: from).iso)
        }
        if let through = query.through {
            conditions.append("recorded_at < ?")
            arguments.append(
                AuditTimestamp(
                    millisecondsSince1970: AuditTimestamp(startOf: through).millisecondsSince1970 + 86_400_000
                )
                .iso)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let order = query.newestFirst ? "DESC" : "ASC"
        let limit =
            query.limit.map { " LIMIT \(max(0, $0)) OFFSET \(max(0, query.offset))" }
            ?? (query.offset > 0 ? " LIMIT -1 OFFSET \(query.offset)" : "")
        let sqlArguments = StatementArguments(arguments)
        return try await writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry \(filter)", arguments: sqlArguments)
            let entries = try Row.fetchAll(
                db, sql: "SELECT * FROM audit_entry \(filter) ORDER BY sequence \(order)\(limit)",
                arguments: sqlArguments
            ).map(AuditTrail.entry)
            return AuditPage(entries: entries, total: total ?? 0)
        }
    }

    public func verifyAll() async throws -> AuditReport {
        try await writer.read { db in
            let sequences = Set(try Int.fetchAll(db, sql: "SELECT sequence FROM audit_entry"))
            var verifier = AuditVerifier(hashing: AuditHashing.sha256)
            verifier.presentSequences = sequences
            var breaks: [AuditBreak] = []
            var head: AuditHead?
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_entry ORDER BY sequence")
            while let row = try rows.next() {
                let entry = AuditTrail.entry(row)
                breaks += verifier.checkContinuing(entry)
                head = AuditHead(sequence: entry.sequence, hash: entry.hash)
            }
            return AuditReport(count: sequences.count, head: head, breaks: breaks)
        }
    }
}

/// Recording in the SQLite audit trail, for every SQLite store (see ``AuditStore`` for the rules).
public enum AuditTrail {
    /// Appends `event` to the trail inside the caller's write transaction and returns the entry.
    /// Call it after the change it records, in the same `writer.write { db in … }`.
    ///
    /// - Throws: ``AuditSecretDetail`` when a detail looks like a secret (the transaction, and
    ///   with it the change, is rolled back).
    @discardableResult
    public static func record(_ event: AuditEvent, in db: Database) throws -> AuditEntry {
        let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1")
        let entry = try AuditChain.entry(
            for: event, at: AuditTimestamp(Date()), afterSequence: head?["sequence"] ?? 0,
            previousHash: head?["hash"] ?? AuditChain.genesisHash, hashing: AuditHashing.sha256)
        try db.execute(
            sql: """
                INSERT INTO audit_entry (sequence, recorded_at, actor, action, object, result, origin, details,
                  previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.sequence, entry.time.iso, entry.actor, entry.action, entry.object, entry.result.rawValue,
                entry.origin, try detailsText(entry.details), entry.previousHash, entry.hash,
            ])
        return entry
    }

    /// Records `action` on `object` by the task's ``AuditContext/current`` (see ``record(_:in:)``).
    @discardableResult
    public static func record(
        action: String, object: String, details: [String: String] = [:], in db: Database
    ) throws -> AuditEntry {
        try record(AuditEvent(action: action, object: object, details: details), in: db)
    }

    static func detailsText(_ details: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(details), as: UTF8.self)
    }

    /// An entry as stored. A value that no longer reads (changed behind the store's back) is
    /// kept in a form whose hash fails, so verification names the entry instead of stopping.
    static func entry(_ row: Row) -> AuditEntry {
        let timeText: String = row["recorded_at"] ?? ""
        let detailsText: String = row["details"] ?? ""
        let details =
            (try? JSONDecoder().decode([String: String].self, from: Data(detailsText.utf8)))
            ?? ["(onleesbaar)": detailsText]
        return AuditEntry(
            sequence: row["sequence"],
            time: AuditTimestamp(iso: timeText) ?? AuditTimestamp(millisecondsSince1970: Int64.min / 2),
            event: AuditEvent(
                actor: row["actor"] ?? "", action: row["action"] ?? "", object: row["object"] ?? "",
                result: AuditResult(rawValue: row["result"] ?? ""), origin: row["origin"] ?? "", details: details),
            previousHash: row["previous_hash"] ?? "", hash: row["hash"] ?? "")
    }
}

/// The audit trail's table (migration "v8 audit trail"): append-only. Triggers refuse every
/// UPDATE and DELETE, and an INSERT that does not continue the chain (next sequence number,
/// previous hash equal to the last entry's hash). No foreign keys: the trail outlives what it
/// describes.
enum AuditSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE audit_entry (
                  sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
                  recorded_at TEXT NOT NULL CHECK (length(recorded_at) = 24),
                  actor TEXT NOT NULL,
                  action TEXT NOT NULL,
                  object TEXT NOT NULL,
                  result TEXT NOT NULL,
                  origin TEXT NOT NULL,
                  details TEXT NOT NULL CHECK (json_valid(details)),
                  previous_hash TEXT NOT NULL,
                  hash TEXT NOT NULL UNIQUE
                );
                CREATE INDEX audit_entry_actor ON audit_entry(actor);
                CREATE INDEX audit_entry_action ON audit_entry(action);
                CREATE INDEX audit_entry_object ON audit_entry(object);
                CREATE INDEX audit_entry_recorded_at ON audit_entry(recorded_at);
                CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
                BEGIN SELECT RAISE(ABORT, 'het auditlogboek is alleen aan te vullen: een regel wijzigen mag niet'); END;
                CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
                BEGIN SELECT RAISE(ABORT, 'het auditlogboek is alleen aan te vullen: een regel verwijderen mag niet'); END;
                CREATE TRIGGER audit_entry_continues_chain BEFORE INSERT ON audit_entry
                WHEN NEW.sequence <> (SELECT COALESCE(MAX(sequence), 0) + 1 FROM audit_entry)
                  OR NEW.previous_hash <> COALESCE(
                    (SELECT hash FROM audit_entry ORDER BY sequence DESC LIMIT 1),
                    '0000000000000000000000000000000000000000000000000000000000000000')
                BEGIN SELECT RAISE(ABORT, 'een auditregel moet aansluiten op de laatste regel van het logboek'); END;
                """)
    }
}
