import PostgresNIO
import VliegwielCore

/// The versioned schema of a PostgreSQL database, oldest first, in the table
/// `schema_migrations`. Each migration mirrors the SQLite migration of the same name
/// (Migrations.swift and the *Schema types): the same tables, columns, CHECKs, keys and
/// ON DELETE CASCADE, so that both databases accept and refuse the same rows. Dates of the
/// calendar stay `JJJJ-MM-DD` text, money BIGINT cents, moments TIMESTAMPTZ. The foreign
/// keys without an action are checked at commit (DEFERRABLE INITIALLY DEFERRED): PostgreSQL
/// checks them before the cascades of one delete have finished, SQLite after; checked at
/// commit, both refuse exactly the same end states.
/// Never edit a registered migration: add a new one at the end, beside the SQLite one.
enum PostgresMigrations {
    struct Migration {
        var name: String
        /// One statement each: the extended query protocol runs one statement at a time.
        var statements: [String]
    }

    static let all: [Migration] =
        [
            Migration(
                name: "v1 arrangements",
                statements: [
                    """
                    CREATE TABLE arrangement (
                      id TEXT PRIMARY KEY CHECK (length(id) > 0),
                      name TEXT NOT NULL CHECK (length(name) > 0),
                      family TEXT NOT NULL CHECK (family IN (\(codes(Family.self)))),
                      kind TEXT NOT NULL CHECK (kind IN (\(codes(ArrangementKind.self)))),
                      variant_id TEXT NOT NULL,
                      document TEXT NOT NULL,
                      version INTEGER NOT NULL DEFAULT 1,
                      updated_at TIMESTAMPTZ NOT NULL
                    )
                    """
                ]),
            Migration(name: "v2 portfolio", statements: portfolio),
            Migration(
                name: "v3 qca outcomes",
                statements: [
                    """
                    CREATE TABLE qca_outcome (
                      arrangement_id TEXT NOT NULL REFERENCES arrangement(id) ON DELETE CASCADE,
                      name TEXT NOT NULL CHECK (length(name) > 0),
                      value DOUBLE PRECISION NOT NULL CHECK (value >= 0 AND value <= 1),
                      source TEXT NOT NULL CHECK (length(trim(source)) > 0),
                      recorded_at TIMESTAMPTZ NOT NULL,
                      PRIMARY KEY (arrangement_id, name)
                    )
                    """
                ]),
            Migration(
                name: "v4 contribution graphs",
                statements: [
                    """
                    CREATE TABLE contribution_graph_version (
                      arrangement_id TEXT NOT NULL REFERENCES arrangement(id) ON DELETE CASCADE,
                      version INTEGER NOT NULL CHECK (version >= 1),
                      date TEXT NOT NULL CHECK \(isDate("date", nullable: false)),
                      author TEXT NOT NULL CHECK (length(trim(author)) > 0),
                      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                      graph TEXT NOT NULL CHECK ((graph::json) IS NOT NULL),
                      PRIMARY KEY (arrangement_id, version)
                    )
                    """
                ]),
            Migration(
                name: "v5 arrangement versions",
                statements: [
                    """
                    CREATE TABLE arrangement_version (
                      arrangement_id TEXT NOT NULL REFERENCES arrangement(id) ON DELETE CASCADE,
                      version INTEGER NOT NULL CHECK (version >= 1),
                      recorded_at TIMESTAMPTZ NOT NULL,
                      author TEXT NOT NULL CHECK (length(trim(author)) > 0),
                      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                      document TEXT NOT NULL,
                      PRIMARY KEY (arrangement_id, version)
                    )
                    """,
                    """
                    INSERT INTO arrangement_version (arrangement_id, version, recorded_at, author, reason, document)
                    SELECT id, 1, updated_at, 'vliegwiel', 'bestond al vóór de profielgeschiedenis', document
                    FROM arrangement
                    """,
                ]),
            Migration(name: "v6 indicators", statements: indicators),
            Migration(
                name: "v7 learning log",
                statements: [
                    """
                    CREATE TABLE learning_log_entry (
                      arrangement_id TEXT NOT NULL REFERENCES arrangement(id) ON DELETE CASCADE,
                      entry_id TEXT NOT NULL CHECK (length(entry_id) > 0),
                      kind TEXT NOT NULL CHECK (kind IN ('les', 'besluit', 'wijziging')),
                      date TEXT NOT NULL CHECK \(isDate("date", nullable: false)),
                      sequence INTEGER NOT NULL,
                      recorded_at TIMESTAMPTZ NOT NULL,
                      entry TEXT NOT NULL CHECK ((entry::json) IS NOT NULL),
                      PRIMARY KEY (arrangement_id, entry_id)
                    )
                    """,
                    "CREATE INDEX learning_log_entry_by_arrangement ON learning_log_entry (arrangement_id, kind, sequence)",
                ]),
            Migration(name: "v8 audit trail", statements: auditTrail),
            Migration(name: "v9 accounts", statements: PostgresAccountSchema.migration),
            Migration(
                name: "v10 totp single use", statements: ["ALTER TABLE account ADD COLUMN totp_last_step BIGINT"]),
            Migration(
                name: "v11 partner roles of the curated portfolio",
                statements: [
                    "ALTER TABLE partner_role DROP CONSTRAINT IF EXISTS partner_role_role_check",
                    "ALTER TABLE partner_role ADD CONSTRAINT partner_role_role_check CHECK (role IN (\(codes(PartnerRole.self))))",
                ]),
            Migration(name: "v12 health probe", statements: [HealthProbeSchema.create]),
        ]
        // From here on, tables are described once (StorageSchema) and created from the description.
        + StorageSchema.laterMigrations.map {
            Migration(name: $0.name, statements: StorageSchema.statements(of: $0, .postgres))
        }

