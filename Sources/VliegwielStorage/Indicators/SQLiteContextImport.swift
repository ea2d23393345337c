import GRDB
import GRDBSQLite
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
                defer { observations.finish() }
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
/// observation of the same key is replaced. It binds with SQLite's C API, straight from the
/// chunk's texts (one UTF-8 copy of each measure, region and period, held while the chunk is
/// written, so SQLite need not copy them), with the table's id bound once per statement: no
/// value is boxed or copied per row. While it writes, the connection's page cache is raised
/// to ``cacheKiB``; ``finish()`` puts it back and releases the statements.
final class ObservationWriter {
    static let rowsPerStatement = 200
    static let cacheKiB = 32_768

    private let db: Database
    private let connection: OpaquePointer
    private let tableID: ContiguousArray<UInt8>
    private var batch: OpaquePointer?
    private var single: OpaquePointer?
    private var previousCache: Int?

    init(tableID: String, in db: Database) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(message: "de database is gesloten") }
        self.db = db
        self.connection = connection
        self.tableID = ContiguousArray(tableID.utf8)
        previousCache = try Int.fetchOne(db, sql: "PRAGMA cache_size")
        try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)")
    }

    deinit {
        sqlite3_finalize(batch)
        sqlite3_finalize(single)
    }

    /// Writes `chunk`: its rows in key order.
    func write(_ chunk: KeyOrderedObservations.Chunk) throws {
        // The texts of the chunk, each once, one after the other: `spans[i]` is where the
        // i-th text of measures + regions + periods starts and ends.
        var bytes = ContiguousArray<UInt8>()
        var spans: [(start: Int32, count: Int32)] = []
        for text in chunk.measures + chunk.regions + chunk.periods {
            spans.append((Int32(bytes.count), Int32(text.utf8.count)))
            bytes.append(contentsOf: text.utf8)
        }
        let regionBase = chunk.measures.count
        let periodBase = regionBase + chunk.regions.count
        let batch = try self.batch ?? prepare(rows: Self.rowsPerStatement)
        self.batch = batch
        try tableID.withUnsafeBufferPointer { id in
            try bytes.withUnsafeBufferPointer { all in
                let base = all.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(id.baseAddress!)
                func bind(_ statement: OpaquePointer, _ parameter: Int32, _ text: Int) throws {
                    let span = spans[text]
                    try check(sqlite3_bind_text(statement, parameter, base + Int(span.start), span.count, nil))
                }
                func bindRow(_ statement: OpaquePointer, _ place: Int32, _ row: KeyOrderedObservations.Row) throws {
                    try bind(statement, place, Int(row.measure))
                    try bind(statement, place + 1, regionBase + Int(row.region))
                    try bind(statement, place + 2, periodBase + Int(row.period))
                    try check(
                        row.hasValue
                            ? sqlite3_bind_double(statement, place + 3, row.value)
                            : sqlite3_bind_null(statement, place + 3))
                }
                let whole = chunk.order.count - chunk.order.count % Self.rowsPerStatement
                try check(sqlite3_bind_text(batch, 1, id.baseAddress, Int32(id.count), nil))
                var filled: Int32 = 0
                for index in chunk.order[..<whole] {
                    try bindRow(batch, 2 + 4 * filled, chunk.rows[Int(index)])
                    filled += 1
                    if filled == Self.rowsPerStatement {
                        try run(batch)
                        filled = 0
                    }
                }
                if whole < chunk.order.count {
                    let single = try self.single ?? prepare(rows: 1)
                    self.single = single
                    try check(sqlite3_bind_text(single, 1, id.baseAddress, Int32(id.count), nil))
                    for index in chunk.order[whole...] {
                        try bindRow(single, 2, chunk.rows[Int(index)])
                        try run(single)
                    }
                    sqlite3_clear_bindings(single)
                }
                // The bound texts are the chunk's: no statement keeps pointing at them.
                sqlite3_clear_bindings(batch)
            }
        }
    }

    /// Puts the connection's page cache back as it was (also after a failed import) and
    /// releases the prepared statements.
    func finish() {
        sqlite3_finalize(batch)
        sqlite3_finalize(single)
        batch = nil
        single = nil
        guard let previousCache else { return }
        try? db.execute(sql: "PRAGMA cache_size = \(previousCache)")
        self.previousCache = nil
    }

    private func prepare(rows: Int) throws -> OpaquePointer {
        let sql =
            "INSERT OR REPLACE INTO context_observation (table_id, measure, region, period, value) VALUES "
            + (0..<rows).map { "(?1, ?\(2 + 4 * $0), ?\(3 + 4 * $0), ?\(4 + 4 * $0), ?\(5 + 4 * $0))" }.joined(
                separator: ", ")
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil))
        guard let statement else { throw DatabaseError(message: "lege SQL") }
        return statement
    }

    private func run(_ statement: OpaquePointer) throws {
        let done = sqlite3_step(statement)
        let reset = sqlite3_reset(statement)
        if done != SQLITE_DONE { try check(done) }
        try check(reset)
    }

    private func check(_ code: Int32) throws {
        guard code != SQLITE_OK, code != SQLITE_DONE else { return }
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
    }
}
