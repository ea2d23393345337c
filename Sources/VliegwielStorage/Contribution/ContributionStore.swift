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

/// The graph versions in the embedded SQLite database.
public final class SQLiteContributionStore: ContributionStore {
    /// The name under which the fictional example is recorded in `seeded_data`.
    public static let fictionalExampleSeedName = "bijdragegraaf-fictief-regio-deal-voorbeeld"

    private let writer: any DatabaseWriter

    public init(database: AppDatabase) {
        writer = database.writer
    }

    public func history(of id: String) async throws -> ContributionGraphHistory {
        try await writer.read { db in try Self.history(of: id, in: db) }
    }

    @discardableResult
    public func append(
        _ graph: ContributionGraph, to id: String, on date: CalendarDate, author: String, reason: String
    ) async throws -> ContributionGraphVersion {
        try await writer.write { db in
            var history = try Self.history(of: id, in: db)
            let fictional = try Bool.fetchOne(
                db, sql: "SELECT is_fictional FROM portfolio_deal WHERE arrangement_id = ?", arguments: [id])
            var issues: [ValidationIssue] = []
            if graph.isFictional != (fictional ?? false) {
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
            } catch let failure as ValidationFailure {
                throw ValidationFailure(issues: issues + failure.issues)
            }
            if !issues.isEmpty { throw ValidationFailure(issues: issues) }
            try Self.insert(version, of: id, in: db)
            try AuditTrail.record(
                action: "bijdragegraaf.toevoegen", object: "arrangement:\(id)/bijdragegraaf",
                details: ["versie": "\(version.number)", "auteur": author, "reden": reason], in: db)
            return version
        }
    }

    /// Records `history` for its arrangement once, under `name` in `seeded_data`: when the
    /// arrangement is absent or already has a graph nothing is added, and after the user
    /// deletes the arrangement it never comes back. Returns whether anything was stored.
    @discardableResult
    public func seedIfAbsent(_ history: ContributionGraphHistory, name: String) async throws -> Bool {
        let issues = history.issues
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
        return try await writer.write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM seeded_data WHERE name = ?)", arguments: [name])
                    != true
            else { return false }
            try db.execute(
                sql: "INSERT INTO seeded_data (name, seeded_at) VALUES (?, ?)", arguments: [name, Date()])
            let arrangementExists =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = ?)",
                    arguments: [history.arrangementID]) == true
            let hasGraph =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM contribution_graph_version WHERE arrangement_id = ?)",
                    arguments: [history.arrangementID]) == true
            guard arrangementExists, !hasGraph else { return false }
            for version in history.versions { try Self.insert(version, of: history.arrangementID, in: db) }
            try AuditTrail.record(
                action: "bijdragegraaf.laden", object: "arrangement:\(history.arrangementID)/bijdragegraaf",
                details: ["gegevensset": name, "versies": "\(history.versions.count)"], in: db)
            return true
        }
    }

    // MARK: - Rows

    private static func history(of id: String, in db: Database) throws -> ContributionGraphHistory {
        guard
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = ?)", arguments: [id])
                == true
        else {
            throw ValidationFailure(issues: [ValidationIssue(field: "id", message: "onbekend arrangement '\(id)'")])
        }
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM contribution_graph_version WHERE arrangement_id = ? ORDER BY version",
            arguments: [id])
        var history = ContributionGraphHistory(arrangementID: id)
        let decoder = JSONDecoder()
        for row in rows {
            let number: Int = row["version"]
            let dateText: String = row["date"]
            let graphText: String = row["graph"]
            guard let date = CalendarDate(iso: dateText) else {
                throw DatabaseError(message: "contribution_graph_version \(id) \(number): date '\(dateText)'")
            }
            let graph = try decoder.decode(ContributionGraph.self, from: Data(graphText.utf8))
            let version = try history.record(graph, on: date, author: row["author"], reason: row["reason"])
            guard version.number == number else {
                throw DatabaseError(message: "contribution_graph_version \(id): version \(number) out of order")
            }
        }
        return history
    }

    private static func insert(_ version: ContributionGraphVersion, of id: String, in db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let graph = String(decoding: try encoder.encode(version.graph), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO contribution_graph_version (arrangement_id, version, date, author, reason, graph)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, version.number, version.date.iso, version.author, version.reason, graph])
    }
}
