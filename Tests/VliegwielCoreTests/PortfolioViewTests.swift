import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange

@Suite struct PortfolioViewTests {
    let deals = try! BundledPortfolio.realDeals()

    @Test func everyDealOfTheListIsShippedWithAStableID() throws {
        // 80 rows of the tranche lists; the combined tranche-5 MRA row is two agreements.
        #expect(deals.count == 81)
        #expect(Set(deals.map(\.id)).count == 81)
        #expect(deals.allSatisfy { ArrangementValidator.isSlug($0.id) })
        #expect(deals.contains { $0.id == "regio-deal-3-zwolle" && $0.rijkContribution?.cents == 2_250_000_000 })
        #expect(deals.contains { $0.id == "regio-deal-5-zwolle" && $0.rijkContribution?.cents == 3_000_000_000 })
        #expect(deals.contains { $0.id == "regio-deal-2-noordoost-fryslan-holwerd-aan-zee" })
        #expect(deals.contains { $0.id == "regio-deal-3-rivierenland-fruitdelta" })
        #expect(!deals.contains { $0.id == BundledPortfolio.combinedMRAID })
        let bes = try #require(deals.first { $0.id == "regio-deal-1-bes-eilanden" })
        #expect(bes.rijkContribution == EuroCents(cents: 5_000_000_000))
        #expect(bes.source.hasPrefix("https://www.elkeregiotelt.nl/"))
    }

    @Test func trancheTotalsAreTheSumsOfTheKnownAmounts() throws {
        let summary = PortfolioSummary(deals: deals)
        #expect(summary.tranche(2)?.totaalRijkCent == 21_500_000_000)
        #expect(summary.tranche(3)?.totaalRijkCent == 18_000_000_000)
        #expect(summary.tranche(4)?.totaalRijkCent == 28_420_000_000)
        #expect(summary.tranche(6)?.totaalRijkCent == 24_430_000_000)
        #expect(summary.tranche(3)?.totaalRijk == "€ 180.000.000")
        #expect(summary.tranches.map(\.aantalDeals) == [5, 12, 14, 14, 20, 16])
        #expect(summary.tranches.map(\.aantalOnbekend) == [0, 0, 0, 0, 1, 0])
        #expect(summary.tranches.map { $0.aantalBekend + $0.aantalOnbekend } == [5, 12, 14, 14, 20, 16])
        #expect(summary.totaalRijkCent == summary.tranches.reduce(0) { $0 + $1.totaalRijkCent })
        #expect(summary.aantalOnbekend == 1)
    }

    @Test func anUnknownAmountIsNullAndShownAsOnbekendNeverZero() throws {
        let summary = PortfolioSummary(deals: deals, query: PortfolioQuery(tranche: 5, amount: .unknown))
        #expect(summary.deals.map(\.id) == ["regio-deal-5-delft-west"])
        #expect(summary.deals.allSatisfy { $0.rijkbijdrage == "onbekend" && $0.rijkbijdrageCent == nil })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(summary.deals[0]), as: UTF8.self)
        #expect(
            json
                == #"{"bron":"Kamerbrief 14 november 2024, 29697 nr. 157 (bedrag niet gevonden)","fictief":false,"id":"regio-deal-5-delft-west","naam":"Delft West","rijkbijdrage":"onbekend","rijkbijdrageCent":null,"tranche":5}"#
        )
        #expect(summary.tranche(5)?.aantalOnbekend == 1)
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
        #expect(known.count == 19)
        #expect(PortfolioQuery(tranche: 7).apply(to: deals).isEmpty)
    }

    @Test func sortingByAmountPutsUnknownAmountsLast() {
        let sorted = PortfolioQuery(sortOrder: .amount).apply(to: deals)
        #expect(sorted.prefix(2).map(\.id) == ["regio-deal-1-brainport-eindhoven", "regio-deal-1-rotterdam-zuid"])
        #expect(sorted.suffix(1).allSatisfy { $0.rijkContribution == nil })
        #expect(sorted.prefix(80).allSatisfy { $0.rijkContribution != nil })
        let amounts = sorted.compactMap(\.rijkContribution)
        #expect(amounts == amounts.sorted(by: >))
        let byTranche = PortfolioQuery(sortOrder: .tranche).apply(to: deals)
        #expect(byTranche.map(\.tranche) == byTranche.map(\.tranche).sorted())
        #expect(byTranche.first?.tranche == 1)
    }

    @Test func realDealsCarryOnlySourcedFacts() throws {
        let seed = try BundledPortfolio.seed()
        let curated = try CuratedPortfolioFiles.bundled()
        // 81 Regio Deals, the City Deals and Woondeals of the dataset, and the demo deal.
        #expect(seed.arrangements.count == 81 + curated.otherDeals.count + 1)
        let zwolle = try #require(seed.arrangements.first { $0.id == "regio-deal-3-zwolle" })
        #expect(zwolle.name == "Regio Deal Zwolle (tranche 3)")
        #expect(zwolle.kind == .practice)
        #expect(zwolle.variantID == "regio-deal")
        #expect(zwolle.family == .deal)
        for arrangement in seed.arrangements where arrangement.kind == .practice && !arrangement.id.hasPrefix("fictief")
        {
            for dimension in ProfileDimension.all {
                let reading = dimension.reading(of: arrangement.profile)
                if let reason = reading.notStatedReason {
                    #expect(
                        reason == CuratedPortfolioFiles.silentSourcesReason || reason == PortfolioSeed.realDealReason)
                }
                #expect(
                    reading.entries.allSatisfy {
                        ($0.citation.hasPrefix("http") || $0.note?.hasPrefix("Algemene uitspraak") == true)
                            && !$0.quote.isEmpty
                    })
            }
        }
        #expect(ArrangementValidator.issues(in: seed.arrangements).isEmpty)
        for record in seed.records where !record.deal.isFictional {
            // Nothing is invented: no money lines or projects; partners only with their source.
            #expect(record.financeLines.isEmpty && record.projects.isEmpty)
            #expect(record.partners.allSatisfy { $0.source?.hasPrefix("http") == true })
            #expect(record.problems.isEmpty, "\(record.deal.id): \(record.problems)")
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
