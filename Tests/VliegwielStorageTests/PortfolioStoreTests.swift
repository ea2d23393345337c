import Foundation
import GRDB
import Testing
import VliegwielCore
import VliegwielInterchange

@testable import VliegwielStorage

/// A database holding the shipped catalogue's Regio Deal variant and the seeded portfolio.
struct SeededPortfolio {
    let database: AppDatabase
    let arrangements: SQLiteArrangementStore
    let store: SQLitePortfolioStore

    init(path: String? = nil) async throws {
        database = try path.map { try AppDatabase(path: $0) } ?? AppDatabase()
        arrangements = SQLiteArrangementStore(database: database)
        store = SQLitePortfolioStore(database: database)
        try await arrangements.synchronizeReferences(with: try BundledCatalogue.arrangements())
        try await store.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name)
    }

    func count(_ table: String) async throws -> Int {
        try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")! }
    }
}

@Suite struct PortfolioStoreTests {
    static let demoID = BundledPortfolio.demoID

    @Test func thePortfolioMigrationComesAfterTheFirst() async throws {
        let database = try AppDatabase()
        #expect(
            try await database.appliedMigrations() == [
                "v1 arrangements", "v2 portfolio", "v3 qca outcomes", "v4 contribution graphs",
                "v5 arrangement versions",
            ])
    }

    @Test func aFreshDatabaseHoldsEveryDealOfTheCSVAndTheDemoDeal() async throws {
        let seeded = try await SeededPortfolio()
        let deals = try await seeded.store.portfolio()
        #expect(deals.count == 81)
        #expect(deals.filter(\.isFictional).map(\.id) == [Self.demoID])
        let summary = PortfolioSummary(deals: deals.filter { !$0.isFictional })
        #expect(summary.tranche(3)?.totaalRijkCent == 18_000_000_000)
        #expect(summary.tranche(4)?.totaalRijkCent == 28_420_000_000)
        #expect(summary.tranche(6)?.totaalRijkCent == 24_430_000_000)
        #expect(deals.first { $0.id == "regio-deal-1-bes-eilanden" }?.rijkContribution == nil)
        let zwolle = try #require(try await seeded.arrangements.arrangement(id: "regio-deal-3-zwolle"))
        #expect(zwolle.kind == .practice && zwolle.variantID == "regio-deal")
        #expect(try await seeded.arrangements.allArrangements().count == 14 + 81)
    }

    @Test func theDemoRecordComesBackWhole() async throws {
        let seeded = try await SeededPortfolio()
        let stored = try #require(try await seeded.store.record(id: Self.demoID))
        #expect(stored == (try BundledPortfolio.demoDeal().record))
        #expect(try await seeded.store.record(id: "regio-deal") == nil)
    }

    @Test func seedingTwiceChangesNothingAndNeverOverwritesUserEdits() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("vliegwiel-portfolio-\(UUID().uuidString).sqlite").path
        do {
            let seeded = try await SeededPortfolio(path: path)
            var deal = try #require(try await seeded.store.record(id: "regio-deal-3-zwolle")).deal
            deal.closedOn = CalendarDate(iso: "2020-06-01")
            try await seeded.store.apply([.updateDeal(deal)], to: deal.id)
            try await seeded.store.apply([.deletePartner(id: "rijksdealmaker")], to: Self.demoID)
            #expect(try await seeded.arrangements.delete(id: "regio-deal-1-zeeland"))
        }
        let again = try await SeededPortfolio(path: path)
        #expect(try await again.store.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name) == false)
        #expect(try await again.store.record(id: "regio-deal-3-zwolle")?.deal.closedOn?.iso == "2020-06-01")
        #expect(try await again.store.record(id: Self.demoID)?.partners.count == 8)
        #expect(try await again.store.record(id: "regio-deal-1-zeeland") == nil)
        #expect(try await again.arrangements.arrangement(id: "regio-deal-1-zeeland") == nil)
    }

    @Test func aPartnerThatFinancesOrWorksOnAProjectCannotBeDeleted() async throws {
        let seeded = try await SeededPortfolio()
        do {
            try await seeded.store.apply([.deletePartner(id: "hogeschool-vallei")], to: Self.demoID)
            Issue.record("expected a failure")
        } catch let failure as ValidationFailure {
            #expect(
                failure.issues.map(\.field) == [
                    "financiering[hogeschool-toezegging].partner", "financiering[hogeschool-realisatie-2024].partner",
                    "projecten[talent-blijft].trekker", "projecten[innovatievouchers].partners",
                ])
        }
        #expect(try await seeded.store.record(id: Self.demoID)?.partners.count == 9)
    }

    @Test func aDeletedDealStaysDeletedAndItsRowsGoWithIt() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("vliegwiel-portfolio-\(UUID().uuidString).sqlite").path
        do {
            let seeded = try await SeededPortfolio(path: path)
            #expect(try await seeded.arrangements.delete(id: Self.demoID))
            for table in [
                "portfolio_deal WHERE arrangement_id = 'fictief-regio-deal-voorbeeld'", "partner", "partner_role",
                "finance_line", "programme_line", "project", "project_partner", "project_theme",
            ] {
                #expect(try await seeded.count(table) == 0, "\(table)")
            }
        }
        let reopened = try await SeededPortfolio(path: path)
        #expect(try await reopened.store.record(id: Self.demoID) == nil)
        #expect(try await reopened.store.portfolio().count == 80)
    }

    @Test func aValidChangeIsStoredWhole() async throws {
        let seeded = try await SeededPortfolio()
        let id = "regio-deal-6-foodvalley"
        let partners = [
            Partner(id: "gemeente-ede", organisation: "Gemeente Ede", type: .municipality, roles: [.regionalTreasurer]),
            Partner(
                id: "wur", organisation: "Wageningen University & Research", type: .knowledgeInstitution,
                roles: [.knowledgePartner], joinedOn: CalendarDate(iso: "2025-04-01")),
        ]
        let lines = [ProgrammeLine(id: "eiwittransitie", name: "Eiwittransitie")]
        let project = Project(
            id: "proeftuin", name: "Proeftuin", programmeLineID: "eiwittransitie", leadPartnerID: "wur",
            partnerIDs: ["gemeente-ede"], budget: EuroCents(cents: 1), status: .planned,
            themes: [.health, .naturalCapital])
        let stored = try await seeded.store.apply(
            [.upsertPartners(partners), .upsertProgrammeLines(lines), .upsertProjects([project])], to: id)
        #expect(try await seeded.store.record(id: id) == stored)
        #expect(stored.partners == partners)
        #expect(stored.projects == [project])
        let removed = try await seeded.store.apply([.deleteProject(id: "proeftuin")], to: id)
        #expect(removed.projects.isEmpty)
        #expect(try await seeded.count("project_theme WHERE arrangement_id = 'regio-deal-6-foodvalley'") == 0)
    }

    @Test func anInvalidChangeStoresNothingAndNamesEveryProblem() async throws {
        let seeded = try await SeededPortfolio()
        let before = try await seeded.store.record(id: Self.demoID)
        let badLine = FinanceLine(
            id: "nieuw", partnerID: "onbekend", programmeLineID: "geen-lijn", year: 1980, kind: .commitment,
            sector: .publicMoney, form: .money, amount: EuroCents(cents: 0))
        let goodPartner = Partner(id: "nieuwkomer", organisation: "Nieuwkomer", type: .other, roles: [.implementer])
        await #expect(throws: ValidationFailure.self) {
            try await seeded.store.apply(
                [.upsertPartners([goodPartner]), .upsertFinanceLines([badLine]), .deleteProject(id: "bestaat-niet")],
                to: Self.demoID)
        }
        do {
            try await seeded.store.apply(
                [.upsertPartners([goodPartner]), .upsertFinanceLines([badLine]), .deleteProject(id: "bestaat-niet")],
                to: Self.demoID)
        } catch let failure as ValidationFailure {
            #expect(
                failure.issues.map(\.description) == [
                    "fictief-regio-deal-voorbeeld: projecten[bestaat-niet]: bestaat niet",
                    "fictief-regio-deal-voorbeeld: financiering[nieuw].partner: onbekende partner 'onbekend'; bekende partners: bedrijvenkring-vallei, dorpscooperatie-veen, gemeente-dorpsveen, gemeente-vliegwielstad, hogeschool-vallei, ministerie-bzk, nieuwkomer, provincie-voorbeeldland, rijksdealmaker, waterschap-voorbeeldwaard",
                    "fictief-regio-deal-voorbeeld: financiering[nieuw].programmalijn: onbekende programmalijn 'geen-lijn'; bekende programmalijnen: vitale-economie, werk-en-talent, wonen-en-leefbaarheid",
                    "fictief-regio-deal-voorbeeld: financiering[nieuw].jaar: 1980 ligt niet tussen 1990 en 2100",
                    "fictief-regio-deal-voorbeeld: financiering[nieuw].bedrag: moet groter dan 0 zijn",
                ])
        }
        #expect(try await seeded.store.record(id: Self.demoID) == before)
    }

    @Test func aChangeToAnUnknownDealIsRefused() async throws {
        let seeded = try await SeededPortfolio()
        do {
            try await seeded.store.apply([.deletePartner(id: "x")], to: "regio-deal")
            Issue.record("expected a failure")
        } catch let failure as ValidationFailure {
            #expect(failure.issues.map(\.description) == ["regio-deal: id: geen deal van de portefeuille"])
        }
    }

    @Test func theSchemaRefusesBadRowsEvenPastTheStore() async throws {
        let seeded = try await SeededPortfolio()
        let statements = [
            "UPDATE portfolio_deal SET rijk_contribution_cents = 0 WHERE arrangement_id = 'regio-deal-3-zwolle'",
            "UPDATE portfolio_deal SET tranche = 7 WHERE arrangement_id = 'regio-deal-3-zwolle'",
            "UPDATE finance_line SET amount_cents = -1",
            "UPDATE partner SET type = 'koninkrijk'",
            "UPDATE partner SET joined_on = '2025-01-01', left_on = '2024-01-01'",
            "UPDATE project SET status = 'misschien'",
            "UPDATE finance_line SET partner_id = 'niemand'",
            "INSERT INTO portfolio_deal (arrangement_id, name, tranche, source) VALUES ('geen-arrangement', 'x', 1, 'y')",
        ]
        for sql in statements {
            await #expect(throws: DatabaseError.self, "\(sql)") {
                try await seeded.database.writer.write { db in try db.execute(sql: sql) }
            }
        }
    }
}
