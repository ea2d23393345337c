/// Arrangements side by side, dimension by dimension, with the variation per element and
/// its sum as the elements are added in the essay's order (§1.4, §2.4, §3.4, §4.4):
/// interbestuurlijk → + resultaatgericht → + samenwerkend.
public struct Comparison: Sendable, Hashable, Encodable {
    public struct Column: Sendable, Hashable, Encodable {
        public var id: String
        public var name: String
        public var kind: ArrangementKind

        enum CodingKeys: String, CodingKey {
            case id
            case name = "naam"
            case kind = "soort"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(kind.code, forKey: .kind)
        }
    }

    public enum Status: String, Sendable, Hashable, Encodable {
        case equal = "gelijk"
        case different = "verschillend"
        /// Fewer than two of the arrangements state the dimension, and those that do agree.
        case unknown = "onbekend"
    }

    public struct Cell: Sendable, Hashable, Encodable {
        public var codes: [String]
        public var labels: [String]
        public var quotes: [String]
        public var citations: [String]
        public var notStatedReason: String?

        enum CodingKeys: String, CodingKey {
            case codes = "waarden"
            case labels = "labels"
            case quotes = "citaten"
            case citations = "bronnen"
            case notStatedReason = "nietVermeld"
        }
    }

    public struct Row: Sendable, Hashable, Encodable {
        public var dimensionID: String
        public var label: String
        public var element: ProfileElement
        public var cells: [Cell]
        public var status: Status
        /// Mean pairwise distance over the arrangements that state the dimension (0...1);
        /// `nil` when fewer than two do.
        public var variation: Double?

        enum CodingKeys: String, CodingKey {
            case dimensionID = "dimensie"
            case label, element
            case cells = "cellen"
            case status
            case variation = "variatie"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(dimensionID, forKey: .dimensionID)
            try container.encode(label, forKey: .label)
            try container.encode(element.code, forKey: .element)
            try container.encode(cells, forKey: .cells)
            try container.encode(status, forKey: .status)
            try container.encode(variation.map(rounded), forKey: .variation)
        }
    }

    public struct ElementVariation: Sendable, Hashable, Encodable {
        public var element: ProfileElement
        public var dimensionCount: Int
        public var comparableCount: Int
        public var differingCount: Int
        /// The sum of the comparable dimensions' variation: how many design choices differ,
        /// counting a partial difference partly.
        public var variation: Double
        /// `variation` plus that of the elements before it in the essay's order.
        public var cumulativeVariation: Double

        enum CodingKeys: String, CodingKey {
            case element
            case dimensionCount = "aantalDimensies"
            case comparableCount = "aantalVergelijkbaar"
            case differingCount = "aantalVerschillend"
            case variation = "variatie"
            case cumulativeVariation = "cumulatieveVariatie"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(element.code, forKey: .element)
            try container.encode(dimensionCount, forKey: .dimensionCount)
            try container.encode(comparableCount, forKey: .comparableCount)
            try container.encode(differingCount, forKey: .differingCount)
            try container.encode(rounded(variation), forKey: .variation)
            try container.encode(rounded(cumulativeVariation), forKey: .cumulativeVariation)
        }
    }

    public var columns: [Column]
    public var rows: [Row]
    public var elements: [ElementVariation]

    enum CodingKeys: String, CodingKey {
        case columns = "arrangementen"
        case rows = "dimensies"
        case elements = "variatiePerElement"
    }

