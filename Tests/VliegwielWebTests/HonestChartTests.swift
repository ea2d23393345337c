import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielInterchange
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

extension HonestChartTests {
    static let demo = "fictief-regio-deal-voorbeeld"

    /// The `<text …>` contents of `svg`, with their x position.
    static func texts(in svg: String) -> [(x: Double, text: String)] {
        let pattern = /<text x="([0-9.]+)"[^>]*>([^<]*)<\/text>/
        return svg.matches(of: pattern).map { (Double($0.output.1) ?? 0, String($0.output.2)) }
    }

    @Test func programmeIndicatorsHaveATrendChartAgainstTheirTargetsWithALegendAndAnAxisFromZero() async throws {
        let app = try await TestApplication([.catalogue, .portfolio, .fictionalExamples])
        let report = try await app.stores.indicators.report(for: Self.demo)
        try #require(!report.programme.isEmpty)
        try await app.test(.router) { client in
            let page = try await client.get(SiteURL.indicators(Self.demo).path).text
            for indicator in report.programme {
                let chart = try #require(
                    Self.svg(#"aria-labelledby="programma-\#(indicator.id)-trend-title"#, in: page))
                let texts = Self.texts(in: chart)
                // The unit names the axis; the legend names both lines.
                #expect(texts.contains { $0.text == BarChart.escape(indicator.unit) })
                #expect(texts.contains { $0.text == "Gemeten: nulmeting en realisaties" })
                #expect(texts.contains { $0.text == "Streefwaarde" } == !indicator.targets.isEmpty)
                // Every measured and target period is on the time axis.
                let periods = Set(([indicator.baseline] + indicator.actuals + indicator.targets).map(\.period))
                    .sorted()
                let xs = try periods.map { period in try #require(texts.first { $0.text == period.label }).x }
                // …in proportion to time: the gap between two periods is as wide as the time between them.
                if let first = periods.first, let last = periods.last, periods.count > 2 {
                    let perYear = (xs.last! - xs.first!) / (last.midpoint - first.midpoint)
                    for (period, x) in zip(periods, xs) {
                        #expect(abs(x - xs.first! - (period.midpoint - first.midpoint) * perYear) < 0.2)
                    }
                }
                // The axis starts at zero and reaches the highest value.
                let values = ([indicator.baseline] + indicator.actuals + indicator.targets).map(\.value)
                let axis = TrendChart.axis(values)
                #expect(axis.low == 0)
                #expect(axis.high >= values.max()!)
                #expect(texts.contains { $0.text == "0" })
                #expect(texts.contains { $0.text == IndicatorNumber.format(axis.high) })
                // The description says the numbers, for who cannot see the chart.
                #expect(chart.contains("Nulmeting \(indicator.baseline.period.label): "))
                for actual in indicator.actuals {
                    #expect(chart.contains("\(actual.period.label): \(IndicatorNumber.format(actual.value))"))
                }
            }
        }
    }

    @Test func contextChartsHaveALegendInsteadOfClippedLineLabelsAndAnAxisFromZero() async throws {
        let app = try await TestApplication([.catalogue, .portfolio, .fictionalExamples])
        let report = try await app.stores.indicators.report(for: Self.demo)
        try #require(!report.context.isEmpty)
        try await app.test(.router) { client in
            let page = try await client.get(SiteURL.indicators(Self.demo).path).text
            for (index, view) in report.context.enumerated() {
                let chart = try #require(Self.svg(#"aria-labelledby="context-\#(index + 1)-trend-title"#, in: page))
                let texts = Self.texts(in: chart)
                var labels = view.regions.map(\.label)
                if let comparison = view.comparison { labels.append(comparison.otherMean.label) }
                for label in labels {
                    // In the legend, from its left edge: at 14 px a character is well under 9 px wide.
                    let entry = try #require(texts.first { $0.text == BarChart.escape(label) })
                    #expect(entry.x == 50)
                    #expect(entry.x + Double(label.count) * 9 <= 640)
                }
                #expect(texts.contains { $0.text == view.measure.unit })
                let values =
                    view.regions.flatMap { $0.values.map(\.value) }
                    + (view.comparison?.otherMean.values.map(\.value) ?? [])
                if values.allSatisfy({ $0 >= 0 }) { #expect(texts.contains { $0.text == "0" }) }
            }
        }
    }

    @Test func regionsAreNamedWhereTheirNameIsKnown() throws {
        let names = try CuratedPortfolioFiles.regions()
        let (enschede, hengelo) = ("GM0153", "GM0164")
        let enschedeName = try #require(names[enschede]?.name)
        let hengeloName = try #require(names[hengelo]?.name)
        let table = ContextTable(
            id: "T", title: "Tabel", source: "CBS",
            measures: [ContextMeasure(code: "M", name: "Maat", theme: nil, unit: "%", direction: .higherIsBetter)])
        let observations = [enschede, hengelo].flatMap { code in
            [2021, 2022].map { year in
                ContextObservation(
                    tableID: "T", measure: "M", region: RegionCode(code)!, period: IndicatorPeriod(year: year),
                    value: Double(year - 2000))
            }
        }
        let indicators = ArrangementIndicators(
            arrangementID: "a", regions: [RegionCode(enschede)!], programme: [])
        let section = IndicatorSection(
            IndicatorReport(arrangementID: "a", indicators: indicators, tables: [(table, observations)]))
        #expect(section.regions == "\(enschedeName) (\(enschede))")
        let context = try #require(section.context.first)
        #expect(context.rows.first?.label == enschedeName)
        #expect(context.chart.text.contains(">\(enschedeName)</text>"))
        #expect(!context.chart.text.contains(">\(enschede)</text>"))
        #expect(context.comparison?.otherRegions == "\(hengeloName) (\(hengelo))")
    }
}

// MARK: What-if

extension HonestChartTests {
    static let whatIfQuery =
        "arrangement=regio-deal&resultaatgericht.doel=streefwaarden&resultaatgericht.resultaatbegrip=prestatieafspraken"

    static func whatIf(_ app: TestApplication, _ id: String, _ changes: [String: String]) async throws -> WhatIf {
        let arrangement = try #require(try await app.stores.arrangements.arrangement(id: id))
        return try WhatIf(
            arrangement,
            changes: changes.map { DimensionChange(dimension: ProfileDimension.named($0.key)!, codes: [$0.value]) })
    }

    @Test func theWhatIfOutcomeComesFirstWithItsChartBeforeAndAfter() async throws {
        let app = try await TestApplication([.catalogue])
        let result = try await Self.whatIf(
            app, "regio-deal",
            ["resultaatgericht.doel": "streefwaarden", "resultaatgericht.resultaatbegrip": "prestatieafspraken"])
        try await app.test(.router) { client in
            let page = try await client.get(SiteURL.whatIf(arrangementID: nil).path + "?" + Self.whatIfQuery).text
            // The outcome stands above the form, and the form comes back to it.
            let outcome = try #require(page.range(of: #"<section id="resultaat""#))
            let form = try #require(page.range(of: #"name="resultaatgericht.doel""#))
            #expect(outcome.lowerBound < form.lowerBound)
            #expect(page.contains(#"action="/wat-als#resultaat""#))
            // Both series, each bar saying which it is, and a legend.
            let chart = try #require(Self.svg(#"aria-labelledby="perspectieven-voor-en-na-title"#, in: page))
            #expect(chart.contains(BeforeAfterChart.beforeLabel) && chart.contains(BeforeAfterChart.afterLabel))
            #expect(chart.contains(#"fill="url(#perspectieven-voor-en-na-arcering)""#))
            for shift in result.weightShifts {
                #expect(chart.contains(">\(shift.perspective.label)</text>"))
                #expect(chart.contains(">voor: \(shift.pointsBefore) punten</text>"))
                #expect(chart.contains(">na: \(shift.pointsAfter) punten</text>"))
            }
            #expect(result.weightShifts.contains { $0.pointsBefore != $0.pointsAfter })
        }
    }

    @Test func theWhatIfHintsBelongToTheArrangementTheFormChanges() async throws {
        let app = try await TestApplication([.catalogue])
        let regioDeal = try #require(try await app.stores.arrangements.arrangement(id: "regio-deal"))
        let woondeal = try #require(try await app.stores.arrangements.arrangement(id: "woondeal"))
        let differing = try #require(
            ProfileDimension.all.first { dimension in
                let (a, b) = (dimension.reading(of: regioDeal.profile), dimension.reading(of: woondeal.profile))
                return a.isStated && b.isStated && a.entries.map(\.label) != b.entries.map(\.label)
            })
        try await app.test(.router) { client in
            let page = try await client.get(SiteURL.whatIf(arrangementID: nil).path + "?arrangement=woondeal").text
            let form = try #require(page.range(of: #"<form method="get" action="/wat-als#resultaat">"#))
            let changeForm = String(page[form.lowerBound...])
            #expect(changeForm.contains(#"<input type="hidden" name="arrangement" value="woondeal">"#))
            // The arrangement is chosen in its own form above, never in the one with the hints.
            #expect(!changeForm.contains(#"<select id="veld-arrangement""#))
            let now = differing.reading(of: woondeal.profile).entries.map(\.label).joined(separator: " én ")
            let before = differing.reading(of: regioDeal.profile).entries.map(\.label).joined(separator: " én ")
            let field = try #require(changeForm.range(of: #"<label for="\#(DesignForm.fieldID(differing))">"#))
            let label = changeForm[field.upperBound...].prefix { $0 != "\n" }
            #expect(label.contains("(nu: \(now))"))
            #expect(!label.contains("(nu: \(before))"))
            #expect(page.contains("Wat als \(woondeal.name) anders was?"))
        }
    }

    @Test func aWhatIfThatChangesNothingSaysUnchangedInsteadOfAnEmptySection() async throws {
        let app = try await TestApplication([.catalogue])
        let regioDeal = try #require(try await app.stores.arrangements.arrangement(id: "regio-deal"))
        // Every stated single choice "changed" to itself: nothing follows from it.
        let same = ProfileDimension.all.compactMap { dimension -> (String, String)? in
            guard dimension.vocabulary != nil, let codes = dimension.codes(in: regioDeal.profile), codes.count == 1
            else { return nil }
            return (dimension.id, codes[0])
        }
        let (id, code) = try #require(same.first)
        let result = try await Self.whatIf(app, "regio-deal", [id: code])
        try #require(result.consequencesAdded.isEmpty && result.consequencesRemoved.isEmpty)
        try #require(result.approachesAdded.isEmpty && result.approachesRemoved.isEmpty)
        try await app.test(.router) { client in
            let page = try await client.get(
                SiteURL.whatIf(arrangementID: nil).path + "?arrangement=regio-deal&\(id)=\(code)"
            ).text
            #expect(page.contains("<p>Ongewijzigd: er komt geen gevolg bij en er vervalt er geen.</p>"))
            #expect(page.contains("<p>Ongewijzigd: dezelfde evaluatievormen passen.</p>"))
            #expect(!page.contains("<ul>\n</ul>") && !page.contains("<ul></ul>"))
        }
    }
}

// MARK: Contribution graph

extension HonestChartTests {
    static let graphPage = "/arrangementen/fictief-regio-deal-voorbeeld/bijdragegraaf"

    /// The text a reader sees in `html`: no tags, attributes, SVG titles or descriptions.
    static func visibleText(_ html: String) -> String {
        html.replacing(/<title[^>]*>[^<]*<\/title>|<desc[^>]*>[^<]*<\/desc>/, with: "")
            .replacing(/<[^>]*>/, with: " ")
    }

    @Test func theContributionGraphHasALegendForItsBoxesAndLinesInTextOfSmallPrintSize() async throws {
        try await TestApplication([.catalogue, .portfolio, .fictionalExamples]).test(.router) { client in
            let page = try await client.get(Self.graphPage).text
            let svg = try #require(Self.svg(#"aria-labelledby="bijdragegraaf-title"#, in: page))
            // Every kind of box in the graph and every strength of link is explained in the figure.
            for box in ContributionDiagram.legendBoxes {
                #expect(svg.contains(#"<g class="graph-node graph-node--\#(box.kind.rawValue)"><rect"#))
                #expect(svg.contains(">\(BarChart.escape(box.label))</text>"))
            }
            let graph = try #require(ContributionGraphHistory.fictionalExample.current?.graph)
            for kind in Set(graph.nodes.map(\.kind)) {
                #expect(
                    ContributionDiagram.legendBoxes.contains {
                        $0.kind == kind || ($0.kind == .thirdPartyIntervention && kind == .contextFactor)
                            || ($0.kind == .partialEffect && kind == .condition)
                    })
            }
            for strength in [EvidenceStrength.none, .weak, .reasonable, .strong] {
                #expect(svg.contains(">\(ContributionDiagram.legendLine(strength))</text>"))
            }
            // Drawn at its own size: one unit is one CSS pixel, so the stylesheet's size is the size read.
            let size = try #require(svg.firstMatch(of: /viewBox="0 0 (\d+) (\d+)" width="(\d+)" height="(\d+)"/))
            #expect(size.output.1 == size.output.3 && size.output.2 == size.output.4)
            let css = try await client.get(SiteURL.stylesheet.path).text
            let rule = try #require(css.firstMatch(of: /\.graph text \{[^}]*font-size: (\d+)px/))
            #expect(Int(rule.output.1)! >= 12)
        }
    }

    @Test func theContributionGraphPageShowsNamesNotKeys() async throws {
        let app = try await TestApplication([.catalogue, .portfolio, .fictionalExamples])
        let graph = try #require(ContributionGraphHistory.fictionalExample.current?.graph)
        let projects = try await app.stores.portfolio.record(id: Self.demo)?.projects ?? []
        try await app.test(.router) { client in
            let page = try await client.get(Self.graphPage).text
            let main = try #require(page.firstRange(of: "<main")).lowerBound
            let visible = Self.visibleText(String(page[main...]))
            // Keys with a hyphen cannot be mistaken for words of a name.
            let keys = (graph.links.map(\.id) + graph.nodes.map(\.id)).filter { $0.contains("-") }
            try #require(!keys.isEmpty)
            for key in keys { #expect(!visible.contains(key), "\(key)") }
            #expect(!visible.contains("rivaliserendeVerklaringen"))
            for node in graph.nodes {
                if let id = node.projectID, let project = projects.first(where: { $0.id == id }) {
                    #expect(visible.contains("project \(project.name)"))
                    #expect(!visible.contains("project \(id)"))
                }
            }
        }
    }
}

extension HonestChartTests {
    @Test func anAxisBelowZeroSaysSoInsteadOfClaimingToStartAtZero() throws {
        let values = [2.0, -1.5, 0.5]
        let indicator = ProgrammeIndicator(
            id: "saldo", name: "Saldo", unit: "procentpunt", source: "Monitor (fictief)", direction: .higherIsBetter,
            baseline: IndicatorValue(period: IndicatorPeriod(year: 2022), value: values[0]),
            targets: [IndicatorValue(period: IndicatorPeriod(year: 2024), value: values[2])])
        var measured = indicator
        measured.actuals = [IndicatorValue(period: IndicatorPeriod(year: 2023), value: values[1])]
        let section = IndicatorSection(
            IndicatorReport(
                arrangementID: "a",
                indicators: ArrangementIndicators(arrangementID: "a", regions: [], programme: [measured]),
                tables: []))
        let low = TrendChart.axis(values).low
        #expect(low < 0)
        let row = try #require(section.programme.first)
        #expect(row.axisNote.contains("begint bij \(IndicatorNumber.format(low)), onder 0"))
        #expect(!row.chart.text.contains("De as begint bij 0."))
        #expect(row.chart.text.contains(">\(IndicatorNumber.format(low))</text>"))
        // Without negative values the axis starts at zero and says so.
        #expect(TrendChart.axisNote([1, 2]) == "De as begint bij 0.")
    }

    // MARK: Remainders of the ledger

    /// A form without JavaScript sends every field; the what-if page keeps only what was changed
    /// in its address (usability review: 26 empty parameters after sending the form).
    @Test func theWhatIfAddressKeepsOnlyWhatWasChanged() async throws {
        let app = try await TestApplication([.catalogue])
        try await app.test(.router) { client in
            let sent = try await client.get(
                "/wat-als?arrangement=regio-deal&resultaatgericht.doel=streefwaarden&samenwerkend.rolRijk=&interbestuurlijk.ministeries=+"
            )
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.location] == "/wat-als?arrangement=regio-deal&resultaatgericht.doel=streefwaarden")
            let clean = try await client.get(sent.headers[.location] ?? "")
            #expect(clean.status == .ok)
        }
    }

    /// Each target's state has a sign beside its words, so that a column can be scanned.
    @Test func eachTargetStateHasASignBesideItsWords() async throws {
        let app = try await TestApplication([.catalogue, .portfolio, .fictionalExamples])
        let report = try await app.stores.indicators.report(for: Self.demo)
        let progress = report.programme.flatMap(\.progress)
        try #require(!progress.isEmpty)
        try await app.test(.router) { client in
            let page = try await client.get(SiteURL.indicators(Self.demo).path).text
            #expect(
                page.components(separatedBy: #"<span class="status-sign" aria-hidden="true">"#).count - 1
                    == progress.count)
            for item in progress {
                let sign =
                    switch item.status {
                    case .met: "✓"
                    case .notMet: "✗"
                    case .noActual: "…"
                    }
                #expect(page.contains(#"aria-hidden="true">\#(sign)</span> \#(item.status.label)</td>"#))
            }
        }
    }
}
