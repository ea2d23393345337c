import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange

@Suite struct PortfolioViewTests {
    let deals = try! BundledPortfolio.realDeals()

    @Test func everyDealOfTheCSVIsShippedWithAStableID() throws {
        #expect(deals.count == 80)
        #expect(Set(deals.map(\.id)).count == 80)
        #expect(deals.allSatisfy { ArrangementValidator.isSlug($0.id) })
        #expect(deals.contains { $0.id == "regio-deal-3-zwolle" && $0.rijkContribution?.cents == 2_250_000_000 })
        #expect(deals.contains { $0.id == "regio-deal-5-zwolle" && $0.rijkContribution?.cents == 3_000_000_000 })
        #expect(deals.contains { $0.id == "regio-deal-2-noordoost-fryslan-holwerd-aan-zee" })
        #expect(deals.contains { $0.id == "regio-deal-3-rivierenland-fruitdelta" })
        let bes = try #require(deals.first { $0.id == "regio-deal-1-bes-eilanden" })
        #expect(bes.rijkContribution == nil)
        #expect(bes.source == "RVO, pagina Regio Deals (bedrag niet gevonden)")
    }

    @Test func trancheTotalsAreTheSumsOfTheKnownAmounts() throws {
        let summary = PortfolioSummary(deals: deals)
        #expect(summary.tranche(3)?.totaalRijkCent == 18_000_000_000)
        #expect(summary.tranche(4)?.totaalRijkCent == 28_420_000_000)
        #expect(summary.tranche(6)?.totaalRijkCent == 24_430_000_000)
        #expect(summary.tranche(3)?.totaalRijk == "€ 180.000.000,00")
        #expect(summary.tranches.map(\.aantalDeals) == [5, 12, 14, 14, 19, 16])
        #expect(summary.tranches.map(\.aantalOnbekend) == [2, 8, 0, 0, 5, 0])
        #expect(summary.tranches.map { $0.aantalBekend + $0.aantalOnbekend } == [5, 12, 14, 14, 19, 16])
        #expect(summary.totaalRijkCent == summary.tranches.reduce(0) { $0 + $1.totaalRijkCent })
        #expect(summary.aantalOnbekend == 15)
    }

    @Test func anUnknownAmountIsNullAndShownAsOnbekendNeverZero() throws {
        let summary = PortfolioSummary(deals: deals, query: PortfolioQuery(tranche: 1, amount: .unknown))
        #expect(summary.deals.map(\.id) == ["regio-deal-1-bes-eilanden", "regio-deal-1-estec-space-campus-noordwijk"])
        #expect(summary.deals.allSatisfy { $0.rijkbijdrage == "onbekend" && $0.rijkbijdrageCent == nil })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(summary.deals[0]), as: UTF8.self)
        #expect(
            json
                == #"{"bron":"RVO, pagina Regio Deals (bedrag niet gevonden)","fictief":false,"id":"regio-deal-1-bes-eilanden","naam":"BES-eilanden","rijkbijdrage":"onbekend","rijkbijdrageCent":null,"tranche":1}"#
        )
        #expect(summary.tranche(1)?.totaalRijkCent == 0)
        #expect(summary.tranche(1)?.aantalBekend == 0)
    }

    @Test func filtersCombineAndIgnoreCaseAndAccents() {
        let groningen = PortfolioQuery(nameContains: "GRONINGEN", sortOrder: .name).apply(to: deals)
        #expect(
            groningen.map(\.id) == [
                "regio-deal-5-groningen-noord", "regio-deal-3-groningen-noord", "regio-deal-3-oost-groningen",
                "regio-deal-5-oost-groningen", "regio-deal-5-regio-centra-groningen",
            ])
        #expect(PortfolioQuery(nameContains: "fryslan").apply(to: deals).count == 3)
        let known = PortfolioQuery(tranche: 5, amount: .known).apply(to: deals)
        #expect(known.count == 14)
        #expect(PortfolioQuery(tranche: 7).apply(to: deals).isEmpty)
    }

    @Test func sortingByAmountPutsUnknownAmountsLast() {
        let sorted = PortfolioQuery(sortOrder: .amount).apply(to: deals)
        #expect(sorted.prefix(2).map(\.id) == ["regio-deal-1-brainport-eindhoven", "regio-deal-1-rotterdam-zuid"])
        #expect(sorted.suffix(15).allSatisfy { $0.rijkContribution == nil })
        #expect(sorted.prefix(65).allSatisfy { $0.rijkContribution != nil })
        let amounts = sorted.compactMap(\.rijkContribution)
        #expect(amounts == amounts.sorted(by: >))
        let byTranche = PortfolioQuery(sortOrder: .tranche).apply(to: deals)
        #expect(byTranche.map(\.tranche) == byTranche.map(\.tranche).sorted())
        #expect(byTranche.first?.id == "regio-deal-1-bes-eilanden")
    }

    @Test func realDealsGetNoInventedProfileDetails() throws {
        let seed = try BundledPortfolio.seed()
        #expect(seed.arrangements.count == 81)
        let zwolle = try #require(seed.arrangements.first { $0.id == "regio-deal-3-zwolle" })
        #expect(zwolle.name == "Regio Deal Zwolle (tranche 3)")
        #expect(zwolle.kind == .practice)
        #expect(zwolle.variantID == "regio-deal")
        #expect(zwolle.family == .deal)
        for dimension in ProfileDimension.all {
            #expect(dimension.reading(of: zwolle.profile).notStatedReason == PortfolioSeed.realDealReason)
        }
        #expect(ArrangementValidator.issues(in: seed.arrangements).isEmpty)
        for record in seed.records where !record.deal.isFictional {
            #expect(record.partners.isEmpty && record.financeLines.isEmpty && record.projects.isEmpty)
            #expect(record.programmeLines.isEmpty && record.deal.closedOn == nil)
        }
    }

    @Test func theDemoDealIsLabelledFictionalEverywhere() throws {
        let demo = try BundledPortfolio.demoDeal()
        #expect(demo.arrangement.id == "fictief-regio-deal-voorbeeld")
        #expect(demo.arrangement.name == "Regio Deal Vliegwielvallei (fictief voorbeeld)")
        #expect(demo.arrangement.summary?.hasPrefix("Fictief voorbeeld") == true)
        #expect(demo.record.deal.isFictional)
        #expect(demo.record.problems.isEmpty)
        #expect(demo.record.partners.allSatisfy { $0.organisation.contains("fictie") })
        #expect(demo.record.projects.allSatisfy { $0.name.hasSuffix("(fictief)") })
        #expect(demo.record.programmeLines.count == 3)
        #expect(demo.record.financeLines.count == 10)
        #expect(ArrangementValidator.issues(in: [demo.arrangement]).isEmpty)
    }
}
