import Foundation
import Synchronization
import VliegwielCore

/// A whole installation, streamed: every record written to an installation file
/// (``InstallationFileWriter``) and a file restored into an empty database as it is read
/// (``InstallationRows``), for moving an installation between SQLite and PostgreSQL
/// (`vliegwiel exporteer --alles`, `vliegwiel importeer --alles`). Neither holds the
/// installation in memory.
///
/// Restoring is for restoring only: it writes the stored rows as they were (version numbers,
/// dates, authors, order), past the checks of the other stores, which the rows passed when
/// they were first stored. It therefore only ever writes into an empty database.
public protocol InstallationStore: Sendable {
    /// Writes every record of every table of ``InstallationTables/all``, read from one
    /// snapshot, as an installation file: `output` gets the file's bytes a piece at a time;
    /// `progress` hears how many rows are read of how many there are, every
    /// ``InstallationProgress/step`` rows and at the end. Returns how many rows each table had.
    func export(
        to output: @escaping @Sendable ([UInt8]) throws -> Void,
        progress: @escaping @Sendable (InstallationProgress) -> Void
    ) async throws -> [(table: InstallationTable, rows: Int)]
    /// How many rows each table of ``InstallationTables/all`` holds that are not empty.
    func occupiedTables() async throws -> [(table: InstallationTable, rows: Int)]
    /// Writes the tables and rows of `rows` into this database as they come, in one
    /// transaction, with one audit entry saying so; all or nothing; `progress` as for
    /// ``export(to:progress:)``, with `total` known only at the end. Restore-only: see the
    /// protocol. Returns how many rows each table received.
    ///
    /// - Throws: ``InstallationNotEmpty`` when any table already holds a row (nothing is
    ///   written); ``ValidationFailure`` naming every table, row and column (up to 50) that does
    ///   not fit; ``InstallationDumpError`` from a file that is not well formed; or the
    ///   database's refusal.
    func restore(_ rows: any InstallationRows, progress: @escaping @Sendable (InstallationProgress) -> Void)
        async throws -> [(table: InstallationTable, rows: Int)]
}

extension InstallationStore {
    /// The whole installation in memory (tests, small installations): the file's bytes read back.
    public func dump(progress: @escaping @Sendable (InstallationProgress) -> Void = { _ in }) async throws
        -> InstallationDump
    {
        let bytes = Mutex<[UInt8]>([])
        _ = try await export(to: { piece in bytes.withLock { $0 += piece } }, progress: progress)
        return try InstallationDump.decode(Data(bytes.withLock { $0 }))
    }

    public func restore(
        _ dump: InstallationDump, progress: @escaping @Sendable (InstallationProgress) -> Void = { _ in }
    ) async throws {
        _ = try await restore(dump.rows(), progress: progress)
    }
}

/// How far an export or a restore has come: rows done of the rows of every table.
public struct InstallationProgress: Sendable, Equatable {
    /// How many rows pass between two reports.
    public static let step = 500

    public var rows: Int
    /// Every row of every table; 0 while not known (a restore learns it at its end).
    public var total: Int

    public init(rows: Int, total: Int) {
        self.rows = rows
        self.total = total
    }
}

/// Counts rows and reports every ``InstallationProgress/step`` of them.
struct InstallationProgressCounter {
    var total: Int
    let report: @Sendable (InstallationProgress) -> Void
    private(set) var rows = 0

    init(total: Int, report: @escaping @Sendable (InstallationProgress) -> Void) {
        self.total = total
        self.report = report
    }

    mutating func count(_ added: Int = 1) {
        let before = rows / InstallationProgress.step
        rows += added
        if rows / InstallationProgress.step != before { report(InstallationProgress(rows: rows, total: total)) }
    }

    func finish() { report(InstallationProgress(rows: rows, total: total)) }
}

/// The kind of a column decides how it is read and written on each database and in the file,
/// where a moment is UTC text with milliseconds.
extension SchemaColumnType {
    /// What a value of this kind looks like in the file, in Dutch.
    var expected: String {
        switch self {
        case .text: "tekst of null"
        case .integer, .bigInteger: "een geheel getal of null"
        case .real: "een getal of null"
        case .boolean: "true, false of null"
        case .moment: "een tijdstip als \"2025-03-01T09:30:00.000Z\" of null"
        }
    }
}

