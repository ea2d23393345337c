import Foundation
import PostgresNIO
import VliegwielCore

/// The portfolio in a PostgreSQL database: the same contract and tables as
/// ``SQLitePortfolioStore``.
public final class PostgresPortfolioStore: PortfolioStore {
    private let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func hasSeeded(_ name: String) async throws -> Bool {
        try await database.read { connection in
            try await connection.exists("SELECT EXISTS (SELECT 1 FROM seeded_data WHERE name = \(name))")
        }
    }

    public func portfolio() async throws -> [PortfolioDeal] {
        try await database.read { connection in
            try await connection.rows("SELECT * FROM portfolio_deal").map(Self.deal)
        }
        .sorted { ($0.tranche, $0.name, $0.id) < ($1.tranche, $1.name, $1.id) }
    }

    public func record(id: String) async throws -> DealRecord? {
        try await database.read { connection in try await Self.record(id: id, in: connection) }
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

    /// Applies `changes` in one write transaction, first checking the stored record's revision
    /// against `expected` when given.
    private func apply(_ changes: [DealChange], to id: String, checking expected: RecordRevision?) async throws
        -> DealRecord
    {
        try await database.write { connection in
            guard let current = try await Self.record(id: id, in: connection) else {
                throw ValidationFailure(issues: [
                    ValidationIssue(arrangementID: id, field: "id", message: "geen deal van de portefeuille")
                ])
            }
            if let expected, case let found = try RecordRevision(of: current), found != expected {
                throw RevisionConflict(record: "deal '\(id)'", expected: .revision(expected), found: found)
            }
            let record = try current.applying(changes, to: id)
            _ = try await Self.insertDeal(record.deal, orIgnore: false, in: connection)
            try await Self.replaceDetails(of: record, in: connection)
            try await PostgresAuditTrail.record(
                action: "portefeuille.wijzigen", object: "deal:\(id)",
                details: ["wijzigingen": changes.map(\.auditDescription).joined(separator: "; ")], in: connection)
            return record
        }
    }

    @discardableResult
    public func seedIfAbsent(_ seed: PortfolioSeed, name: String) async throws -> Bool {
        let documents = try Dictionary(
            seed.arrangements.map { ($0.id, try PostgresArrangementStore.encode($0)) },
            uniquingKeysWith: { first, _ in first })
        return try await database.write { connection in
            guard try await !connection.exists("SELECT EXISTS (SELECT 1 FROM seeded_data WHERE name = \(name))")
            else { return false }
            let now = PostgresTimestamp(Date())
            for arrangement in seed.arrangements {
                let inserted = try await connection.rows(
                    """
                    INSERT INTO arrangement (id, name, family, kind, variant_id, document, version, updated_at)
                    VALUES (\(arrangement.id), \(arrangement.name), \(arrangement.family.rawValue),
                            \(arrangement.kind.rawValue), \(arrangement.variantID), \(documents[arrangement.id]), 1, \(now))
                    ON CONFLICT (id) DO NOTHING
                    RETURNING id
                    """)
                // Shipped history only for an arrangement this seed created, never over the user's.
                guard !inserted.isEmpty else { continue }
                for version in seed.profileVersions where version.arrangement.id == arrangement.id {
                    let document = try PostgresArrangementStore.encode(version.arrangement)
                    try await connection.execute(
                        """
                        INSERT INTO arrangement_version (arrangement_id, version, recorded_at, author, reason, document)
                        VALUES (\(arrangement.id), \(version.number), \(PostgresTimestamp(version.date)),
                                \(version.author), \(version.reason), \(document))
                        """)
                }
            }
            for record in seed.records {
                if try await Self.insertDeal(record.deal, orIgnore: true, in: connection) {
                    try await Self.replaceDetails(of: record, in: connection)
                }
            }
            try await connection.execute("INSERT INTO seeded_data (name, seeded_at) VALUES (\(name), \(now))")
            try await PostgresAuditTrail.record(
                action: "portefeuille.laden", object: "gegevensset:\(name)",
                details: ["arrangementen": "\(seed.arrangements.count)", "deals": "\(seed.records.count)"],
                in: connection)
            return true
        }
    }

    // MARK: - Rows

    private static func record(id: String, in connection: PostgresConnection) async throws -> DealRecord? {
        guard let row = try await connection.rows("SELECT * FROM portfolio_deal WHERE arrangement_id = \(id)").first
        else { return nil }
        let roles = Dictionary(
            grouping: try await connection.rows(
                "SELECT partner_id, role FROM partner_role WHERE arrangement_id = \(id) ORDER BY position"
            ).map { (try $0.decode(String.self, "partner_id"), try code(PartnerRole.self, $0, "role")) },
            by: \.0)
        let partners = try await connection.rows(
            "SELECT * FROM partner WHERE arrangement_id = \(id) ORDER BY position"
        ).map { row in
            let id = try row.decode(String.self, "id")
            return Partner(
                id: id, organisation: try row.decode(String.self, "organisation"),
                type: try code(OrganisationType.self, row, "type"), roles: (roles[id] ?? []).map(\.1),
                joinedOn: try date(row, "joined_on"), leftOn: try date(row, "left_on"),
                source: try row.decode(String?.self, "source"))
        }
        let financeLines = try await connection.rows(
            "SELECT * FROM finance_line WHERE arrangement_id = \(id) ORDER BY position"
        ).map { row in
            FinanceLine(
                id: try row.decode(String.self, "id"), partnerID: try row.decode(String.self, "partner_id"),
                programmeLineID: try row.decode(String?.self, "programme_line_id"),
                year: try row.decode(Int.self, "year"), kind: try code(FinanceKind.self, row, "kind"),
                sector: try code(FinanceSector.self, row, "sector"), form: try code(FinanceForm.self, row, "form"),
                amount: EuroCents(cents: try row.decode(Int64.self, "amount_cents")), date: try date(row, "paid_on"),
                description: try row.decode(String?.self, "description"),
                source: try row.decode(String?.self, "source"))
        }
        let programmeLines = try await connection.rows(
            "SELECT * FROM programme_line WHERE arrangement_id = \(id) ORDER BY position"
        ).map { row in
            ProgrammeLine(
                id: try row.decode(String.self, "id"), name: try row.decode(String.self, "name"),
                description: try row.decode(String?.self, "description"))
        }
        let projectPartners = Dictionary(
            grouping: try await connection.rows(
                "SELECT project_id, partner_id FROM project_partner WHERE arrangement_id = \(id) ORDER BY position"
            ).map { (try $0.decode(String.self, "project_id"), try $0.decode(String.self, "partner_id")) },
            by: \.0)
        let themes = Dictionary(
            grouping: try await connection.rows(
                "SELECT project_id, theme FROM project_theme WHERE arrangement_id = \(id) ORDER BY position"
            ).map { (try $0.decode(String.self, "project_id"), try code(WellbeingTheme.self, $0, "theme")) },
            by: \.0)
        let projects = try await connection.rows(
            "SELECT * FROM project WHERE arrangement_id = \(id) ORDER BY position"
        ).map { row in
            let id = try row.decode(String.self, "id")
            return Project(
                id: id, name: try row.decode(String.self, "name"),
                description: try row.decode(String?.self, "description"),
                programmeLineID: try row.decode(String.self, "programme_line_id"),
                leadPartnerID: try row.decode(String?.self, "lead_partner_id"),
                partnerIDs: (projectPartners[id] ?? []).map(\.1),
                budget: try row.decode(Int64?.self, "budget_cents").map(EuroCents.init(cents:)),
                startsOn: try date(row, "starts_on"), endsOn: try date(row, "ends_on"),
                status: try code(ProjectStatus.self, row, "status"), themes: (themes[id] ?? []).map(\.1),
                source: try row.decode(String?.self, "source"))
        }
        return DealRecord(
            deal: try deal(row), partners: partners, financeLines: financeLines, programmeLines: programmeLines,
            projects: projects)
    }

    private static func deal(_ row: PostgresRandomAccessRow) throws -> PortfolioDeal {
        PortfolioDeal(
            id: try row.decode(String.self, "arrangement_id"), name: try row.decode(String.self, "name"),
            tranche: try row.decode(Int.self, "tranche"),
            rijkContribution: try row.decode(Int64?.self, "rijk_contribution_cents").map(EuroCents.init(cents:)),
            source: try row.decode(String.self, "source"), closedOn: try date(row, "closed_on"),
            isFictional: try row.decode(Bool.self, "is_fictional"))
    }

    private static func date(_ row: PostgresRandomAccessRow, _ column: String) throws -> CalendarDate? {
        guard let text = try row.decode(String?.self, column) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            throw PostgresStoreError("\(column): '\(text)' is geen datum JJJJ-MM-DD")
        }
        return date
    }