    /// The tables of the indicators (SQLite: `IndicatorSchema`).
    private static let indicators: [String] = [
        """
        CREATE TABLE arrangement_indicators (
          arrangement_id TEXT PRIMARY KEY REFERENCES arrangement(id) ON DELETE CASCADE,
          document TEXT NOT NULL CHECK ((document::json) IS NOT NULL)
        )
        """,
        """
        CREATE TABLE context_table (
          id TEXT PRIMARY KEY CHECK (length(id) > 0),
          title TEXT NOT NULL,
          source TEXT NOT NULL,
          is_fictional BOOLEAN NOT NULL,
          measures TEXT NOT NULL CHECK ((measures::json) IS NOT NULL),
          imported_at TIMESTAMPTZ NOT NULL
        )
        """,
        """
        CREATE TABLE context_observation (
          table_id TEXT NOT NULL REFERENCES context_table(id) ON DELETE CASCADE,
          measure TEXT NOT NULL,
          region TEXT NOT NULL,
          period TEXT NOT NULL,
          value DOUBLE PRECISION,
          PRIMARY KEY (table_id, measure, region, period)
        )
        """,
        "CREATE INDEX context_observation_region ON context_observation(region, table_id)",
    ]

    /// The audit trail (SQLite: `AuditSchema`): append-only. Triggers refuse every UPDATE,
    /// DELETE and TRUNCATE, and an INSERT that does not continue the chain (the next sequence
    /// number, the previous hash equal to the last entry's hash). Time and details are text
    /// exactly as hashed (`JJJJ-MM-DDTuu:mm:ss.SSSZ`, sorted JSON). No foreign keys: the trail
    /// outlives what it describes.
    private static let auditTrail: [String] =
        [
            """
            CREATE TABLE audit_entry (
              sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
              recorded_at TEXT NOT NULL CHECK (length(recorded_at) = 24),
              actor TEXT NOT NULL,
              action TEXT NOT NULL,
              object TEXT NOT NULL,
              result TEXT NOT NULL,
              origin TEXT NOT NULL,
              details TEXT NOT NULL CHECK ((details::json) IS NOT NULL),
              previous_hash TEXT NOT NULL,
              hash TEXT NOT NULL UNIQUE
            )
            """,
            "CREATE INDEX audit_entry_actor ON audit_entry(actor)",
            "CREATE INDEX audit_entry_action ON audit_entry(action)",
            "CREATE INDEX audit_entry_object ON audit_entry(object)",
            "CREATE INDEX audit_entry_recorded_at ON audit_entry(recorded_at)",
        ] + AuditSchema.postgresTriggers

