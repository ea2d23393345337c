import Foundation
import Testing
import VliegwielCore

@Suite struct PortfolioMoneyTests {
    @Test func decimalMillionsParseExactlyToCents() {
        #expect(EuroCents(decimal: "22.5", unit: 1_000_000) == EuroCents(cents: 2_250_000_000))
        #expect(EuroCents(decimal: "18.2", unit: 1_000_000) == EuroCents(cents: 1_820_000_000))
        #expect(EuroCents(decimal: "130", unit: 1_000_000) == EuroCents(cents: 13_000_000_000))
        #expect(EuroCents(decimal: "0.01") == EuroCents(cents: 1))
        #expect(EuroCents(decimal: "1250000,50") == EuroCents(cents: 125_000_050))
        for bad in ["", "abc", "1.2.3", "1.234", "1.", ".5", "1 000", "€5", "1e6"] {
            #expect(EuroCents(decimal: bad) == nil, "\(bad)")
        }
    }

    @Test func amountsAreShownInDutchNotation() {
        #expect(EuroCents(cents: 2_250_000_000).formatted == "€ 22.500.000")
        #expect(EuroCents(cents: 1).formatted == "€ 0,01")
        #expect(EuroCents(cents: 500_000_001).formatted == "€ 5.000.000,01")
        #expect(EuroCents(cents: -12_345).formatted == "-€ 123,45")
        #expect(EuroCents(cents: 28_420_000_000).formatted == "€ 284.200.000")
        #expect(EuroCents(cents: 1_000).formatted == "€ 10")
        #expect(EuroCents(cents: 1_050).formatted == "€ 10,50")
    }

    @Test func allocationOverThirdsLosesNoCent() {
        let parts = EuroCents(cents: 10_000).allocated(over: [1, 1, 1])
        #expect(parts.map(\.cents) == [3_334, 3_333, 3_333])
        #expect(EuroCents(cents: 1).allocated(over: [1, 1, 1]).map(\.cents) == [1, 0, 0])
        #expect(EuroCents(cents: 200).allocated(over: [0, 0]).map(\.cents) == [0, 0])
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let amount = EuroCents(cents: Int64.random(in: 0...10_000_000_000_00, using: &generator))
            let weights = (0..<Int.random(in: 1...7, using: &generator)).map { _ in
                Int64.random(in: 1...5_000_000_000_00, using: &generator)
            }
            let parts = amount.allocated(over: weights)
            #expect(parts.reduce(EuroCents.zero, +) == amount)
        }
    }

    @Test func rijkAndRegionalSharesOfAThirdReconcile() {
        let record = MoneyFixture.record(rijk: 1_000_000_00, regional: [1_000_000_00, 1_000_000_00])
        let totals = FinanceSummary(record).toezeggingen
        #expect(totals.rijkShare.percentText == "33,33 %")
        #expect(totals.regionalShare.percentText == "66,67 %")
        let (rijk, regional) = totals.split(EuroCents(cents: 10_000))
        #expect(rijk.cents == 3_333)
        #expect(regional.cents == 6_667)
        #expect(rijk + regional == EuroCents(cents: 10_000))
    }

    @Test func everyBreakdownAddsUpToTheTotals() {
        let record = MoneyFixture.record(rijk: 1_000_000_01, regional: [333_333_33, 333_333_34, 1])
        let summary = FinanceSummary(record)
        let totals = summary.toezeggingen
        #expect(totals.totaalCent == 1_666_666_69)
        #expect(totals.rijkCent + totals.regioCent == totals.totaalCent)
        #expect(totals.regioPubliekCent + totals.regioPrivaatCent == totals.regioCent)
        #expect(totals.geldCent + totals.naturaCent == totals.totaalCent)
        #expect(summary.perPartner.reduce(0) { $0 + $1.toezeggingCent } == totals.totaalCent)
        #expect(summary.perJaar.reduce(0) { $0 + $1.toezeggingCent } == totals.totaalCent)
        #expect(summary.perProgrammalijn.reduce(0) { $0 + $1.toezeggingCent } == totals.totaalCent)
        #expect(summary.perProgrammalijn.last?.sleutel == nil)
        #expect(summary.perProgrammalijn.last?.naam == "niet toegewezen")
        #expect(summary.realisaties.totaalCent == 0)
        #expect(summary.realisaties.rijkShare.percentText == "onbekend")
    }

    @Test func financeTotalsEncodeWithDutchKeys() throws {
        let record = MoneyFixture.record(rijk: 100, regional: [200])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(FinanceSummary(record).toezeggingen), as: UTF8.self)
        #expect(
            json
                == #"{"aandeelRegio":{"deelCent":200,"geheelCent":300,"procent":"66,67 %"},"aandeelRijk":{"deelCent":100,"geheelCent":300,"procent":"33,33 %"},"geldCent":300,"naturaCent":0,"regioCent":200,"regioPrivaatCent":0,"regioPubliekCent":200,"rijkCent":100,"totaal":"€ 3","totaalCent":300}"#
        )
    }

    @Test func calendarDatesCountDaysExactly() throws {
        let closed = try #require(CalendarDate(iso: "2023-06-01"))
        #expect(closed.days(to: try #require(CalendarDate(iso: "2023-08-24"))) == 84)
        #expect(
            try #require(CalendarDate(iso: "2024-02-28")).days(to: try #require(CalendarDate(iso: "2024-03-01"))) == 2)
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "2024-2-09") == nil)
        #expect(CalendarDate(iso: "1970-01-01")?.dayNumber == 0)
        #expect(CalendarDate(iso: "2000-03-01")?.dayNumber == 11_017)
    }
}

/// Records with money for tests: one ministry and regional municipalities, the first the regiokassier.
enum MoneyFixture {
    static func record(rijk: Int64, regional: [Int64], tranche: Int = 4) -> DealRecord {
        var partners = [Partner(id: "bzk", organisation: "Ministerie van BZK", type: .ministry, roles: [.funder])]
        var lines = [
            FinanceLine(
                id: "rijk", partnerID: "bzk", year: 2023, kind: .commitment, sector: .publicMoney, form: .money,
                amount: EuroCents(cents: rijk))
        ]
        for (index, amount) in regional.enumerated() {
            partners.append(
                Partner(
                    id: "gemeente-\(index)", organisation: "Gemeente \(index)", type: .municipality,
                    roles: index == 0 ? [.funder, .regionalTreasurer] : [.funder]))
            lines.append(
                FinanceLine(
                    id: "regio-\(index)", partnerID: "gemeente-\(index)", year: 2023 + index, kind: .commitment,
                    sector: .publicMoney, form: .money, amount: EuroCents(cents: amount)))
        }
        return DealRecord(
            deal: PortfolioDeal(id: "test-deal", name: "Test", tranche: tranche, rijkContribution: nil, source: "test"),
            partners: partners, financeLines: lines)
    }
}
