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

/// The QCA outcome stores' row mapping and audit entry, the same on every database.
enum QCARules {
    static func event(_ outcome: QCARecordedOutcome) -> AuditEvent {
        AuditEvent(
            action: "qca-uitkomst.vastleggen", object: "arrangement:\(outcome.arrangementID)/uitkomst:\(outcome.name)",
            details: ["waarde": "\(outcome.value)", "bron": outcome.source])
    }

    static func row(_ outcome: QCARecordedOutcome) -> StoredInsert {
        StoredInsert(
            "qca_outcome",
            [
                "arrangement_id": outcome.arrangementID, "name": outcome.name, "value": outcome.value,
                "source": outcome.source, "recorded_at": outcome.recordedAt,
            ],
            onConflict: """
                ON CONFLICT (arrangement_id, name) DO UPDATE SET
                  value = excluded.value, source = excluded.source, recorded_at = excluded.recorded_at
                """)
    }

    static func outcome(_ row: some StoredRow) throws -> QCARecordedOutcome {
        try QCARecordedOutcome(
            arrangementID: try row.value("arrangement_id"), name: try row.value("name"), value: try row.value("value"),
            source: try row.value("source"), recordedAt: try row.value("recorded_at"))
    }
}

/// The recorded outcomes, on SQLite and PostgreSQL alike (``StoreDatabase``). Names sort byte
/// by byte, whatever the server's locale.
public final class DatabaseQCAOutcomeStore: QCAOutcomeStore {
    private let database: any StoreDatabase

    init(database: any StoreDatabase) {
        self.database = database
    }

    public func record(_ outcome: QCARecordedOutcome) async throws {
        try await database.write([StoredStatement("SELECT 1 FROM arrangement WHERE id = ?", outcome.arrangementID)]) {
            rows in
            guard !rows[0].isEmpty else { throw unknownArrangement(outcome.arrangementID) }
            return StoreWrites([QCARules.row(outcome).statement], events: [QCARules.event(outcome)], result: ())
        }
    }

    public func outcomes(named name: String?) async throws -> [QCARecordedOutcome] {
        let order = database.byteOrder
        return try await database.rows(
            StoredStatement(
                """
                SELECT * FROM qca_outcome WHERE CAST(? AS TEXT) IS NULL OR name = ?
                ORDER BY name\(order), arrangement_id\(order)
                """, name, name)
        ) { try QCARules.outcome($0) }
    }

    public func outcomeNames() async throws -> [String] {
        let order = database.byteOrder
        return try await database.rows(
            StoredStatement("SELECT DISTINCT name\(order) AS name FROM qca_outcome ORDER BY name\(order)")
        ) { try $0.value("name") }
    }
}
