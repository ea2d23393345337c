import GRDB
import VliegwielCore

/// A context import into the embedded SQLite database: the observations written with prepared
/// multi-row statements (``ObservationWriter``) in the import's write transaction.
struct SQLiteContextImporter: ContextImporter {
    let writer: any DatabaseWriter

    func importContext(_ table: ContextTable, read: @escaping ContextReading) async throws -> ContextImportSummary {
        // `read` runs once, inside the write transaction, before `write` returns; it is not
        // shared with any other task, whatever the Sendable checker cannot see.
        nonisolated(unsafe) let read = read
        return try await writer.write { db in
            try db.run(try IndicatorRules.tableRow(table))
            let observations = try ObservationWriter(tableID: table.id, in: db)
            defer { observations.restoreCache() }
            var tally = ContextImportTally(table)
            let (rowsRead, issues) = try read { observation in
                if tally.admits(observation) { try observations.append(observation) }
            }
            try observations.flush()
            let finished = try tally.finish(rowsRead: rowsRead, issues: issues)
            try db.record(finished.event)
            return finished.summary
        }
    }
}

/// Writes observations with prepared multi-row `INSERT OR REPLACE` statements: rows are
/// gathered into batches of ``rowsPerStatement`` and each batch is one statement execution,
/// inside the caller's transaction. Within a batch, as between batches, a later row of the
/// same key replaces an earlier one (SQLite applies the conflict rule row by row, in order).
/// While it writes, the connection's page cache is raised to ``cacheKiB`` so that the
/// composite primary key and the region index stay in memory; ``flush()`` puts it back.
final class ObservationWriter {
    static let rowsPerStatement = 200
    static let cacheKiB = 32_768

    private let db: Database
    private let tableID: DatabaseValue
    private var batch: Statement?
    private var single: Statement?
    private var values: [DatabaseValue] = []
    private var periodCodes: [IndicatorPeriod: DatabaseValue] = [:]
    private var previousCache: Int?

    init(tableID: String, in db: Database) throws {
        self.db = db
        self.tableID = tableID.databaseValue
        values.reserveCapacity(Self.rowsPerStatement * 5)
        previousCache = try Int.fetchOne(db, sql: "PRAGMA cache_size")
        try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)")
    }

    func append(_ observation: ContextObservation) throws {
        let period: DatabaseValue
        if let known = periodCodes[observation.period] {
            period = known
        } else {
            period = observation.period.code.databaseValue
            if periodCodes.count < 100_000 { periodCodes[observation.period] = period }
        }
        values.append(tableID)
        values.append(observation.measure.databaseValue)
        values.append(observation.region.code.databaseValue)
        values.append(period)
        values.append(observation.value?.databaseValue ?? .null)
        if values.count == Self.rowsPerStatement * 5 {
            let statement = try batch ?? db.makeStatement(sql: Self.insert(rows: Self.rowsPerStatement))
            batch = statement
            statement.setUncheckedArguments(StatementArguments(values))
            try statement.execute()
            values.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is left.
    func flush() throws {
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
