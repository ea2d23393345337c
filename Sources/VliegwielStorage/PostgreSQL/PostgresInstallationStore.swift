import Foundation
import PostgresNIO
import VliegwielCore

/// A whole installation in a PostgreSQL database (see ``InstallationStore``). A restore writes
/// each table with multi-row INSERTs in one transaction that holds the write lock.
public final class PostgresInstallationStore: InstallationStore {
    private let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func dump(progress: @escaping @Sendable (InstallationProgress) -> Void) async throws -> InstallationDump {
        let tables = try await database.read { connection in
            var tables: [InstallationDump.Table] = []
            var counter = InstallationProgressCounter(
                total: try await Self.occupied(in: connection).map(\.rows).reduce(0, +), report: progress)
            for table in InstallationTables.all {
                let sql =
                    "SELECT \(table.columnNames.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \"\(table.name)\""
                var rows: [[InstallationDump.Value]] = []
                let stream = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: PostgresDatabase.logger)
                for try await row in stream {
                    let cells = Array(row)
                    rows.append(
                        try table.columns.enumerated().map { index, column in
                            try Self.value(cells[index], column.kind)
                        })
                    counter.count()
                }
                tables.append(
                    InstallationDump.Table(
                        name: table.name, columns: table.columnNames, rows: InstallationTables.sorted(rows, of: table)))
            }
            counter.finish()
            return tables
        }
        return InstallationDump(tables: tables)
    }

    public func occupiedTables() async throws -> [(table: InstallationTable, rows: Int)] {
        try await database.read { connection in try await Self.occupied(in: connection) }
    }

    public func restore(_ dump: InstallationDump, progress: @escaping @Sendable (InstallationProgress) -> Void)
        async throws
    {
        let tables = try InstallationTables.validated(dump)
        try await database.write { connection in
            var counter = InstallationProgressCounter(total: tables.map(\.1.count).reduce(0, +), report: progress)
            let occupied = try await Self.occupied(in: connection)
            guard occupied.isEmpty else {
                throw InstallationNotEmpty(occupied: occupied.map { ($0.table.label, $0.rows) })
            }
            // COPY straight into each table, which is empty: the fastest way in.
            for (table, rows) in tables where !rows.isEmpty {
                try await connection.copyFrom(
                    table: table.name, columns: table.columnNames, logger: PostgresDatabase.logger
                ) { writer in
                    var start = 0
                    while start < rows.count {
                        var buffer = ByteBuffer()
                        for row in rows[start..<min(rows.count, start + 2_000)] {
                            for (index, value) in row.enumerated() {
                                if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                                Self.write(value, into: &buffer)
                            }
                            buffer.writeInteger(UInt8(ascii: "\n"))
                        }
                        try await writer.write(buffer)
                        counter.count(min(rows.count, start + 2_000) - start)
                        start += 2_000
                    }
                }
            }
            counter.finish()
            try await connection.record(Self.restoreEvent(tables))
        }
    }

    private static func occupied(in connection: PostgresConnection) async throws
        -> [(table: InstallationTable, rows: Int)]
    {
        var occupied: [(table: InstallationTable, rows: Int)] = []
        for table in InstallationTables.all {
            let count =
                try await connection.rows(PostgresQuery(unsafeSQL: "SELECT COUNT(*) AS count FROM \"\(table.name)\""))
                .first?.decode(Int.self, "count") ?? 0
            if count > 0 { occupied.append((table, count)) }
        }
        return occupied
    }

    private static func value(_ cell: PostgresCell, _ kind: InstallationColumnKind) throws -> InstallationDump.Value {
        if cell.bytes == nil { return .null }
        switch kind {
        case .text: return .text(try cell.decode(String.self))
        case .integer: return .integer(try cell.decode(Int64.self))
        case .real: return .real(try cell.decode(Double.self))
        case .boolean: return .boolean(try cell.decode(Bool.self))
        case .moment: return .text(InstallationTables.momentText(try cell.decode(Date.self)))
        }
    }

    /// A value in COPY's text format.
    private static func write(_ value: InstallationValue, into buffer: inout ByteBuffer) {
        switch value {
        case .null: buffer.writeStaticString("\\N")
        case .boolean(let flag): buffer.writeStaticString(flag ? "t" : "f")
        case .integer(let number): buffer.writeString(String(number))
        case .real(let number): buffer.writeString("\(number)")
        case .text(let text): buffer.writeCopyText(text)
        case .moment(let date): buffer.writeString(InstallationTables.momentText(date))
        }
    }
}
