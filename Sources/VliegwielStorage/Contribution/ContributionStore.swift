import Foundation
import GRDB
import VliegwielCore

/// Where the versions of each arrangement's contribution graph are kept (issue 6 item 1).
/// Versions are only ever appended; none is changed or removed, except with its arrangement.
public protocol ContributionStore: Sendable {
    /// Every version of the graph of arrangement `id`, oldest first; an empty history when
    /// none was recorded.
    ///
    /// - Throws: ``ValidationFailure`` naming `id` when the arrangement is unknown.
    func history(of id: String) async throws -> ContributionGraphHistory
    /// Records `graph` as the next version of the history of arrangement `id`, validated by
    /// the core (``ContributionGraphHistory/record(_:on:author:reason:)``, which also refuses a
    /// graph of another arrangement); a refused version stores nothing.
    ///
    /// - Throws: ``ValidationFailure`` with every problem when the arrangement is unknown,
    ///   the graph is fictional on a real deal (or the other way round), or the core refuses it.
    @discardableResult
    func append(_ graph: ContributionGraph, to id: String, on date: CalendarDate, author: String, reason: String)
        async throws -> ContributionGraphVersion
    /// Records `history` for its arrangement once, under `name`; never again after the user
    /// deletes the arrangement. Returns whether anything was stored.
    @discardableResult
    func seedIfAbsent(_ history: ContributionGraphHistory, name: String) async throws -> Bool
}

