import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange

/// The instrument's rules, from the shipped rule set, at and around every boundary.
@Suite struct PortfolioRuleTests {
    let rules = try! BundledPortfolio.rules()
    static let million: Int64 = 100_000_000

    /// A deal of `tranche` with the Rijk's contribution and regional commitments (public money unless said).
    static func deal(
        tranche: Int, rijk: Int64?, regional: [Int64] = [], privateMoney: [Int64] = [], inKind: [Int64] = []
    ) -> DealRecord {
        var record = MoneyFixture.record(rijk: rijk ?? 1, regional: regional, tranche: tranche)
        if rijk == nil { record.financeLines.removeAll { $0.id == "rijk" } }
        record.deal.rijkContribution = rijk.map(EuroCents.init(cents:))
        record.partners.append(Partner(id: "bedrijf", organisation: "Bedrijf X", type: .company, roles: [.funder]))
        for (index, amount) in privateMoney.enumerated() {
            record.financeLines.append(
                FinanceLine(
                    id: "privaat-\(index)", partnerID: "bedrijf", year: 2023, kind: .commitment, sector: .privateMoney,
                    form: .money, amount: EuroCents(cents: amount)))
        }
        for (index, amount) in inKind.enumerated() {
            record.financeLines.append(
                FinanceLine(
                    id: "natura-\(index)", partnerID: "bedrijf", year: 2023, kind: .commitment, sector: .privateMoney,
                    form: .inKind, amount: EuroCents(cents: amount)))
        }
        return record
    }

    func findings(_ record: DealRecord, _ rule: String) -> [RuleFinding] {
        RuleCheck.check(record, against: rules).bevindingen.filter { $0.regel == rule }
    }

    func met(_ record: DealRecord, _ rule: String) -> Bool {
        RuleCheck.check(record, against: rules).voldaan.contains { $0.regel == rule }
    }

    @Test func theRuleSetIsVersionedAndEveryRuleHasASource() {
        #expect(rules.instrument == "regio-deal")
        #expect(rules.version == 2)
        #expect(rules.rules.map(\.id.code) == RuleID.allCases.map(\.code))
        #expect(rules.rules.allSatisfy { !$0.source.isEmpty && !$0.title.isEmpty })
        #expect(rules.problems.isEmpty)
    }