    /// Compares two or more arrangements.
    /// - Throws: ``ValidationFailure`` when fewer than two are given or one is given twice.
    public init(_ arrangements: [Arrangement]) throws(ValidationFailure) {
        guard arrangements.count >= 2 else {
            throw ValidationFailure(issues: [
                ValidationIssue(field: "arrangementen", message: "kies ten minste twee arrangementen om te vergelijken")
            ])
        }
        let duplicates = Dictionary(grouping: arrangements, by: \.id).filter { $0.value.count > 1 }.keys.sorted()
        guard duplicates.isEmpty else {
            throw ValidationFailure(issues: [
                ValidationIssue(
                    field: "arrangementen",
                    message: "elk arrangement één keer; dubbel: \(duplicates.joined(separator: ", "))")
            ])
        }
        columns = arrangements.map { Column(id: $0.id, name: $0.name, kind: $0.kind) }
        rows = ProfileDimension.all.map { dimension in
            let readings = arrangements.map { dimension.reading(of: $0.profile) }
            let stated = readings.filter(\.isStated).map(\.codes)
            let scale = DimensionScale.of(dimension)
            var distances: [Double] = []
            for i in stated.indices {
                for j in stated.indices where j > i { distances.append(scale.distance(stated[i], stated[j])) }
            }
            let variation = distances.isEmpty ? nil : distances.reduce(0, +) / Double(distances.count)
            let status: Status =
                if distances.contains(where: { $0 > 0 }) {
                    .different
                } else if stated.count == readings.count {
                    .equal
                } else {
                    .unknown
                }
            return Row(
                dimensionID: dimension.id, label: dimension.label, element: dimension.element,
                cells: readings.map { reading in
                    Cell(
                        codes: reading.codes, labels: reading.entries.map(\.label),
                        quotes: reading.entries.map(\.quote), citations: reading.entries.map(\.citation),
                        notStatedReason: reading.notStatedReason)
                }, status: status, variation: variation)
        }
        var cumulative = 0.0
        let rows = self.rows
        elements = ProfileElement.allCases.map { element in
            let elementRows = rows.filter { $0.element == element }
            let variation = elementRows.compactMap(\.variation).reduce(0, +)
            cumulative += variation
            return ElementVariation(
                element: element, dimensionCount: elementRows.count,
                comparableCount: elementRows.filter { $0.variation != nil }.count,
                differingCount: elementRows.filter { $0.status == .different }.count, variation: variation,
                cumulativeVariation: cumulative)
        }
    }

    /// The variation of one element.
    public func variation(of element: ProfileElement) -> ElementVariation {
        elements.first { $0.element == element }!
    }
}

/// Three decimals for JSON output, so that output is stable and readable.
func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

/// How far one profile is from another, over the dimensions both state.
public struct ProfileDistance: Sendable, Hashable, Encodable {
    public struct Difference: Sendable, Hashable, Encodable {
        public var dimensionID: String
        public var label: String
        public var ours: [String]
        public var theirs: [String]
        public var distance: Double

        enum CodingKeys: String, CodingKey {
            case dimensionID = "dimensie"
            case label
            case ours = "eigen"
            case theirs = "referentie"
            case distance = "afstand"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(dimensionID, forKey: .dimensionID)
            try container.encode(label, forKey: .label)
            try container.encode(ours, forKey: .ours)
            try container.encode(theirs, forKey: .theirs)
            try container.encode(rounded(distance), forKey: .distance)
        }
    }

    public var variantID: String
    public var name: String
    /// Mean dimension distance over the comparable dimensions, 0...1; 1 when none are comparable.
    public var distance: Double
    public var comparedDimensions: Int
    /// The dimensions that differ, largest difference first.
    public var differences: [Difference]

    enum CodingKeys: String, CodingKey {
        case variantID = "variant"
        case name = "naam"
        case distance = "afstand"
        case comparedDimensions = "aantalVergeleken"
        case differences = "verschillen"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(variantID, forKey: .variantID)
        try container.encode(name, forKey: .name)
        try container.encode(rounded(distance), forKey: .distance)
        try container.encode(comparedDimensions, forKey: .comparedDimensions)
        try container.encode(differences, forKey: .differences)
    }

    /// The distance from `profile` to `other` (symmetric in the two profiles).
    public init(from profile: Profile, to other: Arrangement) {
        variantID = other.id
        name = other.name
        var total = 0.0
        var compared = 0
        var differences: [Difference] = []
        for dimension in ProfileDimension.all {
            guard let ours = dimension.codes(in: profile), let theirs = dimension.codes(in: other.profile) else {
                continue
            }
            let distance = DimensionScale.of(dimension).distance(ours, theirs)
            total += distance
            compared += 1
            if distance > 0 {
                differences.append(
                    Difference(
                        dimensionID: dimension.id, label: dimension.label, ours: ours, theirs: theirs,
                        distance: distance))
            }
        }
        self.distance = compared == 0 ? 1 : total / Double(compared)
        comparedDimensions = compared
        self.differences = differences.enumerated().sorted {
            ($0.element.distance, -$0.offset) > ($1.element.distance, -$1.offset)
        }.map(\.element)
    }

    /// The reference variants nearest to `profile`, nearest first (ties by the essay's order).
    public static func nearest(
        to profile: Profile, among references: [Arrangement], excluding excludedID: String? = nil, limit: Int = 3
    ) -> [ProfileDistance] {
        let candidates = references.filter { $0.kind == .reference && $0.id != excludedID }
        return candidates.enumerated().map {
            (offset: $0.offset, distance: ProfileDistance(from: profile, to: $0.element))
        }
        .sorted { ($0.distance.distance, $0.offset) < ($1.distance.distance, $1.offset) }
        .prefix(limit).map(\.distance)
    }
}
