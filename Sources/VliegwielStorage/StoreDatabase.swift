import Foundation
import GRDB
import PostgresNIO
import VliegwielCore

/// A statement written once for both databases: SQL with a `?` for each value, in the SQL both
/// understand (`ON CONFLICT`, `EXISTS`, `COALESCE`, `CAST(? AS TEXT)`).
struct StoredStatement: Sendable {
    var sql: String
    var values: [StoredValue]

    init(_ sql: String, _ values: any StoredValueConvertible...) {
        self.sql = sql
        self.values = values.map(\.stored)
    }

    init(sql: String, values: [StoredValue]) {
        self.sql = sql
        self.values = values
    }
}

extension StoredInsert {
    var statement: StoredStatement { StoredStatement(sql: sql { _ in "?" }, values: values) }
}

/// Rows inserted into empty tables as they come, table after table (restoring an
/// installation from a file that is being read), the fastest way the database has: one
/// prepared statement per table on SQLite, COPY on PostgreSQL. Neither holds more than a
/// batch of rows.
protocol StoredBulkRows: AnyObject, Sendable {
    /// The next table to fill and its columns; `nil` after the last.
    func nextTable() throws -> (table: String, columns: [String])?
    /// The next row of the current table, one value per column; `nil` after its last row.
    func nextRow() throws -> [StoredValue]?
}

extension StoredBulkRows {
    /// `INSERT INTO "table" ("column", …) VALUES (?, …)`: one row.
    static func insert(_ table: String, _ columns: [String]) -> String {
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES (\(marks))"
    }
}

/// What a write transaction writes once it has read: its statements and bulk rows (`inserted`
/// hears how many rows went in, batch by batch), then the audit events and the result made of
/// how many rows each statement changed.
struct StoreWrites<Result> {
    var statements: [StoredStatement]
    var bulk: (any StoredBulkRows)?
    var inserted: (Int) -> Void = { _ in }
    var finish: ([Int]) throws -> (events: [AuditEvent], result: Result)

    init(_ statements: [StoredStatement], finish: @escaping ([Int]) throws -> (events: [AuditEvent], result: Result)) {
        self.statements = statements
        self.finish = finish
    }

    init(_ statements: [StoredStatement], events: [AuditEvent?] = [], result: Result) {
        self.init(statements) { _ in (events.compactMap { $0 }, result) }
    }
}

/// The database under the stores, SQLite (GRDB) or PostgreSQL (PostgresNIO). A store is written
/// once against it: each transaction reads, decides synchronously on what it read, and writes,
/// so that GRDB's synchronous write closures and PostgreSQL's connection run the same store code
/// and the same rules, and a transaction never waits on anything but its own database.
protocol StoreDatabase: Sendable {
    /// How a query orders text byte by byte, as SQLite does by default: `COLLATE "C"` on
    /// PostgreSQL, whatever the server's locale; nothing on SQLite.
    var byteOrder: String { get }
    /// The column that names a row of any table (`rowid`, `ctid`).
    var rowIdentity: String { get }
    /// The rows of each of `reads`, read in one transaction (one snapshot), mapped by `map`.
    func read<T: Sendable>(_ reads: [StoredStatement], _ map: @escaping @Sendable ([[any StoredRow]]) throws -> T)
        async throws -> T
    /// One write transaction: reads `reads`, asks `decide` what to write, writes it and appends the
    /// audit events, all or nothing. PostgreSQL holds the installation's write lock throughout.
    func write<T: Sendable>(
        _ reads: [StoredStatement], _ decide: @escaping @Sendable ([[any StoredRow]]) throws -> StoreWrites<T>
    ) async throws -> T
    /// Hands each row of `reads`, read in one snapshot, to `body` with the index of its read as
    /// the database returns it, without holding them all (a whole audit trail or installation).
    func scan<State: Sendable>(
        _ reads: [StoredStatement], into state: State,
        _ body: @escaping @Sendable (inout State, Int, any StoredRow) throws -> Void
    ) async throws -> State
}

extension StoreDatabase {
    /// The rows of `statement`, mapped one by one.
    func rows<T: Sendable>(_ statement: StoredStatement, _ map: @escaping @Sendable (any StoredRow) throws -> T)
        async throws -> [T]
    {
        try await read([statement]) { rows in try rows[0].map(map) }
    }