extension InstallationDump.Value {
    /// The value as it stands in the file.
    var jsonText: String {
        switch self {
        case .null: "null"
        case .boolean(let flag): flag ? "true" : "false"
        case .integer(let number): "\(number)"
        case .real(let number): "\(number)"
        case .text(let text): "\"\(text)\""
        }
    }
}

/// One table of an installation as the file holds it.
public struct InstallationTable: Sendable, Hashable {
    public var name: String
    /// What a person calls its rows, in Dutch (`arrangementen`).
    public var label: String
    public var columns: [(name: String, kind: SchemaColumnType)]
    /// The columns of the primary key: rows are written in this order.
    public var key: [String]

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    public var columnNames: [String] { columns.map(\.name) }
}

/// The tables an installation moves, in the order they are written (every table after the
/// tables it refers to): those of ``StorageSchema`` marked as moved. Not moved: `audit_entry`
/// (its hash chain vouches for one database), the account tables (secrets; accounts are made
/// again), the health probe and the migrators' own tables.
public enum InstallationTables {
    public static let all: [InstallationTable] = StorageSchema.tables.compactMap { table in
        guard case .moved(let label) = table.export else { return nil }
        return InstallationTable(
            name: table.name, label: label, columns: table.columns.map { (name: $0.name, kind: $0.type) },
            key: table.keyColumns)
    }

    /// The tables that stay behind, and why (a test checks that every table of either database
    /// is moved or named here, so that a new kind of record is never left out silently).
    public static let notMoved: [String: String] = StorageSchema.tables.reduce(into: StorageSchema.migratorTables) {
        result, table in
        if case .notMoved(let reason) = table.export { result[table.name] = reason }
    }

    /// A stored moment in the file's form: UTC with milliseconds, rounded to the nearest.
    static func momentText(_ date: Date) -> String {
        AuditTimestamp(millisecondsSince1970: Int64((date.timeIntervalSince1970 * 1000).rounded())).iso
    }
}

extension SchemaColumnType {
    /// `value` of the file as it is written into a column of this kind; `nil` when it does not fit.
    func stored(_ value: InstallationDump.Value) -> StoredValue? {
        switch (value, self) {
        case (.null, _): .null
        case (.text(let text), .text): .text(text)
        case (.integer(let number), .integer), (.integer(let number), .bigInteger): .integer(number)
        case (.integer(let number), .real): .real(Double(number))
        case (.real(let number), .real): .real(number)
        case (.boolean(let flag), .boolean): .boolean(flag)
        case (.text(let text), .moment):
            AuditTimestamp(iso: text).map {
                .moment(Date(timeIntervalSince1970: Double($0.millisecondsSince1970) / 1000))
            }
        default: nil
        }
    }

    /// The value of column `index` of a stored `row` as the file holds it.
    func value(at index: Int, of row: any StoredRow) throws -> InstallationDump.Value {
        let value: InstallationDump.Value? =
            switch self {
            case .text: try (row.value(at: index) as String?).map { .text($0) }
            case .integer, .bigInteger: try (row.value(at: index) as Int64?).map { .integer($0) }
            case .real: try (row.value(at: index) as Double?).map { .real($0) }
            case .boolean: try (row.value(at: index) as Bool?).map { .boolean($0) }
            case .moment: try (row.value(at: index) as Date?).map { .text(InstallationTables.momentText($0)) }
            }
        return value ?? .null
    }
}

/// The database already holds records: an installation is only restored into an empty one.
public struct InstallationNotEmpty: Error, Sendable, CustomStringConvertible {
    /// What is there: a Dutch label and a count per table.
    public var occupied: [(label: String, rows: Int)]

    public init(occupied: [(label: String, rows: Int)]) { self.occupied = occupied }

    public var description: String {
        "de database is niet leeg: ze bevat al "
            + occupied.map { "\($0.rows) \($0.label)" }.joined(separator: ", ")
            + "; importeer een installatie alleen in een nieuwe, lege database (een nieuw bestand of createdb)"
    }
}

