import VliegwielCore

/// One description of a table, from which the DDL of both databases and the installation
/// export's table list are derived (``StorageSchema``). The description says what the
/// migrated databases hold today; a test (`SchemaDescriptionTests`) creates every table from
/// it on SQLite and on PostgreSQL and compares the result with a migrated database: columns,
/// types, nullability, defaults, keys, foreign keys, indexes, CHECKs and triggers.
public struct SchemaTable: Sendable {
    public var name: String
    public var columns: [SchemaColumn]
    /// A key of several columns (a single-column key is marked on its column).
    public var primaryKey: [String]
    public var foreignKeys: [SchemaForeignKey]
    /// CHECKs over several columns, the same expression on both databases.
    public var checks: [String]
    public var indexes: [SchemaIndex]
    /// Whether the installation export moves the table, and under which Dutch label, or why not.
    public var export: SchemaExport
    /// SQLite only: a table without rowid (a table of many small rows read by its key).
    public var withoutRowID: Bool
    /// Statements after the table that the two dialects write differently (the audit trail's
    /// triggers), one statement per element.
    public var sqliteExtras: [String]
    public var postgresExtras: [String]

    public init(
        _ name: String, export: SchemaExport, columns: [SchemaColumn], primaryKey: [String] = [],
        foreignKeys: [SchemaForeignKey] = [], checks: [String] = [], indexes: [SchemaIndex] = [],
        withoutRowID: Bool = false, sqliteExtras: [String] = [], postgresExtras: [String] = []
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
        self.checks = checks
        self.indexes = indexes
        self.export = export
        self.withoutRowID = withoutRowID
        self.sqliteExtras = sqliteExtras
        self.postgresExtras = postgresExtras
    }

    /// The key's columns, whether declared on the table or on one column.
    public var keyColumns: [String] {
        primaryKey.isEmpty ? columns.filter(\.isPrimaryKey).map(\.name) : primaryKey
    }
}

/// A migration written from the description (``StorageSchema/laterMigrations``).
public struct SchemaMigration: Sendable {
    public var name: String
    /// Tables created, empty.
    public var tables: [String]
    /// Tables made again as described, keeping their rows (``SchemaTable/rebuilding(_:)``).
    public var rebuilt: [String]

    public init(_ name: String, tables: [String] = [], rebuilt: [String] = []) {
        self.name = name
        self.tables = tables
        self.rebuilt = rebuilt
    }
}

/// Whether the installation export moves a table.
public enum SchemaExport: Sendable {
    /// Moved, its rows called `label` in Dutch (`arrangementen`).
    case moved(label: String)
    /// Stays behind, for this reason (in Dutch).
    case notMoved(reason: String)
}

/// The kind of value a column holds and how each database stores it.
public enum SchemaColumnType: Sendable, Hashable {
    case text
    /// `INTEGER` on both databases.
    case integer
    /// `INTEGER` in SQLite, `BIGINT` in PostgreSQL: money in cents, milliseconds.
    case bigInteger
    /// `REAL` in SQLite, `DOUBLE PRECISION` in PostgreSQL.
    case real
    /// `INTEGER` with `CHECK (… IN (0, 1))` in SQLite, `BOOLEAN` in PostgreSQL.
    case boolean
    /// `DATETIME` in SQLite, `TIMESTAMPTZ` in PostgreSQL.
    case moment
}

/// A column: its type, whether it may be empty, its default and its CHECKs.
public struct SchemaColumn: Sendable {
    public var name: String
    public var type: SchemaColumnType
    public var nullable: Bool
    public var isPrimaryKey: Bool
    public var isUnique: Bool
    public var defaultValue: SchemaDefault?
    public var checks: [SchemaCheck]
    /// A single-column reference, written on the column.
    public var references: SchemaReference?
    /// The declared SQLite type where an older migration chose another name than the type's
    /// usual one (`BOOLEAN`, `DOUBLE`); `nil` for the usual name.
    public var sqliteDeclaredType: String?
    /// A key column that an older migration declared without `NOT NULL` in SQLite (which then
    /// allows NULL in a key that is not an integer rowid). PostgreSQL never allows it.
    public var sqliteKeyWithoutNotNull: Bool
    /// A text column compared byte by byte on PostgreSQL too (`COLLATE "C"`), as SQLite always
    /// does: a key that is sorted and compared by bytes (cheaper than the cluster's language
    /// collation) and that the stores' byte-ordered reads (`ORDER BY … COLLATE "C"`) can
    /// read in index order.
    public var byteOrder: Bool