/// The table of graph versions (migration "v4 contribution graphs"): one row per version,
/// unique per arrangement and number (the primary key), the graph in the core's interchange
/// form (JSON), deleted with its arrangement.
enum ContributionSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE contribution_graph_version (
                  arrangement_id TEXT NOT NULL REFERENCES arrangement(id) ON DELETE CASCADE,
                  version INTEGER NOT NULL CHECK (version >= 1),
                  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                  author TEXT NOT NULL CHECK (length(trim(author)) > 0),
                  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                  graph TEXT NOT NULL CHECK (json_valid(graph)),
                  PRIMARY KEY (arrangement_id, version)
                );
                """)
    }
}

/// The contribution stores' row mapping and decisions, the same on every database.
enum ContributionRules {
    /// The history of arrangement `id` from its version rows, oldest first.
    static func history(of id: String, rows: [any StoredRow]) throws -> ContributionGraphHistory {
        var history = ContributionGraphHistory(arrangementID: id)
        for row in rows {
            let number: Int = try row.value("version")
            guard let date = try row.day("date", of: "contribution_graph_version") else {
                throw StoredDateError(column: "contribution_graph_version.date", value: "NULL")
            }
            let version = try history.record(
                try row.document(ContributionGraph.self, "graph"), on: date, author: try row.value("author"),
                reason: try row.value("reason"))
            guard version.number == number else {
                throw StoredRecordError(
                    description: "contribution_graph_version \(id): versie \(number) buiten de volgorde")
            }
        }
        return history
    }

    /// The version `graph` adds to `history` and its audit event; refused (every problem at
    /// once) when the core refuses it or it is fictional on a real deal (`fictional`: whether
    /// the arrangement is a fictional deal), or the other way round.
    static func appending(
        _ graph: ContributionGraph, to history: inout ContributionGraphHistory, fictional: Bool, on date: CalendarDate,
        author: String, reason: String
    ) throws -> (version: ContributionGraphVersion, event: AuditEvent) {
        let id = history.arrangementID
        var issues: [ValidationIssue] = []
        if graph.isFictional != fictional {
            issues.append(
                ValidationIssue(
                    arrangementID: id, field: "fictief",
                    message: graph.isFictional
                        ? "een fictieve graaf hoort nooit bij een echt arrangement"
                        : "een fictieve deal krijgt alleen een fictieve graaf"))
        }
        let version: ContributionGraphVersion
        do {
            version = try history.record(graph, on: date, author: author, reason: reason)
        } catch {
            throw ValidationFailure(issues: issues + error.issues)
        }
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
        return (
            version,
            AuditEvent(
                action: "bijdragegraaf.toevoegen", object: "arrangement:\(id)/bijdragegraaf",
                details: ["versie": "\(version.number)", "auteur": author, "reden": reason])
        )
    }

    /// The arrangement of a history to seed, when the core accepts the history whole.
    static func seedable(_ history: ContributionGraphHistory) throws -> String {
        if !history.issues.isEmpty { throw ValidationFailure(issues: history.issues) }
        return history.arrangementID
    }

    /// Whether a seeded history is stored: only for an arrangement that exists and has no graph yet.
    static func seeds(arrangementExists: Bool, hasGraph: Bool) -> Bool { arrangementExists && !hasGraph }

    /// The audit event of seeding `history` as data set `name`.
    static func seeding(_ history: ContributionGraphHistory, name: String) -> AuditEvent {
        AuditEvent(
            action: "bijdragegraaf.laden", object: "arrangement:\(history.arrangementID)/bijdragegraaf",
            details: ["gegevensset": name, "versies": "\(history.versions.count)"])
    }

    static func row(_ version: ContributionGraphVersion, of id: String) throws -> StoredInsert {
        StoredInsert(
            "contribution_graph_version",
            [
                "arrangement_id": id, "version": version.number, "date": version.date.iso, "author": version.author,
                "reason": version.reason, "graph": try StoredDocument.text(version.graph),
            ])
    }
}

/// The graph versions, on SQLite and PostgreSQL alike (``StoreDatabase``), the graph stored as
/// the same JSON text on both.
public final class DatabaseContributionStore: ContributionStore {
    /// The name under which the fictional example is recorded in `seeded_data`.
    public static let fictionalExampleSeedName = "bijdragegraaf-fictief-regio-deal-voorbeeld"

    private let database: any StoreDatabase

    init(database: any StoreDatabase) {
        self.database = database
    }

    /// The reads of a history: whether the arrangement exists, then its versions.
    private static func history(of id: String) -> [StoredStatement] {
        [
            StoredStatement("SELECT 1 FROM arrangement WHERE id = ?", id),
            StoredStatement("SELECT * FROM contribution_graph_version WHERE arrangement_id = ? ORDER BY version", id),
        ]
    }

    private static func history(of id: String, _ rows: [[any StoredRow]]) throws -> ContributionGraphHistory {
        guard !rows[0].isEmpty else { throw unknownArrangement(id) }
        return try ContributionRules.history(of: id, rows: rows[1])
    }

    public func history(of id: String) async throws -> ContributionGraphHistory {
        try await database.read(Self.history(of: id)) { rows in try Self.history(of: id, rows) }
    }

    @discardableResult
    public func append(
        _ graph: ContributionGraph, to id: String, on date: CalendarDate, author: String, reason: String
    ) async throws -> ContributionGraphVersion {
        try await database.write(
            Self.history(of: id) + [
                StoredStatement("SELECT is_fictional FROM portfolio_deal WHERE arrangement_id = ?", id)
            ]
        ) { rows in
            var history = try Self.history(of: id, rows)
            let appended = try ContributionRules.appending(
                graph, to: &history, fictional: try rows[2].first?.value("is_fictional") ?? false, on: date,
                author: author, reason: reason)
            return StoreWrites(
                [try ContributionRules.row(appended.version, of: id).statement], events: [appended.event],
                result: appended.version)
        }
    }

    @discardableResult
    public func seedIfAbsent(_ history: ContributionGraphHistory, name: String) async throws -> Bool {
        let id = try ContributionRules.seedable(history)
        return try await database.write([
            SeededData.contains(name), StoredStatement("SELECT 1 FROM arrangement WHERE id = ?", id),
            StoredStatement("SELECT 1 FROM contribution_graph_version WHERE arrangement_id = ?", id),
        ]) { rows in
            guard rows[0].isEmpty else { return StoreWrites([], result: false) }
            guard ContributionRules.seeds(arrangementExists: !rows[1].isEmpty, hasGraph: !rows[2].isEmpty) else {
                return StoreWrites([SeededData.mark(name)], result: false)
            }
            return StoreWrites(
                [SeededData.mark(name)]
                    + (try history.versions.map { try ContributionRules.row($0, of: id).statement }),
                events: [ContributionRules.seeding(history, name: name)], result: true)
        }
    }
}

/// The graph versions in the embedded SQLite database.
public typealias SQLiteContributionStore = DatabaseContributionStore