    /// One write transaction of `statements`, nothing read first.
    func change<T: Sendable>(
        _ statements: [StoredStatement], finish: @escaping @Sendable ([Int]) throws -> (events: [AuditEvent], result: T)
    )
        async throws -> T
    {
        try await write([]) { _ in StoreWrites(statements, finish: finish) }
    }
}

extension AppDatabase: StoreDatabase {
    var byteOrder: String { "" }
    var rowIdentity: String { "rowid" }

    func read<T: Sendable>(_ reads: [StoredStatement], _ map: @escaping @Sendable ([[any StoredRow]]) throws -> T)
        async throws -> T
    {
        try await writer.read { db in try map(try reads.map { try db.rows($0) }) }
    }

    func write<T: Sendable>(
        _ reads: [StoredStatement], _ decide: @escaping @Sendable ([[any StoredRow]]) throws -> StoreWrites<T>
    ) async throws -> T {
        try await writer.write { db in
            let writes = try decide(try reads.map { try db.rows($0) })
            let changes = try writes.statements.map { statement in
                try db.execute(sql: statement.sql, arguments: Database.arguments(statement.values))
                return db.changesCount
            }
            while let bulk = writes.bulk, let (table, columns) = try bulk.nextTable() {
                let insert = try db.makeStatement(sql: type(of: bulk).insert(table, columns))
                while let row = try bulk.nextRow() {
                    try insert.execute(arguments: Database.arguments(row))
                    writes.inserted(1)
                }
            }
            let finished = try writes.finish(changes)
            for event in finished.events { try db.record(event) }
            return finished.result
        }
    }

    func scan<State: Sendable>(
        _ reads: [StoredStatement], into state: State,
        _ body: @escaping @Sendable (inout State, Int, any StoredRow) throws -> Void
    ) async throws -> State {
        try await writer.read { db in
            var state = state
            for (index, statement) in reads.enumerated() {
                let rows = try Row.fetchCursor(db, sql: statement.sql, arguments: Database.arguments(statement.values))
                while let row = try rows.next() { try body(&state, index, row) }
            }
            return state
        }
    }
}

extension Database {
    /// Runs `statement` (within the caller's transaction).
    func run(_ statement: StoredStatement) throws {
        try execute(sql: statement.sql, arguments: Self.arguments(statement.values))
    }

    /// Appends `event` to the audit trail within the caller's write transaction (``AuditRules``).
    @discardableResult
    func record(_ event: AuditEvent) throws -> AuditEntry {
        let entry = try AuditRules.entry(appending: event, head: try rows(AuditRules.head))
        try run(try AuditRules.row(entry).statement)
        return entry
    }

    /// The rows of `statement`, prepared once per connection and kept (GRDB's statement cache):
    /// preparing anew on every read cost SQLite's parser and GRDB's statement authorizer more
    /// than reading the rows of a small query (issue 14, the miss path). The stores' SQL is a
    /// fixed set of texts (the values are bound, never written into the SQL; the one list of
    /// `?` that varies, the indicator store's regions, has as many texts as there are
    /// regions), so the cache stays small; GRDB empties it when the schema changes.
    fileprivate func rows(_ statement: StoredStatement) throws -> [any StoredRow] {
        try Row.fetchAll(try cachedStatement(sql: statement.sql), arguments: Self.arguments(statement.values))
    }

    static func arguments(_ values: [StoredValue]) -> StatementArguments {
        StatementArguments(
            values.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .text(let text): text
                case .integer(let number): number
                case .real(let number): number
                case .boolean(let flag): flag
                case .moment(let date): date
                case .null: nil
                }
            })
    }
}

extension PostgresDatabase: StoreDatabase {
    var byteOrder: String { " COLLATE \"C\"" }
    var rowIdentity: String { "ctid" }

    func read<T: Sendable>(_ reads: [StoredStatement], _ map: @escaping @Sendable ([[any StoredRow]]) throws -> T)
        async throws -> T
    {
        try await read { connection in
            var rows: [[any StoredRow]] = []
            for statement in reads { rows.append(try await connection.run(statement).rows) }
            return try map(rows)
        }
    }

