import Foundation
import GRDB
import Testing
import VliegwielCore
import VliegwielInterchange

@testable import VliegwielStorage

/// A database holding the shipped catalogue's Regio Deal variant and the seeded portfolio.
struct SeededPortfolio {
    let database: TestDatabase
    let arrangements: any ArrangementStore
    let store: any PortfolioStore

    /// Seeds `database` through `stores` (its first opening when not given).
    init(_ database: TestDatabase, stores: Stores? = nil) async throws {
        self.database = database
        let stores = stores ?? database.stores
        arrangements = stores.arrangements
        store = stores.portfolio
        try await arrangements.synchronizeReferences(with: try BundledCatalogue.arrangements())
        try await store.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name)
    }

    func count(_ table: String) async throws -> Int { try await database.count(table) }
}

extension StoreKind {
    /// Runs `body` on a fresh database of this kind with the portfolio seeded.
    func withSeededPortfolio(_ body: (SeededPortfolio) async throws -> Void) async throws {
        try await withDatabase { database in try await body(try await SeededPortfolio(database)) }
    }
}

@Suite struct PortfolioStoreTests {
    static let demoID = BundledPortfolio.demoID

    @Test func thePortfolioMigrationComesAfterTheFirst() async throws {
        let database = try AppDatabase()
        #expect(
            try await database.appliedMigrations() == [
                "v1 arrangements", "v2 portfolio", "v3 qca outcomes", "v4 contribution graphs",
                "v5 arrangement versions", "v6 indicators", "v7 learning log", "v8 audit trail", "v9 accounts",
                "v10 totp single use", "v11 partner roles of the curated portfolio", "v12 health probe",
                "v13 context observations in key order", "v14 context observations checked per statement",
            ])
    }

    @Test(arguments: StoreKind.allCases)
    func aFreshDatabaseHoldsEveryDealOfTheCSVAndTheDemoDeal(kind: StoreKind) async throws {
        try await kind.withSeededPortfolio { seeded async throws in
            let deals = try await seeded.store.portfolio()
            #expect(deals.count == 82)
            #expect(deals.filter(\.isFictional).map(\.id) == [Self.demoID])
            let summary = PortfolioSummary(deals: deals.filter { !$0.isFictional })
            #expect(summary.tranche(3)?.totaalRijkCent == 18_000_000_000)
            #expect(summary.tranche(4)?.totaalRijkCent == 28_420_000_000)
            #expect(summary.tranche(6)?.totaalRijkCent == 24_430_000_000)
            #expect(deals.first { $0.id == "regio-deal-5-delft-west" }?.rijkContribution == nil)
            let zwolle = try #require(try await seeded.arrangements.arrangement(id: "regio-deal-3-zwolle"))
            #expect(zwolle.kind == .practice && zwolle.variantID == "regio-deal")
            #expect(zwolle.profile == (try BundledPortfolio.seed().arrangements.first { $0.id == zwolle.id })?.profile)
            // The reference variants, the real Regio Deals, the City Deals and Woondeals, the demo deal.
            #expect(
                try await seeded.arrangements.allArrangements().count
                    == 14 + 81 + (try CuratedPortfolioFiles.bundled().otherDeals.count) + 1)
            // The real deals' partners come with their roles, including the curated ones.
            let record = try #require(try await seeded.store.record(id: "regio-deal-3-zwolle"))
            #expect(record.partners.contains { $0.roles.contains(.regionalTreasurer) && $0.type == .province })
        }
    }

    /// Every start and command seeds if absent; the shipped files are read only when needed.
    @Test(arguments: StoreKind.allCases)
    func aLoadedDataSetIsNotBuiltAgain(kind: StoreKind) async throws {
        try await kind.withSeededPortfolio { seeded async throws in
            #expect(try await seeded.store.hasSeeded(PortfolioSeed.name))
            #expect(try await !seeded.store.hasSeeded("een-andere-gegevensset"))
            var built = 0
            let loaded = try await seeded.store.seedIfAbsent(name: PortfolioSeed.name) {
                built += 1
                return try BundledPortfolio.seed()
            }
            #expect(!loaded && built == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theDemoRecordComesBackWhole(kind: StoreKind) async throws {
        try await kind.withSeededPortfolio { seeded async throws in
            let stored = try #require(try await seeded.store.record(id: Self.demoID))
            #expect(stored == (try BundledPortfolio.demoDeal().record))
            #expect(try await seeded.store.record(id: "regio-deal") == nil)
            #expect(try await seeded.store.deal(id: Self.demoID) == stored.deal)
            #expect(try await seeded.store.deal(id: "regio-deal") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theDemoDealShipsTwoDatedProfileVersionsWhoseDriftIsTheRijksRole(kind: StoreKind) async throws {
        try await kind.withSeededPortfolio { seeded async throws in
            let versions = try await seeded.arrangements.versions(of: Self.demoID)
            #expect(versions.map(\.number) == [1, 2])
            #expect(versions.map(\.isoDate) == ["2023-06-01T00:00:00Z", "2025-10-20T00:00:00Z"])
            #expect(versions.allSatisfy { $0.author == "Programmabureau Vliegwielvallei (fictief)" })
            #expect(try await seeded.arrangements.arrangement(id: Self.demoID) == versions[1].arrangement)
            let drift = try ProfileDrift(from: versions[0], to: versions[1])
            #expect(drift.summary == ["Rol van het Rijk: nevengeschikt → ondergeschikt"])
            // A coded real deal ships its profile as version 1, with the source file as its reason.
            let zwolle = try await seeded.arrangements.versions(of: "regio-deal-3-zwolle")
            #expect(zwolle.map(\.number) == [1])
            #expect(zwolle.first?.reason.contains("Resources/portefeuille/tranche-3.yaml") == true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func seedingTwiceChangesNothingAndNeverOverwritesUserEdits(kind: StoreKind) async throws {
        try await kind.withDatabase { database async throws in
            do {
                let seeded = try await SeededPortfolio(database)
                var deal = try #require(try await seeded.store.record(id: "regio-deal-3-zwolle")).deal
                deal.closedOn = CalendarDate(iso: "2020-06-01")
                try await seeded.store.apply([.updateDeal(deal)], to: deal.id)
                try await seeded.store.apply([.deletePartner(id: "rijksdealmaker")], to: Self.demoID)
                #expect(try await seeded.arrangements.delete(id: "regio-deal-1-zeeland"))
            }
            let again = try await SeededPortfolio(database, stores: try await database.reopen())
            #expect(try await again.store.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name) == false)
            #expect(try await again.store.record(id: "regio-deal-3-zwolle")?.deal.closedOn?.iso == "2020-06-01")
            #expect(try await again.store.record(id: Self.demoID)?.partners.count == 8)
            #expect(try await again.store.record(id: "regio-deal-1-zeeland") == nil)
            #expect(try await again.arrangements.arrangement(id: "regio-deal-1-zeeland") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aPartnerThatFinancesOrWorksOnAProjectCannotBeDeleted(kind: StoreKind) async throws {
        try await kind.withSeededPortfolio { seeded async throws in
            do {
                try await seeded.store.apply([.deletePartner(id: "hogeschool-vallei")], to: Self.demoID)
                Issue.record("expected a failure")
            } catch let failure as ValidationFailure {
                #expect(
                    failure.issues.map(\.field) == [
                        "financiering[hogeschool-toezegging].partner",
                        "financiering[hogeschool-realisatie-2024].partner",
                        "projecten[talent-blijft].trekker", "projecten[innovatievouchers].partners",
                    ])
            }
            #expect(try await seeded.store.record(id: Self.demoID)?.partners.count == 9)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aDeletedDealStaysDeletedAndItsRowsGoWithIt(kind: StoreKind) async throws {
        try await kind.withDatabase { database async throws in
            do {
                let seeded = try await SeededPortfolio(database)
                #expect(try await seeded.arrangements.delete(id: Self.demoID))
                for table in [
                    "portfolio_deal", "partner", "partner_role", "finance_line", "programme_line", "project",
                    "project_partner", "project_theme",
                ] {
                    #expect(
                        try await seeded.count("\(table) WHERE arrangement_id = 'fictief-regio-deal-voorbeeld'") == 0,
                        "\(table)")
                }
            }
            let reopened = try await SeededPortfolio(database, stores: try await database.reopen())
            #expect(try await reopened.store.record(id: Self.demoID) == nil)
            #expect(try await reopened.store.portfolio().count == 81)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aValidChangeIsStoredWhole(kind: StoreKind) async throws {
        try await kind.withSeededPortfolio { seeded async throws in
            let id = "regio-deal-6-foodvalley"
            let curated = try #require(try await seeded.store.record(id: id)).partners
            let partners = [
                Partner(
                    id: "test-gemeente-ede", organisation: "Gemeente Ede", type: .municipality,
                    roles: [.regionalTreasurer]),
                Partner(
                    id: "test-wur", organisation: "Wageningen University & Research", type: .knowledgeInstitution,
                    roles: [.knowledgePartner], joinedOn: CalendarDate(iso: "2025-04-01")),
            ]
            let lines = [ProgrammeLine(id: "eiwittransitie", name: "Eiwittransitie")]
            let project = Project(
                id: "proeftuin", name: "Proeftuin", programmeLineID: "eiwittransitie", leadPartnerID: "test-wur",
                partnerIDs: ["test-gemeente-ede"], budget: EuroCents(cents: 1), status: .planned,
                themes: [.health, .naturalCapital])
            let stored = try await seeded.store.apply(
                [.upsertPartners(partners), .upsertProgrammeLines(lines), .upsertProjects([project])], to: id)
            #expect(try await seeded.store.record(id: id) == stored)
            #expect(stored.partners == curated + partners)
            #expect(stored.projects == [project])
            let removed = try await seeded.store.apply([.deleteProject(id: "proeftuin")], to: id)
            #expect(removed.projects.isEmpty)
            #expect(try await seeded.count("project_theme WHERE arrangement_id = 'regio-deal-6-foodvalley'") == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anInvalidChangeStoresNothingAndNamesEveryProblem(kind: StoreKind) async throws {
        try await kind.withSeededPortfolio { seeded async throws in
            let before = try await seeded.store.record(id: Self.demoID)
            let badLine = FinanceLine(
                id: "nieuw", partnerID: "onbekend", programmeLineID: "geen-lijn", year: 1980, kind: .commitment,
                sector: .publicMoney, form: .money, amount: EuroCents(cents: 0))
            let goodPartner = Partner(id: "nieuwkomer", organisation: "Nieuwkomer", type: .other, roles: [.implementer])
            await #expect(throws: ValidationFailure.self) {
                try await seeded.store.apply(
                    [
                        .upsertPartners([goodPartner]), .upsertFinanceLines([badLine]),
                        .deleteProject(id: "bestaat-niet"),
                    ],
                    to: Self.demoID)
            }
            do {
                try await seeded.store.apply(
                    [
                        .upsertPartners([goodPartner]), .upsertFinanceLines([badLine]),
                        .deleteProject(id: "bestaat-niet"),
                    ],
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
    }

    @Test(arguments: StoreKind.allCases)
    func aChangeToAnUnknownDealIsRefused(kind: StoreKind) async throws {
        try await kind.withSeededPortfolio { seeded async throws in
            do {
                try await seeded.store.apply([.deletePartner(id: "x")], to: "regio-deal")
                Issue.record("expected a failure")
            } catch let failure as ValidationFailure {
                #expect(failure.issues.map(\.description) == ["regio-deal: id: geen deal van de portefeuille"])
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theSchemaRefusesBadRowsEvenPastTheStore(kind: StoreKind) async throws {
        try await kind.withSeededPortfolio { seeded async throws in
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
                await #expect(throws: RefusedBySchema.self, "\(sql)") {
                    try await seeded.database.execute(sql)
                }
            }
        }
    }
}
