import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielStorage

@testable import VliegwielWeb

/// Honest, readable charts (issue 16 item 6; usability review: a portfolio chart that ignores
/// unknown amounts, a what-if chart with only "after", programme indicators without a chart,
/// clipped labels and a truncated axis, a graph without a legend in 11-px text). Every figure
/// expected here is computed from the stores, not typed in.
@Suite struct HonestChartTests {
    /// The `<svg …>…</svg>` whose opening tag contains `marker`.
    static func svg(_ marker: String, in page: String) -> String? {
        guard let start = page.range(of: marker),
            let open = page[..<start.lowerBound].range(of: "<svg", options: .backwards),
            let end = page[start.upperBound...].range(of: "</svg>")
        else { return nil }
        return String(page[open.lowerBound..<end.upperBound])
    }

    // MARK: Portfolio

    @Test func thePortfolioChartCountsDealsWithoutAKnownAmountInsteadOfDrawingThemAsZero() async throws {
        let app = try await TestApplication([.catalogue, .portfolio])
        let deals = try await app.stores.portfolio.portfolio()
        let summary = PortfolioSummary(deals: deals)
        let withUnknown = summary.tranches.filter { $0.aantalOnbekend > 0 }
        try #require(!withUnknown.isEmpty, "the shipped portfolio has a deal without a known amount")
        try await app.test(.router) { client in
            let page = try await client.get(SiteURL.portfolio.path).text
            let chart = try #require(Self.svg(#"aria-labelledby="rijksbijdrage-per-tranche-title"#, in: page))
            for tranche in summary.tranches {
                let count = tranche.aantalOnbekend == 1 ? "1 deal" : "\(tranche.aantalOnbekend) deals"
                let note = "+ \(count) zonder bekend bedrag, niet in de balk"
                #expect(chart.contains(note) == (tranche.aantalOnbekend > 0 && tranche.aantalBekend > 0))
            }
            #expect(page.contains("Een deal zonder bekend bedrag telt niet als nul"))
        }
        // A tranche with no known amount at all has no bar and says why.
        try await app.test(.router) { client in
            let tranche = try #require(withUnknown.first).tranche
            let page = try await client.get(SiteURL.portfolio.path + "?tranche=\(tranche)&bedrag=onbekend").text
            let chart = try #require(Self.svg(#"aria-labelledby="rijksbijdrage-per-tranche-title"#, in: page))
            let only = PortfolioSummary(
                deals: deals, query: PortfolioQuery(tranche: tranche, amount: .unknown))
            let count = try #require(only.tranches.first).aantalOnbekend
            #expect(chart.contains("\(count == 1 ? "1 deal" : "\(count) deals") zonder bekend bedrag: geen balk"))
            #expect(chart.contains(#"width="0.0""#))
        }
    }
}