    private static func code<V: Vocabulary>(_ type: V.Type, _ row: PostgresRandomAccessRow, _ column: String) throws
        -> V
    {
        try StoredCodeError.decode(type, try row.decode(String.self, column), column: column)
    }

    /// Inserts the deal, or updates it (`orIgnore` false) or leaves it (`orIgnore` true) when
    /// it exists. Returns whether a row was written.
    private static func insertDeal(_ deal: PortfolioDeal, orIgnore: Bool, in connection: PostgresConnection)
        async throws -> Bool
    {
        let cents = deal.rijkContribution?.cents
        let closedOn = deal.closedOn?.iso
        if orIgnore {
            return try await !connection.rows(
                """
                INSERT INTO portfolio_deal
                  (arrangement_id, name, tranche, rijk_contribution_cents, source, closed_on, is_fictional)
                VALUES (\(deal.id), \(deal.name), \(deal.tranche), \(cents), \(deal.source), \(closedOn),
                        \(deal.isFictional))
                ON CONFLICT (arrangement_id) DO NOTHING
                RETURNING arrangement_id
                """
            ).isEmpty
        }
        try await connection.execute(
            """
            INSERT INTO portfolio_deal
              (arrangement_id, name, tranche, rijk_contribution_cents, source, closed_on, is_fictional)
            VALUES (\(deal.id), \(deal.name), \(deal.tranche), \(cents), \(deal.source), \(closedOn),
                    \(deal.isFictional))
            ON CONFLICT (arrangement_id) DO UPDATE SET name = excluded.name, tranche = excluded.tranche,
              rijk_contribution_cents = excluded.rijk_contribution_cents, source = excluded.source,
              closed_on = excluded.closed_on, is_fictional = excluded.is_fictional
            """)
        return true
    }

