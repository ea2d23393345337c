import Foundation

/// The words every comparison of deal regions with other regions carries: it is context,
/// never the deal's effect (essay §5.1: A rarely leads straight to B).
public let contextComparisonLabel = "context, geen effect van de deal"

/// One line of a trend chart: a region's (or a group's) values over time.
public struct TrendSeries: Sendable, Hashable, Codable {
    public var label: String
    public var values: [IndicatorValue]
    public var assessment: TrendAssessment?

    enum CodingKeys: String, CodingKey {
        case label = "naam"
        case values = "waarden"
        case assessment = "trend"
    }
}

/// Regions with a deal and the other regions on one measure: the mean per period of each
/// group, each with its trend, labelled as context.
public struct ContextComparison: Sendable, Hashable, Codable {
    public var label: String
    public var dealRegions: [RegionCode]
    public var otherRegions: [RegionCode]
    public var dealMean: TrendSeries
    public var otherMean: TrendSeries

    enum CodingKeys: String, CodingKey {
        case label = "duiding"
        case dealRegions = "regiosMetDeal"
        case otherRegions = "overigeRegios"
        case dealMean = "gemiddeldeMetDeal"
        case otherMean = "gemiddeldeOverige"
    }
}

/// One context measure of a deal: the trend per deal region with its rating, and the
/// comparison with the other regions of the same kind in the same table.
public struct ContextIndicatorView: Sendable, Hashable, Codable {
    public var table: ContextTable
    public var measure: ContextMeasure
    public var regions: [TrendSeries]
    public var comparison: ContextComparison?

    enum CodingKeys: String, CodingKey {
        case tableID = "tabel"
        case tableTitle = "tabelTitel"
        case source = "bron"
        case isFictional = "fictief"
        case measure = "maat"
        case regions = "regios"
        case comparison = "vergelijking"
    }

    public init(table: ContextTable, measure: ContextMeasure, regions: [TrendSeries], comparison: ContextComparison?) {
        self.table = table
        self.measure = measure
        self.regions = regions
        self.comparison = comparison
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        table = ContextTable(
            id: try container.decode(String.self, forKey: .tableID),
            title: try container.decode(String.self, forKey: .tableTitle),
            source: try container.decode(String.self, forKey: .source),
            isFictional: try container.decode(Bool.self, forKey: .isFictional))
        measure = try container.decode(ContextMeasure.self, forKey: .measure)
        regions = try container.decode([TrendSeries].self, forKey: .regions)
        comparison = try container.decodeIfPresent(ContextComparison.self, forKey: .comparison)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(table.id, forKey: .tableID)
        try container.encode(table.title, forKey: .tableTitle)
        try container.encode(table.source, forKey: .source)
        try container.encode(table.isFictional, forKey: .isFictional)
        try container.encode(measure, forKey: .measure)
        try container.encode(regions, forKey: .regions)
        try container.encode(comparison, forKey: .comparison)
    }

    /// The views of every measure of `table` that has a value for one of `dealRegions`,
    /// in the order of the table's measures (then by code). `observations` are all of the
    /// table's observations; the comparison takes the other regions of the kinds the deal
    /// regions have (municipalities with municipalities), never the country.
    public static func views(
        table: ContextTable, observations: [ContextObservation], dealRegions: [RegionCode]
    ) -> [ContextIndicatorView] {
        let deal = Set(dealRegions)
        let kinds = Set(dealRegions.map(\.kind))
        let byMeasure = Dictionary(grouping: observations.filter { $0.tableID == table.id }, by: \.measure)
        let order = table.measures.map(\.code)
        let codes = byMeasure.keys.sorted { lhs, rhs in
            switch (order.firstIndex(of: lhs), order.firstIndex(of: rhs)) {
            case (let l?, let r?): l < r
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): lhs < rhs
            }
        }
        var views: [ContextIndicatorView] = []
        for code in codes {
            let measure = table.measure(code)
            let rows = byMeasure[code] ?? []
            guard rows.contains(where: { deal.contains($0.region) && $0.value != nil }) else { continue }
            let byRegion = Dictionary(grouping: rows, by: \.region)
            func values(_ region: RegionCode) -> [IndicatorValue] {
                (byRegion[region] ?? []).compactMap { row in
                    row.value.map { IndicatorValue(period: row.period, value: $0) }
                }
                .sorted { $0.period < $1.period }
            }
            let regionSeries = dealRegions.filter { byRegion[$0] != nil }.map { region in
                let series = values(region)
                return TrendSeries(
                    label: region.code, values: series,
                    assessment: TrendRule.assess(series, direction: measure.direction))
            }
            let others = byRegion.keys.filter { !deal.contains($0) && kinds.contains($0.kind) && $0.kind != .country }
                .sorted()
            var comparison: ContextComparison?
            if !others.isEmpty {
                let dealMean = mean(of: dealRegions.map(values))
                let otherMean = mean(of: others.map(values))
                comparison = ContextComparison(
                    label: contextComparisonLabel, dealRegions: dealRegions.filter { byRegion[$0] != nil },
                    otherRegions: others,
                    dealMean: TrendSeries(
                        label: "regio's met de deal (gemiddelde)", values: dealMean,
                        assessment: TrendRule.assess(dealMean, direction: measure.direction)),
                    otherMean: TrendSeries(
                        label: "overige regio's (gemiddelde)", values: otherMean,
                        assessment: TrendRule.assess(otherMean, direction: measure.direction)))
            }
            views.append(
                ContextIndicatorView(table: table, measure: measure, regions: regionSeries, comparison: comparison))
        }
        return views
    }

    /// The unweighted mean per period of the regions that have a value in it.
    static func mean(of series: [[IndicatorValue]]) -> [IndicatorValue] {
        var sums: [IndicatorPeriod: (Double, Int)] = [:]
        for value in series.joined() {
            let (sum, count) = sums[value.period] ?? (0, 0)
            sums[value.period] = (sum + value.value, count + 1)
        }
        return sums.map { IndicatorValue(period: $0.key, value: $0.value.0 / Double($0.value.1)) }
            .sorted { $0.period < $1.period }
    }
}
