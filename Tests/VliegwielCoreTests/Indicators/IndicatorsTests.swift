import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange

@Suite struct IndicatorsTests {
    static func values(_ pairs: [(Int, Double)]) -> [IndicatorValue] {
        pairs.map { IndicatorValue(period: IndicatorPeriod(year: $0.0), value: $0.1) }
    }

    @Test func cbsPeriodsAndRegionCodesParse() {
        #expect(IndicatorPeriod(code: "2021JJ00") == IndicatorPeriod(year: 2021))
        #expect(IndicatorPeriod(code: "2021KW02")?.label == "2021 K2")
        #expect(IndicatorPeriod(code: "2021MM03")?.code == "2021MM03")
        #expect(IndicatorPeriod(code: "2021") == IndicatorPeriod(year: 2021))
        #expect(IndicatorPeriod(code: "2021KW05") == nil)
        #expect(IndicatorPeriod(code: "21JJ00") == nil)
        #expect(RegionCode("GM0363    ")?.kind == .municipality)
        #expect(RegionCode("PV27")?.kind == .province)
        #expect(RegionCode("CR17")?.kind == .corop)
        #expect(RegionCode("NL01")?.kind == .country)
        #expect(RegionCode("FX0001")?.isFictional == true)
        #expect(RegionCode("GM363") == nil)
        #expect(RegionCode("NL02") == nil)
    }

    @Test func theRatingFollowsTheDocumentedRule() throws {
        // Falling unemployment (lower is better): about -5 % per year → gunstig.
        let falling = try #require(
            TrendRule.assess(
                Self.values([(2018, 6.0), (2019, 5.7), (2020, 5.4), (2021, 5.1)]), direction: .lowerIsBetter))
        #expect(falling.rating == .favourable)
        #expect(
            falling.explanation
                == "gemiddeld -5,4 % van het eigen gemiddelde per jaar over 2018–2021 (4 waarnemingen): gunstig")
        // The same series where higher is better → ongunstig.
        #expect(
            TrendRule.assess(Self.values([(2018, 6.0), (2019, 5.7), (2020, 5.4)]), direction: .higherIsBetter)?.rating
                == .unfavourable)
        // 0.4 % per year of the mean stays below the 0.5 % threshold → neutraal.
        #expect(
            TrendRule.assess(Self.values([(2018, 100), (2019, 100.4), (2020, 100.8)]), direction: .higherIsBetter)?
                .rating == .neutral)
        // 0.6 % per year passes it.
        #expect(
            TrendRule.assess(Self.values([(2018, 100), (2019, 100.6), (2020, 101.2)]), direction: .higherIsBetter)?
                .rating == .favourable)
        // Too few values, or no direction: no rating.
        #expect(TrendRule.assess(Self.values([(2018, 1), (2019, 2)]), direction: .higherIsBetter) == nil)
        #expect(TrendRule.assess(Self.values([(2018, 1), (2019, 2), (2020, 3)]), direction: nil) == nil)
    }

    @Test func programmeIndicatorsReportEveryProblemAtOnce() {
        let indicator = ProgrammeIndicator(
            id: "Fout Id", name: "", unit: "aantal", source: " ", direction: .higherIsBetter,
            baseline: IndicatorValue(period: IndicatorPeriod(year: 2022), value: 1),
            targets: Self.values([(2021, 2), (2024, 3), (2024, 4)]))
        let indicators = ArrangementIndicators(
            arrangementID: "regio-deal", regions: [RegionCode("GM0363")!, RegionCode("FX0001")!],
            programme: [indicator])
        #expect(
            indicators.issues.map(\.description) == [
                "regio-deal: programmaIndicatoren[0].id: 'Fout Id' is geen geldige id; gebruik kleine letters, cijfers en streepjes",
                "regio-deal: programmaIndicatoren[0].naam: mag niet leeg zijn",
                "regio-deal: programmaIndicatoren[0].bron: mag niet leeg zijn",
                "regio-deal: programmaIndicatoren[0].streefwaarden[0].periode: 2021 ligt vóór de nulmeting (2022)",
                "regio-deal: programmaIndicatoren[0].streefwaarden[2].periode: periode 2024 staat er twee keer in",
                "regio-deal: regios[1]: FX0001 is een fictieve regiocode; die hoort alleen bij fictieve indicatoren",
            ])
    }

    @Test func progressAgainstTargetsFollowsTheDirection() {
        let indicator = ProgrammeIndicator(
            id: "wachttijd", name: "Wachttijd", unit: "dagen", source: "test", direction: .lowerIsBetter,
            baseline: IndicatorValue(period: IndicatorPeriod(year: 2022), value: 9),
            targets: Self.values([(2024, 8), (2025, 6), (2026, 5)]), actuals: Self.values([(2024, 7), (2025, 6.5)]))
        #expect(indicator.progress.map(\.status) == [.met, .notMet, .noActual])
    }

    @Test func theComparisonIsLabelledContextAndUsesOnlyRegionsOfTheSameKind() throws {
        let table = ContextTable(
            id: "T1", title: "Test", source: "test",
            measures: [ContextMeasure(code: "W", name: "Werkloosheid", unit: "%", direction: .lowerIsBetter)])
        func row(_ region: String, _ year: Int, _ value: Double) -> ContextObservation {
            ContextObservation(
                tableID: "T1", measure: "W", region: RegionCode(region)!, period: IndicatorPeriod(year: year),
                value: value)
        }
        var rows: [ContextObservation] = []
        for (year, offset) in [(2019, 0.0), (2020, 1.0), (2021, 2.0)] {
            rows += [
                row("GM0001", year, 6 - offset), row("GM0002", year, 5), row("GM0003", year, 7),
                row("NL01", year, 4), row("PV01", year, 3),
            ]
        }
        let views = ContextIndicatorView.views(table: table, observations: rows, dealRegions: [RegionCode("GM0001")!])
        let view = try #require(views.first)
        #expect(views.count == 1)
        #expect(view.regions.map(\.label) == ["GM0001"])
        #expect(view.regions[0].assessment?.rating == .favourable)
        let comparison = try #require(view.comparison)
        #expect(comparison.label == "context, geen effect van de deal")
        #expect(comparison.otherRegions.map(\.code) == ["GM0002", "GM0003"])
        #expect(comparison.otherMean.values.map(\.value) == [6, 6, 6])
        #expect(comparison.otherMean.assessment?.rating == .neutral)
    }

    @Test func theDemoDataIsFictionalThroughout() throws {
        let demo = try BundledIndicators.demo()
        #expect(demo.indicators.arrangementID == "fictief-regio-deal-voorbeeld")
        #expect(demo.indicators.isFictional && demo.table.isFictional)
        #expect(demo.indicators.programme.count == 3)
        #expect(demo.indicators.programme.allSatisfy { $0.name.hasSuffix("(fictief)") })
        #expect(demo.table.measures.allSatisfy { $0.name.hasSuffix("(fictief)") })
        #expect(demo.observations.allSatisfy { $0.region.isFictional })
        #expect(demo.observations.count == 90)
        #expect(demo.observations.filter { $0.value == nil }.count == 1)
        let report = IndicatorReport(
            arrangementID: demo.indicators.arrangementID, indicators: demo.indicators,
            tables: [(demo.table, demo.observations)])
        #expect(
            report.context.map { "\($0.measure.code): \($0.comparison?.dealMean.assessment?.rating.rawValue ?? "-")" }
                == [
                    "Werkloosheid_1: gunstig", "TevredenheidMetLeven_2: neutraal", "ErvarenGezondheidGoed_3: ongunstig",
                ])
    }
}
