import Foundation
import GRDB
import VliegwielCore

/// What seeding a shipped learning log did.
public enum LearningLogSeedOutcome: Sendable, Hashable {
    /// The log was stored.
    case seeded
    /// It was stored before (or the user deleted the arrangement since): nothing to do, ever.
    case alreadySeeded
    /// Not stored now, for the reason given; tried again next time, because the reason (a
    /// profile or graph version the log links to is missing) may go away.
    case skipped(reason: String)
}

/// Where each arrangement's learning log is kept (issue 6 item 4; docs/leerlog.md). Entries
/// are only ever added; none is changed or removed, except with its arrangement.
public protocol LearningLogStore: Sendable {
    /// The learning log of arrangement `id`; an empty log when nothing was recorded.
    ///
    /// - Throws: ``ValidationFailure`` naming `id` when the arrangement is unknown.
    func log(of id: String) async throws -> LearningLog
    /// What a change in the log of arrangement `id` may name: its profile versions and its
    /// contribution-graph versions (indicators are not checked by this store: `nil`).
    ///
    /// - Throws: ``ValidationFailure`` naming `id` when the arrangement is unknown.
    func context(of id: String) async throws -> LearningLogContext
    /// Adds `entries` to the log of arrangement `id`, all or nothing: ids are made for entries
    /// without one, and the whole is checked by the core against the stored versions
    /// (``LearningLog/appending(_:context:)``). Returns the log as stored.
    ///
    /// - Throws: ``ValidationFailure`` with every problem when the arrangement is unknown or
    ///   the core refuses the entries; nothing is stored then.
    @discardableResult
    func append(_ entries: LearningLogEntries, to id: String) async throws -> LearningLog
    /// Stores `entries` as the log of their arrangement once, under `name` in `seeded_data`:
    /// not when the arrangement is absent or already has a log, and never again after the
    /// user deletes it. A log whose links the stored versions cannot satisfy is skipped with
    /// the reason and tried again next time.
    @discardableResult
    func seedIfAbsent(_ entries: LearningLogEntries, name: String) async throws -> LearningLogSeedOutcome
}

