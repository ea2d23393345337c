import Foundation
import GRDB
import PostgresNIO
import Testing

@testable import VliegwielStorage

/// The schema is described once (`StorageSchema`): the DDL derived from the description
/// creates exactly the tables the hand-written migrations v1–v12 and the derived ones after them
/// created, on SQLite and on PostgreSQL, and the installation export's table list comes from it.
@Suite struct SchemaDescriptionTests {
    // MARK: SQLite

    @Test func derivedSQLiteSchemaEqualsTheMigratedOne() throws {
        let migrated = try AppDatabase()
        let derived = try DatabaseQueue()
        try derived.write { db in
            for table in StorageSchema.tables {
                for statement in table.ddl(.sqlite) { try db.execute(sql: statement) }
            }
        }
        let expected = try migrated.writer.read { db in try SQLiteShape(db) }
        let actual = try derived.read { db in try SQLiteShape(db) }
        #expect(Set(actual.tables) == Set(expected.tables).subtracting(StorageSchema.migratorTables.keys))
        #expect(expected.describe("finance_line").count > 15, "the comparison reads the whole shape")
        for table in expected.tables where StorageSchema.migratorTables[table] == nil {
            #expect(actual.describe(table) == expected.describe(table), "table \(table)")
        }
    }

    /// The comparison itself finds a difference: one changed column, CHECK or index in the
    /// description makes the shapes differ.
    @Test(arguments: ["NOT NULL", "CHECK", "INDEX", "DEFAULT"])
    func theSQLiteComparisonSeesAChange(change: String) throws {
        var tables = StorageSchema.tables
        let position = try #require(tables.firstIndex { $0.name == "finance_line" })
        switch change {
        case "NOT NULL": tables[position].columns[4].nullable.toggle()
        case "CHECK": tables[position].columns[5].checks = [.sql("year BETWEEN 1990 AND 2101")]
        case "INDEX": tables[position].indexes.removeLast()
        default: tables[position].columns[2].defaultValue = .integer(0)
        }
        let original = try DatabaseQueue()
        let changed = try DatabaseQueue()
        for (queue, schema) in [(original, StorageSchema.tables), (changed, tables)] {
            try queue.write { db in
                for statement in schema.flatMap({ $0.ddl(.sqlite) }) { try db.execute(sql: statement) }
            }
        }
        let before = try original.read { db in try SQLiteShape(db).describe("finance_line") }
        let after = try changed.read { db in try SQLiteShape(db).describe("finance_line") }
        #expect(before != after)
    }

    // MARK: PostgreSQL

    @Test func derivedPostgresSchemaEqualsTheMigratedOne() async throws {
        try await StoreKind.postgres.withDatabase { database in
            let server = try #require(database.postgresDatabase)
            try await server.write { connection in
                try await connection.execute("CREATE SCHEMA derived")
                try await connection.execute("SET LOCAL search_path TO derived")
                for statement in StorageSchema.tables.flatMap({ $0.ddl(.postgres) }) {
                    try await connection.execute(PostgresQuery(unsafeSQL: statement))
                }
            }
            let expected = try await PostgresShape.read(server, schema: "public")
            let actual = try await PostgresShape.read(server, schema: "derived")
            #expect(Set(actual.keys) == Set(expected.keys).subtracting(StorageSchema.migratorTables.keys))
            #expect((expected["finance_line"]?.count ?? 0) > 15, "the comparison reads the whole shape")
            #expect(expected["audit_entry"]?.contains { $0.contains("truncate trigger") } == true)
            for (table, shape) in expected where StorageSchema.migratorTables[table] == nil {
                #expect(actual[table] == shape, "table \(table)")
            }
        }
    }

    // MARK: Installation export

