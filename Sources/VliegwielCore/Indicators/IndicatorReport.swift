import Foundation

/// Everything Vliegwiel shows of an arrangement's indicators, the same in the CLI, the web
/// page and the API: the programme indicators with their progress, then — strictly apart —
/// the context indicators of the deal's regions with their trends and the comparison with
/// the other regions, which is context and never the deal's effect.
public struct IndicatorReport: Sendable, Hashable, Encodable {
    public var arrangementID: String
    public var isFictional: Bool
    public var regions: [RegionCode]
    public var programme: [ProgrammeIndicator]
    public var context: [ContextIndicatorView]

    /// `indicators` is `nil` when none were recorded; `tables` with all their observations.
    public init(
        arrangementID: String, indicators: ArrangementIndicators?, tables: [(ContextTable, [ContextObservation])]
    ) {
        self.arrangementID = arrangementID
        isFictional = indicators?.isFictional ?? false
        regions = indicators?.regions ?? []
        programme = indicators?.programme ?? []
        let regions = self.regions
        context =
            regions.isEmpty
            ? []
            : tables.flatMap { table, observations in
                ContextIndicatorView.views(table: table, observations: observations, dealRegions: regions)
            }
    }

    enum CodingKeys: String, CodingKey {
        case arrangementID = "arrangement"
        case isFictional = "fictief"
        case regions = "regios"
        case programme = "programmaIndicatoren"
        case context = "contextIndicatoren"
        case ratingRule = "oordeelsregel"
    }

    private struct ProgrammeEntry: Encodable {
        var indicator: ProgrammeIndicator
        func encode(to encoder: any Encoder) throws {
            try indicator.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(
                indicator.progress.map {
                    Progress(
                        periode: $0.target.period, streefwaarde: $0.target.value, realisatie: $0.actual,
                        status: $0.status)
                }, forKey: .progress)
        }
        enum Keys: String, CodingKey { case progress = "voortgang" }
        struct Progress: Encodable {
            var periode: IndicatorPeriod
            var streefwaarde: Double
            var realisatie: Double?
            var status: ProgrammeIndicator.TargetStatus
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(periode, forKey: .periode)
                try container.encode(streefwaarde, forKey: .streefwaarde)
                try container.encode(realisatie, forKey: .realisatie)
                try container.encode(status, forKey: .status)
            }
            enum CodingKeys: String, CodingKey { case periode, streefwaarde, realisatie, status }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(arrangementID, forKey: .arrangementID)
        try container.encode(isFictional, forKey: .isFictional)
        try container.encode(regions, forKey: .regions)
        try container.encode(programme.map(ProgrammeEntry.init), forKey: .programme)
        try container.encode(context, forKey: .context)
        try container.encode(Self.ratingRule, forKey: .ratingRule)
    }

    /// The rating rule in one sentence, shown wherever a rating is.
    public static let ratingRule =
        "Zo beoordeelt Vliegwiel een trend, naar het voorbeeld van de CBS Monitor Brede Welvaart: door minstens "
        + "\(TrendRule.minimumCount) waarden trekt het de rechte lijn die er het best bij past. Verandert die lijn "
        + "minder dan 0,5 % van het gemiddelde per jaar, dan heet de trend neutraal; anders gunstig of ongunstig, "
        + "naar de richting die gewenst is. Het CBS kijkt ook of een verandering meer is dan toeval "
        + "(significantie); Vliegwiel doet dat niet."
}

/// Numbers as Dutch readers write them: a decimal comma, at most two decimals, no trailing zeros.
public enum IndicatorNumber {
    public static func format(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        if text == "-0" { text = "0" }
        return text.replacingOccurrences(of: ".", with: ",")
    }
}
