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
    let total: Int
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

/// The kind of value a column holds, which decides how it is read and written on each database.
public enum InstallationColumnKind: Sendable, Hashable {
    case text
    case integer
    case real
    case boolean
    /// A moment: `DATETIME` in SQLite, `TIMESTAMPTZ` in PostgreSQL; in the file UTC text with milliseconds.
    case moment
}

extension InstallationColumnKind {
    /// What a value of this kind looks like in the file, in Dutch.
    var expected: String {
        switch self {
        case .text: "tekst of null"
        case .integer: "een geheel getal of null"
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
    public var columns: [(name: String, kind: InstallationColumnKind)]
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
            name: table.name, label: label, columns: table.columns.map { (name: $0.name, kind: $0.installationKind) },
            key: table.keyColumns)
    }

    /// The tables that stay behind, and why (a test checks that every table of either database
    /// is moved or named here, so that a new kind of record is never left out silently).
    public static let notMoved: [String: String] = StorageSchema.tables.reduce(into: StorageSchema.migratorTables) {
        result, table in
        if case .notMoved(let reason) = table.export { result[table.name] = reason }
    }

    /// Rows sorted by their key, text by its UTF-8 bytes, so both databases give the same order.
    static func sorted(_ rows: [[InstallationDump.Value]], of table: InstallationTable) -> [[InstallationDump.Value]] {
        let positions = table.key.compactMap { table.columnNames.firstIndex(of: $0) }
        return rows.sorted { left, right in
            for position in positions {
                let order = compare(left[position], right[position])
                if order != 0 { return order < 0 }
            }
            return false
        }
    }

    private static func compare(_ left: InstallationDump.Value, _ right: InstallationDump.Value) -> Int {
        switch (left, right) {
        case (.text(let a), .text(let b)):
            if a == b { return 0 }
            return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) ? -1 : 1
        case (.integer(let a), .integer(let b)): return a == b ? 0 : a < b ? -1 : 1
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        default: return "\(left)" < "\(right)" ? -1 : "\(left)" == "\(right)" ? 0 : 1
        }
    }

    /// Checks that `dump` has only known tables with exactly the known columns, and that
    /// every value fits its column; the values as each database writes them.
    static func validated(_ dump: InstallationDump) throws -> [(InstallationTable, [[InstallationValue]])] {
        var issues: [ValidationIssue] = []
        let known = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
        for table in dump.tables where known[table.name] == nil {
            issues.append(
                ValidationIssue(
                    field: "tabellen[\(table.name)]",
                    message: "onbekende tabel; bekend zijn \(all.map(\.name).joined(separator: ", "))"))
        }
        var result: [(InstallationTable, [[InstallationValue]])] = []
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
            var rows: [[InstallationValue]] = []
            rows.reserveCapacity(stored.rows.count)
            for (rowIndex, row) in stored.rows.enumerated() {
                var values: [InstallationValue] = []
                for (value, column) in zip(row, table.columns) {
                    if let converted = InstallationValue(value, kind: column.kind) {
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

/// A value ready to be written into a column of its kind.
enum InstallationValue: Sendable {
    case null
    case boolean(Bool)
    case integer(Int64)
    case real(Double)
    case text(String)
    case moment(Date)

    init?(_ value: InstallationDump.Value, kind: InstallationColumnKind) {
        switch (value, kind) {
        case (.null, _): self = .null
        case (.text(let text), .text): self = .text(text)
        case (.integer(let number), .integer): self = .integer(number)
        case (.integer(let number), .real): self = .real(Double(number))
        case (.real(let number), .real): self = .real(number)
        case (.boolean(let flag), .boolean): self = .boolean(flag)
        case (.text(let text), .moment):
            guard let time = AuditTimestamp(iso: text) else { return nil }
            self = .moment(Date(timeIntervalSince1970: Double(time.millisecondsSince1970) / 1000))
        default: return nil
        }
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

extension InstallationStore {
    /// The audit entry of a restore: how many rows of each table came in.
    static func restoreEvent(_ tables: [(InstallationTable, [[InstallationValue]])]) -> AuditEvent {
        var details: [String: String] = [:]
        for (table, rows) in tables where !rows.isEmpty { details[table.name] = "\(rows.count)" }
        return AuditEvent(action: "installatie.importeren", object: "installatie", details: details)
    }
}
