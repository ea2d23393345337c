import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// The indicators of an arrangement as a page section (issue 6 item 3): programme indicators
/// first, then — apart and labelled as context — the context indicators of its regions.
/// The dossier page reuses it through ``SitePages/indicatorSection(id:indicators:)``.
struct IndicatorSection: Sendable {
    struct TargetRow: Sendable {
        var period: String
        var target: String
        var actual: String
        var status: String
        /// A sign beside the words, so that a column of states can be scanned (usability review).
        var sign: String

        static func sign(_ status: ProgrammeIndicator.TargetStatus) -> String {
            switch status {
            case .met: "✓"
            case .notMet: "✗"
            case .noActual: "…"
            }
        }
    }

    struct ProgrammeRow: Sendable {
        var id: String
        var headingID: String
        var name: String
        var unit: String
        var direction: String
        var source: String
        var baseline: String
        var targets: [TargetRow]
        var actuals: String
        /// The trend: the baseline and the actuals over time, against the targets.
        var chart: HTML
        /// Where the chart's value axis starts.
        var axisNote: String
    }

    struct SeriesRow: Sendable {
        var label: String
        var values: [String]
        var rating: String
        var explanation: String
    }

    struct ComparisonView: Sendable {
        var label: String
        var dealRegions: String
        var otherRegions: String
        var period: String
        var chart: HTML
        var rows: [SeriesRow]
    }

    struct ContextRow: Sendable {
        var headingID: String
        var name: String
        var unit: String
        var direction: String
        var theme: String?
        var table: String
        var source: String
        var isFictional: Bool
        var chart: HTML
        /// Where the chart's value axis starts.
        var axisNote: String
        var periods: [String]
        var rows: [SeriesRow]
        var comparison: ComparisonView?
    }

    var isFictional: Bool
    var regions: String
    var hasRegions: Bool
    var programme: [ProgrammeRow]
    var context: [ContextRow]
    var ratingRule: String
    var contextLabel: String
}

extension IndicatorSection {
    /// The names of the CBS areas that Vliegwiel ships (gemeenten, provincies), by code.
    static var shippedRegionNames: [String: String] {
        ((try? CuratedPortfolioFiles.regions()) ?? [:]).mapValues(\.name)
    }

    /// `report` as the page shows it; a region is named by `regionNames` where its code has a
    /// name (usability review: "FX0001" and "GM0153" mean nothing to a reader), by its code otherwise.
    init(_ report: IndicatorReport, regionNames: [String: String] = IndicatorSection.shippedRegionNames) {
        let n = IndicatorNumber.format
        func name(_ code: String) -> String { regionNames[code] ?? code }
        func named(_ code: RegionCode) -> String { regionNames[code.code].map { "\($0) (\(code.code))" } ?? code.code }
        isFictional = report.isFictional
        regions = report.regions.map(named).joined(separator: ", ")
        hasRegions = !report.regions.isEmpty
        programme = report.programme.map { indicator in
            ProgrammeRow(
                id: indicator.id, headingID: "programma-\(indicator.id)", name: indicator.name, unit: indicator.unit,
                direction: indicator.direction.label, source: indicator.source,
                baseline: "\(n(indicator.baseline.value)) (\(indicator.baseline.period.label))",
                targets: indicator.progress.map {
                    TargetRow(
                        period: $0.target.period.label, target: n($0.target.value), actual: $0.actual.map(n) ?? "—",
                        status: $0.status.label,
                        sign: TargetRow.sign($0.status))
                },
                actuals: indicator.actuals.isEmpty
                    ? "nog geen"
                    : indicator.actuals.sorted { $0.period < $1.period }.map { "\($0.period.label): \(n($0.value))" }
                        .joined(separator: "; "),
                chart: Self.programmeChart(indicator),
                axisNote: TrendChart.axisNote(
                    ([indicator.baseline] + indicator.actuals + indicator.targets).map(\.value)))
        }
        context = report.context.enumerated().map { index, view in
            let measure = view.measure
            var lines = view.regions.map { series in
                var named = series
                named.label = name(series.label)
                return named
            }
            if let comparison = view.comparison { lines.append(comparison.otherMean) }
            let periods = Array(Set(lines.flatMap { $0.values.map(\.period) })).sorted()
            func row(_ series: TrendSeries) -> SeriesRow {
                let byPeriod = Dictionary(series.values.map { ($0.period, $0.value) }, uniquingKeysWith: { a, _ in a })
                return SeriesRow(
                    label: series.label, values: periods.map { byPeriod[$0].map(n) ?? "—" },
                    rating: series.assessment?.rating.rawValue ?? "geen oordeel",
                    explanation: series.assessment?.explanation ?? "te weinig waarden of gewenste richting onbekend")
            }
            let id = "context-\(index + 1)"
            let unit = measure.unit.isEmpty ? "eenheid onbekend" : measure.unit
            var comparisonView: ComparisonView?
            if let comparison = view.comparison, let last = comparison.dealMean.values.last?.period {
                let bars: [BarChart.Bar] =
                    view.regions.compactMap { series in
                        series.values.last { $0.period == last }.map {
                            BarChart.Bar(label: name(series.label) + " (deal)", value: $0.value, style: "bar-dominant")
                        }
                    }
                    + [comparison.dealMean, comparison.otherMean].compactMap { series in
                        series.values.last { $0.period == last }.map {
                            BarChart.Bar(label: series.label, value: $0.value)
                        }
                    }
                let maximum = bars.map(\.value).max() ?? 0
                comparisonView = ComparisonView(
                    label: comparison.label, dealRegions: comparison.dealRegions.map(named).joined(separator: ", "),
                    otherRegions: comparison.otherRegions.map(named).joined(separator: ", "), period: last.label,
                    chart: HTML(
                        generated: BarChart.svg(
                            id: id + "-vergelijking",
                            title: "\(measure.name) in \(last.label): regio's met de deal en overige regio's",
                            description: "Context, geen effect van de deal. De cijfers staan in de tabel hieronder.",
                            bars: bars, maximum: maximum > 0 ? maximum : 1, format: { "\(n($0)) \(measure.unit)" })),
                    rows: [row(comparison.dealMean), row(comparison.otherMean)])
            }
            let axisNote = TrendChart.axisNote(lines.flatMap { $0.values.map(\.value) })
            return ContextRow(
                headingID: id, name: measure.name, unit: unit,
                direction: measure.direction?.label ?? "gewenste richting onbekend", theme: measure.theme?.label,
                table: "\(view.table.title) (\(view.table.id))", source: view.table.source,
                isFictional: view.table.isFictional,
                chart: HTML(
                    generated: TrendChart.svg(
                        id: id + "-trend", title: "\(measure.name) per periode (\(unit))",
                        description:
                            "Trend per regio met de deal en het gemiddelde van de overige regio's. \(axisNote) De cijfers staan in de tabel hieronder.",
                        unit: unit, series: lines)),
                axisNote: axisNote, periods: periods.map(\.label), rows: lines.map(row), comparison: comparisonView)
        }
        ratingRule = IndicatorReport.ratingRule
        contextLabel = contextComparisonLabel
    }

