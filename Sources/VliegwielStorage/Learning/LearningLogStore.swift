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

/// The learning-log stores' row mapping and decisions, the same on every database.
enum LearningLogRules {
    /// What an audit entry says of added entries: how many of each kind, never their texts.
    static func counts(_ entries: LearningLogEntries) -> [String: String] {
        [
            "lessen": "\(entries.lessons.count)", "besluiten": "\(entries.decisions.count)",
            "wijzigingen": "\(entries.changes.count)",
        ]
    }

    /// The log of arrangement `id` from its entry rows (`kind`, `entry`) in order of adding.
    /// Stored entries were checked when added; the versions they name may since have gone with
    /// a restored database, so they are read without the version check.
    static func log(of id: String, fictional: Bool, rows: [any StoredRow]) throws -> LearningLog {
        var entries = LearningLogEntries()
        for row in rows {
            switch try row.value("kind") as String {
            case "les": entries.lessons.append(try row.document(LearningLesson.self, "entry"))
            case "besluit": entries.decisions.append(try row.document(LearningDecision.self, "entry"))
            case "wijziging": entries.changes.append(try row.document(LearningChange.self, "entry"))
            case let kind: throw StoredCodeError(column: "learning_log_entry.kind", value: kind)
            }
        }
        do {
            return try LearningLog(arrangementID: id, isFictional: fictional).appending(entries)
        } catch {
            throw StoredRecordError(description: "learning_log_entry \(id): \(error)")
        }
    }

    /// The profile versions (`recorded_at` a moment) and graph versions (`date` a day) a log may name.
    static func context(profileVersions: [any StoredRow], graphVersions: [any StoredRow]) throws
        -> LearningLogContext
    {
        LearningLogContext(
            profileVersions: try profileVersions.map { row in
                LearningLogContext.KnownVersion(
                    number: try row.value("version"),
                    date: try StoredDateError.day(
                        of: try row.value("recorded_at"), column: "arrangement_version.recorded_at"),
                    author: try row.value("author"), reason: try row.value("reason"))
            },
            graphVersions: try graphVersions.map { row in
                LearningLogContext.KnownVersion(
                    number: try row.value("version"),
                    date: try StoredDateError.day(try row.value("date"), column: "contribution_graph_version.date"),
                    author: try row.value("author"), reason: try row.value("reason"))
            })
    }

    /// The entries `entries` add to `log` (ids made where missing), the log after, and the audit
    /// event; refused when the core refuses them against `context`.
    static func appending(_ entries: LearningLogEntries, to log: LearningLog, context: LearningLogContext) throws
        -> (entries: LearningLogEntries, log: LearningLog, event: AuditEvent)
    {
        let named = log.withIDs(entries)
        return (
            named, try log.appending(named, context: context),
            AuditEvent(
                action: "leerlog.toevoegen", object: "arrangement:\(log.arrangementID)/leerlog", details: counts(named))
        )
    }

    /// The arrangement of entries to seed; they must name one.
    static func arrangementID(of entries: LearningLogEntries) throws -> String {
        guard let id = entries.arrangementID else {
            throw ValidationFailure(issues: [ValidationIssue(field: "arrangement", message: "ontbreekt")])
        }
        return id
    }

    /// What seeding `entries` does with the stored `log` of its arrangement (`nil`: the
    /// arrangement is absent): its outcome, whether the data set is marked as seeded (never
    /// again), and the entries and audit event to write, if any.
    static func seeding(_ entries: LearningLogEntries, into log: LearningLog?, context: LearningLogContext) -> (
        outcome: LearningLogSeedOutcome, marksSeeded: Bool, writing: (LearningLogEntries, AuditEvent)?
    ) {
        guard let log, log.isEmpty else { return (.alreadySeeded, true, nil) }
        let named = log.withIDs(entries)
        let issues = log.issues(adding: named, context: context)
        guard issues.isEmpty else {
            return (.skipped(reason: issues.map(\.description).joined(separator: "; ")), false, nil)
        }
        let event = AuditEvent(
            action: "leerlog.laden", object: "arrangement:\(log.arrangementID)/leerlog", details: counts(entries))
        return (.seeded, true, (named, event))
    }

