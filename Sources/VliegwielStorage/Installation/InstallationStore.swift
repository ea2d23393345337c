import Foundation
import VliegwielCore

/// A whole installation at once: reading every record into an ``InstallationDump`` and
/// restoring one into an empty database, for moving an installation between SQLite and
/// PostgreSQL (`vliegwiel exporteer --alles`, `vliegwiel importeer --alles`).
///
/// Restoring is for restoring only: it writes the stored rows as they were (version numbers,
/// dates, authors, order), past the checks of the other stores, which the rows passed when
/// they were first stored. It therefore only ever writes into an empty database.
public protocol InstallationStore: Sendable {
    /// Every record of every table of ``InstallationTables/all``, read from one snapshot;
    /// `progress` hears how many rows are read of how many there are, every
    /// ``InstallationProgress/step`` rows and at the end.
    func dump(progress: @escaping @Sendable (InstallationProgress) -> Void) async throws -> InstallationDump
    /// How many rows each table of ``InstallationTables/all`` holds that are not empty.
    func occupiedTables() async throws -> [(table: InstallationTable, rows: Int)]
    /// Writes `dump` into this database in one transaction, with one audit entry saying so;
    /// all or nothing; `progress` as for ``dump(progress:)``. Restore-only: see the protocol.
    ///
    /// - Throws: ``InstallationNotEmpty`` when any table already holds a row (nothing is
    ///   written); ``ValidationFailure`` naming the table, row and column of a value that
    ///   does not fit, or the database's refusal.
    func restore(_ dump: InstallationDump, progress: @escaping @Sendable (InstallationProgress) -> Void) async throws
}

extension InstallationStore {
    public func dump() async throws -> InstallationDump { try await dump(progress: { _ in }) }
    public func restore(_ dump: InstallationDump) async throws { try await restore(dump, progress: { _ in }) }
}

/// How far a dump or a restore has come: rows done of the rows of every table.
public struct InstallationProgress: Sendable, Equatable {
    /// How many rows pass between two reports.
    public static let step = 500

    public var rows: Int
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

    /// Checks that `dump` has only known tables with exactly the known columns, and that
    /// every value fits its column; the values as each database writes them.
    static func validated(_ dump: InstallationDump) throws -> [(InstallationTable, [[StoredValue]])] {
        var issues: [ValidationIssue] = []
        let known = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
        for table in dump.tables where known[table.name] == nil {
            issues.append(
                ValidationIssue(
                    field: "tabellen[\(table.name)]",
                    message: "onbekende tabel; bekend zijn \(all.map(\.name).joined(separator: ", "))"))
        }
        var result: [(InstallationTable, [[StoredValue]])] = []
        for table in all {
            guard let stored = dump.table(table.name) else {
                result.append((table, []))
                continue
            }
            guard stored.columns == table.columnNames else {
                issues.append(
                    ValidationIssue(
                        field: "tabellen[\(table.name)].kolommen",
                        message: "verwacht \(table.columnNames.joined(separator: ", "))"))
                continue
            }
            var rows: [[StoredValue]] = []
            rows.reserveCapacity(stored.rows.count)
            for (rowIndex, row) in stored.rows.enumerated() {
                var values: [StoredValue] = []
                for (value, column) in zip(row, table.columns) {
                    if let converted = column.kind.stored(value) {
                        values.append(converted)
                    } else if issues.count < 50 {
                        issues.append(
                            ValidationIssue(
                                field: "tabellen[\(table.name)].rijen[\(rowIndex)].\(column.name)",
                                message: "\(value.jsonText) past niet; verwacht \(column.kind.expected)"))
                    }
                }
                rows.append(values)
            }
            result.append((table, rows))
        }
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
        return result
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
/// (``StoredBulk``: one prepared statement on SQLite, COPY on PostgreSQL) in one write transaction.
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

    /// A dump on its way: the rows read so far of each table, and the progress.
    private struct Reading: Sendable {
        var rows: [[[InstallationDump.Value]]] = InstallationTables.all.map { _ in [] }
        var counter: InstallationProgressCounter
    }

    func dump(progress: @escaping @Sendable (InstallationProgress) -> Void) async throws -> InstallationDump {
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
        let read = try await database.scan(
            [Self.counts] + reads, into: Reading(counter: InstallationProgressCounter(total: 0, report: progress))
        ) { reading, index, row in
            guard index > 0 else {
                reading.counter.total += try row.value("count") as Int
                return
            }
            let table = tables[index - 1]
            reading.rows[index - 1].append(
                try table.columns.enumerated().map { column, described in try described.kind.value(at: column, of: row)
                })
            reading.counter.count()
        }
        read.counter.finish()
        return InstallationDump(
            tables: zip(tables, read.rows).map {
                InstallationDump.Table(name: $0.name, columns: $0.columnNames, rows: $1)
            })
    }

    func restore(_ dump: InstallationDump, progress: @escaping @Sendable (InstallationProgress) -> Void) async throws {
        let tables = try InstallationTables.validated(dump)
        try await database.write([Self.counts]) { rows in
            let occupied = try Self.occupied(rows[0])
            guard occupied.isEmpty else {
                throw InstallationNotEmpty(occupied: occupied.map { ($0.table.label, $0.rows) })
            }
            var counter = InstallationProgressCounter(total: tables.map(\.1.count).reduce(0, +), report: progress)
            var writes = StoreWrites([]) { _ in
                counter.finish()
                return ([Self.restoreEvent(tables)], ())
            }
            writes.bulk = tables.filter { !$0.1.isEmpty }.map {
                StoredBulk(table: $0.0.name, columns: $0.0.columnNames, rows: $0.1)
            }
            writes.inserted = { counter.count($0) }
            return writes
        }
    }

    /// The audit entry of a restore: how many rows of each table came in.
    private static func restoreEvent(_ tables: [(InstallationTable, [[StoredValue]])]) -> AuditEvent {
        var details: [String: String] = [:]
        for (table, rows) in tables where !rows.isEmpty { details[table.name] = "\(rows.count)" }
        return AuditEvent(action: "installatie.importeren", object: "installatie", details: details)
    }
}
