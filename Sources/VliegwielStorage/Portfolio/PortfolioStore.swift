import Foundation
import VliegwielCore

/// Where the portfolio is kept: the deals with their partners, money, programme lines and
/// projects. One contract, several databases: every implementation passes the same
/// contract tests (Tests/VliegwielStorageTests/PortfolioStoreContract.swift).
public protocol PortfolioStore: Sendable {
    /// Every deal of the portfolio, in tranche order, then by name.
    func portfolio() async throws -> [PortfolioDeal]
    /// Everything about one deal, or `nil` when the id is not a deal of the portfolio.
    func record(id: String) async throws -> DealRecord?
    /// The deal `id` alone, without its partners, money and lines; `nil` when there is none.
    func deal(id: String) async throws -> PortfolioDeal?
    /// Every deal with what a report across the portfolio needs, in one snapshot.
    func overview() async throws -> PortfolioOverview
    /// Every deal with its partners' names, programme lines and project themes, in one
    /// snapshot: what the site's search and the portfolio's filters read.
    func directory() async throws -> PortfolioDirectory
    /// Applies `changes` to the deal `id` in one transaction, with `expected`, only when the
    /// stored record still has that revision (the one the writer read), checked inside the
    /// write transaction. The changed record is checked whole first; when a problem remains
    /// nothing is stored.
    ///
    /// - Returns: the stored record.
    /// - Throws: ``ValidationFailure`` naming every problem (unknown deal, unknown item to
    ///   delete, a reference to an unknown partner or programme line, bad dates or amounts);
    ///   ``RevisionConflict`` when the record changed in between. Nothing is stored then.
    @discardableResult
    func apply(_ changes: [DealChange], to id: String, checking expected: RecordRevision?) async throws -> DealRecord
    /// Loads a shipped data set once: the arrangements and records that are absent are added;
    /// nothing present is changed. Returns `false` when `name` was loaded before.
    @discardableResult
    func seedIfAbsent(_ seed: PortfolioSeed, name: String) async throws -> Bool
    /// Whether the data set `name` was loaded before.
    func hasSeeded(_ name: String) async throws -> Bool
}

extension PortfolioStore {
    /// Loads a shipped data set once, building it only when it was not loaded before: reading
    /// the shipped files is the costly part, and every start and command comes here.
    @discardableResult
    public func seedIfAbsent(name: String, _ seed: () throws -> PortfolioSeed) async throws -> Bool {
        guard try await !hasSeeded(name) else { return false }
        return try await seedIfAbsent(try seed(), name: name)
    }
}

extension PortfolioStore {
    /// Applies `changes` to the deal `id` in one transaction (see ``apply(_:to:checking:)``).
    @discardableResult
    public func apply(_ changes: [DealChange], to id: String) async throws -> DealRecord {
        try await apply(changes, to: id, checking: nil)
    }

    /// As ``apply(_:to:)``, only when the stored record still has revision `expected`.
    @discardableResult
    public func apply(_ changes: [DealChange], to id: String, expecting expected: RecordRevision) async throws
        -> DealRecord
    {
        try await apply(changes, to: id, checking: expected)
    }
}

extension DealChange {
    /// One Dutch line for the audit trail: what kind of change, to which ids.
    public var auditDescription: String {
        switch self {
        case .updateDeal: "deal bijwerken"
        case .upsertPartners(let items): "partners bijwerken: " + items.map(\.id).joined(separator: ", ")
        case .deletePartner(let id): "partner verwijderen: \(id)"
        case .upsertFinanceLines(let items): "financiering bijwerken: " + items.map(\.id).joined(separator: ", ")
        case .deleteFinanceLine(let id): "financiering verwijderen: \(id)"
        case .upsertProgrammeLines(let items): "programmalijnen bijwerken: " + items.map(\.id).joined(separator: ", ")
        case .deleteProgrammeLine(let id): "programmalijn verwijderen: \(id)"
        case .upsertProjects(let items): "projecten bijwerken: " + items.map(\.id).joined(separator: ", ")
        case .deleteProject(let id): "project verwijderen: \(id)"
        }
    }
}

/// The portfolio stores' row mapping and decisions, the same on every database: each store
/// reads and writes with its own SQL and maps with these.
enum PortfolioRules {
    /// The tables of a deal's details, read by `arrangement_id` in `position` order.
    static let detailTables = [
        "partner", "partner_role", "finance_line", "programme_line", "project", "project_partner", "project_theme",
    ]
    /// The detail tables a record's write empties first (the others follow by cascade).
    static let replacedTables = ["project", "finance_line", "partner", "programme_line"]

    static func sorted(_ deals: [PortfolioDeal]) -> [PortfolioDeal] {
        deals.sorted { ($0.tranche, $0.name, $0.id) < ($1.tranche, $1.name, $1.id) }
    }

