import Foundation
import VliegwielCore

/// What a report across the whole portfolio needs of every deal, read in one transaction (one
/// snapshot) with a handful of set-based statements instead of several reads per deal: the
/// deal, its programme lines' names, the profile of its arrangement, its indicators, how many
/// versions of the contribution graph and the profile and how many learning-log entries it has,
/// and every context table with its observations.
public struct PortfolioOverview: Sendable {
    public struct Entry: Sendable {
        public var deal: PortfolioDeal
        public var programmeLines: [String]
        /// `nil` when the deal has no arrangement.
        public var profile: Profile?
        public var indicators: ArrangementIndicators?
        public var contributionGraphVersions: Int
        public var learningEntries: Int
        public var profileVersions: Int
    }

    /// In the portfolio's order (tranche, then name).
    public var entries: [Entry]
    /// Every context table with all its observations.
    public var contextTables: [(ContextTable, [ContextObservation])]

    /// The indicator report of `entry`, as ``IndicatorStore/report(for:)`` makes it: its
    /// indicators and every context table that has one of its regions, with all observations.
    public func indicatorReport(_ entry: Entry) -> IndicatorReport {
        let regions = Set(entry.indicators?.regions ?? [])
        let tables =
            regions.isEmpty
            ? []
            : contextTables.filter { _, observations in
                observations.contains { regions.contains($0.region) }
            }
        return IndicatorReport(arrangementID: entry.deal.id, indicators: entry.indicators, tables: tables)
    }

    /// The statements, in the order ``init(_:)`` reads their rows.
    static func reads(byteOrder order: String) -> [StoredStatement] {
        [
            StoredStatement("SELECT * FROM portfolio_deal"),
            StoredStatement("SELECT arrangement_id, name FROM programme_line ORDER BY arrangement_id, position"),
            StoredStatement(
                "SELECT id, document FROM arrangement WHERE id IN (SELECT arrangement_id FROM portfolio_deal)"),
            StoredStatement("SELECT arrangement_id, document FROM arrangement_indicators"),
            StoredStatement(
                "SELECT arrangement_id, COUNT(*) AS count FROM contribution_graph_version GROUP BY arrangement_id"),
            StoredStatement("SELECT arrangement_id, COUNT(*) AS count FROM learning_log_entry GROUP BY arrangement_id"),
            StoredStatement(
                "SELECT arrangement_id, COUNT(*) AS count FROM arrangement_version GROUP BY arrangement_id"),
            StoredStatement("SELECT * FROM context_table ORDER BY id\(order)"),
            StoredStatement(
                "SELECT * FROM context_observation ORDER BY table_id\(order), measure\(order), region\(order), period\(order)"
            ),
        ]
    }

    init(_ rows: [[any StoredRow]]) throws {
        func counts(_ rows: [any StoredRow]) throws -> [String: Int] {
            Dictionary(
                uniqueKeysWithValues: try rows.map {
                    (try $0.value("arrangement_id") as String, try $0.value("count") as Int)
                })
        }
        let deals = PortfolioRules.sorted(try rows[0].map { try PortfolioRules.deal($0) })
        var lines: [String: [String]] = [:]
        for row in rows[1] { lines[try row.value("arrangement_id"), default: []].append(try row.value("name")) }
        var profiles: [String: Profile] = [:]
        for row in rows[2] {
            profiles[try row.value("id")] = try row.keptDocument(Arrangement.self, "document").profile
        }
        var indicators: [String: ArrangementIndicators] = [:]
        for row in rows[3] {
            indicators[try row.value("arrangement_id")] = try row.keptDocument(ArrangementIndicators.self, "document")
        }
        let graphs = try counts(rows[4])
        let entries = try counts(rows[5])
        let versions = try counts(rows[6])
        var observations: [String: [ContextObservation]] = [:]
        for row in rows[8] {
            let observation = try IndicatorRules.observation(row)
            observations[observation.tableID, default: []].append(observation)
        }
        contextTables = try rows[7].map { row in
            let table = try IndicatorRules.table(row)
            return (table, observations[table.id] ?? [])
        }
        self.entries = deals.map { deal in
            Entry(
                deal: deal, programmeLines: lines[deal.id] ?? [], profile: profiles[deal.id],
                indicators: indicators[deal.id], contributionGraphVersions: graphs[deal.id] ?? 0,
                learningEntries: entries[deal.id] ?? 0, profileVersions: versions[deal.id] ?? 0)
        }
    }
}
