import Foundation

/// Which way an indicator should move for things to get better.
public enum IndicatorDirection: String, Vocabulary, Codable {
    case higherIsBetter = "hoger-is-beter"
    case lowerIsBetter = "lager-is-beter"

    public var label: String {
        switch self {
        case .higherIsBetter: "hoger is beter"
        case .lowerIsBetter: "lager is beter"
        }
    }
}

/// One value of an indicator in one period.
public struct IndicatorValue: Sendable, Hashable, Codable {
    public var period: IndicatorPeriod
    public var value: Double

    public init(period: IndicatorPeriod, value: Double) {
        self.period = period
        self.value = value
    }

    enum CodingKeys: String, CodingKey {
        case period = "periode"
        case value = "waarde"
    }
}

/// An indicator of the programme of one arrangement (issue 6 item 3): what the partners set
/// out to change and control themselves — a baseline, targets per period and the values
/// reached. Kept apart from ``ContextObservation``: a programme indicator is the deal's
/// own promise; brede welvaart in the region is context no deal controls (essay §5).
public struct ProgrammeIndicator: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var unit: String
    /// Where the values come from (a monitor, a register, the programme's own count).
    public var source: String
    public var direction: IndicatorDirection
    public var baseline: IndicatorValue
    public var targets: [IndicatorValue]
    public var actuals: [IndicatorValue]

    public init(
        id: String, name: String, unit: String, source: String, direction: IndicatorDirection,
        baseline: IndicatorValue, targets: [IndicatorValue] = [], actuals: [IndicatorValue] = []
    ) {
        self.id = id
        self.name = name
        self.unit = unit
        self.source = source
        self.direction = direction
        self.baseline = baseline
        self.targets = targets
        self.actuals = actuals
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name = "naam"
        case unit = "eenheid"
        case source = "bron"
        case direction = "gewensteRichting"
        case baseline = "nulmeting"
        case targets = "streefwaarden"
        case actuals = "realisaties"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        unit = try container.decode(String.self, forKey: .unit)
        source = try container.decode(String.self, forKey: .source)
        direction = try container.decode(IndicatorDirection.self, forKey: .direction)
        baseline = try container.decode(IndicatorValue.self, forKey: .baseline)
        targets = try container.decodeIfPresent([IndicatorValue].self, forKey: .targets) ?? []
        actuals = try container.decodeIfPresent([IndicatorValue].self, forKey: .actuals) ?? []
    }

    /// Whether the value reached in a target's period meets the target.
    public enum TargetStatus: String, Sendable, Hashable, Codable {
        case met = "gehaald"
        case notMet = "niet-gehaald"
        case noActual = "nog-geen-realisatie"

        public var label: String {
            switch self {
            case .met: "gehaald"
            case .notMet: "niet gehaald"
            case .noActual: "nog geen realisatie"
            }
        }
    }

    /// A target with the value reached in its period, if any.
    public struct TargetProgress: Sendable, Hashable {
        public var target: IndicatorValue
        public var actual: Double?
        public var status: TargetStatus
    }

    /// Every target, oldest first, with its status: met when the actual value of the same
    /// period is at least (or, lower is better, at most) the target.
    public var progress: [TargetProgress] {
        targets.sorted { $0.period < $1.period }.map { target in
            guard let actual = actuals.first(where: { $0.period == target.period })?.value else {
                return TargetProgress(target: target, actual: nil, status: .noActual)
            }
            let met = direction == .higherIsBetter ? actual >= target.value : actual <= target.value
            return TargetProgress(target: target, actual: actual, status: met ? .met : .notMet)
        }
    }

    /// Every problem, each with its field path under `prefix` (`programmaIndicatoren[0]`).
    public func issues(prefix: String, arrangementID: String?) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String) {
            issues.append(ValidationIssue(arrangementID: arrangementID, field: prefix + "." + field, message: message))
        }
        if !Self.isSlug(id) { add("id", "'\(id)' is geen geldige id; gebruik kleine letters, cijfers en streepjes") }
        for (field, text) in [("naam", name), ("eenheid", unit), ("bron", source)]
        where text.trimmingCharacters(in: .whitespaces).isEmpty {
            add(field, "mag niet leeg zijn")
        }
        if !baseline.value.isFinite { add("nulmeting.waarde", "is geen getal") }
        for (key, values) in [("streefwaarden", targets), ("realisaties", actuals)] {
            var seen: Set<IndicatorPeriod> = []
            for (index, value) in values.enumerated() {
                if !value.value.isFinite { add("\(key)[\(index)].waarde", "is geen getal") }
                if !seen.insert(value.period).inserted {
                    add("\(key)[\(index)].periode", "periode \(value.period.label) staat er twee keer in")
                }
                if value.period < baseline.period {
                    add(
                        "\(key)[\(index)].periode",
                        "\(value.period.label) ligt vóór de nulmeting (\(baseline.period.label))")
                }
            }
        }
        return issues
    }

    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && !text.hasPrefix("-") && !text.hasSuffix("-")
            && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}

