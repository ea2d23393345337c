import GRDB
import VliegwielCore

/// The versioned schema of the embedded database, oldest first.
/// Never edit a registered migration: add a new one at the end.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 arrangements") { db in
            try db.create(table: "arrangement") { table in
                table.column("id", .text).primaryKey().check { length($0) > 0 }
                table.column("name", .text).notNull().check { length($0) > 0 }
                table.column("family", .text).notNull()
                    .check { Family.allCases.map(\.rawValue).contains($0) }
                table.column("kind", .text).notNull()
                    .check { ArrangementKind.allCases.map(\.rawValue).contains($0) }
                table.column("variant_id", .text).notNull()
                // The whole arrangement in the interchange form (JSON): nothing is lost.
                table.column("document", .text).notNull()
                table.column("version", .integer).notNull().defaults(to: 1)
                table.column("updated_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2 portfolio") { db in try PortfolioSchema.create(db) }
        migrator.registerMigration("v3 qca outcomes") { db in try QCAOutcomeSchema.create(db) }
        migrator.registerMigration("v4 contribution graphs") { db in try ContributionSchema.create(db) }
        migrator.registerMigration("v5 arrangement versions") { db in try ArrangementVersionSchema.create(db) }
        migrator.registerMigration("v6 indicators") { db in try IndicatorSchema.create(db) }
        migrator.registerMigration("v7 learning log") { db in try LearningLogSchema.create(db) }
        migrator.registerMigration("v8 audit trail") { db in try AuditSchema.create(db) }
        migrator.registerMigration("v9 accounts") { db in try AccountSchema.create(db) }
        migrator.registerMigration("v10 totp single use") { db in
            try db.execute(sql: "ALTER TABLE account ADD COLUMN totp_last_step INTEGER")
        }
        migrator.registerMigration("v11 partner roles of the curated portfolio") { db in
            // SQLite cannot change a CHECK constraint: the small table is rebuilt with the
            // roles steunverklaring, trekker and betrokken allowed (docs/portefeuille.md).
            let roles = PartnerRole.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            try db.execute(
                sql: """
                    CREATE TABLE partner_role_v11 (
                      arrangement_id TEXT NOT NULL,
                      partner_id TEXT NOT NULL,
                      position INTEGER NOT NULL,
                      role TEXT NOT NULL CHECK (role IN (\(roles))),
                      PRIMARY KEY (arrangement_id, partner_id, role),
                      FOREIGN KEY (arrangement_id, partner_id) REFERENCES partner(arrangement_id, id) ON DELETE CASCADE
                    );
                    INSERT INTO partner_role_v11 (arrangement_id, partner_id, position, role)
                      SELECT arrangement_id, partner_id, position, role FROM partner_role;
                    DROP TABLE partner_role;
                    ALTER TABLE partner_role_v11 RENAME TO partner_role;
                    """)
        }
        migrator.registerMigration("v12 health probe") { db in try db.execute(sql: HealthProbeSchema.create) }
        // From here on, tables are described once (StorageSchema) and created from the description.
        for migration in StorageSchema.laterMigrations {
            migrator.registerMigration(migration.name) { db in
                for statement in StorageSchema.statements(of: migration, .sqlite) {
                    try db.execute(sql: statement)
                }
            }
        }
        return migrator
    }
}
