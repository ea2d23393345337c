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
        return migrator
    }
}