    /// Writes the record's partners, money, lines and projects in place of the stored ones
    /// (within the caller's transaction).
    private static func replaceDetails(of record: DealRecord, in connection: PostgresConnection) async throws {
        let id = record.deal.id
        try await connection.execute("DELETE FROM project WHERE arrangement_id = \(id)")
        try await connection.execute("DELETE FROM finance_line WHERE arrangement_id = \(id)")
        try await connection.execute("DELETE FROM partner WHERE arrangement_id = \(id)")
        try await connection.execute("DELETE FROM programme_line WHERE arrangement_id = \(id)")
        for (position, partner) in record.partners.enumerated() {
            let joinedOn = partner.joinedOn?.iso
            let leftOn = partner.leftOn?.iso
            try await connection.execute(
                """
                INSERT INTO partner (arrangement_id, id, position, organisation, type, joined_on, left_on, source)
                VALUES (\(id), \(partner.id), \(position), \(partner.organisation), \(partner.type.rawValue),
                        \(joinedOn), \(leftOn), \(partner.source))
                """)
            for (index, role) in partner.roles.enumerated() {
                try await connection.execute(
                    """
                    INSERT INTO partner_role (arrangement_id, partner_id, position, role)
                    VALUES (\(id), \(partner.id), \(index), \(role.rawValue))
                    """)
            }
        }
        for (position, line) in record.programmeLines.enumerated() {
            try await connection.execute(
                """
                INSERT INTO programme_line (arrangement_id, id, position, name, description)
                VALUES (\(id), \(line.id), \(position), \(line.name), \(line.description))
                """)
        }
        for (position, line) in record.financeLines.enumerated() {
            let paidOn = line.date?.iso
            try await connection.execute(
                """
                INSERT INTO finance_line (arrangement_id, id, position, partner_id, programme_line_id, year, kind,
                  sector, form, amount_cents, paid_on, description, source)
                VALUES (\(id), \(line.id), \(position), \(line.partnerID), \(line.programmeLineID), \(line.year),
                        \(line.kind.rawValue), \(line.sector.rawValue), \(line.form.rawValue), \(line.amount.cents),
                        \(paidOn), \(line.description), \(line.source))
                """)
        }
        for (position, project) in record.projects.enumerated() {
            let budget = project.budget?.cents
            let startsOn = project.startsOn?.iso
            let endsOn = project.endsOn?.iso
            try await connection.execute(
                """
                INSERT INTO project (arrangement_id, id, position, name, description, programme_line_id,
                  lead_partner_id, budget_cents, starts_on, ends_on, status, source)
                VALUES (\(id), \(project.id), \(position), \(project.name), \(project.description),
                        \(project.programmeLineID), \(project.leadPartnerID), \(budget), \(startsOn), \(endsOn),
                        \(project.status.rawValue), \(project.source))
                """)
            for (index, partner) in project.partnerIDs.enumerated() {
                try await connection.execute(
                    """
                    INSERT INTO project_partner (arrangement_id, project_id, partner_id, position)
                    VALUES (\(id), \(project.id), \(partner), \(index))
                    """)
            }
            for (index, theme) in project.themes.enumerated() {
                try await connection.execute(
                    """
                    INSERT INTO project_theme (arrangement_id, project_id, position, theme)
                    VALUES (\(id), \(project.id), \(index), \(theme.rawValue))
                    """)
            }
        }
    }
}