/// The table of learning-log entries (migration "v7 learning log"): one row per entry, its id
/// unique per arrangement (the primary key), its kind, day and order of adding, the entry in
/// the core's interchange form (JSON, with its links), deleted with its arrangement.
enum LearningLogSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE learning_log_entry (
                  arrangement_id TEXT NOT NULL REFERENCES arrangement(id) ON DELETE CASCADE,
                  entry_id TEXT NOT NULL CHECK (length(entry_id) > 0),
                  kind TEXT NOT NULL CHECK (kind IN ('les', 'besluit', 'wijziging')),
                  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                  sequence INTEGER NOT NULL,
                  recorded_at DATETIME NOT NULL,
                  entry TEXT NOT NULL CHECK (json_valid(entry)),
                  PRIMARY KEY (arrangement_id, entry_id)
                );
                CREATE INDEX learning_log_entry_by_arrangement ON learning_log_entry (arrangement_id, kind, sequence);
                """)
    }
}

/// The learning logs in the embedded SQLite database.
public final class SQLiteLearningLogStore: LearningLogStore {
    /// The name under which the fictional demo deal's log is recorded in `seeded_data`.
    public static let fictionalExampleSeedName = "leerlog-fictief-regio-deal-voorbeeld"

    private let writer: any DatabaseWriter

    public init(database: AppDatabase) {
        writer = database.writer
    }

    public func log(of id: String) async throws -> LearningLog {
        try await writer.read { db in try Self.log(of: id, in: db) }
    }

    public func context(of id: String) async throws -> LearningLogContext {
        try await writer.read { db in
            try Self.requireArrangement(id, in: db)
            return try Self.context(of: id, in: db)
        }
    }

    /// What an audit entry says of added entries: how many of each kind, never their texts.
    static func counts(_ entries: LearningLogEntries) -> [String: String] {
        [
            "lessen": "\(entries.lessons.count)", "besluiten": "\(entries.decisions.count)",
            "wijzigingen": "\(entries.changes.count)",
        ]
    }

    @discardableResult
    public func append(_ entries: LearningLogEntries, to id: String) async throws -> LearningLog {
        try await writer.write { db in
            let log = try Self.log(of: id, in: db)
            let context = try Self.context(of: id, in: db)
            let named = log.withIDs(entries)
            let updated = try log.appending(named, context: context)
            try Self.insert(named, of: id, in: db)
            try AuditTrail.record(
                action: "leerlog.toevoegen", object: "arrangement:\(id)/leerlog", details: Self.counts(named), in: db)
            return updated
        }
    }

    @discardableResult
    public func seedIfAbsent(_ entries: LearningLogEntries, name: String) async throws -> LearningLogSeedOutcome {
        guard let id = entries.arrangementID else {
            throw ValidationFailure(issues: [ValidationIssue(field: "arrangement", message: "ontbreekt")])
        }
        return try await writer.write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM seeded_data WHERE name = ?)", arguments: [name]) != true
            else { return .alreadySeeded }
            func markSeeded() throws {
                try db.execute(
                    sql: "INSERT INTO seeded_data (name, seeded_at) VALUES (?, ?)", arguments: [name, Date()])
            }
            guard
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = ?)", arguments: [id])
                    == true
            else {
                try markSeeded()
                return .alreadySeeded
            }
            let log = try Self.log(of: id, in: db)
            guard log.isEmpty else {
                try markSeeded()
                return .alreadySeeded
            }
            let issues = log.issues(adding: log.withIDs(entries), context: try Self.context(of: id, in: db))
            guard issues.isEmpty else {
                return .skipped(reason: issues.map(\.description).joined(separator: "; "))
            }
            try Self.insert(log.withIDs(entries), of: id, in: db)
            try AuditTrail.record(
                action: "leerlog.laden", object: "arrangement:\(id)/leerlog", details: Self.counts(entries), in: db)
            try markSeeded()
            return .seeded
        }
    }

    // MARK: - Rows

    private static func requireArrangement(_ id: String, in db: Database) throws {
        guard
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = ?)", arguments: [id])
                == true
        else {
            throw ValidationFailure(issues: [ValidationIssue(field: "id", message: "onbekend arrangement '\(id)'")])
        }
    }

    /// Whether arrangement `id` is the fictional demo deal (or another fictional deal).
    private static func isFictional(_ id: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT is_fictional FROM portfolio_deal WHERE arrangement_id = ?", arguments: [id])
            ?? false
    }

    private static func context(of id: String, in db: Database) throws -> LearningLogContext {
        let profileVersions = try Row.fetchAll(
            db,
            sql:
                "SELECT version, recorded_at, author, reason FROM arrangement_version WHERE arrangement_id = ? ORDER BY version",
            arguments: [id]
        ).map { row -> LearningLogContext.KnownVersion in
            LearningLogContext.KnownVersion(
                number: row["version"],
                date: try StoredDateError.day(of: row["recorded_at"], column: "arrangement_version.recorded_at"),
                author: row["author"], reason: row["reason"])
        }
        let graphVersions = try Row.fetchAll(
            db,
            sql:
                "SELECT version, date, author, reason FROM contribution_graph_version WHERE arrangement_id = ? ORDER BY version",
            arguments: [id]
        ).map { row -> LearningLogContext.KnownVersion in
            LearningLogContext.KnownVersion(
                number: row["version"],
                date: try StoredDateError.day(row["date"], column: "contribution_graph_version.date"),
                author: row["author"], reason: row["reason"])
        }
        return LearningLogContext(profileVersions: profileVersions, graphVersions: graphVersions)
    }

    private static func log(of id: String, in db: Database) throws -> LearningLog {
        try requireArrangement(id, in: db)
        let rows = try Row.fetchAll(
            db, sql: "SELECT kind, entry FROM learning_log_entry WHERE arrangement_id = ? ORDER BY sequence",
            arguments: [id])
        let decoder = JSONDecoder()
        var entries = LearningLogEntries()
        for row in rows {
            let kind: String = row["kind"]
            let data = Data((row["entry"] as String).utf8)
            switch kind {
            case "les": entries.lessons.append(try decoder.decode(LearningLesson.self, from: data))
            case "besluit": entries.decisions.append(try decoder.decode(LearningDecision.self, from: data))
            default: entries.changes.append(try decoder.decode(LearningChange.self, from: data))
            }
        }
        // Stored entries were checked when added; the versions they name may since have gone
        // with a restored database, so they are read without the version check.
        let empty = LearningLog(arrangementID: id, isFictional: try isFictional(id, in: db))
        do {
            return try empty.appending(entries)
        } catch {
            throw DatabaseError(message: "learning_log_entry \(id): \(error)")
        }
    }

    private static func insert(_ entries: LearningLogEntries, of id: String, in db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var sequence =
            try Int.fetchOne(
                db, sql: "SELECT COALESCE(MAX(sequence), 0) FROM learning_log_entry WHERE arrangement_id = ?",
                arguments: [id]) ?? 0
        let now = Date()
        func row(_ entryID: String, _ kind: String, _ date: CalendarDate, _ data: Data) throws {
            sequence += 1
            try db.execute(
                sql: """
                    INSERT INTO learning_log_entry (arrangement_id, entry_id, kind, date, sequence, recorded_at, entry)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, entryID, kind, date.iso, sequence, now, String(decoding: data, as: UTF8.self)])
        }
        for lesson in entries.lessons { try row(lesson.id, "les", lesson.date, try encoder.encode(lesson)) }
        for decision in entries.decisions {
            try row(decision.id, "besluit", decision.date, try encoder.encode(decision))
        }
        for change in entries.changes { try row(change.id, "wijziging", change.date, try encoder.encode(change)) }
    }
}

/// The learning log on a database that has no store for it yet: reading gives an empty log,
/// adding is refused with a message that says so, so nothing is lost silently.
public struct UnavailableLearningLogStore: LearningLogStore {
    public init() {}

    public func log(of id: String) async throws -> LearningLog { LearningLog(arrangementID: id) }

    public func context(of id: String) async throws -> LearningLogContext { LearningLogContext() }

    @discardableResult
    public func append(_ entries: LearningLogEntries, to id: String) async throws -> LearningLog {
        throw ValidationFailure(issues: [
            ValidationIssue(field: "leerlog", message: "deze database bewaart (nog) geen leerlog; gebruik SQLite")
        ])
    }

    @discardableResult
    public func seedIfAbsent(_ entries: LearningLogEntries, name: String) async throws -> LearningLogSeedOutcome {
        // Nothing to seed into, and nothing to warn about on every command.
        .alreadySeeded
    }
}