    /// A programme indicator's trend and targets (usability review: the indicators a manager
    /// steers had no chart): what was measured, from the baseline through the actuals, as a
    /// solid line with round points, and the targets as a dashed line with square points.
    static func programmeChart(_ indicator: ProgrammeIndicator) -> HTML {
        let n = IndicatorNumber.format
        let measured = [indicator.baseline] + indicator.actuals.sorted { $0.period < $1.period }
        let targets = indicator.targets.sorted { $0.period < $1.period }
        let list = { (values: [IndicatorValue]) in
            values.map { "\($0.period.label): \(n($0.value))" }.joined(separator: ", ")
        }
        var description =
            "Nulmeting \(indicator.baseline.period.label): \(n(indicator.baseline.value)) \(indicator.unit)"
        description +=
            indicator.actuals.isEmpty
            ? "; nog geen realisaties" : "; realisaties \(list(Array(measured.dropFirst())))"
        description += targets.isEmpty ? "; geen streefwaarden" : "; streefwaarden \(list(targets))"
        description +=
            ". " + TrendChart.axisNote(([indicator.baseline] + indicator.actuals + indicator.targets).map(\.value))
        var lines = [
            TrendChart.Line(
                label: "Gemeten: nulmeting en realisaties", values: measured, dash: nil, marker: .circle)
        ]
        if !targets.isEmpty {
            lines.append(TrendChart.Line(label: "Streefwaarde", values: targets, dash: "8 4", marker: .square))
        }
        return HTML(
            generated: TrendChart.svg(
                id: "programma-\(indicator.id)-trend", title: "\(indicator.name): gemeten en streefwaarde",
                description: description, unit: indicator.unit, lines: lines))
    }
}

/// The page `/arrangementen/{id}/indicatoren`.
struct IndicatorsPage: Sendable {
    var layout: Layout
    var id: String
    var name: String
    var arrangementHref: String
    var section: IndicatorSection
    var downloads: [Download]
}

extension SitePages {
    /// The indicator section of arrangement `id`, for its own page and for the dossier.
    func indicatorSection(id: String, indicators: any IndicatorStore) async throws -> IndicatorSection {
        IndicatorSection(try await indicators.report(for: id))
    }

    func indicatorsPage(
        _ arrangement: Arrangement, indicators: any IndicatorStore, query: [String: [String]]
    ) async throws -> IndicatorsPage {
        IndicatorsPage(
            layout: layout(
                "Indicatoren van \(arrangement.name)", .indicators(arrangement.id),
                place: try await place(of: arrangement)),
            id: arrangement.id, name: arrangement.name,
            arrangementHref: SiteURL.arrangement(arrangement.id).href(),
            section: try await indicatorSection(id: arrangement.id, indicators: indicators),
            downloads: Download.formats(of: .indicators(arrangement.id), json: false))
    }
}