/// A whole installation on SQLite and PostgreSQL alike (``StoreDatabase``): the tables read in
/// one snapshot, row by row; a restore writes each table the fastest way the database has
/// (``StoredBulkRows``: one prepared statement on SQLite, COPY on PostgreSQL) in one write transaction.
final class DatabaseInstallationStore: InstallationStore {
    private let database: any StoreDatabase

    init(database: any StoreDatabase) {
        self.database = database
    }

    /// How many rows each table holds, in one statement.
    private static let counts = StoredStatement(
        sql: InstallationTables.all.map { "SELECT '\($0.name)' AS name, COUNT(*) AS count FROM \"\($0.name)\"" }
            .joined(separator: " UNION ALL "), values: [])

    private static func occupied(_ rows: [any StoredRow]) throws -> [(table: InstallationTable, rows: Int)] {
        let counts = Dictionary(
            uniqueKeysWithValues: try rows.map { (try $0.value("name") as String, try $0.value("count") as Int) })
        return InstallationTables.all.compactMap { table in counts[table.name].flatMap { $0 > 0 ? (table, $0) : nil } }
    }

    func occupiedTables() async throws -> [(table: InstallationTable, rows: Int)] {
        try await database.read([Self.counts]) { rows in try Self.occupied(rows[0]) }
    }

    /// An export on its way: the file so far, the table being written, the rows per table.
    private struct Exporting: Sendable {
        var file = InstallationFileWriter()
        var table = -1
        var rows: [Int] = InstallationTables.all.map { _ in 0 }
        var counter: InstallationProgressCounter
        let output: @Sendable ([UInt8]) throws -> Void

        /// Closes the open table and opens the tables after it up to `index`, empty ones too.
        mutating func move(to index: Int) {
            while table < index {
                if table >= 0 { file.endTable() }
                table += 1
                if table < InstallationTables.all.count {
                    file.beginTable(
                        InstallationTables.all[table].name, columns: InstallationTables.all[table].columnNames)
                }
            }
        }

        mutating func flush(atLeast bytes: Int) throws {
            if file.pending >= bytes { try output(file.take()) }
        }
    }

    func export(
        to output: @escaping @Sendable ([UInt8]) throws -> Void,
        progress: @escaping @Sendable (InstallationProgress) -> Void
    ) async throws -> [(table: InstallationTable, rows: Int)] {
        let tables = InstallationTables.all
        // By key, text by its UTF-8 bytes, so that both databases give the same order.
        let reads = tables.map { table in
            let key = table.key.map { name in
                "\"\(name)\"" + (table.columns.first { $0.name == name }?.kind == .text ? database.byteOrder : "")
            }
            return StoredStatement(
                sql: "SELECT \(table.columnNames.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \"\(table.name)\""
                    + " ORDER BY \(key.joined(separator: ", "))", values: [])
        }
        let start = Exporting(counter: InstallationProgressCounter(total: 0, report: progress), output: output)
        var done = try await database.scan([Self.counts] + reads, into: start) { exporting, index, row in
            guard index > 0 else {
                exporting.counter.total += try row.value("count") as Int
                return
            }
            exporting.move(to: index - 1)
            let table = tables[index - 1]
            do {
                try exporting.file.row(
                    try table.columns.enumerated().map { column, described in
                        try described.kind.value(at: column, of: row)
                    })
            } catch let failure as InstallationDumpError {
                throw InstallationDumpError(field: "tabellen[\(table.name)].\(failure.field)", message: failure.message)
            }
            exporting.rows[index - 1] += 1
            exporting.counter.count()
            try exporting.flush(atLeast: 1 << 20)
        }
        done.move(to: tables.count)
        done.file.finish()
        try done.flush(atLeast: 0)
        done.counter.finish()
        return zip(tables, done.rows).map { ($0, $1) }
    }

    func restore(_ rows: any InstallationRows, progress: @escaping @Sendable (InstallationProgress) -> Void)
        async throws -> [(table: InstallationTable, rows: Int)]
    {
        let restoring = RestoringRows(rows, progress: progress)
        return try await database.write([Self.counts]) { read in
            let occupied = try Self.occupied(read[0])
            guard occupied.isEmpty else {
                throw InstallationNotEmpty(occupied: occupied.map { ($0.table.label, $0.rows) })
            }
            var writes = StoreWrites<[(table: InstallationTable, rows: Int)]>([]) { _ in
                let counts = restoring.finish()
                return ([Self.restoreEvent(counts)], counts)
            }
            writes.bulk = restoring
            return writes
        }
    }

