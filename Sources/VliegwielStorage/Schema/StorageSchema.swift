import VliegwielCore

/// Every table of both databases, described once (``SchemaTable``), in the order they are
/// created and moved (each after the tables it refers to).
///
/// The migrations up to v12 were written out by hand before this description existed and stay
/// as they are; `SchemaDescriptionTests` proves that the description creates the same tables
/// as those migrations on SQLite and on PostgreSQL. A new table is added here, with its
/// migration in ``StorageSchema/laterMigrations``: both databases' migrators and the
/// installation export take it from there.
public enum StorageSchema {
    public static let tables: [SchemaTable] = [
        SchemaTable(
            "arrangement", export: .moved(label: "arrangementen"),
            columns: [
                SchemaColumn(
                    "id", .text, primaryKey: true, checks: [.sql("length(id) > 0")], sqliteKeyWithoutNotNull: true),
                SchemaColumn("name", .text, checks: [.sql("length(name) > 0")]),
                SchemaColumn("family", .text, checks: [.codes(Family.self)]),
                SchemaColumn("kind", .text, checks: [.codes(ArrangementKind.self)]),
                SchemaColumn("variant_id", .text),
                // The whole arrangement in the interchange form (JSON): nothing is lost.
                SchemaColumn("document", .text),
                SchemaColumn("version", .integer, defaultValue: .integer(1)),
                SchemaColumn("updated_at", .moment),
            ]),
        SchemaTable(
            "arrangement_version", export: .moved(label: "profielversies"),
            columns: [
                arrangementID, SchemaColumn("version", .integer, checks: [.sql("version >= 1")]),
                SchemaColumn("recorded_at", .moment), SchemaColumn("author", .text, checks: [nonBlank("author")]),
                SchemaColumn("reason", .text, checks: [nonBlank("reason")]), SchemaColumn("document", .text),
            ], primaryKey: ["arrangement_id", "version"]),
        SchemaTable(
            "portfolio_deal", export: .moved(label: "deals van de portefeuille"),
            columns: [
                SchemaColumn(
                    "arrangement_id", .text, primaryKey: true, references: .init("arrangement", "id", cascades: true)),
                SchemaColumn("name", .text, checks: [.sql("length(name) > 0")]),
                SchemaColumn("tranche", .integer, checks: [.sql("tranche BETWEEN 1 AND 6")]),
                SchemaColumn(
                    "rijk_contribution_cents", .bigInteger, nullable: true,
                    checks: [.sql("rijk_contribution_cents > 0")]),
                SchemaColumn("source", .text, checks: [.sql("length(source) > 0")]),
                SchemaColumn("closed_on", .text, nullable: true, checks: [.date]),
                SchemaColumn("is_fictional", .boolean, defaultValue: .boolean(false)),
            ]),
        SchemaTable(
            "partner", export: .moved(label: "partners"),
            columns: [
                dealID, SchemaColumn("id", .text, checks: [.sql("length(id) > 0")]), position,
                SchemaColumn("organisation", .text, checks: [.sql("length(organisation) > 0")]),
                SchemaColumn("type", .text, checks: [.codes(OrganisationType.self)]),
                SchemaColumn("joined_on", .text, nullable: true, checks: [.date]),
                SchemaColumn("left_on", .text, nullable: true, checks: [.date]),
                SchemaColumn("source", .text, nullable: true),
            ], primaryKey: ["arrangement_id", "id"],
            checks: ["joined_on IS NULL OR left_on IS NULL OR left_on > joined_on"]),
        SchemaTable(
            "partner_role", export: .moved(label: "partnerrollen"),
            columns: [
                SchemaColumn("arrangement_id", .text), SchemaColumn("partner_id", .text), position,
                SchemaColumn("role", .text, checks: [.codes(PartnerRole.self)]),
            ], primaryKey: ["arrangement_id", "partner_id", "role"],
            foreignKeys: [
                SchemaForeignKey(
                    ["arrangement_id", "partner_id"], references: "partner", ["arrangement_id", "id"], cascades: true)
            ]),
        SchemaTable(
            "programme_line", export: .moved(label: "programmalijnen"),
            columns: [
                dealID, SchemaColumn("id", .text, checks: [.sql("length(id) > 0")]), position,
                SchemaColumn("name", .text, checks: [.sql("length(name) > 0")]),
                SchemaColumn("description", .text, nullable: true),
            ], primaryKey: ["arrangement_id", "id"]),
        SchemaTable(
            "finance_line", export: .moved(label: "financieringsregels"),
            columns: [
                dealID, SchemaColumn("id", .text, checks: [.sql("length(id) > 0")]), position,
                SchemaColumn("partner_id", .text), SchemaColumn("programme_line_id", .text, nullable: true),
                SchemaColumn("year", .integer, checks: [.sql("year BETWEEN 1990 AND 2100")]),
                SchemaColumn("kind", .text, checks: [.codes(FinanceKind.self)]),
                SchemaColumn("sector", .text, checks: [.codes(FinanceSector.self)]),
                SchemaColumn("form", .text, checks: [.codes(FinanceForm.self)]),
                SchemaColumn("amount_cents", .bigInteger, checks: [.sql("amount_cents > 0")]),
                SchemaColumn("paid_on", .text, nullable: true, checks: [.date]),
                SchemaColumn("description", .text, nullable: true), SchemaColumn("source", .text, nullable: true),
            ], primaryKey: ["arrangement_id", "id"],
            foreignKeys: [
                SchemaForeignKey(
                    ["arrangement_id", "partner_id"], references: "partner", ["arrangement_id", "id"], cascades: false),
                SchemaForeignKey(
                    ["arrangement_id", "programme_line_id"], references: "programme_line", ["arrangement_id", "id"],
                    cascades: false),
            ],
            indexes: [
                SchemaIndex("finance_line_partner", ["arrangement_id", "partner_id"]),
                SchemaIndex("finance_line_programme_line", ["arrangement_id", "programme_line_id"]),
            ]),
        SchemaTable(
            "project", export: .moved(label: "projecten"),
            columns: [
                dealID, SchemaColumn("id", .text, checks: [.sql("length(id) > 0")]), position,
                SchemaColumn("name", .text, checks: [.sql("length(name) > 0")]),
                SchemaColumn("description", .text, nullable: true), SchemaColumn("programme_line_id", .text),
                SchemaColumn("lead_partner_id", .text, nullable: true),
                SchemaColumn("budget_cents", .bigInteger, nullable: true, checks: [.sql("budget_cents >= 0")]),
                SchemaColumn("starts_on", .text, nullable: true, checks: [.date]),
                SchemaColumn("ends_on", .text, nullable: true, checks: [.date]),
                SchemaColumn("status", .text, checks: [.codes(ProjectStatus.self)]),
                SchemaColumn("source", .text, nullable: true),
            ], primaryKey: ["arrangement_id", "id"],
            foreignKeys: [
                SchemaForeignKey(
                    ["arrangement_id", "programme_line_id"], references: "programme_line", ["arrangement_id", "id"],
                    cascades: false),
                SchemaForeignKey(
                    ["arrangement_id", "lead_partner_id"], references: "partner", ["arrangement_id", "id"],
                    cascades: false),
            ],
            checks: ["starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on"],
            indexes: [
                SchemaIndex("project_programme_line", ["arrangement_id", "programme_line_id"]),
                SchemaIndex("project_lead_partner", ["arrangement_id", "lead_partner_id"]),
            ]),
        SchemaTable(
            "project_partner", export: .moved(label: "projectpartners"),
            columns: [
                SchemaColumn("arrangement_id", .text), SchemaColumn("project_id", .text),
                SchemaColumn("partner_id", .text), position,
            ], primaryKey: ["arrangement_id", "project_id", "partner_id"],
            foreignKeys: [
                SchemaForeignKey(
                    ["arrangement_id", "project_id"], references: "project", ["arrangement_id", "id"], cascades: true),
                SchemaForeignKey(
                    ["arrangement_id", "partner_id"], references: "partner", ["arrangement_id", "id"], cascades: false),
            ],
            indexes: [SchemaIndex("project_partner_partner", ["arrangement_id", "partner_id"])]),
        SchemaTable(
            "project_theme", export: .moved(label: "projectthema's"),
            columns: [
                SchemaColumn("arrangement_id", .text), SchemaColumn("project_id", .text), position,
                SchemaColumn("theme", .text, checks: [.codes(WellbeingTheme.self)]),
            ], primaryKey: ["arrangement_id", "project_id", "theme"],
            foreignKeys: [
                SchemaForeignKey(
                    ["arrangement_id", "project_id"], references: "project", ["arrangement_id", "id"], cascades: true)
            ]),
        SchemaTable(
            "qca_outcome", export: .moved(label: "QCA-uitkomsten"),
            columns: [
                arrangementID, SchemaColumn("name", .text, checks: [.sql("length(name) > 0")]),
                SchemaColumn("value", .real, checks: [.sql("value >= 0 AND value <= 1")], sqliteDeclaredType: "DOUBLE"),
                SchemaColumn("source", .text, checks: [nonBlank("source")]), SchemaColumn("recorded_at", .moment),
            ], primaryKey: ["arrangement_id", "name"]),
        SchemaTable(
            "contribution_graph_version", export: .moved(label: "bijdragegraafversies"),
            columns: [
                arrangementID, SchemaColumn("version", .integer, checks: [.sql("version >= 1")]),
                SchemaColumn("date", .text, checks: [.date]),
                SchemaColumn("author", .text, checks: [nonBlank("author")]),
                SchemaColumn("reason", .text, checks: [nonBlank("reason")]),
                SchemaColumn("graph", .text, checks: [.json]),
            ], primaryKey: ["arrangement_id", "version"]),
        SchemaTable(
            "arrangement_indicators", export: .moved(label: "programma-indicatoren"),
            columns: [
                SchemaColumn(
                    "arrangement_id", .text, primaryKey: true, references: .init("arrangement", "id", cascades: true)),
                SchemaColumn("document", .text, checks: [.json]),
            ]),
        SchemaTable(
            "context_table", export: .moved(label: "contexttabellen"),
            columns: [
                SchemaColumn("id", .text, primaryKey: true, checks: [.sql("length(id) > 0")]),
                SchemaColumn("title", .text), SchemaColumn("source", .text), SchemaColumn("is_fictional", .boolean),
                SchemaColumn("measures", .text, checks: [.json]), SchemaColumn("imported_at", .moment),
            ]),
        // Rebuilt by "v13 context observations in key order" (v6 had a region index and the
        // cluster's collation on PostgreSQL): the key alone, compared by bytes on both
        // databases, so that an import written in key order appends (BENCHMARKS.md). Rebuilt
        // by "v14 context observations checked per statement": on PostgreSQL the reference to
        // the table is kept by statement triggers instead of a foreign key, which checked every
        // imported row with a query of its own (SchemaTable.statementReferenceTriggers).
        SchemaTable(
            "context_observation", export: .moved(label: "contextwaarnemingen"),
            columns: [
                SchemaColumn(
                    "table_id", .text,
                    references: .init("context_table", "id", cascades: true, checkedPerStatement: true),
                    byteOrder: true),
                SchemaColumn("measure", .text, byteOrder: true), SchemaColumn("region", .text, byteOrder: true),
                SchemaColumn("period", .text, byteOrder: true), SchemaColumn("value", .real, nullable: true),
            ], primaryKey: ["table_id", "measure", "region", "period"], withoutRowID: true),
        SchemaTable(
            "learning_log_entry", export: .moved(label: "leerlogregels"),
            columns: [
                arrangementID, SchemaColumn("entry_id", .text, checks: [.sql("length(entry_id) > 0")]),
                SchemaColumn("kind", .text, checks: [.oneOf(["les", "besluit", "wijziging"])]),
                SchemaColumn("date", .text, checks: [.date]), SchemaColumn("sequence", .integer),
                SchemaColumn("recorded_at", .moment), SchemaColumn("entry", .text, checks: [.json]),
            ], primaryKey: ["arrangement_id", "entry_id"],
            indexes: [SchemaIndex("learning_log_entry_by_arrangement", ["arrangement_id", "kind", "sequence"])]),
        // Which shipped data sets have been seeded: each only once, so that a deal the user
        // changed or deleted is never overwritten or brought back.
        SchemaTable(
            "seeded_data", export: .moved(label: "geladen gegevenssets"),
            columns: [
                SchemaColumn("name", .text, primaryKey: true, checks: [.sql("length(name) > 0")]),
                SchemaColumn("seeded_at", .moment),
            ]),
        auditEntry,
        SchemaTable(
            "account",
            export: .notMoved(reason: "geheimen (wachtwoord-hashes, TOTP-sleutels) verlaten een database nooit"),
            columns: [
                SchemaColumn(
                    "name", .text, primaryKey: true, checks: [.sql("length(name) BETWEEN 1 AND 64")],
                    sqliteKeyWithoutNotNull: true),
                SchemaColumn("password_hash", .text, checks: [.sql("length(password_hash) > 0")]),
                SchemaColumn("role", .text, checks: [.oneOf(AccountSchema.roleCodes)]),
                SchemaColumn(
                    "second_factor_required", .boolean, defaultValue: .boolean(false), sqliteDeclaredType: "BOOLEAN"),
                SchemaColumn("totp_secret", .text, nullable: true),
                SchemaColumn("totp_pending_secret", .text, nullable: true),
                SchemaColumn("created_at", .bigInteger),
                // Added by "v10 totp single use".
                SchemaColumn("totp_last_step", .bigInteger, nullable: true),
            ]),
        SchemaTable(
            "account_editor_arrangement",
            export: .notMoved(reason: "hoort bij de accounts, die opnieuw worden gemaakt"),
            columns: [
                SchemaColumn("account_name", .text, references: .init("account", "name", cascades: true)),
                SchemaColumn("arrangement_id", .text, checks: [.sql("length(arrangement_id) > 0")]),
            ], primaryKey: ["account_name", "arrangement_id"]),
        SchemaTable(
            "account_session", export: .notMoved(reason: "sessies gelden voor één database"),
            columns: [
                SchemaColumn(
                    "id_hash", .text, primaryKey: true, checks: [.sql("length(id_hash) = 64")],
                    sqliteKeyWithoutNotNull: true),
                SchemaColumn("account_name", .text, references: .init("account", "name", cascades: true)),
                SchemaColumn("created_at", .bigInteger), SchemaColumn("last_seen_at", .bigInteger),
                SchemaColumn("expires_at", .bigInteger), SchemaColumn("origin", .text),
            ],
            indexes: [SchemaIndex("account_session_account", ["account_name"])]),
        SchemaTable(
            "account_token", export: .notMoved(reason: "geheimen (token-hashes) verlaten een database nooit"),
            columns: [
                SchemaColumn(
                    "id", .text, primaryKey: true, checks: [.sql("length(id) > 0")], sqliteKeyWithoutNotNull: true),
                SchemaColumn("secret_hash", .text, unique: true, checks: [.sql("length(secret_hash) = 64")]),
                SchemaColumn("account_name", .text, references: .init("account", "name", cascades: true)),
                SchemaColumn("name", .text, checks: [nonBlank("name")]), SchemaColumn("created_at", .bigInteger),
                SchemaColumn("last_used_at", .bigInteger, nullable: true),
                SchemaColumn("revoked_at", .bigInteger, nullable: true),
            ],
            indexes: [SchemaIndex("account_token_account", ["account_name"])]),
        SchemaTable(
            "account_login_attempt", export: .notMoved(reason: "inlogpogingen gelden voor één database"),
            columns: [
                SchemaColumn("attempted_at", .bigInteger), SchemaColumn("account_name", .text),
                SchemaColumn("client_address", .text),
                SchemaColumn("succeeded", .boolean, sqliteDeclaredType: "BOOLEAN"),
            ],
            indexes: [
                SchemaIndex("account_login_attempt_account", ["account_name", "attempted_at"]),
                SchemaIndex("account_login_attempt_address", ["client_address", "attempted_at"]),
            ]),
        SchemaTable(
            "health_probe",
            export: .notMoved(reason: "alleen het moment van de laatste gezondheidscontrole, geen gegevens"),
            columns: [
                SchemaColumn("id", .integer, primaryKey: true, checks: [.sql("id = 1")], sqliteKeyWithoutNotNull: true),
                SchemaColumn("checked_at", .text),
            ]),
    ]

