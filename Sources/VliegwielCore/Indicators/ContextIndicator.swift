import Foundation

/// One figure of brede welvaart (or any regional statistic) for one region and period, as
/// CBS publishes it (issue 6 item 3). Context: no arrangement controls it, so Vliegwiel
/// shows it beside a deal but never as the deal's result (essay §5; docs/indicatoren.md).
public struct ContextObservation: Sendable, Hashable, Codable {
    /// The StatLine table, e.g. `70072NED`.
    public var tableID: String
    /// The measure: the column key of the table (`M001234_1`, or a readable key).
    public var measure: String
    public var region: RegionCode
    public var period: IndicatorPeriod
    /// `nil` where CBS publishes no figure (`.` in a CSV download, `null` in OData).
    public var value: Double?

    public init(tableID: String, measure: String, region: RegionCode, period: IndicatorPeriod, value: Double?) {
        self.tableID = tableID
        self.measure = measure
        self.region = region
        self.period = period
        self.value = value
    }

    enum CodingKeys: String, CodingKey {
        case tableID = "tabel"
        case measure = "maat"
        case region = "regio"
        case period = "periode"
        case value = "waarde"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tableID, forKey: .tableID)
        try container.encode(measure, forKey: .measure)
        try container.encode(region, forKey: .region)
        try container.encode(period, forKey: .period)
        try container.encode(value, forKey: .value)
    }
}

/// What a measure of a context table means: its name, brede-welvaart theme, unit and which
/// way is better. CBS data files carry only the measure's key, so this comes from a short
/// description file (docs/indicatoren.md); without it a measure is shown by its key, without
/// a unit, and gets no rating.
public struct ContextMeasure: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var theme: WellbeingTheme?
    public var unit: String
    public var direction: IndicatorDirection?

    public init(
        code: String, name: String, theme: WellbeingTheme? = nil, unit: String = "",
        direction: IndicatorDirection? = nil
    ) {
        self.code = code
        self.name = name
        self.theme = theme
        self.unit = unit
        self.direction = direction
    }

    enum CodingKeys: String, CodingKey {
        case code
        case name = "naam"
        case theme = "thema"
        case unit = "eenheid"
        case direction = "gewensteRichting"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? code
        theme = try container.decodeIfPresent(WellbeingTheme.self, forKey: .theme)
        unit = try container.decodeIfPresent(String.self, forKey: .unit) ?? ""
        direction = try container.decodeIfPresent(IndicatorDirection.self, forKey: .direction)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(theme, forKey: .theme)
        try container.encode(unit, forKey: .unit)
        try container.encode(direction, forKey: .direction)
    }
}

/// A context table: its id, title, source and measures. `isFictional` marks the demo data
/// set, whose figures are invented and must never be shown as CBS data.
public struct ContextTable: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var source: String
    public var isFictional: Bool
    public var measures: [ContextMeasure]

    public init(id: String, title: String, source: String, isFictional: Bool = false, measures: [ContextMeasure] = []) {
        self.id = id
        self.title = title
        self.source = source
        self.isFictional = isFictional
        self.measures = measures
    }

    enum CodingKeys: String, CodingKey {
        case id = "tabel"
        case title = "titel"
        case source = "bron"
        case isFictional = "fictief"
        case measures = "maten"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? id
        source = try container.decodeIfPresent(String.self, forKey: .source) ?? "CBS StatLine, tabel \(id)"
        isFictional = try container.decodeIfPresent(Bool.self, forKey: .isFictional) ?? false
        measures = try container.decodeIfPresent([ContextMeasure].self, forKey: .measures) ?? []
    }

    /// A table known only by its id: title and source say where it came from.
    public static func statLine(_ id: String) -> ContextTable {
        ContextTable(id: id, title: "CBS-tabel \(id)", source: "CBS StatLine, tabel \(id)")
    }

    /// The measure with `code`, or one named by its code.
    public func measure(_ code: String) -> ContextMeasure {
        measures.first { $0.code == code } ?? ContextMeasure(code: code, name: code)
    }

    /// A table id as StatLine writes them: letters and digits (`70072NED`), or a slug.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    public var issues: [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if !Self.isValidID(id) {
            issues.append(
                ValidationIssue(
                    field: "tabel",
                    message: "'\(id)' is geen tabel-id; verwacht letters, cijfers en streepjes (70072NED)"))
        }
        var codes: Set<String> = []
        for (index, measure) in measures.enumerated() where !codes.insert(measure.code).inserted {
            issues.append(
                ValidationIssue(field: "maten[\(index)].code", message: "maat '\(measure.code)' staat er twee keer in"))
        }
        return issues
    }
}

/// One bad field of one row of an import: where (line or record number), which field, the
/// value found and what was expected; every one is reported, nothing is stored.
public struct ContextRowIssue: Sendable, Hashable {
    /// `regel` for a CSV line (the header is line 1), `record` for an OData object (from 1).
    public var unit: String
    public var number: Int
    public var field: String
    public var value: String
    public var expected: String

    public init(unit: String, number: Int, field: String, value: String, expected: String) {
        self.unit = unit
        self.number = number
        self.field = field
        self.value = value
        self.expected = expected
    }

    /// `regel 3: RegioS: 'XX01' is ongeldig; verwacht …`
    public var validationIssue: ValidationIssue {
        ValidationIssue(field: "\(unit) \(number): \(field)", message: "'\(value)' is ongeldig; verwacht \(expected)")
    }
}