    /// The audit entry of a restore: how many rows of each table came in.
    private static func restoreEvent(_ tables: [(table: InstallationTable, rows: Int)]) -> AuditEvent {
        var details: [String: String] = [:]
        for (table, rows) in tables where rows > 0 { details[table.name] = "\(rows)" }
        return AuditEvent(action: "installatie.importeren", object: "installatie", details: details)
    }
}

/// The rows of an installation file on their way into the database: each table checked against
/// ``InstallationTables`` (known, in their order, with exactly their columns) and each value
/// against its column as it comes, counted and reported. At the first value or table that does
/// not fit, nothing more is written: the rest of the file is read for more such issues (up to
/// 50), and then ``ValidationFailure`` ends the transaction, so that nothing is stored.
/// Used by one write transaction at a time, on its own thread: hence unchecked.
private final class RestoringRows: StoredBulkRows, @unchecked Sendable {
    private let source: any InstallationRows
    private var counter: InstallationProgressCounter
    private var issues: [ValidationIssue] = []
    private var table: (index: Int, described: InstallationTable)?
    private var lastIndex = -1
    private var rowNumber = 0
    private var counts: [Int] = InstallationTables.all.map { _ in 0 }

    init(_ source: any InstallationRows, progress: @escaping @Sendable (InstallationProgress) -> Void) {
        self.source = source
        counter = InstallationProgressCounter(total: 0, report: progress)
    }

    func nextTable() throws -> (table: String, columns: [String])? {
        table = nil
        while let (name, columns) = try source.nextTable() {
            guard let index = InstallationTables.all.firstIndex(where: { $0.name == name }) else {
                note(
                    "tabellen[\(name)]",
                    "onbekende tabel; bekend zijn \(InstallationTables.all.map(\.name).joined(separator: ", "))")
                continue
            }
            let described = InstallationTables.all[index]
            if index <= lastIndex {
                note(
                    "tabellen[\(name)]",
                    "staat na \(InstallationTables.all[lastIndex].name); verwacht de tabellen één keer, in de volgorde "
                        + InstallationTables.all.map(\.name).joined(separator: ", "))
                continue
            }
            lastIndex = index
            guard columns == described.columnNames else {
                note("tabellen[\(name)].kolommen", "verwacht \(described.columnNames.joined(separator: ", "))")
                continue
            }
            table = (index, described)
            rowNumber = 0
            if issues.isEmpty { return (name, columns) }
            while try nextRow() != nil {}
        }
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
        return nil
    }

    func nextRow() throws -> [StoredValue]? {
        // Once something did not fit, the table's rows are read and checked, not written.
        while let (index, described) = table, let row = try source.nextRow() {
            var values: [StoredValue] = []
            values.reserveCapacity(row.count)
            if row.count != described.columns.count {
                // A file's reader checks this; rows given by code (an InstallationDump) may not.
                note(
                    "tabellen[\(described.name)].rijen[\(rowNumber)]",
                    "heeft \(row.count) waarden voor \(described.columns.count) kolommen")
            }
            for (value, column) in zip(row, described.columns) {
                if let converted = column.kind.stored(value) {
                    values.append(converted)
                } else {
                    note(
                        "tabellen[\(described.name)].rijen[\(rowNumber)].\(column.name)",
                        "\(value.jsonText) past niet; verwacht \(column.kind.expected)")
                }
            }
            rowNumber += 1
            if issues.isEmpty {
                counts[index] += 1
                counter.count()
                return values
            }
        }
        return nil
    }

    /// The rows each table received; the last progress report, with the total now known.
    func finish() -> [(table: InstallationTable, rows: Int)] {
        counter.total = counter.rows
        counter.finish()
        return zip(InstallationTables.all, counts).map { ($0, $1) }
    }

    private func note(_ field: String, _ message: String) {
        if issues.count < 50 { issues.append(ValidationIssue(field: field, message: message)) }
    }
}