    public init(
        _ name: String, _ type: SchemaColumnType, nullable: Bool = false, primaryKey: Bool = false,
        unique: Bool = false, defaultValue: SchemaDefault? = nil, checks: [SchemaCheck] = [],
        references: SchemaReference? = nil, sqliteDeclaredType: String? = nil, sqliteKeyWithoutNotNull: Bool = false,
        byteOrder: Bool = false
    ) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.isPrimaryKey = primaryKey
        self.isUnique = unique
        self.defaultValue = defaultValue
        self.checks = checks
        self.references = references
        self.sqliteDeclaredType = sqliteDeclaredType
        self.sqliteKeyWithoutNotNull = sqliteKeyWithoutNotNull
        self.byteOrder = byteOrder
    }
}

/// A default value of a column.
public enum SchemaDefault: Sendable, Hashable {
    case integer(Int)
    case boolean(Bool)
}

/// A CHECK on one column. The null case is part of the check where the column is nullable:
/// `(x IS NULL OR …)` is written by the derivation, not by the description.
public enum SchemaCheck: Sendable, Hashable {
    /// An expression written the same on both databases (`length(id) > 0`).
    case sql(String)
    /// One of the codes (a vocabulary of the core, or a short fixed list).
    case oneOf([String])
    /// A calendar date as `JJJJ-MM-DD` text: `GLOB` in SQLite, a regular expression in PostgreSQL.
    case date
    /// Valid JSON text: `json_valid` in SQLite, a cast to `json` in PostgreSQL.
    case json

    /// The codes of a vocabulary of the core.
    public static func codes<V: Vocabulary>(_ type: V.Type) -> SchemaCheck {
        .oneOf(V.allCases.map(\.rawValue))
    }
}

/// What a single column refers to.
public struct SchemaReference: Sendable, Hashable {
    public var table: String
    public var column: String
    public var cascades: Bool
    /// PostgreSQL: checked once per statement by triggers instead of a foreign key
    /// (``SchemaTable/statementReferenceTriggers(_:_:)``); SQLite keeps its foreign key.
    public var checkedPerStatement: Bool

    public init(_ table: String, _ column: String, cascades: Bool, checkedPerStatement: Bool = false) {
        self.table = table
        self.column = column
        self.cascades = cascades
        self.checkedPerStatement = checkedPerStatement
    }
}

/// A foreign key of several columns. Without `ON DELETE CASCADE` it is checked at the end of
/// the transaction on PostgreSQL (`DEFERRABLE INITIALLY DEFERRED`), which is when SQLite
/// checks it after the cascades of one delete (PostgresMigrations).
public struct SchemaForeignKey: Sendable, Hashable {
    public var columns: [String]
    public var table: String
    public var referencedColumns: [String]
    public var cascades: Bool

    public init(_ columns: [String], references table: String, _ referencedColumns: [String], cascades: Bool) {
        self.columns = columns
        self.table = table
        self.referencedColumns = referencedColumns
        self.cascades = cascades
    }
}

/// An index over one or more columns.
public struct SchemaIndex: Sendable, Hashable {
    public var name: String
    public var columns: [String]

