import Foundation
import PostgresNIO
import VliegwielCore

/// The contribution graph versions in a PostgreSQL database: the same contract and table as
/// ``SQLiteContributionStore``, the graph stored as the same JSON text.
public final class PostgresContributionStore: ContributionStore {
    private let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func history(of id: String) async throws -> ContributionGraphHistory {
        try await database.read { connection in try await Self.history(of: id, in: connection) }
    }

    @discardableResult
    public func append(
        _ graph: ContributionGraph, to id: String, on date: CalendarDate, author: String, reason: String
    ) async throws -> ContributionGraphVersion {
        try await database.write { connection in
            var history = try await Self.history(of: id, in: connection)
            let fictional = try await connection.rows(
                "SELECT is_fictional FROM portfolio_deal WHERE arrangement_id = \(id)"
            ).first?.decode(Bool.self, "is_fictional")
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
            try await Self.insert(version, of: id, in: connection)
            try await PostgresAuditTrail.record(
                action: "bijdragegraaf.toevoegen", object: "arrangement:\(id)/bijdragegraaf",
                details: ["versie": "\(version.number)", "auteur": author, "reden": reason], in: connection)
            return version
        }
    }

    @discardableResult
    public func seedIfAbsent(_ history: ContributionGraphHistory, name: String) async throws -> Bool {
        let issues = history.issues
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
        return try await database.write { connection in
            guard try await !connection.exists("SELECT EXISTS (SELECT 1 FROM seeded_data WHERE name = \(name))")
            else { return false }
            try await connection.execute(
                "INSERT INTO seeded_data (name, seeded_at) VALUES (\(name), \(PostgresTimestamp(Date())))")
            let arrangementExists = try await connection.exists(
                "SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = \(history.arrangementID))")
            let hasGraph = try await connection.exists(
                """
                SELECT EXISTS (SELECT 1 FROM contribution_graph_version WHERE arrangement_id = \(history.arrangementID))
                """)
            guard arrangementExists, !hasGraph else { return false }
            for version in history.versions {
                try await Self.insert(version, of: history.arrangementID, in: connection)
            }
            try await PostgresAuditTrail.record(
                action: "bijdragegraaf.laden", object: "arrangement:\(history.arrangementID)/bijdragegraaf",
                details: ["gegevensset": name, "versies": "\(history.versions.count)"], in: connection)
            return true
        }
    }

    // MARK: - Rows

    private static func history(of id: String, in connection: PostgresConnection) async throws
        -> ContributionGraphHistory
    {
        guard try await connection.exists("SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = \(id))") else {
            throw ValidationFailure(issues: [ValidationIssue(field: "id", message: "onbekend arrangement '\(id)'")])
        }
        let rows = try await connection.rows(
            """
            SELECT version, date, author, reason, graph FROM contribution_graph_version
            WHERE arrangement_id = \(id) ORDER BY version
            """)
        var history = ContributionGraphHistory(arrangementID: id)
        let decoder = JSONDecoder()
        for row in rows {
            let number = try row.decode(Int.self, "version")
            let dateText = try row.decode(String.self, "date")
            let graphText = try row.decode(String.self, "graph")
            guard let date = CalendarDate(iso: dateText) else {
                throw PostgresStoreError("contribution_graph_version \(id) \(number): date '\(dateText)'")
            }
            let graph = try decoder.decode(ContributionGraph.self, from: Data(graphText.utf8))
            let version = try history.record(
                graph, on: date, author: try row.decode(String.self, "author"),
                reason: try row.decode(String.self, "reason"))
            guard version.number == number else {
                throw PostgresStoreError("contribution_graph_version \(id): version \(number) out of order")
            }
        }
        return history
    }

    private static func insert(_ version: ContributionGraphVersion, of id: String, in connection: PostgresConnection)
        async throws
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let graph = String(decoding: try encoder.encode(version.graph), as: UTF8.self)
        try await connection.execute(
            """
            INSERT INTO contribution_graph_version (arrangement_id, version, date, author, reason, graph)
            VALUES (\(id), \(version.number), \(version.date.iso), \(version.author), \(version.reason), \(graph))
            """)
    }
}