    /// The tables of the portfolio (SQLite: `PortfolioSchema`).
    private static let portfolio: [String] = [
        """
        CREATE TABLE portfolio_deal (
          arrangement_id TEXT PRIMARY KEY REFERENCES arrangement(id) ON DELETE CASCADE,
          name TEXT NOT NULL CHECK (length(name) > 0),
          tranche INTEGER NOT NULL CHECK (tranche BETWEEN 1 AND 6),
          rijk_contribution_cents BIGINT CHECK (rijk_contribution_cents IS NULL OR rijk_contribution_cents > 0),
          source TEXT NOT NULL CHECK (length(source) > 0),
          closed_on TEXT CHECK \(isDate("closed_on")),
          is_fictional BOOLEAN NOT NULL DEFAULT FALSE
        )
        """,
        """
        CREATE TABLE partner (
          arrangement_id TEXT NOT NULL REFERENCES portfolio_deal(arrangement_id) ON DELETE CASCADE,
          id TEXT NOT NULL CHECK (length(id) > 0),
          position INTEGER NOT NULL,
          organisation TEXT NOT NULL CHECK (length(organisation) > 0),
          type TEXT NOT NULL CHECK (type IN (\(codes(OrganisationType.self)))),
          joined_on TEXT CHECK \(isDate("joined_on")),
          left_on TEXT CHECK \(isDate("left_on")),
          source TEXT,
          PRIMARY KEY (arrangement_id, id),
          CHECK (joined_on IS NULL OR left_on IS NULL OR left_on > joined_on)
        )
        """,
        """
        CREATE TABLE partner_role (
          arrangement_id TEXT NOT NULL,
          partner_id TEXT NOT NULL,
          position INTEGER NOT NULL,
          role TEXT NOT NULL CHECK (role IN (\(codes(PartnerRole.self)))),
          PRIMARY KEY (arrangement_id, partner_id, role),
          FOREIGN KEY (arrangement_id, partner_id) REFERENCES partner(arrangement_id, id) ON DELETE CASCADE
        )
        """,
        """
        CREATE TABLE programme_line (
          arrangement_id TEXT NOT NULL REFERENCES portfolio_deal(arrangement_id) ON DELETE CASCADE,
          id TEXT NOT NULL CHECK (length(id) > 0),
          position INTEGER NOT NULL,
          name TEXT NOT NULL CHECK (length(name) > 0),
          description TEXT,
          PRIMARY KEY (arrangement_id, id)
        )
        """,
        """
        CREATE TABLE finance_line (
          arrangement_id TEXT NOT NULL REFERENCES portfolio_deal(arrangement_id) ON DELETE CASCADE,
          id TEXT NOT NULL CHECK (length(id) > 0),
          position INTEGER NOT NULL,
          partner_id TEXT NOT NULL,
          programme_line_id TEXT,
          year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
          kind TEXT NOT NULL CHECK (kind IN (\(codes(FinanceKind.self)))),
          sector TEXT NOT NULL CHECK (sector IN (\(codes(FinanceSector.self)))),
          form TEXT NOT NULL CHECK (form IN (\(codes(FinanceForm.self)))),
          amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
          paid_on TEXT CHECK \(isDate("paid_on")),
          description TEXT,
          source TEXT,
          PRIMARY KEY (arrangement_id, id),
          FOREIGN KEY (arrangement_id, partner_id) REFERENCES partner(arrangement_id, id) DEFERRABLE INITIALLY DEFERRED,
          FOREIGN KEY (arrangement_id, programme_line_id) REFERENCES programme_line(arrangement_id, id) DEFERRABLE INITIALLY DEFERRED
        )
        """,
        "CREATE INDEX finance_line_partner ON finance_line(arrangement_id, partner_id)",
        "CREATE INDEX finance_line_programme_line ON finance_line(arrangement_id, programme_line_id)",
        """
        CREATE TABLE project (
          arrangement_id TEXT NOT NULL REFERENCES portfolio_deal(arrangement_id) ON DELETE CASCADE,
          id TEXT NOT NULL CHECK (length(id) > 0),
          position INTEGER NOT NULL,
          name TEXT NOT NULL CHECK (length(name) > 0),
          description TEXT,
          programme_line_id TEXT NOT NULL,
          lead_partner_id TEXT,
          budget_cents BIGINT CHECK (budget_cents IS NULL OR budget_cents >= 0),
          starts_on TEXT CHECK \(isDate("starts_on")),
          ends_on TEXT CHECK \(isDate("ends_on")),
          status TEXT NOT NULL CHECK (status IN (\(codes(ProjectStatus.self)))),
          source TEXT,
          PRIMARY KEY (arrangement_id, id),
          CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on),
          FOREIGN KEY (arrangement_id, programme_line_id) REFERENCES programme_line(arrangement_id, id) DEFERRABLE INITIALLY DEFERRED,
          FOREIGN KEY (arrangement_id, lead_partner_id) REFERENCES partner(arrangement_id, id) DEFERRABLE INITIALLY DEFERRED
        )
        """,
        "CREATE INDEX project_programme_line ON project(arrangement_id, programme_line_id)",
        "CREATE INDEX project_lead_partner ON project(arrangement_id, lead_partner_id)",
        """
        CREATE TABLE project_partner (
          arrangement_id TEXT NOT NULL,
          project_id TEXT NOT NULL,
          partner_id TEXT NOT NULL,
          position INTEGER NOT NULL,
          PRIMARY KEY (arrangement_id, project_id, partner_id),
          FOREIGN KEY (arrangement_id, project_id) REFERENCES project(arrangement_id, id) ON DELETE CASCADE,
          FOREIGN KEY (arrangement_id, partner_id) REFERENCES partner(arrangement_id, id) DEFERRABLE INITIALLY DEFERRED
        )
        """,
        "CREATE INDEX project_partner_partner ON project_partner(arrangement_id, partner_id)",
        """
        CREATE TABLE project_theme (
          arrangement_id TEXT NOT NULL,
          project_id TEXT NOT NULL,
          position INTEGER NOT NULL,
          theme TEXT NOT NULL CHECK (theme IN (\(codes(WellbeingTheme.self)))),
          PRIMARY KEY (arrangement_id, project_id, theme),
          FOREIGN KEY (arrangement_id, project_id) REFERENCES project(arrangement_id, id) ON DELETE CASCADE
        )
        """,
        // Which shipped data sets have been seeded: each only once, so that a deal the user
        // changed or deleted is never overwritten or brought back.
        """
        CREATE TABLE seeded_data (
          name TEXT PRIMARY KEY CHECK (length(name) > 0),
          seeded_at TIMESTAMPTZ NOT NULL
        )
        """,
    ]

    /// Applies the migrations that are missing, in one transaction that holds the write lock,
    /// so that two instances starting together on one server do not both migrate.
    static func migrate(_ database: PostgresDatabase) async throws {
        try await database.write { connection in
            try await connection.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                  version INTEGER PRIMARY KEY CHECK (version >= 1),
                  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
                  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """)
            let applied = Set(
                try await connection.rows("SELECT name FROM schema_migrations").map { try $0.value("name") as String })
            for (index, migration) in all.enumerated() where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.execute(PostgresQuery(unsafeSQL: statement))
                }
                try await connection.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(index + 1), \(migration.name))")
            }
        }
    }

    /// The codes of a vocabulary of the core as an SQL list (constants of the program, quoted).
    private static func codes<V: Vocabulary>(_ type: V.Type) -> String {
        V.allCases.map { "'\($0.rawValue.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ", ")
    }

    /// A `JJJJ-MM-DD` check, as the GLOB pattern of the SQLite schema.
    private static func isDate(_ column: String, nullable: Bool = true) -> String {
        let pattern = "\(column) ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'"
        return nullable ? "(\(column) IS NULL OR \(pattern))" : "(\(pattern))"
    }
}
