import Foundation
import VliegwielCore

/// The portfolio, beside the arrangements, on SQLite and PostgreSQL alike (``StoreDatabase``):
/// SQL once, the row mapping and decisions ``PortfolioRules``'.
public final class DatabasePortfolioStore: PortfolioStore {
    private let database: any StoreDatabase

    init(database: any StoreDatabase) {
        self.database = database
    }

    public func portfolio() async throws -> [PortfolioDeal] {
        PortfolioRules.sorted(
            try await database.rows(StoredStatement("SELECT * FROM portfolio_deal")) { try PortfolioRules.deal($0) })
    }

    /// The reads of a record: its deal, then each of ``PortfolioRules/detailTables``.
    static func record(_ id: String) -> [StoredStatement] {
        [StoredStatement("SELECT * FROM portfolio_deal WHERE arrangement_id = ?", id)]
            + PortfolioRules.detailTables.map {
                StoredStatement(
                    sql: "SELECT * FROM \($0) WHERE arrangement_id = ? ORDER BY position", values: [.text(id)])
            }
    }

    static func record(_ rows: [[any StoredRow]]) throws -> DealRecord? {
        guard let deal = rows[0].first else { return nil }
        return try PortfolioRules.record(
            deal: deal, details: Dictionary(uniqueKeysWithValues: zip(PortfolioRules.detailTables, rows.dropFirst())))
    }

    public func record(id: String) async throws -> DealRecord? {
        try await database.read(Self.record(id)) { rows in try Self.record(rows) }
    }

    public func deal(id: String) async throws -> PortfolioDeal? {
        try await database.rows(StoredStatement("SELECT * FROM portfolio_deal WHERE arrangement_id = ?", id)) {
            try PortfolioRules.deal($0)
        }.first
    }

    public func overview() async throws -> PortfolioOverview {
        try await database.read(PortfolioOverview.reads(byteOrder: database.byteOrder)) { try PortfolioOverview($0) }
    }

    public func directory() async throws -> PortfolioDirectory {
        try await database.read(PortfolioDirectory.reads) { try PortfolioDirectory($0) }
    }

    public func apply(_ changes: [DealChange], to id: String, checking expected: RecordRevision?) async throws
        -> DealRecord
    {
        try await database.write(Self.record(id)) { rows in
            let applied = try PortfolioRules.applying(
                changes, to: id, current: try Self.record(rows), expected: expected)
            return StoreWrites(
                Self.writes(applied.record, orIgnore: false), events: [applied.event], result: applied.record)
        }
    }

    /// The deal's row, then its details in place of the stored ones.
    private static func writes(_ record: DealRecord, orIgnore: Bool) -> [StoredStatement] {
        [PortfolioRules.dealRow(record.deal, orIgnore: orIgnore).statement]
            + PortfolioRules.replacedTables.map {
                StoredStatement(sql: "DELETE FROM \($0) WHERE arrangement_id = ?", values: [.text(record.deal.id)])
            } + PortfolioRules.detailRows(of: record).map(\.statement)
    }

    public func hasSeeded(_ name: String) async throws -> Bool {
        try await !database.read([SeededData.contains(name)]) { $0[0].isEmpty }
    }

    public func seedIfAbsent(_ seed: PortfolioSeed, name: String) async throws -> Bool {
        try await database.write([
            SeededData.contains(name), StoredStatement("SELECT id FROM arrangement"),
            StoredStatement("SELECT arrangement_id AS id FROM portfolio_deal"),
        ]) { rows in
            guard rows[0].isEmpty else { return StoreWrites([], result: false) }
            // Only what is absent: never over the user's arrangements or deals.
            var arrangements = Set(try rows[1].map { try $0.value("id") as String })
            var deals = Set(try rows[2].map { try $0.value("id") as String })
            var statements: [StoredStatement] = []
            let now = Date()
            for arrangement in seed.arrangements where arrangements.insert(arrangement.id).inserted {
                let seeded = try PortfolioRules.seedRows(of: arrangement, in: seed, at: now)
                statements += [seeded.arrangement.statement] + seeded.versions.map(\.statement)
            }
            for record in seed.records where deals.insert(record.deal.id).inserted {
                statements += Self.writes(record, orIgnore: true)
            }
            return StoreWrites(
                statements + [SeededData.mark(name)], events: [PortfolioRules.seeding(seed, name: name)], result: true)
        }
    }
}
