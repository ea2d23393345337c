import GRDB
import VliegwielCore

/// Where the outcomes the user records per arrangement for QCA are kept.
public protocol QCAOutcomeStore: Sendable {
    /// Records `outcome`, replacing an earlier value of the same name for the same arrangement.
    ///
    /// - Throws: ``ValidationFailure`` naming `id` when the arrangement is unknown.
    func record(_ outcome: QCARecordedOutcome) async throws
    /// The recorded outcomes, all or those named `name`, by name then arrangement id.
    func outcomes(named name: String?) async throws -> [QCARecordedOutcome]
    /// The names of the recorded outcomes, sorted.
    func outcomeNames() async throws -> [String]
}

/// The table of recorded outcomes: one value per arrangement and outcome name, deleted with
/// its arrangement.
enum QCAOutcomeSchema {
    static func create(_ db: Database) throws {
        try db.create(table: "qca_outcome") { table in
            table.column("arrangement_id", .text).notNull()
                .references("arrangement", onDelete: .cascade)
            table.column("name", .text).notNull().check { length($0) > 0 }
            table.column("value", .double).notNull().check { $0 >= 0 && $0 <= 1 }
            table.column("source", .text).notNull().check(sql: "length(trim(source)) > 0")
            table.column("recorded_at", .datetime).notNull()
            table.primaryKey(["arrangement_id", "name"])
        }
    }
}

/// The recorded outcomes in the embedded SQLite database.
public final class SQLiteQCAOutcomeStore: QCAOutcomeStore {
    private let writer: any DatabaseWriter

    public init(database: AppDatabase) {
        writer = database.writer
    }

    public func record(_ outcome: QCARecordedOutcome) async throws {
        try await writer.write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = ?)",
                    arguments: [outcome.arrangementID])
                    == true
            else {
                throw ValidationFailure(issues: [
                    ValidationIssue(field: "id", message: "onbekend arrangement '\(outcome.arrangementID)'")
                ])
            }
            try db.execute(
                sql: """
                    INSERT INTO qca_outcome (arrangement_id, name, value, source, recorded_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(arrangement_id, name) DO UPDATE SET
                      value = excluded.value, source = excluded.source, recorded_at = excluded.recorded_at
                    """,
                arguments: [outcome.arrangementID, outcome.name, outcome.value, outcome.source, outcome.recordedAt])
            try AuditTrail.record(
                action: "qca-uitkomst.vastleggen",
                object: "arrangement:\(outcome.arrangementID)/uitkomst:\(outcome.name)",
                details: ["waarde": "\(outcome.value)", "bron": outcome.source], in: db)
        }
    }

    public func outcomes(named name: String?) async throws -> [QCARecordedOutcome] {
        let rows = try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM qca_outcome WHERE ?1 IS NULL OR name = ?1 ORDER BY name, arrangement_id
                    """, arguments: [name])
        }
        return try rows.map { row in
            try QCARecordedOutcome(
                arrangementID: row["arrangement_id"], name: row["name"], value: row["value"], source: row["source"],
                recordedAt: row["recorded_at"])
        }
    }

    public func outcomeNames() async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT name FROM qca_outcome ORDER BY name")
        }
    }
}