    @Test func theInstallationMovesTheDescribedTablesInTheirOrder() {
        let moved = StorageSchema.tables.filter {
            if case .moved = $0.export { return true } else { return false }
        }
        #expect(InstallationTables.all.map(\.name) == moved.map(\.name))
        #expect(InstallationTables.all.first { $0.name == "finance_line" }?.key == ["arrangement_id", "id"])
        #expect(InstallationTables.all.first { $0.name == "arrangement" }?.key == ["id"])
        #expect(
            InstallationTables.all.first { $0.name == "portfolio_deal" }?.columns.last.map { "\($0.name) \($0.kind)" }
                == "is_fictional boolean")
        #expect(InstallationTables.notMoved["audit_entry"] != nil)
        #expect(InstallationTables.notMoved["grdb_migrations"] != nil)
        // Every table the description names refers only to tables described before it.
        var seen: Set<String> = []
        for table in StorageSchema.tables {
            let parents = table.foreignKeys.map(\.table) + table.columns.compactMap(\.references?.table)
            #expect(parents.allSatisfy { seen.contains($0) || $0 == table.name }, "\(table.name) before its parents")
            seen.insert(table.name)
        }
    }

    /// "v13 context observations in key order" rebuilds the table: the rows stay, the region
    /// index of v6 goes.
    @Test func aRebuiltTableKeepsItsRows() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v12 health probe")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO context_table (id, title, source, is_fictional, measures, imported_at)
                      VALUES ('T', 'T', 'CBS', 0, '[]', '2026-12-03 08:00:00');
                    INSERT INTO context_observation (table_id, measure, region, period, value)
                      VALUES ('T', 'M', 'GM0002', '2020JJ00', 1.5), ('T', 'M', 'GM0001', '2020JJ00', NULL);
                    """)
        }
        try Migrations.migrator.migrate(queue)
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT region, value FROM context_observation")
            #expect(rows.map { $0["region"] as String } == ["GM0001", "GM0002"])
            #expect(rows.map { $0["value"] as Double? } == [nil, 1.5])
            #expect(
                try String.fetchAll(
                    db,
                    sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'context_observation_region'"
                ).isEmpty)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_temp_master") == 0)
        }
    }

    @Test func laterMigrationsNameDescribedTablesOnly() {
        for migration in StorageSchema.laterMigrations {
            #expect(
                (migration.tables + migration.rebuilt).allSatisfy { StorageSchema.table($0) != nil },
                "\(migration.name)")
        }
    }
}

/// What SQLite says of its tables, per table as comparable lines.
private struct SQLiteShape {
    var tables: [String]
    private var lines: [String: [String]] = [:]

    init(_ db: Database) throws {
        tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        var keys: [String: [String]] = [:]
        for table in tables {
            keys[table] = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))")
                .filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }
                .map { $0["name"] }
        }
        for table in tables {
            var result: [String] = []
            for column in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))") {
                let type: String = column["type"]
                let notNull: Int = column["notnull"]
                let defaultValue: String? = column["dflt_value"]
                let key: Int = column["pk"]
                result.append(
                    "column \(column["name"] as String) \(type.uppercased()) notnull=\(notNull) "
                        + "default=\(defaultValue ?? "-") pk=\(key)")
            }
            var foreign: [Int: (parent: String, from: [String], to: [String?], onDelete: String)] = [:]
            for key in try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(table))") {
                let id: Int = key["id"]
                var entry = foreign[id] ?? (key["table"], [], [], key["on_delete"])
                entry.from.append(key["from"])
                entry.to.append(key["to"])
                foreign[id] = entry
            }
            for entry in foreign.values {
                // A reference without columns means the parent's key.
                let to = entry.to.contains(nil) ? keys[entry.parent] ?? [] : entry.to.compactMap { $0 }
                result.append(
                    "foreign key (\(entry.from.joined(separator: ","))) -> \(entry.parent)(\(to.joined(separator: ","))) "
                        + "on delete \(entry.onDelete)")
            }
            for index in try Row.fetchAll(db, sql: "PRAGMA index_list(\(table))") {
                let name: String = index["name"]
                let origin: String = index["origin"]
                let unique: Int = index["unique"]
                let columns = try String.fetchAll(
                    db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [name])
                // Indexes SQLite makes for a key or UNIQUE are named by position: compare what they cover.
                result.append(
                    "index \(origin == "c" ? name : origin) unique=\(unique) (\(columns.joined(separator: ",")))")
            }
            let sql =
                try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table]) ?? ""
            result += Self.checks(in: sql).map { "check \($0)" }
            if sql.uppercased().hasSuffix("WITHOUT ROWID") { result.append("without rowid") }
            result += try String.fetchAll(
                db, sql: "SELECT 'trigger ' || name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                arguments: [table])
            lines[table] = result.sorted()
        }
    }

    func describe(_ table: String) -> [String] { lines[table] ?? [] }

    /// The CHECK expressions of a CREATE TABLE statement, normalised: lower case, without
    /// quotes around names, whitespace or parentheses (GRDB's table builder and hand-written SQL
    /// put them differently).
    static func checks(in sql: String) -> [String] {
        let characters = Array(sql)
        var result: [String] = []
        var position = 0
        let upper = Array(sql.uppercased())
        while position + 5 <= characters.count {
            if String(upper[position..<position + 5]) == "CHECK",
                position == 0 || !(upper[position - 1].isLetter || upper[position - 1] == "_")
            {
                var cursor = position + 5
                while cursor < characters.count, characters[cursor].isWhitespace { cursor += 1 }
                guard cursor < characters.count, characters[cursor] == "(" else {
                    position += 5
                    continue
                }
                var depth = 0
                var inQuote = false
                var expression = ""
                while cursor < characters.count {
                    let character = characters[cursor]
                    if character == "'" { inQuote.toggle() }
                    if !inQuote, character == "(" { depth += 1 }
                    if !inQuote, character == ")" { depth -= 1 }
                    expression.append(character)
                    cursor += 1
                    if depth == 0 { break }
                }
                result.append(
                    String(expression.lowercased().filter { !$0.isWhitespace && $0 != "\"" && $0 != "(" && $0 != ")" }))
                position = cursor
            } else {
                position += 1
            }
        }
        return result
    }
}

/// What PostgreSQL says of the tables of one schema, per table as comparable lines; the
/// schema's name is taken out, so that two schemas compare.
private enum PostgresShape {
    static func read(_ database: VliegwielStorage.PostgresDatabase, schema: String) async throws -> [String: [String]] {
        let queries = [
            """
            SELECT table_name || ' column ' || column_name || ' ' || data_type || ' nullable=' || is_nullable
              || ' default=' || coalesce(column_default, '-') || ' collation=' || coalesce(collation_name, '-')
            FROM information_schema.columns WHERE table_schema = '\(schema)'
            """,
            """
            SELECT rel.relname || ' constraint ' || con.conname || ' ' || con.contype::text || ' '
              || pg_get_constraintdef(con.oid)
              || CASE WHEN con.condeferrable THEN ' deferrable' ELSE '' END
              || CASE WHEN con.condeferred THEN ' deferred' ELSE '' END
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
              JOIN pg_namespace space ON space.oid = rel.relnamespace
            WHERE space.nspname = '\(schema)'
            """,
            "SELECT tablename || ' index ' || indexdef FROM pg_indexes WHERE schemaname = '\(schema)'",
            """
            SELECT event_object_table || ' trigger ' || trigger_name || ' ' || event_manipulation || ' '
              || action_timing || ' ' || action_orientation
            FROM information_schema.triggers WHERE trigger_schema = '\(schema)'
            """,
            """
            SELECT 'audit_entry truncate trigger ' || tgname FROM pg_trigger trigger
              JOIN pg_class rel ON rel.oid = trigger.tgrelid JOIN pg_namespace space ON space.oid = rel.relnamespace
            WHERE space.nspname = '\(schema)' AND NOT trigger.tgisinternal AND (trigger.tgtype & 32) <> 0
            """,
        ]
        var result: [String: [String]] = [:]
        for query in queries {
            for line in try await database.strings(unsafeSQL: query) {
                let cleaned = line.replacingOccurrences(of: "\(schema).", with: "")
                let table = String(cleaned.prefix { $0 != " " })
                result[table, default: []].append(cleaned)
            }
        }
        return result.mapValues { $0.sorted() }
    }
}
