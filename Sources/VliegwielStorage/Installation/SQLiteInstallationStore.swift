import Foundation
import GRDB
import VliegwielCore

/// A whole installation in the embedded SQLite database (see ``InstallationStore``).
public final class SQLiteInstallationStore: InstallationStore {
    private let writer: any DatabaseWriter

    public init(database: AppDatabase) {
        writer = database.writer
    }

    public func dump(progress: @escaping @Sendable (InstallationProgress) -> Void) async throws -> InstallationDump {
        let tables = try await writer.read { db in
            var counter = InstallationProgressCounter(
                total: try Self.occupied(in: db).map(\.rows).reduce(0, +), report: progress)
            defer { counter.finish() }
            return try InstallationTables.all.map { table in
                let sql =
                    "SELECT \(table.columnNames.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \"\(table.name)\""
                var rows: [[InstallationDump.Value]] = []
                let cursor = try Row.fetchCursor(db, sql: sql)
                while let row = try cursor.next() {
                    rows.append(
                        try table.columns.enumerated().map { index, column in try Self.value(row, index, column.kind) })
                    counter.count()
                }
                return InstallationDump.Table(
                    name: table.name, columns: table.columnNames, rows: InstallationTables.sorted(rows, of: table))
            }
        }
        return InstallationDump(tables: tables)
    }

    public func occupiedTables() async throws -> [(table: InstallationTable, rows: Int)] {
        try await writer.read { db in try Self.occupied(in: db) }
    }

    public func restore(_ dump: InstallationDump, progress: @escaping @Sendable (InstallationProgress) -> Void)
        async throws
    {
        let tables = try InstallationTables.validated(dump)
        try await writer.write { db in
            var counter = InstallationProgressCounter(total: tables.map(\.1.count).reduce(0, +), report: progress)
            let occupied = try Self.occupied(in: db)
            guard occupied.isEmpty else {
                throw InstallationNotEmpty(occupied: occupied.map { ($0.table.label, $0.rows) })
            }
            for (table, rows) in tables where !rows.isEmpty {
                let names = table.columnNames.map { "\"\($0)\"" }.joined(separator: ", ")
                let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                let statement = try db.makeStatement(sql: "INSERT INTO \"\(table.name)\" (\(names)) VALUES (\(marks))")
                for row in rows {
                    try statement.execute(arguments: StatementArguments(row.map(Self.databaseValue)))
                    counter.count()
                }
            }
            counter.finish()
            try db.record(Self.restoreEvent(tables))
        }
    }

    private static func occupied(in db: Database) throws -> [(table: InstallationTable, rows: Int)] {
        try InstallationTables.all.compactMap { table in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table.name)\"") ?? 0
            return count > 0 ? (table, count) : nil
        }
    }

    private static func value(_ row: Row, _ index: Int, _ kind: InstallationColumnKind) throws
        -> InstallationDump.Value
    {
        if row.hasNull(atIndex: index) { return .null }
        switch kind {
        case .text: return .text(row[index])
        case .integer: return .integer(row[index])
        case .real: return .real(row[index])
        case .boolean: return .boolean(row[index])
        case .moment:
            let date: Date = row[index]
            return .text(InstallationTables.momentText(date))
        }
    }

    private static func databaseValue(_ value: InstallationValue) -> (any DatabaseValueConvertible)? {
        switch value {
        case .null: nil
        case .boolean(let flag): flag
        case .integer(let number): number
        case .real(let number): number
        case .text(let text): text
        case .moment(let date): date
        }
    }
}