/// The indicators of one arrangement: its programme indicators and the regions (CBS codes)
/// it covers, so that its context indicators can be read for those regions and compared
/// with the other regions. The regions live here, with the indicators, because they are
/// what the context monitoring needs of a deal and nothing else uses them yet.
public struct ArrangementIndicators: Sendable, Hashable, Codable {
    public var arrangementID: String
    /// Fictional indicators for the fictional demo deal; never on a real deal.
    public var isFictional: Bool
    public var regions: [RegionCode]
    public var programme: [ProgrammeIndicator]

    public init(
        arrangementID: String, isFictional: Bool = false, regions: [RegionCode] = [],
        programme: [ProgrammeIndicator] = []
    ) {
        self.arrangementID = arrangementID
        self.isFictional = isFictional
        self.regions = regions
        self.programme = programme
    }

    enum CodingKeys: String, CodingKey {
        case arrangementID = "arrangement"
        case isFictional = "fictief"
        case regions = "regios"
        case programme = "programmaIndicatoren"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        arrangementID = try container.decode(String.self, forKey: .arrangementID)
        isFictional = try container.decodeIfPresent(Bool.self, forKey: .isFictional) ?? false
        regions = try container.decodeIfPresent([RegionCode].self, forKey: .regions) ?? []
        programme = try container.decodeIfPresent([ProgrammeIndicator].self, forKey: .programme) ?? []
    }

    /// Every problem at once: each indicator's, duplicate ids and regions, and fictional
    /// regions on real indicators (or real regions on fictional ones).
    public var issues: [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let id = arrangementID
        if arrangementID.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(ValidationIssue(field: "arrangement", message: "mag niet leeg zijn"))
        }
        var ids: Set<String> = []
        for (index, indicator) in programme.enumerated() {
            issues += indicator.issues(prefix: "programmaIndicatoren[\(index)]", arrangementID: id)
            if !ids.insert(indicator.id).inserted {
                issues.append(
                    ValidationIssue(
                        arrangementID: id, field: "programmaIndicatoren[\(index)].id",
                        message: "id '\(indicator.id)' staat er twee keer in"))
            }
        }
        var seen: Set<RegionCode> = []
        for (index, region) in regions.enumerated() {
            if !seen.insert(region).inserted {
                issues.append(
                    ValidationIssue(
                        arrangementID: id, field: "regios[\(index)]", message: "regio \(region) staat er twee keer in"))
            }
            if region.isFictional != isFictional {
                issues.append(
                    ValidationIssue(
                        arrangementID: id, field: "regios[\(index)]",
                        message: isFictional
                            ? "fictieve indicatoren horen bij fictieve regio's (FX…), niet bij \(region)"
                            : "\(region) is een fictieve regiocode; die hoort alleen bij fictieve indicatoren"))
            }
        }
        return issues
    }
}
