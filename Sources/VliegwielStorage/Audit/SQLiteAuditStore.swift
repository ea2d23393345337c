import Foundation
import GRDB
import VliegwielCore

/// The audit trail in the embedded SQLite database: SQL only, the rest is ``AuditRules``'.
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
        var values: [String] = []
        let clauses = AuditRules.clauses(query) { value in
            values.append(value)
            return "?"
        }
        return try await writer.read { [values] db in
            let arguments = StatementArguments(values)
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM audit_entry \(clauses.filter)", arguments: arguments)
            let entries = try Row.fetchAll(
                db, sql: "SELECT * FROM audit_entry \(clauses.filter) \(clauses.rest)", arguments: arguments
            ).map(AuditRules.entry)
            return AuditPage(entries: entries, total: total ?? 0)
        }
    }

    public func latestSequence() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM audit_entry") ?? 0 }
    }

    public func verifyAll() async throws -> AuditReport {
        try await writer.read { db in
            var reading = AuditReading(sequences: Set(try Int.fetchAll(db, sql: "SELECT sequence FROM audit_entry")))
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_entry ORDER BY sequence")
            while let row = try rows.next() { reading.read(AuditRules.entry(row)) }
            return reading.report
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
        let entry = try AuditRules.entry(
            appending: event, after: try head.map { (try $0.value("sequence"), try $0.value("hash")) })
        try db.insert(try AuditRules.row(entry))
        return entry
    }

    /// Records `action` on `object` by the task's ``AuditContext/current`` (see ``record(_:in:)``).
    @discardableResult
    public static func record(
        action: String, object: String, details: [String: String] = [:], in db: Database
    ) throws -> AuditEntry {
        try record(AuditEvent(action: action, object: object, details: details), in: db)
    }
}

/// The audit trail's table (migration "v8 audit trail"): append-only. Triggers refuse every
/// UPDATE and DELETE, and an INSERT that does not continue the chain (next sequence number,
/// previous hash equal to the last entry's hash). No foreign keys: the trail outlives what it
/// describes.
enum AuditSchema {
    /// The triggers that keep the trail append-only and chained (also in ``StorageSchema``).
    static let sqliteTriggers = [
        """
        CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
        BEGIN SELECT RAISE(ABORT, 'het auditlogboek is alleen aan te vullen: een regel wijzigen mag niet'); END
        """,
        """
        CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
        BEGIN SELECT RAISE(ABORT, 'het auditlogboek is alleen aan te vullen: een regel verwijderen mag niet'); END
        """,
        """
        CREATE TRIGGER audit_entry_continues_chain BEFORE INSERT ON audit_entry
        WHEN NEW.sequence <> (SELECT COALESCE(MAX(sequence), 0) + 1 FROM audit_entry)
          OR NEW.previous_hash <> COALESCE(
            (SELECT hash FROM audit_entry ORDER BY sequence DESC LIMIT 1),
            '0000000000000000000000000000000000000000000000000000000000000000')
        BEGIN SELECT RAISE(ABORT, 'een auditregel moet aansluiten op de laatste regel van het logboek'); END
        """,
    ]

    /// The same on PostgreSQL, which also refuses TRUNCATE.
    static let postgresTriggers: [String] = [
        """
        CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' THEN
            RAISE EXCEPTION 'het auditlogboek is alleen aan te vullen: een regel wijzigen mag niet'
              USING ERRCODE = 'restrict_violation';
          END IF;
          RAISE EXCEPTION 'het auditlogboek is alleen aan te vullen: een regel verwijderen mag niet'
            USING ERRCODE = 'restrict_violation';
        END
        $$
        """,
        """
        CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change()
        """,
        """
        CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change()
        """,
        """
        CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change()
        """,
        """
        CREATE FUNCTION audit_entry_continue_chain() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.sequence <> (SELECT COALESCE(MAX(sequence), 0) + 1 FROM audit_entry)
             OR NEW.previous_hash <> COALESCE(
               (SELECT hash FROM audit_entry ORDER BY sequence DESC LIMIT 1),
               '0000000000000000000000000000000000000000000000000000000000000000') THEN
            RAISE EXCEPTION 'een auditregel moet aansluiten op de laatste regel van het logboek'
              USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN NEW;
        END
        $$
        """,
        """
        CREATE TRIGGER audit_entry_continues_chain BEFORE INSERT ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_continue_chain()
        """,
    ]

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
                \(sqliteTriggers.joined(separator: ";\n"));
                """)
    }
}
