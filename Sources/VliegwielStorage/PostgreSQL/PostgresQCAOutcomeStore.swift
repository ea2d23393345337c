import Foundation
import PostgresNIO
import VliegwielCore

/// The recorded QCA outcomes in a PostgreSQL database: the same contract and table as
/// ``SQLiteQCAOutcomeStore``. Names sort byte by byte (`COLLATE "C"`), as SQLite sorts them,
/// whatever the server's locale.
public final class PostgresQCAOutcomeStore: QCAOutcomeStore {
    private let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func record(_ outcome: QCARecordedOutcome) async throws {
        try await database.write { connection in
            guard
                try await connection.exists(
                    "SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = \(outcome.arrangementID))")
            else {
                throw ValidationFailure(issues: [
                    ValidationIssue(field: "id", message: "onbekend arrangement '\(outcome.arrangementID)'")
                ])
            }
            try await connection.execute(
                """
                INSERT INTO qca_outcome (arrangement_id, name, value, source, recorded_at)
                VALUES (\(outcome.arrangementID), \(outcome.name), \(outcome.value), \(outcome.source),
                        \(PostgresTimestamp(outcome.recordedAt)))
                ON CONFLICT (arrangement_id, name) DO UPDATE SET
                  value = excluded.value, source = excluded.source, recorded_at = excluded.recorded_at
                """)
            try await PostgresAuditTrail.record(
                action: "qca-uitkomst.vastleggen",
                object: "arrangement:\(outcome.arrangementID)/uitkomst:\(outcome.name)",
                details: ["waarde": "\(outcome.value)", "bron": outcome.source], in: connection)
        }
    }

    public func outcomes(named name: String?) async throws -> [QCARecordedOutcome] {
        let rows = try await database.read { connection in
            try await connection.rows(
                """
                SELECT arrangement_id, name, value, source, recorded_at FROM qca_outcome
                WHERE \(name)::text IS NULL OR name = \(name)
                ORDER BY name COLLATE "C", arrangement_id COLLATE "C"
                """
            ).map { row in
                (
                    try row.decode(String.self, "arrangement_id"), try row.decode(String.self, "name"),
                    try row.decode(Double.self, "value"), try row.decode(String.self, "source"),
                    try row.decode(Date.self, "recorded_at")
                )
            }
        }
        return try rows.map { row in
            try QCARecordedOutcome(
                arrangementID: row.0, name: row.1, value: row.2, source: row.3, recordedAt: row.4)
        }
    }

    public func outcomeNames() async throws -> [String] {
        try await database.read { connection in
            try await connection.rows(
                "SELECT DISTINCT name COLLATE \"C\" AS name FROM qca_outcome ORDER BY name COLLATE \"C\""
            ).map { try $0.decode(String.self, "name") }
        }
    }
}
