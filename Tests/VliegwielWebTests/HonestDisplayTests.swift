import Foundation
import Testing

@testable import VliegwielCore
@testable import VliegwielWeb

/// What a page says when something is not there: it says so in words, and says nothing where
/// there is nothing to say (usability review: empty fields, sentences with nothing after them).
@Suite struct HonestDisplayTests {
    static let layout = Layout(title: "Test", current: .home)

    @Test func anIndicatorWithoutActualsSaysNogGeen() throws {
        let indicator = ProgrammeIndicator(
            id: "banen", name: "Banen", unit: "aantal", source: "Monitor (fictief)", direction: .higherIsBetter,
            baseline: IndicatorValue(period: IndicatorPeriod(year: 2022), value: 1), targets: [])
        let indicators = ArrangementIndicators(arrangementID: "a", regions: [], programme: [indicator])
        let section = IndicatorSection(IndicatorReport(arrangementID: "a", indicators: indicators, tables: []))
        #expect(section.programme.map(\.actuals) == ["nog geen"])
        var withActual = indicator
        withActual.actuals = [IndicatorValue(period: IndicatorPeriod(year: 2024), value: 3)]
        let again = IndicatorSection(
            IndicatorReport(
                arrangementID: "a",
                indicators: ArrangementIndicators(arrangementID: "a", regions: [], programme: [withActual]),
                tables: []))
        #expect(again.programme.map(\.actuals) == ["2024: 3"])
    }

    @Test func aReferenceThatDiffersInNothingDoesNotSayWhereItDiffers() {
        let same = NearestView(name: "Regio Deal", href: "/arrangementen/regio-deal", distance: "0", differences: "")
        let other = NearestView(name: "Woondeal", href: "/arrangementen/woondeal", distance: "0,2", differences: "Doel")
        let t = UIText.dutch
        #expect(!ProfileSections.nearest(same, t).text.contains("verschilt in"))
        #expect(ProfileSections.nearest(other, t).text.contains("; verschilt in Doel"))
    }

    @Test func anAnswerWithNothingUnknownHasNoOnbekendLine() {
        let page = PortfolioReportPage(
            layout: Self.layout,
            answers: [
                PortfolioReport.Answer(question: "Welke doelen?", answer: "Alle.", unknown: ""),
                PortfolioReport.Answer(question: "Wat wordt gevolgd?", answer: "Weinig.", unknown: "Van 3 deals niet."),
            ], rows: [], source: "Algemene Rekenkamer",
            downloads: [Download(label: "JSON", href: "/x?formaat=json")])
        let html = page.main(nil).text
        #expect(html.components(separatedBy: "<strong>Onbekend:</strong>").count - 1 == 1)
        #expect(html.contains("<strong>Onbekend:</strong> Van 3 deals niet."))
    }
}
