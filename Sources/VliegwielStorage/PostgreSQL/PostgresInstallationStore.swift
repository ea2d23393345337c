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

    public func dump() async throws -> InstallationDump {
        let tables = try await database.read { connection in
            var tables: [InstallationDump.Table] = []
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
                }
                tables.append(
                    InstallationDump.Table(
                        name: table.name, columns: table.columnNames, rows: InstallationTables.sorted(rows, of: table)))
            }
            return tables
        }
        return InstallationDump(tables: tables)
    }

    public func occupiedTables() async throws -> [(table: InstallationTable, rows: Int)] {
        try await database.read { connection in try await Self.occupied(in: connection) }
    }

    public func restore(_ dump: InstallationDump) async throws {
        let tables = try InstallationTables.validated(dump)
        try await database.write { connection in
            let occupied = try await Self.occupied(in: connection)
            guard occupied.isEmpty else {
                throw InstallationNotEmpty(occupied: occupied.map { ($0.table.label, $0.rows) })
            }
            for (table, rows) in tables where !rows.isEmpty {
                let names = table.columnNames.map { "\"\($0)\"" }.joined(separator: ", ")
                // Far below PostgreSQL's 65 535 parameters per statement.
                let perStatement = max(1, 30_000 / table.columns.count)
                var start = 0
                while start < rows.count {
                    let batch = rows[start..<min(rows.count, start + perStatement)]
                    var bindings = PostgresBindings(capacity: batch.count * table.columns.count)
                    var values: [String] = []
                    values.reserveCapacity(batch.count)
                    for row in batch {
                        var marks: [String] = []
                        for (value, column) in zip(row, table.columns) {
                            Self.bind(value, into: &bindings)
                            marks.append("$\(bindings.count)\(Self.cast(column.kind))")
                        }
                        values.append("(\(marks.joined(separator: ", ")))")
                    }
                    try await connection.execute(
                        PostgresQuery(
                            unsafeSQL:
                                "INSERT INTO \"\(table.name)\" (\(names)) VALUES \(values.joined(separator: ", "))",
                            binds: bindings))
                    start += perStatement
                }
            }
            try await PostgresAuditTrail.record(Self.restoreEvent(tables), in: connection)
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

    /// The type of a parameter, so that a `NULL` and a whole number land as the column expects.
    private static func cast(_ kind: InstallationColumnKind) -> String {
        switch kind {
        case .text: "::TEXT"
        case .integer: "::BIGINT"
        case .real: "::DOUBLE PRECISION"
        case .boolean: "::BOOLEAN"
        case .moment: "::TIMESTAMPTZ"
        }
    }

    private static func bind(_ value: InstallationValue, into bindings: inout PostgresBindings) {
        switch value {
        case .null: bindings.appendNull()
        case .boolean(let flag): bindings.append(flag)
        case .integer(let number): bindings.append(number)
        case .real(let number): bindings.append(number)
        case .text(let text): bindings.append(text)
        case .moment(let date): bindings.append(PostgresTimestamp(date))
        }
    }
}