    /// The rows of `entries`, numbered on from `sequence` (the last one stored).
    static func rows(_ entries: LearningLogEntries, of id: String, after sequence: Int, at now: Date) throws
        -> [StoredInsert]
    {
        let documents: [(String, String, CalendarDate, String)] =
            try entries.lessons.map { ($0.id, "les", $0.date, try StoredDocument.text($0)) }
            + entries.decisions.map { ($0.id, "besluit", $0.date, try StoredDocument.text($0)) }
            + entries.changes.map { ($0.id, "wijziging", $0.date, try StoredDocument.text($0)) }
        return documents.enumerated().map { offset, document in
            StoredInsert(
                "learning_log_entry",
                [
                    "arrangement_id": id, "entry_id": document.0, "kind": document.1, "date": document.2.iso,
                    "sequence": sequence + offset + 1, "recorded_at": now, "entry": document.3,
                ])
        }
    }
}

/// The learning logs, on SQLite and PostgreSQL alike (``StoreDatabase``).
public final class DatabaseLearningLogStore: LearningLogStore {
    /// The name under which the fictional demo deal's log is recorded in `seeded_data`.
    public static let fictionalExampleSeedName = "leerlog-fictief-regio-deal-voorbeeld"

    private let database: any StoreDatabase

    init(database: any StoreDatabase) {
        self.database = database
    }

    /// The reads of a log and what it may name: whether the arrangement exists, whether it is
    /// fictional, its entries, its profile versions and its graph versions.
    private static func reads(of id: String) -> [StoredStatement] {
        [
            StoredStatement("SELECT 1 FROM arrangement WHERE id = ?", id),
            StoredStatement("SELECT is_fictional FROM portfolio_deal WHERE arrangement_id = ?", id),
            StoredStatement(
                "SELECT kind, entry FROM learning_log_entry WHERE arrangement_id = ? ORDER BY sequence", id),
            StoredStatement(
                "SELECT version, recorded_at, author, reason FROM arrangement_version WHERE arrangement_id = ? ORDER BY version",
                id),
            StoredStatement(
                "SELECT version, date, author, reason FROM contribution_graph_version WHERE arrangement_id = ? ORDER BY version",
                id),
            StoredStatement(
                "SELECT COALESCE(MAX(sequence), 0) AS last FROM learning_log_entry WHERE arrangement_id = ?", id),
        ]
    }

    /// The log of `id` read by ``reads(of:)`` (from `offset` on), its context and last sequence
    /// number; `nil` when the arrangement is absent.
    private static func read(_ id: String, _ rows: [[any StoredRow]]) throws
        -> (log: LearningLog, context: LearningLogContext, last: Int)?
    {
        guard !rows[0].isEmpty else { return nil }
        return (
            try LearningLogRules.log(
                of: id, fictional: try rows[1].first?.value("is_fictional") ?? false, rows: rows[2]),
            try LearningLogRules.context(profileVersions: rows[3], graphVersions: rows[4]),
            try rows[5].first?.value("last") ?? 0
        )
    }

    public func log(of id: String) async throws -> LearningLog {
        try await database.read(Self.reads(of: id)) { rows in
            guard let read = try Self.read(id, rows) else { throw unknownArrangement(id) }
            return read.log
        }
    }

    public func context(of id: String) async throws -> LearningLogContext {
        try await database.read(Self.reads(of: id)) { rows in
            guard let read = try Self.read(id, rows) else { throw unknownArrangement(id) }
            return read.context
        }
    }

    @discardableResult
    public func append(_ entries: LearningLogEntries, to id: String) async throws -> LearningLog {
        try await database.write(Self.reads(of: id)) { rows in
            guard let read = try Self.read(id, rows) else { throw unknownArrangement(id) }
            let appended = try LearningLogRules.appending(entries, to: read.log, context: read.context)
            return StoreWrites(
                try LearningLogRules.rows(appended.entries, of: id, after: read.last, at: Date()).map(\.statement),
                events: [appended.event], result: appended.log)
        }
    }

    @discardableResult
    public func seedIfAbsent(_ entries: LearningLogEntries, name: String) async throws -> LearningLogSeedOutcome {
        let id = try LearningLogRules.arrangementID(of: entries)
        return try await database.write([SeededData.contains(name)] + Self.reads(of: id)) { rows in
            guard rows[0].isEmpty else { return StoreWrites([], result: .alreadySeeded) }
            let read = try Self.read(id, Array(rows.dropFirst()))
            let seeding = LearningLogRules.seeding(
                entries, into: read?.log, context: read?.context ?? LearningLogContext())
            var statements =
                try seeding.writing.map {
                    try LearningLogRules.rows($0.0, of: id, after: read?.last ?? 0, at: Date()).map(\.statement)
                } ?? []
            if seeding.marksSeeded { statements.append(SeededData.mark(name)) }
            return StoreWrites(statements, events: [seeding.writing?.1], result: seeding.outcome)
        }
    }
}

/// The learning logs in the embedded SQLite database.
public typealias SQLiteLearningLogStore = DatabaseLearningLogStore