    static func deal(_ row: some StoredRow) throws -> PortfolioDeal {
        PortfolioDeal(
            id: try row.value("arrangement_id"), name: try row.value("name"), tranche: try row.value("tranche"),
            rijkContribution: (try row.value("rijk_contribution_cents") as Int64?).map(EuroCents.init(cents:)),
            source: try row.value("source"), closedOn: try row.day("closed_on", of: "portfolio_deal"),
            isFictional: try row.value("is_fictional"))
    }

    /// The record of `deal` from the rows of its ``detailTables``, by table.
    static func record(deal: any StoredRow, details: [String: [any StoredRow]]) throws -> DealRecord {
        func rows(_ table: String) -> [any StoredRow] { details[table] ?? [] }
        func grouped<V>(_ table: String, by key: String, _ value: (any StoredRow) throws -> V) throws -> [String: [V]] {
            try Dictionary(grouping: rows(table).map { (try $0.value(key) as String, try value($0)) }, by: \.0)
                .mapValues { $0.map(\.1) }
        }
        let roles = try grouped("partner_role", by: "partner_id") {
            try $0.code(PartnerRole.self, "role", of: "partner_role")
        }
        let projectPartners = try grouped("project_partner", by: "project_id") { try $0.value("partner_id") as String }
        let themes = try grouped("project_theme", by: "project_id") {
            try $0.code(WellbeingTheme.self, "theme", of: "project_theme")
        }
        return DealRecord(
            deal: try self.deal(deal),
            partners: try rows("partner").map { row in
                let id: String = try row.value("id")
                return Partner(
                    id: id, organisation: try row.value("organisation"),
                    type: try row.code(OrganisationType.self, "type", of: "partner"), roles: roles[id] ?? [],
                    joinedOn: try row.day("joined_on", of: "partner"), leftOn: try row.day("left_on", of: "partner"),
                    source: try row.value("source"))
            },
            financeLines: try rows("finance_line").map { row in
                FinanceLine(
                    id: try row.value("id"), partnerID: try row.value("partner_id"),
                    programmeLineID: try row.value("programme_line_id"), year: try row.value("year"),
                    kind: try row.code(FinanceKind.self, "kind", of: "finance_line"),
                    sector: try row.code(FinanceSector.self, "sector", of: "finance_line"),
                    form: try row.code(FinanceForm.self, "form", of: "finance_line"),
                    amount: EuroCents(cents: try row.value("amount_cents")),
                    date: try row.day("paid_on", of: "finance_line"), description: try row.value("description"),
                    source: try row.value("source"))
            },
            programmeLines: try rows("programme_line").map { row in
                ProgrammeLine(
                    id: try row.value("id"), name: try row.value("name"), description: try row.value("description"))
            },
            projects: try rows("project").map { row in
                let id: String = try row.value("id")
                return Project(
                    id: id, name: try row.value("name"), description: try row.value("description"),
                    programmeLineID: try row.value("programme_line_id"),
                    leadPartnerID: try row.value("lead_partner_id"),
                    partnerIDs: projectPartners[id] ?? [],
                    budget: (try row.value("budget_cents") as Int64?).map(EuroCents.init(cents:)),
                    startsOn: try row.day("starts_on", of: "project"), endsOn: try row.day("ends_on", of: "project"),
                    status: try row.code(ProjectStatus.self, "status", of: "project"), themes: themes[id] ?? [],
                    source: try row.value("source"))
            })
    }

    /// The rows of a record's partners, money, lines and projects, in the order they are inserted.
    static func detailRows(of record: DealRecord) -> [StoredInsert] {
        let id = record.deal.id
        var rows: [StoredInsert] = []
        for (position, partner) in record.partners.enumerated() {
            rows.append(
                StoredInsert(
                    "partner",
                    [
                        "arrangement_id": id, "id": partner.id, "position": position,
                        "organisation": partner.organisation, "type": partner.type.rawValue,
                        "joined_on": partner.joinedOn?.iso, "left_on": partner.leftOn?.iso, "source": partner.source,
                    ]))
            for (index, role) in partner.roles.enumerated() {
                rows.append(
                    StoredInsert(
                        "partner_role",
                        ["arrangement_id": id, "partner_id": partner.id, "position": index, "role": role.rawValue]))
            }
        }
        for (position, line) in record.programmeLines.enumerated() {
            rows.append(
                StoredInsert(
                    "programme_line",
                    [
                        "arrangement_id": id, "id": line.id, "position": position, "name": line.name,
                        "description": line.description,
                    ]))
        }
        for (position, line) in record.financeLines.enumerated() {
            rows.append(
                StoredInsert(
                    "finance_line",
                    [
                        "arrangement_id": id, "id": line.id, "position": position, "partner_id": line.partnerID,
                        "programme_line_id": line.programmeLineID, "year": line.year, "kind": line.kind.rawValue,
                        "sector": line.sector.rawValue, "form": line.form.rawValue, "amount_cents": line.amount.cents,
                        "paid_on": line.date?.iso, "description": line.description, "source": line.source,
                    ]))
        }
        for (position, project) in record.projects.enumerated() {
            rows.append(
                StoredInsert(
                    "project",
                    [
                        "arrangement_id": id, "id": project.id, "position": position, "name": project.name,
                        "description": project.description, "programme_line_id": project.programmeLineID,
                        "lead_partner_id": project.leadPartnerID, "budget_cents": project.budget?.cents,
                        "starts_on": project.startsOn?.iso, "ends_on": project.endsOn?.iso,
                        "status": project.status.rawValue, "source": project.source,
                    ]))
            for (index, partner) in project.partnerIDs.enumerated() {
                rows.append(
                    StoredInsert(
                        "project_partner",
                        ["arrangement_id": id, "project_id": project.id, "partner_id": partner, "position": index]))
            }
            for (index, theme) in project.themes.enumerated() {
                rows.append(
                    StoredInsert(
                        "project_theme",
                        ["arrangement_id": id, "project_id": project.id, "position": index, "theme": theme.rawValue]))
            }
        }
        return rows
    }

