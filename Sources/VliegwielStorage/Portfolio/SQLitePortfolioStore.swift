import Foundation
import GRDB
import VliegwielCore

/// The portfolio in the embedded SQLite database, beside the arrangements.
public final class SQLitePortfolioStore: PortfolioStore {
    private let writer: any DatabaseWriter

    public init(database: AppDatabase) {
        writer = database.writer
    }

    public func portfolio() async throws -> [PortfolioDeal] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM portfolio_deal").map(Self.deal)
        }
        .sorted { ($0.tranche, $0.name, $0.id) < ($1.tranche, $1.name, $1.id) }
    }

    public func record(id: String) async throws -> DealRecord? {
        try await writer.read { db in try Self.record(id: id, in: db) }
    }

    @discardableResult
    public func apply(_ changes: [DealChange], to id: String) async throws -> DealRecord {
        try await apply(changes, to: id, checking: nil)
    }

    @discardableResult
    public func apply(_ changes: [DealChange], to id: String, expecting expected: RecordRevision) async throws
        -> DealRecord
    {
        try await apply(changes, to: id, checking: expected)
    }

    private func apply(_ changes: [DealChange], to id: String, checking expected: RecordRevision?) async throws
        -> DealRecord
    {
        try await writer.write { db in
            guard let current = try Self.record(id: id, in: db) else {
                throw ValidationFailure(issues: [
                    ValidationIssue(arrangementID: id, field: "id", message: "geen deal van de portefeuille")
                ])
            }
            if let expected, case let found = try RecordRevision(of: current), found != expected {
                throw RevisionConflict(record: "deal '\(id)'", expected: .revision(expected), found: found)
            }
            let record = try current.applying(changes, to: id)
            try Self.insertDeal(record.deal, orIgnore: false, in: db)
            try Self.replaceDetails(of: record, in: db)
            try AuditTrail.record(
                action: "portefeuille.wijzigen", object: "deal:\(id)",
                details: ["wijzigingen": changes.map(\.auditDescription).joined(separator: "; ")], in: db)
            return record
        }
    }

    @discardableResult
    public func hasSeeded(_ name: String) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM seeded_data WHERE name = ?)", arguments: [name])
                == true
        }
    }

    public func seedIfAbsent(_ seed: PortfolioSeed, name: String) async throws -> Bool {
        let documents = try Dictionary(
            seed.arrangements.map { ($0.id, try Self.encode($0)) }, uniquingKeysWith: { first, _ in first })
        return try await writer.write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM seeded_data WHERE name = ?)", arguments: [name])
                    != true
            else { return false }
            let now = Date()
            for arrangement in seed.arrangements {
                try db.execute(
                    sql: """
                        INSERT INTO arrangement (id, name, family, kind, variant_id, document, version, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, 1, ?)
                        ON CONFLICT(id) DO NOTHING
                        """,
                    arguments: [
                        arrangement.id, arrangement.name, arrangement.family.rawValue, arrangement.kind.rawValue,
                        arrangement.variantID, documents[arrangement.id], now,
                    ])
                // Shipped history only for an arrangement this seed created, never over the user's.
                guard db.changesCount > 0 else { continue }
                for version in seed.profileVersions where version.arrangement.id == arrangement.id {
                    try db.execute(
                        sql: """
                            INSERT INTO arrangement_version (arrangement_id, version, recorded_at, author, reason, document)
                            VALUES (?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            arrangement.id, version.number, version.date, version.author, version.reason,
                            try Self.encode(version.arrangement),
                        ])
                }
            }
            for record in seed.records {
                try Self.insertDeal(record.deal, orIgnore: true, in: db)
                if db.changesCount > 0 { try Self.replaceDetails(of: record, in: db) }
            }
            try db.execute(sql: "INSERT INTO seeded_data (name, seeded_at) VALUES (?, ?)", arguments: [name, now])
            try AuditTrail.record(
                action: "portefeuille.laden", object: "gegevensset:\(name)",
                details: ["arrangementen": "\(seed.arrangements.count)", "deals": "\(seed.records.count)"], in: db)
            return true
        }
    }

    // MARK: - Rows

    private static func record(id: String, in db: Database) throws -> DealRecord? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM portfolio_deal WHERE arrangement_id = ?", arguments: [id])
        else { return nil }
        let arguments: StatementArguments = [id]
        let roles = Dictionary(
            grouping: try Row.fetchAll(
                db, sql: "SELECT partner_id, role FROM partner_role WHERE arrangement_id = ? ORDER BY position",
                arguments: arguments), by: { $0["partner_id"] as String })
        let partners = try Row.fetchAll(
            db, sql: "SELECT * FROM partner WHERE arrangement_id = ? ORDER BY position", arguments: arguments
        ).map { row in
            let id: String = row["id"]
            return Partner(
                id: id, organisation: row["organisation"],
                type: try StoredCodeError.decode(OrganisationType.self, row["type"], column: "partner.type"),
                roles: try (roles[id] ?? []).map {
                    try StoredCodeError.decode(PartnerRole.self, $0["role"], column: "partner_role.role")
                }, joinedOn: date(row["joined_on"]),
                leftOn: date(row["left_on"]), source: row["source"])
        }
        let financeLines = try Row.fetchAll(
            db, sql: "SELECT * FROM finance_line WHERE arrangement_id = ? ORDER BY position", arguments: arguments
        ).map { row in
            FinanceLine(
                id: row["id"], partnerID: row["partner_id"], programmeLineID: row["programme_line_id"],
                year: row["year"],
                kind: try StoredCodeError.decode(FinanceKind.self, row["kind"], column: "finance_line.kind"),
                sector: try StoredCodeError.decode(FinanceSector.self, row["sector"], column: "finance_line.sector"),
                form: try StoredCodeError.decode(FinanceForm.self, row["form"], column: "finance_line.form"),
                amount: EuroCents(cents: row["amount_cents"]), date: date(row["paid_on"]),
                description: row["description"], source: row["source"])
        }
        let programmeLines = try Row.fetchAll(
            db, sql: "SELECT * FROM programme_line WHERE arrangement_id = ? ORDER BY position", arguments: arguments
        ).map { ProgrammeLine(id: $0["id"], name: $0["name"], description: $0["description"]) }
        let projectPartners = Dictionary(
            grouping: try Row.fetchAll(
                db,
                sql: "SELECT project_id, partner_id FROM project_partner WHERE arrangement_id = ? ORDER BY position",
                arguments: arguments), by: { $0["project_id"] as String })
        let themes = Dictionary(
            grouping: try Row.fetchAll(
                db, sql: "SELECT project_id, theme FROM project_theme WHERE arrangement_id = ? ORDER BY position",
                arguments: arguments), by: { $0["project_id"] as String })
        let projects = try Row.fetchAll(
            db, sql: "SELECT * FROM project WHERE arrangement_id = ? ORDER BY position", arguments: arguments
        ).map { row in
            let id: String = row["id"]
            let budget: Int64? = row["budget_cents"]
            return Project(
                id: id, name: row["name"], description: row["description"], programmeLineID: row["programme_line_id"],
                leadPartnerID: row["lead_partner_id"], partnerIDs: (projectPartners[id] ?? []).map { $0["partner_id"] },
                budget: budget.map(EuroCents.init(cents:)), startsOn: date(row["starts_on"]),
                endsOn: date(row["ends_on"]),
                status: try StoredCodeError.decode(ProjectStatus.self, row["status"], column: "project.status"),
                themes: try (themes[id] ?? []).map {
                    try StoredCodeError.decode(WellbeingTheme.self, $0["theme"], column: "project_theme.theme")
                }, source: row["source"])
        }
        return DealRecord(
            deal: deal(row), partners: partners, financeLines: financeLines, programmeLines: programmeLines,
            projects: projects)
    }

    private static func deal(_ row: Row) -> PortfolioDeal {
        let cents: Int64? = row["rijk_contribution_cents"]
        return PortfolioDeal(
            id: row["arrangement_id"], name: row["name"], tranche: row["tranche"],
            rijkContribution: cents.map(EuroCents.init(cents:)), source: row["source"],
            closedOn: date(row["closed_on"]),
            isFictional: row["is_fictional"])
    }

    private static func date(_ text: String?) -> CalendarDate? { text.flatMap(CalendarDate.init(iso:)) }

    private static func insertDeal(_ deal: PortfolioDeal, orIgnore: Bool, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO portfolio_deal
                  (arrangement_id, name, tranche, rijk_contribution_cents, source, closed_on, is_fictional)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(arrangement_id) DO \(orIgnore ? "NOTHING" : """
                UPDATE SET name = excluded.name, tranche = excluded.tranche,
                  rijk_contribution_cents = excluded.rijk_contribution_cents, source = excluded.source,
                  closed_on = excluded.closed_on, is_fictional = excluded.is_fictional
                """)
                """,
            arguments: [
                deal.id, deal.name, deal.tranche, deal.rijkContribution?.cents, deal.source, deal.closedOn?.iso,
                deal.isFictional,
            ])
    }

    /// Writes the record's partners, money, lines and projects in place of the stored ones
    /// (within the caller's transaction).
    private static func replaceDetails(of record: DealRecord, in db: Database) throws {
        let id = record.deal.id
        for table in ["project", "finance_line", "partner", "programme_line"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE arrangement_id = ?", arguments: [id])
        }
        for (position, partner) in record.partners.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO partner (arrangement_id, id, position, organisation, type, joined_on, left_on, source)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, partner.id, position, partner.organisation, partner.type.rawValue, partner.joinedOn?.iso,
                    partner.leftOn?.iso, partner.source,
                ])
            for (index, role) in partner.roles.enumerated() {
                try db.execute(
                    sql: "INSERT INTO partner_role (arrangement_id, partner_id, position, role) VALUES (?, ?, ?, ?)",
                    arguments: [id, partner.id, index, role.rawValue])
            }
        }
        for (position, line) in record.programmeLines.enumerated() {
            try db.execute(
                sql:
                    "INSERT INTO programme_line (arrangement_id, id, position, name, description) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, line.id, position, line.name, line.description])
        }
        for (position, line) in record.financeLines.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO finance_line (arrangement_id, id, position, partner_id, programme_line_id, year, kind,
                      sector, form, amount_cents, paid_on, description, source)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, line.id, position, line.partnerID, line.programmeLineID, line.year, line.kind.rawValue,
                    line.sector.rawValue, line.form.rawValue, line.amount.cents, line.date?.iso, line.description,
                    line.source,
                ])
        }
        for (position, project) in record.projects.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO project (arrangement_id, id, position, name, description, programme_line_id,
                      lead_partner_id, budget_cents, starts_on, ends_on, status, source)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, project.id, position, project.name, project.description, project.programmeLineID,
                    project.leadPartnerID, project.budget?.cents, project.startsOn?.iso, project.endsOn?.iso,
                    project.status.rawValue, project.source,
                ])
            for (index, partner) in project.partnerIDs.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO project_partner (arrangement_id, project_id, partner_id, position)
                        VALUES (?, ?, ?, ?)
                        """,
                    arguments: [id, project.id, partner, index])
            }
            for (index, theme) in project.themes.enumerated() {
                try db.execute(
                    sql: "INSERT INTO project_theme (arrangement_id, project_id, position, theme) VALUES (?, ?, ?, ?)",
                    arguments: [id, project.id, index, theme.rawValue])
            }
        }
    }

    /// The arrangement as `SQLiteArrangementStore` stores it: the interchange JSON, sorted keys.
    private static func encode(_ arrangement: Arrangement) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(arrangement), as: UTF8.self)
    }
}
