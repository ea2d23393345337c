import Foundation

/// A period of a statistic, in the form of CBS StatLine: `2021JJ00` (the year 2021),
/// `2021KW02` (its second quarter) or `2021MM03` (March). A plain year (`2021`) is accepted
/// too, for files written by hand. Periods order by time; a year sorts before its quarters.
public struct IndicatorPeriod: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Part: Sendable, Hashable {
        case year
        case quarter(Int)
        case month(Int)
    }

    public var year: Int
    public var part: Part

    public init(year: Int, part: Part = .year) {
        self.year = year
        self.part = part
    }

    /// Parses `2021JJ00`, `2021KW01`…`2021KW04`, `2021MM01`…`2021MM12` or `2021`; `nil` otherwise.
    public init?(code raw: String) {
        let code = raw.trimmingCharacters(in: .whitespaces)
        let characters = Array(code)
        guard characters.count == 4 || characters.count == 8,
            let year = Int(String(characters[0..<4])), characters[0..<4].allSatisfy(\.isASCII),
            (1000...9999).contains(year)
        else { return nil }
        if characters.count == 4 {
            self.init(year: year)
            return
        }
        let kind = String(characters[4..<6])
        guard characters[6..<8].allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(String(characters[6..<8]))
        else { return nil }
        switch (kind, number) {
        case ("JJ", 0): self.init(year: year)
        case ("KW", 1...4): self.init(year: year, part: .quarter(number))
        case ("MM", 1...12): self.init(year: year, part: .month(number))
        default: return nil
        }
    }

    /// What `init(code:)` accepts, for error messages.
    public static let expectedForm = "een CBS-periode zoals 2021JJ00 (jaar), 2021KW02 (kwartaal) of 2021MM03 (maand)"

    /// The CBS code: `2021JJ00`, `2021KW02`, `2021MM03`.
    public var code: String {
        switch part {
        case .year: "\(year)JJ00"
        case .quarter(let quarter): "\(year)KW" + String(format: "%02d", quarter)
        case .month(let month): "\(year)MM" + String(format: "%02d", month)
        }
    }

    /// How people read it: `2021`, `2021 K2`, `2021-03`.
    public var label: String {
        switch part {
        case .year: "\(year)"
        case .quarter(let quarter): "\(year) K\(quarter)"
        case .month(let month): "\(year)-" + String(format: "%02d", month)
        }
    }

    public var description: String { code }

    /// The middle of the period in years (2021.5 for the year 2021), the x of a trend.
    public var midpoint: Double {
        switch part {
        case .year: Double(year) + 0.5
        case .quarter(let quarter): Double(year) + (Double(quarter) - 0.5) / 4
        case .month(let month): Double(year) + (Double(month) - 0.5) / 12
        }
    }

    /// Whether both are years, both quarters or both months.
    public func isSameKind(as other: IndicatorPeriod) -> Bool {
        switch (part, other.part) {
        case (.year, .year), (.quarter, .quarter), (.month, .month): true
        default: false
        }
    }

    private var sortKey: (Int, Int) {
        switch part {
        case .year: (year, 0)
        case .quarter(let quarter): (year, quarter * 3)
        case .month(let month): (year, month)
        }
    }

    public static func < (lhs: IndicatorPeriod, rhs: IndicatorPeriod) -> Bool {
        lhs.sortKey != rhs.sortKey ? lhs.sortKey < rhs.sortKey : lhs.code < rhs.code
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let number = try? container.decode(Int.self) {
            text = String(number)
        } else {
            text = try container.decode(String.self)
        }
        guard let period = IndicatorPeriod(code: text) else {
            try decoder.report("'\(text)' is geen periode; verwacht \(Self.expectedForm)", at: decoder.codingPath)
            self.init(year: 1000)
            return
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