    func write<T: Sendable>(
        _ reads: [StoredStatement], _ decide: @escaping @Sendable ([[any StoredRow]]) throws -> StoreWrites<T>
    ) async throws -> T {
        try await write { connection in
            var rows: [[any StoredRow]] = []
            for statement in reads { rows.append(try await connection.run(statement).rows) }
            let writes = try decide(rows)
            var changes: [Int] = []
            for statement in writes.statements { changes.append(try await connection.run(statement).changes) }
            if let bulk = writes.bulk { try await connection.copy(bulk, inserted: writes.inserted) }
            let finished = try writes.finish(changes)
            for event in finished.events { try await connection.record(event) }
            return finished.result
        }
    }

    func scan<State: Sendable>(
        _ reads: [StoredStatement], into state: State,
        _ body: @escaping @Sendable (inout State, Int, any StoredRow) throws -> Void
    ) async throws -> State {
        try await read { connection in
            var state = state
            for (index, statement) in reads.enumerated() {
                for try await row in try await connection.query(statement.query, logger: PostgresDatabase.logger) {
                    try body(&state, index, row.makeRandomAccess())
                }
            }
            return state
        }
    }
}

extension StoredStatement {
    /// The statement for PostgresNIO: its `?` numbered as `$1`, `$2`, …, its values bound.
    var query: PostgresQuery {
        var bindings = PostgresBindings()
        for value in values {
            switch value {
            case .text(let text): bindings.append(text)
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .boolean(let flag): bindings.append(flag)
            case .moment(let date): bindings.append(PostgresTimestamp(date))
            case .null: bindings.appendNull()
            }
        }
        var numbered = ""
        var number = 0
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?", !quoted {
                number += 1
                numbered += "$\(number)"
            } else {
                numbered.append(character)
            }
        }
        return PostgresQuery(unsafeSQL: numbered, binds: bindings)
    }
}

extension PostgresConnection {
    /// Runs `statement` (within the caller's transaction): the rows it returns and how many it changed.
    @discardableResult
    func run(_ statement: StoredStatement) async throws -> (rows: [any StoredRow], changes: Int) {
        let result: EventLoopFuture<PostgresQueryResult> = query(statement.query, logger: PostgresDatabase.logger)
        let answer = try await result.get()
        return (answer.rows.map { $0.makeRandomAccess() }, answer.metadata.rows ?? 0)
    }

    /// Appends `event` to the audit trail within the caller's write transaction (``AuditRules``),
    /// which holds the write lock, so that reading the head and appending cannot interleave.
    @discardableResult
    func record(_ event: AuditEvent) async throws -> AuditEntry {
        let entry = try AuditRules.entry(appending: event, head: try await run(AuditRules.head).rows)
        try await run(try AuditRules.row(entry).statement)
        return entry
    }

    /// Writes the tables of `bulk` with COPY, each in batches of up to 2,000 rows.
    func copy(_ bulk: any StoredBulkRows, inserted: (Int) -> Void) async throws {
        while let (table, columns) = try bulk.nextTable() {
            try await copyFrom(table: table, columns: columns, logger: PostgresDatabase.logger) { writer in
                var more = true
                while more {
                    var buffer = ByteBuffer()
                    var rows = 0
                    while rows < 2_000, let row = try bulk.nextRow() {
                        for (index, value) in row.enumerated() {
                            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                            buffer.writeCopyValue(value)
                        }
                        buffer.writeInteger(UInt8(ascii: "\n"))
                        rows += 1
                    }
                    more = rows == 2_000
                    guard rows > 0 else { break }
                    try await writer.write(buffer)
                    inserted(rows)
                }
            }
        }
    }
}

/// The shipped data sets loaded so far (`seeded_data`), for every store that seeds.
enum SeededData {
    static func contains(_ name: String) -> StoredStatement {
        StoredStatement("SELECT 1 FROM seeded_data WHERE name = ?", name)
    }

    static func mark(_ name: String) -> StoredStatement {
        StoredStatement("INSERT INTO seeded_data (name, seeded_at) VALUES (?, ?)", name, Date())
    }
}
