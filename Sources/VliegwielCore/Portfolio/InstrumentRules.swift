import Foundation

/// The rules of the Regio Deals instrument as versioned data
/// (`Sources/VliegwielInterchange/Resources/regio-deal-regels.yaml`): a new rule set is a
/// new file version, not new code. The checks themselves are in ``RuleCheck``.
public struct InstrumentRuleSet: Sendable, Hashable, Codable {
    /// The instrument the rules are for (`regio-deal`).
    public var instrument: String
    /// The version of the rule set; every change to a rule gives a new version.
    public var version: Int
    /// The day from which this version describes the rules.
    public var validFrom: CalendarDate
    public var rules: [InstrumentRule]

    public init(instrument: String, version: Int, validFrom: CalendarDate, rules: [InstrumentRule]) {
        self.instrument = instrument
        self.version = version
        self.validFrom = validFrom
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey {
        case instrument
        case version = "versie"
        case validFrom = "geldigVanaf"
        case rules = "regels"
    }

    /// Every problem in the rule set: unknown tranches, a rule twice, missing parameters.
    public var problems: [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var seen: Set<RuleID> = []
        for (index, rule) in rules.enumerated() {
            let path = "regels[\(index)]"
            if !seen.insert(rule.id).inserted {
                issues.append(.init(field: "\(path).id", message: "komt meer dan eens voor"))
            }
            if rule.tranches.isEmpty || !rule.tranches.allSatisfy(PortfolioDeal.tranches.contains) {
                issues.append(
                    .init(field: "\(path).tranches", message: "noem één of meer tranches van 1 tot en met 6"))
            }
            if rule.source.trimmingCharacters(in: .whitespaces).isEmpty {
                issues.append(.init(field: "\(path).bron", message: "ontbreekt; elke regel heeft een bron"))
            }
            for name in rule.id.requiredParameters where rule.parameters[name] == nil {
                issues.append(
                    .init(field: "\(path).parameters.\(name)", message: "ontbreekt; nodig voor '\(rule.id.rawValue)'"))
            }
        }
        return issues
    }
}

/// The rules the checker knows; the rule set file says which apply, to which tranches,
/// with which parameters and source.
public enum RuleID: String, Vocabulary, Codable {
    case oneOff = "eenmalig"
    case maximumRijkShare = "maximum-aandeel-rijk"
    case contributionRange = "bandbreedte-rijksbijdrage"
    case regionalAtLeastRijk = "regionaal-deel-minstens-rijk"
    case publicMoneyOnly = "alleen-publiek-geld"
    case appropriateCofinancing = "passende-cofinanciering"
    case regionalTreasurer = "regiokassier"
    case paymentDeadline = "betaling-binnen-termijn"

    /// The parameters the check reads.
    public var requiredParameters: [String] {
        switch self {
        case .maximumRijkShare: ["maximumProcent"]
        case .contributionRange: ["minimumCent", "maximumCent"]
        case .appropriateCofinancing: ["uitgangspuntProcent"]
        case .paymentDeadline: ["weken"]
        default: []
        }
    }
}

/// How serious a finding is.
public enum Severity: String, Vocabulary, Codable {
    /// The deal breaks the rule.
    case error = "fout"
    /// The deal may break the rule, or breaks a rule the Rijk must keep.
    case warning = "waarschuwing"
    /// Worth knowing; no rule is broken.
    case info = "info"
}

/// One rule of the instrument.
public struct InstrumentRule: Sendable, Hashable, Codable {
    public var id: RuleID
    /// The Dutch title.
    public var title: String
    /// The severity of a finding when the rule is broken.
    public var severity: Severity
    /// The tranches the rule applies to.
    public var tranches: [Int]
    /// Named whole numbers the check reads (amounts in cents, percentages, weeks).
    public var parameters: [String: Int64]
    /// Where the rule comes from.
    public var source: String
    /// Why the rule applies to these tranches, or other remarks.
    public var note: String?

    public init(
        id: RuleID, title: String, severity: Severity, tranches: [Int], parameters: [String: Int64] = [:],
        source: String, note: String? = nil
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.tranches = tranches
        self.parameters = parameters
        self.source = source
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case id
        case title = "titel"
        case severity = "ernst"
        case tranches
        case parameters
        case source = "bron"
        case note = "toelichting"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(RuleID.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        severity = try container.decode(Severity.self, forKey: .severity)
        tranches = try container.decode([Int].self, forKey: .tranches)
        parameters = try container.decodeIfPresent([String: Int64].self, forKey: .parameters) ?? [:]
        source = try container.decode(String.self, forKey: .source)
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }
}
