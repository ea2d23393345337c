import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange

/// The IATI 2.03 mapping (issue 15, item 3; docs/iati.md): money in euros from cents, periods as
/// their exact days, and nothing the data does not have. The XSD check is in Tests/Python/test_iati.py.
@Suite struct IATIExportTests {
    let export = IATIExport(
        reporter: .placeholder, generatedAt: Date(timeIntervalSince1970: 0),
        today: CalendarDate(iso: "2026-12-02")!)

    func record(closedOn: String?, fictional: Bool = false) -> DealRecord {
        DealRecord(
            deal: PortfolioDeal(
                id: "regio-deal-9-proef", name: "Proef", tranche: 3, rijkContribution: EuroCents(cents: 1_500_000_050),
                source: "https://example.org/bron — “het Rijk draagt bij”",
                closedOn: closedOn.flatMap(CalendarDate.init(iso:)), isFictional: fictional),
            partners: [
                Partner(
                    id: "gemeente-proef", organisation: "Gemeente Proef & Co", type: .municipality, roles: [.funder])
            ],
            financeLines: [
                FinanceLine(
                    id: "f1", partnerID: "gemeente-proef", year: 2024, kind: .commitment, sector: .publicMoney,
                    form: .money, amount: EuroCents(cents: 12_345)),
                FinanceLine(
                    id: "f2", partnerID: "gemeente-proef", year: 2024, kind: .realisation, sector: .publicMoney,
                    form: .money, amount: EuroCents(cents: 7), date: CalendarDate(iso: "2024-05-01")),
            ],
            programmeLines: [ProgrammeLine(id: "wonen", name: "Wonen")])
    }

    @Test("A deal without a day of signing is left out with the reason, not given an invented date")
    func noDayNoActivity() {
        let document = export.document([IATIActivitySource(record: record(closedOn: nil))])
        #expect(document.activityCount == 0)
        #expect(document.omitted.map(\.dealID) == ["regio-deal-9-proef"])
        #expect(document.xml.contains("regio-deal-9-proef (geen dag van ondertekening bekend"))
        #expect(!document.xml.contains("<iati-activity "))
    }

    @Test("Cents become euros with two decimals; text is escaped; the id carries the reporter's prefix")
    func moneyAndText() {
        let xml = export.document([IATIActivitySource(record: record(closedOn: "2020-03-01"))]).xml
        #expect(xml.contains("<iati-identifier>XX-VLIEGWIEL-NIET-INGESTELD-regio-deal-9-proef</iati-identifier>"))
        #expect(xml.contains(#"<iati-activity xml:lang="nl" default-currency="EUR""#))
        #expect(xml.contains(">123.45</value>"))
        #expect(xml.contains(">0.07</value>"))
        #expect(xml.contains(">15000000.50</value>"))
        #expect(xml.contains("Gemeente Proef &amp; Co"))
        #expect(xml.contains(#"<activity-date type="2" iso-date="2020-03-01">"#))
        #expect(xml.contains(#"<tag vocabulary="99" code="wonen">"#))
        #expect(xml.contains(#"url="https://example.org/bron""#))
        #expect(!xml.contains("FICTIEF"))
    }

    @Test("The fictional deal says so in its title and first description, and gets no Rijk amount from a source")
    func fictionalIsMarked() {
        let xml = export.document([IATIActivitySource(record: record(closedOn: "2020-03-01", fictional: true))]).xml
        #expect(xml.contains("<narrative>FICTIEF VOORBEELD — Regio Deal Proef</narrative>"))
        #expect(xml.contains("Fictief voorbeeld: deze deal bestaat niet"))
        #expect(!xml.contains("Rijksoverheid"))
    }

    @Test("Indicator periods become their exact first and last days")
    func periodsAreExact() {
        var indicators = ArrangementIndicators(arrangementID: "regio-deal-9-proef")
        indicators.programme = [
            ProgrammeIndicator(
                id: "banen", name: "Banen", unit: "aantal", source: "telling", direction: .higherIsBetter,
                baseline: IndicatorValue(period: IndicatorPeriod(year: 2020), value: 10),
                targets: [IndicatorValue(period: IndicatorPeriod(code: "2024KW01")!, value: 12.5)],
                actuals: [IndicatorValue(period: IndicatorPeriod(code: "2024MM02")!, value: 11)])
        ]
        let xml = export.document([
            IATIActivitySource(record: record(closedOn: "2020-03-01"), indicators: indicators)
        ]).xml
        #expect(xml.contains(#"<baseline year="2020" value="10">"#))
        #expect(xml.contains(#"<period-start iso-date="2024-01-01">"#))
        #expect(xml.contains(#"<period-end iso-date="2024-03-31">"#))
        #expect(xml.contains(#"<target value="12.5">"#))
        #expect(xml.contains(#"<period-end iso-date="2024-02-29">"#))
    }

    @Test("An identifier that is no AGENCY-ID is refused; the placeholder is accepted")
    func identifiers() {
        #expect(IATIReportingOrganisation.problem(with: "NL-OIN-00000001234567890000") == nil)
        #expect(IATIReportingOrganisation.problem(with: IATIReportingOrganisation.placeholderIdentifier) == nil)
        #expect(IATIReportingOrganisation.problem(with: "geen id") != nil)
        #expect(IATIReportingOrganisation.problem(with: "NL-") != nil)
    }
}