    /// Migrations written from the description, after the hand-written ones (v1–v12): each
    /// creates the named tables on both databases, or rebuilds described tables with their
    /// rows. Adding a table: describe it in ``tables`` and name it here; changing one: change
    /// its description and name it under `rebuilt`.
    public static let laterMigrations: [SchemaMigration] = [
        SchemaMigration("v13 context observations in key order", rebuilt: ["context_observation"]),
        SchemaMigration("v14 context observations checked per statement", rebuilt: ["context_observation"]),
    ]

    /// The bookkeeping tables of the migrators themselves, which the description leaves out.
    public static let migratorTables: [String: String] = [
        "schema_migrations": "de nieuwe database heeft haar eigen migraties",
        "grdb_migrations": "de nieuwe database heeft haar eigen migraties",
    ]

    /// The described table called `name`.
    public static func table(_ name: String) -> SchemaTable? { tables.first { $0.name == name } }

    /// The statements of a migration of ``laterMigrations`` in `dialect`, one per element.
    static func statements(of migration: SchemaMigration, _ dialect: SchemaDialect) -> [String] {
        func described(_ name: String) -> SchemaTable {
            guard let table = table(name) else {
                preconditionFailure("migration names the table '\(name)', which StorageSchema.tables does not describe")
            }
            return table
        }
        return migration.tables.flatMap { described($0).ddl(dialect) }
            + migration.rebuilt.flatMap { described($0).rebuilding(dialect) }
    }