    public init(_ name: String, _ columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

/// The two SQL dialects the DDL is written in.
public enum SchemaDialect: Sendable, CaseIterable {
    case sqlite
    case postgres
}

extension SchemaTable {
    /// The statements that create this table, its indexes and its extras, one per element.
    public func ddl(_ dialect: SchemaDialect) -> [String] {
        var parts = columns.map { $0.definition(dialect) }
        if !primaryKey.isEmpty { parts.append("PRIMARY KEY (\(primaryKey.joined(separator: ", ")))") }
        parts += checks.map { "CHECK (\($0))" }
        for key in foreignKeys {
            var clause =
                "FOREIGN KEY (\(key.columns.joined(separator: ", "))) REFERENCES "
                + "\(key.table)(\(key.referencedColumns.joined(separator: ", ")))"
            if key.cascades {
                clause += " ON DELETE CASCADE"
            } else if dialect == .postgres {
                clause += " DEFERRABLE INITIALLY DEFERRED"
            }
            parts.append(clause)
        }
        let suffix = dialect == .sqlite && withoutRowID ? " WITHOUT ROWID" : ""
        var statements = ["CREATE TABLE \(name) (\n  " + parts.joined(separator: ",\n  ") + "\n)\(suffix)"]
        statements += indexes.map { "CREATE INDEX \($0.name) ON \(name)(\($0.columns.joined(separator: ", ")))" }
        if dialect == .postgres {
            for column in columns {
                if let reference = column.references, reference.checkedPerStatement {
                    statements += statementReferenceTriggers(column.name, reference)
                }
            }
        }
        statements += dialect == .sqlite ? sqliteExtras : postgresExtras
        return statements
    }

    /// PostgreSQL: what a foreign key from `column` to `reference` guarantees, kept by
    /// triggers that run once per statement over all its rows (transition tables) instead of
    /// once per row. A foreign key checks each inserted row with a query of its own, which
    /// made it three quarters of a bulk import's time (BENCHMARKS.md, "Contextindicatoren
    /// inlezen"); these check the distinct values of the statement at once. The same
    /// guarantees:
    /// - a row inserted or updated here names a row that exists: the referenced rows are
    ///   locked `FOR KEY SHARE` as a foreign key locks them (so they cannot be deleted or
    ///   their key changed until this transaction ends; a concurrent delete that came first
    ///   makes the check fail), then any value without a row is refused
    ///   (`foreign_key_violation`);
    /// - deleting a referenced row deletes the rows referring to it (with `cascades`) or is
    ///   refused; changing a referenced key still referred to is refused; `TRUNCATE` of the
    ///   referenced table is refused while rows refer to it.
    /// The triggers on the referenced table are dropped and created again, so that a rebuild
    /// of this table can write them anew.
    func statementReferenceTriggers(_ column: String, _ reference: SchemaReference) -> [String] {
        let parent = reference.table
        let key = reference.column
        let prefix = "\(name)_\(column)"
        let missing = "verwijzing van \(name).\(column) naar een ontbrekende rij van \(parent): %"
        let deleted =
            reference.cascades
            ? "DELETE FROM \(name) WHERE \(column) IN (SELECT \(key) FROM old_rows);"
            : """
            IF EXISTS (SELECT 1 FROM \(name) WHERE \(column) IN (SELECT \(key) FROM old_rows)) THEN
                RAISE EXCEPTION 'er verwijzen nog rijen van \(name) naar een verwijderde rij van \(parent)'
                  USING ERRCODE = 'foreign_key_violation';
              END IF;
            """
        return [
            """
            CREATE OR REPLACE FUNCTION \(prefix)_check() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
              absent TEXT;
            BEGIN
              PERFORM 1 FROM \(parent) WHERE \(key) IN (SELECT \(column) FROM new_rows) FOR KEY SHARE;
              SELECT n.\(column) INTO absent FROM (SELECT DISTINCT \(column) FROM new_rows) n
                WHERE n.\(column) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \(parent) p WHERE p.\(key) = n.\(column))
                LIMIT 1;
              IF FOUND THEN
                RAISE EXCEPTION '\(missing)', absent USING ERRCODE = 'foreign_key_violation';
              END IF;
              RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER \(prefix)_inserted AFTER INSERT ON \(name)
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION \(prefix)_check()
            """,
            """
            CREATE TRIGGER \(prefix)_updated AFTER UPDATE ON \(name)
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION \(prefix)_check()
            """,
            """
            CREATE OR REPLACE FUNCTION \(prefix)_parent_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              \(deleted)
              RETURN NULL;
            END
            $$
            """,
            "DROP TRIGGER IF EXISTS \(prefix)_parent_deleted ON \(parent)",
            """
            CREATE TRIGGER \(prefix)_parent_deleted AFTER DELETE ON \(parent)
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION \(prefix)_parent_deleted()
            """,
            """
            CREATE OR REPLACE FUNCTION \(prefix)_parent_updated() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF EXISTS (
                SELECT 1 FROM \(name) WHERE \(column) IN (
                  SELECT o.\(key) FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM \(parent) p WHERE p.\(key) = o.\(key)))
              ) THEN
                RAISE EXCEPTION 'er verwijzen nog rijen van \(name) naar de oude sleutel van een rij van \(parent)'
                  USING ERRCODE = 'foreign_key_violation';
              END IF;
              RETURN NULL;
            END
            $$
            """,
            "DROP TRIGGER IF EXISTS \(prefix)_parent_updated ON \(parent)",
            """
            CREATE TRIGGER \(prefix)_parent_updated AFTER UPDATE ON \(parent)
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION \(prefix)_parent_updated()
            """,
            """
            CREATE OR REPLACE FUNCTION \(prefix)_parent_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF EXISTS (SELECT 1 FROM \(name)) THEN
                RAISE EXCEPTION 'er verwijzen nog rijen van \(name) naar \(parent); leeg die eerst'
                  USING ERRCODE = 'foreign_key_violation';
              END IF;
              RETURN NULL;
            END
            $$
            """,
            "DROP TRIGGER IF EXISTS \(prefix)_parent_truncated ON \(parent)",
            """
            CREATE TRIGGER \(prefix)_parent_truncated BEFORE TRUNCATE ON \(parent)
            FOR EACH STATEMENT EXECUTE FUNCTION \(prefix)_parent_truncated()
            """,
        ]
    }
}

extension SchemaTable {
    /// The statements that make this table again as described, with the rows it holds: they
    /// are set aside in a temporary table, the old table (with its indexes) is dropped, the
    /// described one created and the rows put back in key order. For a table that no other
    /// table refers to (dropping it would otherwise take the referring rows along or fail).
    public func rebuilding(_ dialect: SchemaDialect) -> [String] {
        let kept = "\(name)_rebuilt"
        let names = columns.map(\.name).joined(separator: ", ")
        return [
            "CREATE TEMPORARY TABLE \(kept) AS SELECT \(names) FROM \(name)", "DROP TABLE \(name)",
        ] + ddl(dialect) + [
            "INSERT INTO \(name) (\(names)) SELECT \(names) FROM \(kept) ORDER BY \(keyColumns.joined(separator: ", "))",
            "DROP TABLE \(kept)",
        ]
    }
}

extension SchemaColumn {
    func definition(_ dialect: SchemaDialect) -> String {
        var text = "\(name) \(declaredType(dialect))"
        // SQLite compares text by bytes (BINARY) unless told otherwise.
        if byteOrder, dialect == .postgres { text += " COLLATE \"C\"" }
        if isPrimaryKey { text += " PRIMARY KEY" }
        // A key is never NULL on PostgreSQL; SQLite needs NOT NULL said (but older tables).
        if !nullable, !isPrimaryKey || (dialect == .sqlite && !sqliteKeyWithoutNotNull) { text += " NOT NULL" }
        if isUnique { text += " UNIQUE" }
        if let defaultValue {
            switch (defaultValue, dialect) {
            case (.integer(let number), _): text += " DEFAULT \(number)"
            case (.boolean(let flag), .sqlite): text += " DEFAULT \(flag ? 1 : 0)"
            case (.boolean(let flag), .postgres): text += " DEFAULT \(flag ? "TRUE" : "FALSE")"
            }
        }
        var conditions = checks.map { $0.expression(column: name, dialect) }
        if type == .boolean, dialect == .sqlite, sqliteDeclaredType == nil { conditions.append("\(name) IN (0, 1)") }
        for condition in conditions {
            text += nullable ? " CHECK (\(name) IS NULL OR \(condition))" : " CHECK (\(condition))"
        }
        if let references, dialect == .sqlite || !references.checkedPerStatement {
            text += " REFERENCES \(references.table)(\(references.column))"
            if references.cascades { text += " ON DELETE CASCADE" }
        }
        return text
    }

    func declaredType(_ dialect: SchemaDialect) -> String {
        switch (type, dialect) {
        case (_, .sqlite) where sqliteDeclaredType != nil: sqliteDeclaredType ?? ""
        case (.text, _): "TEXT"
        case (.integer, _), (.bigInteger, .sqlite), (.boolean, .sqlite): "INTEGER"
        case (.bigInteger, .postgres): "BIGINT"
        case (.real, .sqlite): "REAL"
        case (.real, .postgres): "DOUBLE PRECISION"
        case (.boolean, .postgres): "BOOLEAN"
        case (.moment, .sqlite): "DATETIME"
        case (.moment, .postgres): "TIMESTAMPTZ"
        }
    }
}

extension SchemaCheck {
    func expression(column: String, _ dialect: SchemaDialect) -> String {
        switch (self, dialect) {
        case (.sql(let text), _): text
        case (.oneOf(let codes), _):
            "\(column) IN (" + codes.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ", ")
                + ")"
        case (.date, .sqlite): "\(column) GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
        case (.date, .postgres): "\(column) ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'"
        case (.json, .sqlite): "json_valid(\(column))"
        case (.json, .postgres): "(\(column)::json) IS NOT NULL"
        }
    }
}
