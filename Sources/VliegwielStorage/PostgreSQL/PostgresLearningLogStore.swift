import Foundation
import PostgresNIO
import VliegwielCore

/// The learning logs in a PostgreSQL database: the same contract, table (migration "v7 learning
/// log") and checks as ``SQLiteLearningLogStore``.
public final class PostgresLearningLogStore: LearningLogStore {
    private let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func log(of id: String) async throws -> LearningLog {
        try await database.read { connection in try await Self.log(of: id, in: connection) }
    }

    public func context(of id: String) async throws -> LearningLogContext {
        try await database.read { connection in
            try await Self.requireArrangement(id, in: connection)
            return try await Self.context(of: id, in: connection)
        }
    }

    @discardableResult
    public func append(_ entries: LearningLogEntries, to id: String) async throws -> LearningLog {
        try await database.write { connection in
            let log = try await Self.log(of: id, in: connection)
            let context = try await Self.context(of: id, in: connection)
            let named = log.withIDs(entries)
            let updated = try log.appending(named, context: context)
            try await Self.insert(named, of: id, in: connection)
            try await PostgresAuditTrail.record(
                action: "leerlog.toevoegen", object: "arrangement:\(id)/leerlog",
                details: SQLiteLearningLogStore.counts(named), in: connection)
            return updated
        }
    }

    @discardableResult
    public func seedIfAbsent(_ entries: LearningLogEntries, name: String) async throws -> LearningLogSeedOutcome {
        guard let id = entries.arrangementID else {
            throw ValidationFailure(issues: [ValidationIssue(field: "arrangement", message: "ontbreekt")])
        }
        return try await database.write { connection in
            guard try await !connection.exists("SELECT EXISTS (SELECT 1 FROM seeded_data WHERE name = \(name))")
            else { return .alreadySeeded }
            func markSeeded() async throws {
                try await connection.execute(
                    "INSERT INTO seeded_data (name, seeded_at) VALUES (\(name), \(PostgresTimestamp(Date())))")
            }
            guard try await connection.exists("SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = \(id))") else {
                try await markSeeded()
                return .alreadySeeded
            }
            let log = try await Self.log(of: id, in: connection)
            guard log.isEmpty else {
                try await markSeeded()
                return .alreadySeeded
            }
            let issues = log.issues(
                adding: log.withIDs(entries), context: try await Self.context(of: id, in: connection))
            guard issues.isEmpty else {
                return .skipped(reason: issues.map(\.description).joined(separator: "; "))
            }
            try await Self.insert(log.withIDs(entries), of: id, in: connection)
            try await PostgresAuditTrail.record(
                action: "leerlog.laden", object: "arrangement:\(id)/leerlog",
                details: SQLiteLearningLogStore.counts(entries), in: connection)
            try await markSeeded()
            return .seeded
        }
    }

    // MARK: - Rows

    private static func requireArrangement(_ id: String, in connection: PostgresConnection) async throws {
        guard try await connection.exists("SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = \(id))") else {
            throw ValidationFailure(issues: [ValidationIssue(field: "id", message: "onbekend arrangement '\(id)'")])
        }
    }

    private static func context(of id: String, in connection: PostgresConnection) async throws
        -> LearningLogContext
    {
        let profileVersions = try await connection.rows(
            """
            SELECT version, recorded_at, author, reason FROM arrangement_version
            WHERE arrangement_id = \(id) ORDER BY version
            """
        ).map { row -> LearningLogContext.KnownVersion in
            LearningLogContext.KnownVersion(
                number: try row.decode(Int.self, "version"),
                date: try StoredDateError.day(
                    of: try row.decode(Date.self, "recorded_at"), column: "arrangement_version.recorded_at"),
                author: try row.decode(String.self, "author"), reason: try row.decode(String.self, "reason"))
        }
        let graphVersions = try await connection.rows(
            """
            SELECT version, date, author, reason FROM contribution_graph_version
            WHERE arrangement_id = \(id) ORDER BY version
            """
        ).map { row -> LearningLogContext.KnownVersion in
            LearningLogContext.KnownVersion(
                number: try row.decode(Int.self, "version"),
                date: try StoredDateError.day(
                    try row.decode(String.self, "date"), column: "contribution_graph_version.date"),
                author: try row.decode(String.self, "author"), reason: try row.decode(String.self, "reason"))
        }
        return LearningLogContext(profileVersions: profileVersions, graphVersions: graphVersions)
    }

    private static func log(of id: String, in connection: PostgresConnection) async throws -> LearningLog {
        try await requireArrangement(id, in: connection)
        let rows = try await connection.rows(
            "SELECT kind, entry FROM learning_log_entry WHERE arrangement_id = \(id) ORDER BY sequence")
        let decoder = JSONDecoder()
        var entries = LearningLogEntries()
        for row in rows {
            let data = Data(try row.decode(String.self, "entry").utf8)
            switch try row.decode(String.self, "kind") {
            case "les": entries.lessons.append(try decoder.decode(LearningLesson.self, from: data))
            case "besluit": entries.decisions.append(try decoder.decode(LearningDecision.self, from: data))
            default: entries.changes.append(try decoder.decode(LearningChange.self, from: data))
            }
        }
        let fictional =
            try await connection.rows("SELECT is_fictional FROM portfolio_deal WHERE arrangement_id = \(id)").first?
            .decode(Bool.self, "is_fictional") ?? false
        // Stored entries were checked when added; the versions they name may since have gone
        // with a restored database, so they are read without the version check.
        do {
            return try LearningLog(arrangementID: id, isFictional: fictional).appending(entries)
        } catch {
            throw PostgresStoreError("learning_log_entry \(id): \(error)")
        }
    }

    private static func insert(_ entries: LearningLogEntries, of id: String, in connection: PostgresConnection)
        async throws
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var sequence =
            try await connection.rows(
                "SELECT COALESCE(MAX(sequence), 0) AS last FROM learning_log_entry WHERE arrangement_id = \(id)"
            ).first?.decode(Int.self, "last") ?? 0
        let now = PostgresTimestamp(Date())
        var rows: [(String, String, CalendarDate, Data)] = []
        for lesson in entries.lessons { rows.append((lesson.id, "les", lesson.date, try encoder.encode(lesson))) }
        for decision in entries.decisions {
            rows.append((decision.id, "besluit", decision.date, try encoder.encode(decision)))
        }
        for change in entries.changes {
            rows.append((change.id, "wijziging", change.date, try encoder.encode(change)))
        }
        for (entryID, kind, date, data) in rows {
            sequence += 1
            try await connection.execute(
                """
                INSERT INTO learning_log_entry (arrangement_id, entry_id, kind, date, sequence, recorded_at, entry)
                VALUES (\(id), \(entryID), \(kind), \(date.iso), \(sequence), \(now),
                        \(String(decoding: data, as: UTF8.self)))
                """)
        }
    }
}
