import GRDB
import VliegwielCore

/// A context import into the embedded SQLite database: the observations gathered in key order
/// (``KeyOrderedObservations``) and written with prepared multi-row statements
/// (``ObservationWriter``) in the import's write transaction.
struct SQLiteContextImporter: ContextImporter {
    let writer: any DatabaseWriter

    func importContext(_ table: ContextTable, read: @escaping ContextReading) async throws -> ContextImportSummary {
        // `read` runs once, inside the write transaction, before `write` returns; it is not
        // shared with any other task, whatever the Sendable checker cannot see.
        nonisolated(unsafe) let read = read
        return try await writer.writeWithoutTransaction { db in
            // Every observation refers to the table's row, written first in the same
            // transaction, so SQLite's lookup of that row per observation (a sixth of the
            // table's cost, BENCHMARKS.md) is left out. The setting belongs to the connection
            // and cannot change inside a transaction: it is set around the one transaction
            // and always put back.
            let enforced = try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? true
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = \(enforced ? "ON" : "OFF")") }
            var summary: ContextImportSummary?
            try db.inTransaction(.immediate) {
                try db.run(try IndicatorRules.tableRow(table))
                let observations = try ObservationWriter(tableID: table.id, in: db)
                defer { observations.restoreCache() }
                var tally = ContextImportTally(table)
                var ordered = KeyOrderedObservations()
                let (rowsRead, issues) = try read { observation in
                    if tally.admits(observation) { try ordered.append(observation, flush: observations.write) }
                }
                try ordered.finish(flush: observations.write)
                let finished = try tally.finish(rowsRead: rowsRead, issues: issues)
                try db.record(finished.event)
                summary = finished.summary
                return .commit
            }
            guard let summary else { throw CancellationError() }
            return summary
        }
    }
}

/// Writes chunks of observations in key order with prepared multi-row `INSERT OR REPLACE`
/// statements of ``rowsPerStatement`` rows, inside the caller's transaction: a stored
/// observation of the same key is replaced. While it writes, the connection's page cache is
/// raised to ``cacheKiB``; ``restoreCache()`` puts it back.
final class ObservationWriter {
    static let rowsPerStatement = 200
    static let cacheKiB = 32_768

    private let db: Database
    private let tableID: DatabaseValue
    private var batch: Statement?
    private var single: Statement?
    private var values: [DatabaseValue] = []
    private var previousCache: Int?

    init(tableID: String, in db: Database) throws {
        self.db = db
        self.tableID = tableID.databaseValue
        values.reserveCapacity(Self.rowsPerStatement * 5)
        previousCache = try Int.fetchOne(db, sql: "PRAGMA cache_size")
        try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)")
    }

    /// Writes `chunk`: its rows in key order.
    func write(_ chunk: KeyOrderedObservations.Chunk) throws {
        let measures = chunk.measures.map(\.databaseValue)
        let regions = chunk.regions.map(\.databaseValue)
        let periods = chunk.periods.map(\.databaseValue)
        let statement = try batch ?? db.makeStatement(sql: Self.insert(rows: Self.rowsPerStatement))
        batch = statement
        for index in chunk.order {
            let row = chunk.rows[Int(index)]
            values.append(tableID)
            values.append(measures[Int(row.measure)])
            values.append(regions[Int(row.region)])
            values.append(periods[Int(row.period)])
            values.append(row.hasValue ? row.value.databaseValue : .null)
            if values.count == Self.rowsPerStatement * 5 {
                statement.setUncheckedArguments(StatementArguments(values))
                try statement.execute()
                values.removeAll(keepingCapacity: true)
            }
        }
        if !values.isEmpty {
            let statement = try single ?? db.makeStatement(sql: Self.insert(rows: 1))
            single = statement
            for start in stride(from: 0, to: values.count, by: 5) {
                statement.setUncheckedArguments(StatementArguments(values[start..<start + 5]))
                try statement.execute()
            }
            values.removeAll(keepingCapacity: true)
        }
    }

    /// Puts the connection's page cache back as it was (also after a failed import).
    func restoreCache() {
        guard let previousCache else { return }
        try? db.execute(sql: "PRAGMA cache_size = \(previousCache)")
        self.previousCache = nil
    }

    private static func insert(rows: Int) -> String {
        "INSERT OR REPLACE INTO context_observation (table_id, measure, region, period, value) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }
}