    /// The record `changes` make of `current` (checked whole) and its audit event; refused
    /// when `id` is not a deal or, with `expected`, when the stored record changed since it was read.
    static func applying(
        _ changes: [DealChange], to id: String, current: DealRecord?, expected: RecordRevision?
    ) throws -> (record: DealRecord, event: AuditEvent) {
        guard let current else {
            throw ValidationFailure(issues: [
                ValidationIssue(arrangementID: id, field: "id", message: "geen deal van de portefeuille")
            ])
        }
        if let expected {
            try ExpectedRevision.revision(expected).require(try RecordRevision(of: current), of: "deal '\(id)'")
        }
        var details = ["wijzigingen": changes.map(\.auditDescription).joined(separator: "; ")]
        // What a deletion removed, whole, so that it can be put back (issue 16 item 2).
        details[DeletedDealItem.auditDetail] = DeletedDealItem.auditText(changes, from: current)
        return (
            try current.applying(changes, to: id),
            AuditEvent(action: "portefeuille.wijzigen", object: "deal:\(id)", details: details)
        )
    }

    /// The row of `deal`: a new one, or one that replaces (`orIgnore` false) or leaves
    /// (`orIgnore` true) the stored deal.
    static func dealRow(_ deal: PortfolioDeal, orIgnore: Bool) -> StoredInsert {
        StoredInsert(
            "portfolio_deal",
            [
                "arrangement_id": deal.id, "name": deal.name, "tranche": deal.tranche,
                "rijk_contribution_cents": deal.rijkContribution?.cents, "source": deal.source,
                "closed_on": deal.closedOn?.iso, "is_fictional": deal.isFictional,
            ],
            onConflict: "ON CONFLICT (arrangement_id) DO "
                + (orIgnore
                    ? "NOTHING"
                    : """
                    UPDATE SET name = excluded.name, tranche = excluded.tranche,
                      rijk_contribution_cents = excluded.rijk_contribution_cents, source = excluded.source,
                      closed_on = excluded.closed_on, is_fictional = excluded.is_fictional
                    """))
    }

    /// The rows a seed writes for `arrangement` when it is absent: the arrangement (never over
    /// the user's), then its shipped versions, written only when the arrangement was.
    static func seedRows(of arrangement: Arrangement, in seed: PortfolioSeed, at now: Date) throws
        -> (arrangement: StoredInsert, versions: [StoredInsert])
    {
        (
            StoredInsert(
                "arrangement",
                [
                    "id": arrangement.id, "name": arrangement.name, "family": arrangement.family.rawValue,
                    "kind": arrangement.kind.rawValue, "variant_id": arrangement.variantID,
                    "document": try ArrangementRules.encode(arrangement), "version": 1, "updated_at": now,
                ], onConflict: "ON CONFLICT (id) DO NOTHING"),
            try seed.profileVersions.filter { $0.arrangement.id == arrangement.id }.map { version in
                StoredInsert(
                    "arrangement_version",
                    [
                        "arrangement_id": arrangement.id, "version": version.number, "recorded_at": version.date,
                        "author": version.author, "reason": version.reason,
                        "document": try ArrangementRules.encode(version.arrangement),
                    ])
            }
        )
    }

    /// The audit event of loading data set `name`.
    static func seeding(_ seed: PortfolioSeed, name: String) -> AuditEvent {
        AuditEvent(
            action: "portefeuille.laden", object: "gegevensset:\(name)",
            details: ["arrangementen": "\(seed.arrangements.count)", "deals": "\(seed.records.count)"])
    }
}