    @Test func exactlyFiftyPercentPassesAndOneCentMoreFails() throws {
        let fifty = Self.deal(tranche: 3, rijk: 10 * Self.million, regional: [10 * Self.million])
        #expect(met(fifty, "maximum-aandeel-rijk"))
        #expect(findings(fifty, "maximum-aandeel-rijk").isEmpty)

        let over = Self.deal(tranche: 3, rijk: 10 * Self.million + 1, regional: [10 * Self.million])
        let finding = try #require(findings(over, "maximum-aandeel-rijk").first)
        #expect(finding.ernst == "fout")
        #expect(finding.titel == "Het Rijk draagt ten hoogste 50 % van de deal bij")
        #expect(finding.bericht == "Het Rijk draagt 50,00 % van de deal bij; dat is meer dan 50 %.")
        #expect(
            finding.cijfers.map { "\($0.omschrijving): \($0.waarde)" } == [
                "Rijksbijdrage (portefeuille): € 10.000.000,01", "Regionale toezeggingen: € 10.000.000",
                "Totaal van de deal: € 20.000.000,01", "Aandeel Rijk: 50,00 %", "Maximum aandeel Rijk: 50 %",
            ])
        #expect(finding.cijfers[0].bedragCent == 1_000_000_001)
        #expect(finding.bron.hasPrefix("Essay §1.1"))
    }

    @Test(arguments: [
        (Int64(500_000_000), true), (499_999_999, false), (4_000_000_000, true), (4_000_000_001, false),
        (2_250_000_000, true),
    ])
    func theRijkContributionLiesBetweenFiveAndFortyMillion(cents: Int64, passes: Bool) {
        let record = Self.deal(tranche: 5, rijk: cents)
        #expect(met(record, "bandbreedte-rijksbijdrage") == passes)
        #expect(findings(record, "bandbreedte-rijksbijdrage").isEmpty == passes)
    }

    @Test func aContributionOutsideTheRangeNamesTheFigures() throws {
        let low = try #require(findings(Self.deal(tranche: 4, rijk: 499_999_999), "bandbreedte-rijksbijdrage").first)
        #expect(low.bericht == "De Rijksbijdrage van € 4.999.999,99 is lager dan het minimum van € 5.000.000.")
        #expect(low.cijfers.map(\.bedragCent) == [499_999_999, 500_000_000, 4_000_000_000])
        let high = try #require(
            findings(Self.deal(tranche: 4, rijk: 4_000_000_001), "bandbreedte-rijksbijdrage").first)
        #expect(high.bericht == "De Rijksbijdrage van € 40.000.000,01 is hoger dan het maximum van € 40.000.000.")
    }

    @Test func theRangeDoesNotApplyToTrancheOne() {
        let report = RuleCheck.check(Self.deal(tranche: 1, rijk: 130 * Self.million), against: rules)
        #expect(report.bevindingen.isEmpty)
        #expect(
            report.nietVanToepassing.first { $0.regel == "bandbreedte-rijksbijdrage" }?.reden
                == "geldt voor tranche 2, 3, 4, 5, 6; deze deal is van tranche 1")
    }

    @Test func inTranchesTwoAndThreeTheRegionPaysAtLeastAsMuchAsTheRijk() throws {
        let equal = Self.deal(tranche: 2, rijk: 10 * Self.million, regional: [10 * Self.million])
        #expect(met(equal, "regionaal-deel-minstens-rijk"))
        let short = Self.deal(tranche: 3, rijk: 10 * Self.million, regional: [10 * Self.million - 1])
        let finding = try #require(findings(short, "regionaal-deel-minstens-rijk").first)
        #expect(finding.cijfers.last?.waarde == "€ 0,01")
        #expect(finding.cijfers.last?.omschrijving == "Tekort regionaal deel")
        let tranche4 = RuleCheck.check(short, against: rules)
        #expect(tranche4.bevindingen.contains { $0.regel == "maximum-aandeel-rijk" })
        var later = short
        later.deal.tranche = 4
        #expect(findings(later, "regionaal-deel-minstens-rijk").isEmpty)
    }

    @Test func privateMoneyIsFlaggedInTrancheThreeAndFineInTrancheFour() throws {
        let tranche3 = Self.deal(
            tranche: 3, rijk: 10 * Self.million, regional: [8 * Self.million], privateMoney: [2 * Self.million])
        let finding = try #require(findings(tranche3, "alleen-publiek-geld").first)
        #expect(finding.ernst == "fout")
        #expect(
            finding.bericht
                == "Het regionale deel bevat € 2.000.000 privaat geld; in deze tranche telt alleen publiek geld.")
        #expect(
            finding.cijfers.map { "\($0.omschrijving): \($0.waarde)" } == [
                "Privaat: Bedrijf X: € 2.000.000", "Privaat geld in het regionale deel: € 2.000.000",
            ])
        #expect(finding.bron.contains("Stcrt. 2020, 14351"))

        var tranche4 = tranche3
        tranche4.deal.tranche = 4
        let report = RuleCheck.check(tranche4, against: rules)
        #expect(report.bevindingen.isEmpty)
        #expect(report.voldaan.contains { $0.regel == "passende-cofinanciering" })
        #expect(report.nietVanToepassing.contains { $0.regel == "alleen-publiek-geld" })

        let publicOnly = Self.deal(tranche: 3, rijk: 10 * Self.million, regional: [10 * Self.million])
        #expect(met(publicOnly, "alleen-publiek-geld"))
    }

    @Test func passendCountsPrivateMoneyAndInKindAndOnlyInformsBelowFiftyPercent() throws {
        let inKind = Self.deal(
            tranche: 6, rijk: 10 * Self.million, regional: [5 * Self.million], inKind: [5 * Self.million])
        #expect(met(inKind, "passende-cofinanciering"))
        let less = Self.deal(
            tranche: 6, rijk: 10 * Self.million, regional: [5 * Self.million], inKind: [5 * Self.million - 1])
        let finding = try #require(findings(less, "passende-cofinanciering").first)
        #expect(finding.ernst == "info")
        #expect(finding.cijfers.map(\.waarde) == ["€ 10.000.000", "€ 9.999.999,99", "50,00 %", "50 %"])
    }

    @Test func rulesWithoutDataAreReportedAsNotChecked() {
        let report = RuleCheck.check(
            DealRecord(
                deal: PortfolioDeal(
                    id: "regio-deal-5-delft-west", name: "Delft West", tranche: 5, rijkContribution: nil, source: "x")),
            against: rules)
        #expect(report.bevindingen.isEmpty)
        #expect(report.voldaan.isEmpty)
        #expect(
            report.nietGetoetst.map { "\($0.regel): \($0.reden)" } == [
                "eenmalig: er zijn geen toezeggingen van ministeries vastgelegd",
                "bandbreedte-rijksbijdrage: de Rijksbijdrage is onbekend en er zijn geen toezeggingen van ministeries vastgelegd",
                "passende-cofinanciering: de Rijksbijdrage is onbekend en er zijn geen toezeggingen van ministeries vastgelegd",
                "regiokassier: er zijn geen partners vastgelegd",
                "betaling-binnen-termijn: de datum van sluiten van de deal is onbekend",
            ])
        #expect(
            report.nietVanToepassing.map(\.regel) == [
                "maximum-aandeel-rijk", "regionaal-deel-minstens-rijk", "alleen-publiek-geld",
            ])
    }

    /// "Eenmalig" (essay §3.1, vn. 34) means not structural: one contribution, which may be
    /// committed over several years (Rotterdam-Zuid: 2018-2022), not one calendar year.
    @Test func testE13_OneOffMeansNotStructuralNotOneCalendarYear() throws {
        var record = Self.deal(tranche: 4, rijk: 10 * Self.million, regional: [10 * Self.million])
        #expect(met(record, "eenmalig"))
        // The same contribution committed over two years is still one-off.
        record.financeLines.removeAll { $0.id == "rijk" }
        for (year, amount) in [(2023, 6 * Self.million), (2024, 4 * Self.million)] {
            record.financeLines.append(
                FinanceLine(
                    id: "rijk-\(year)", partnerID: "bzk", year: year, kind: .commitment, sector: .publicMoney,
                    form: .money, amount: EuroCents(cents: amount)))
        }
        #expect(met(record, "eenmalig"))
        #expect(findings(record, "eenmalig").isEmpty)
        let reason = RuleCheck.check(record, against: rules).voldaan.first { $0.regel == "eenmalig" }?.reden
        #expect(reason?.contains("over 2 jaren (2023–2024)") == true)
        // A commitment on top of the one contribution is a second, recurring one.
        record.financeLines.append(
            FinanceLine(
                id: "rijk-2025", partnerID: "bzk", year: 2025, kind: .commitment, sector: .publicMoney, form: .money,
                amount: EuroCents(cents: 1)))
        let finding = try #require(findings(record, "eenmalig").first)
        #expect(finding.ernst == "waarschuwing")
        #expect(rules.rules.first { $0.id == .oneOff }?.title == "De Rijksbijdrage is eenmalig, niet structureel")
        #expect(
            finding.cijfers.map(\.omschrijving) == [
                "Toezegging Rijk 2023", "Toezegging Rijk 2024", "Toezegging Rijk 2025", "Toezeggingen Rijk samen",
                "Eenmalige Rijksbijdrage (portefeuille)",
            ])
    }

    /// A tranche-4 deal with a 40 % regional share: the 50 % maximum and "passende
    /// cofinanciering, 50 % als uitgangspunt" no longer give a fout and a "geen fout" at once.
    @Test func testE13_OneSituationGetsOneVerdict() throws {
        let maximum = try #require(rules.rules.first { $0.id == .maximumRijkShare })
        #expect(maximum.tranches == [1, 2, 3] && maximum.severity == .error)
        let passend = try #require(rules.rules.first { $0.id == .appropriateCofinancing })
        #expect(passend.tranches == [4, 5, 6] && passend.severity == .info)
        #expect(Set(maximum.tranches).isDisjoint(with: passend.tranches))

        for tranche in [4, 5, 6] {
            let report = RuleCheck.check(
                Self.deal(tranche: tranche, rijk: 15 * Self.million, regional: [10 * Self.million]), against: rules)
            #expect(report.bevindingen.map(\.regel) == ["passende-cofinanciering"], "tranche \(tranche)")
            #expect(report.bevindingen.allSatisfy { $0.ernst == "info" })
            #expect(report.nietVanToepassing.contains { $0.regel == "maximum-aandeel-rijk" })
        }
        let tranche2 = RuleCheck.check(
            Self.deal(tranche: 2, rijk: 15 * Self.million, regional: [10 * Self.million]), against: rules)
        #expect(tranche2.bevindingen.filter { $0.regel == "maximum-aandeel-rijk" }.map(\.ernst) == ["fout"])
        #expect(!tranche2.bevindingen.contains { $0.ernst == "info" })
    }

    @Test func thereIsExactlyOnePublicRegionalTreasurerThatIsNoWaterBoard() throws {
        func check(_ treasurers: [OrganisationType]) -> [RuleFinding] {
            var record = Self.deal(tranche: 4, rijk: 10 * Self.million)
            for (index, type) in treasurers.enumerated() {
                record.partners.append(
                    Partner(
                        id: "kassier-\(index)", organisation: "Kassier \(index)", type: type,
                        roles: [.regionalTreasurer]))
            }
            return findings(record, "regiokassier")
        }
        #expect(check([.province]).isEmpty)
        #expect(check([.municipality]).isEmpty)
        #expect(check([.jointArrangement]).isEmpty)
        #expect(check([]).first?.bericht == "Geen partner heeft de rol regiokassier; er moet precies één zijn.")
        #expect(
            check([.province, .municipality]).first?.bericht
                == "2 partners hebben de rol regiokassier; er mag er één zijn.")
        #expect(check([.waterBoard]).first?.bericht == "De regiokassier Kassier 0 is een waterschap; dat mag niet.")
        #expect(
            check([.company]).first?.bericht
                == "De regiokassier Kassier 0 is geen publieke regionale partner (bedrijf); toegestaan: provincie, gemeente, wgr-verband."
        )
        #expect(check([.ministry]).count == 1)
    }

    @Test(arguments: [("2023-08-24", true), ("2023-08-25", false), ("2023-06-01", true)])
    func theRijkPaysWithinTwelveWeeksAfterClosing(paid: String, passes: Bool) throws {
        var record = Self.deal(tranche: 4, rijk: 10 * Self.million)
        record.deal.closedOn = CalendarDate(iso: "2023-06-01")
        record.financeLines.append(
            FinanceLine(
                id: "betaling", partnerID: "bzk", year: 2023, kind: .realisation, sector: .publicMoney, form: .money,
                amount: EuroCents(cents: 10 * Self.million), date: CalendarDate(iso: paid)))
        #expect(met(record, "betaling-binnen-termijn") == passes)
        if !passes {
            let finding = try #require(findings(record, "betaling-binnen-termijn").first)
            #expect(
                finding.bericht
                    == "Het Rijk betaalde 85 dagen na het sluiten van de deal; de termijn is 12 weken (84 dagen).")
        }
    }

    @Test func theDemoDealMeetsEveryRuleThatApplies() throws {
        let demo = try BundledPortfolio.demoDeal().record
        let report = RuleCheck.check(demo, against: rules)
        #expect(report.bevindingen.isEmpty)
        #expect(report.nietGetoetst.isEmpty)
        #expect(
            report.voldaan.map(\.regel) == [
                "eenmalig", "bandbreedte-rijksbijdrage", "passende-cofinanciering", "regiokassier",
                "betaling-binnen-termijn",
            ])
    }

    @Test func aBrokenRuleSetNamesTheFieldAndTheFile() {
        let text = """
            instrument: regio-deal
            versie: 2
            geldigVanaf: "2025-02-03"
            regels:
              - {id: maximum-aandeel-rijk, titel: "x", ernst: fout, tranches: [7], bron: "y"}
            """
        #expect(throws: ValidationFailure.self) { try BundledPortfolio.rules(fromYAML: text, source: "regels.yaml") }
        do {
            _ = try BundledPortfolio.rules(fromYAML: text, source: "regels.yaml")
        } catch {
            #expect(
                error.issues.map(\.description) == [
                    "regels.yaml: regels[0].tranches: noem één of meer tranches van 1 tot en met 6",
                    "regels.yaml: regels[0].parameters.maximumProcent: ontbreekt; nodig voor 'maximum-aandeel-rijk'",
                ])
        }
    }
}