    // MARK: Columns many tables share

    private static let arrangementID = SchemaColumn(
        "arrangement_id", .text, references: .init("arrangement", "id", cascades: true))
    private static let dealID = SchemaColumn(
        "arrangement_id", .text, references: .init("portfolio_deal", "arrangement_id", cascades: true))
    private static let position = SchemaColumn("position", .integer)

    private static func nonBlank(_ column: String) -> SchemaCheck { .sql("length(trim(\(column))) > 0") }

    /// The audit trail: append-only. Triggers refuse every UPDATE, DELETE (and on PostgreSQL
    /// TRUNCATE), and an INSERT that does not continue the chain (the next sequence number, the
    /// previous hash equal to the last entry's hash). Time and details are text exactly as
    /// hashed. No foreign keys: the trail outlives what it describes.
    private static let auditEntry = SchemaTable(
        "audit_entry",
        export: .notMoved(reason: "de hashketen staat in voor één database; de nieuwe begint een eigen keten"),
        columns: [
            SchemaColumn(
                "sequence", .integer, primaryKey: true, checks: [.sql("sequence >= 1")], sqliteKeyWithoutNotNull: true),
            SchemaColumn("recorded_at", .text, checks: [.sql("length(recorded_at) = 24")]),
            SchemaColumn("actor", .text), SchemaColumn("action", .text), SchemaColumn("object", .text),
            SchemaColumn("result", .text), SchemaColumn("origin", .text),
            SchemaColumn("details", .text, checks: [.json]),
            SchemaColumn("previous_hash", .text), SchemaColumn("hash", .text, unique: true),
        ],
        indexes: [
            SchemaIndex("audit_entry_actor", ["actor"]), SchemaIndex("audit_entry_action", ["action"]),
            SchemaIndex("audit_entry_object", ["object"]), SchemaIndex("audit_entry_recorded_at", ["recorded_at"]),
        ],
        sqliteExtras: AuditSchema.sqliteTriggers, postgresExtras: AuditSchema.postgresTriggers)
}
