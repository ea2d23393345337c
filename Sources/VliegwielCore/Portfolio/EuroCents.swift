import Foundation

/// An amount of money in whole euro cents. Every amount in the portfolio is held this way,
/// so that sums are exact: no binary fraction ever touches money.
public struct EuroCents: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var cents: Int64

    public init(cents: Int64) { self.cents = cents }

    /// Whole euros.
    public init(euros: Int64) { cents = euros * 100 }

    public static let zero = EuroCents(cents: 0)

    public static func + (lhs: Self, rhs: Self) -> Self { Self(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Self, rhs: Self) -> Self { Self(cents: lhs.cents - rhs.cents) }
    public static func += (lhs: inout Self, rhs: Self) { lhs.cents += rhs.cents }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.cents < rhs.cents }

    public init(from decoder: any Decoder) throws {
        cents = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }

    /// Parses a decimal amount exactly, in `unit` (1 for euros, 1 000 000 for millions):
    /// `"22.5"` in millions is € 22.500.000,00. Accepts a point or a comma as the decimal
    /// separator and no thousands separators; `nil` when the text is not such a number or
    /// has more decimals than cents allow.
    public init?(decimal text: String, unit: Int64 = 1) {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: digits.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let whole = Int64(parts[0]), parts.count == 1 || !parts[1].isEmpty
        else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        // The number of cents one unit of the last decimal place is worth.
        var scale = unit * 100
        for _ in fraction { scale /= 10 }
        guard scale >= 1, fraction.count <= 18 else { return nil }
        var fractionValue: Int64 = 0
        var place = unit * 100
        for character in fraction {
            place /= 10
            fractionValue += Int64(String(character))! * place
        }
        let (product, overflow) = whole.multipliedReportingOverflow(by: unit * 100)
        guard !overflow else { return nil }
        cents = (product + fractionValue) * (negative ? -1 : 1)
    }

    /// The one money format of every page, message and API text: Dutch notation with
    /// thousands points, whole euros without decimals and cents only when there are any:
    /// `€ 22.500.000`, `€ 12.458.333,83`, `-€ 123,45`. Exact, so that an amount never reads
    /// as rounded (the usability review found `€ 25 mln` beside `€ 25.000.000,00`).
    public var formatted: String {
        let magnitude = cents.magnitude
        let euros = String(magnitude / 100)
        var grouped = ""
        for (index, character) in euros.enumerated() {
            if index > 0, (euros.count - index) % 3 == 0 { grouped += "." }
            grouped.append(character)
        }
        let rest = magnitude % 100
        let decimals = rest == 0 ? "" : "," + (rest < 10 ? "0" : "") + String(rest)
        return (cents < 0 ? "-€ " : "€ ") + grouped + decimals
    }

    public var description: String { formatted }

    /// Divides this amount over `weights` in proportion, so that the parts add up to exactly
    /// this amount: each part is rounded down, and the cents left over go, one each, to the
    /// parts with the largest remainders (ties to the earlier part).
    ///
    /// `€ 100,00` over three equal weights gives 33,34 + 33,33 + 33,33.
    public func allocated(over weights: [Int64]) -> [EuroCents] {
        let total = weights.reduce(Int64(0), +)
        guard total > 0, weights.allSatisfy({ $0 >= 0 }) else { return weights.map { _ in .zero } }
        var parts: [Int64] = []
        var remainders: [(index: Int, remainder: Int64)] = []
        for (index, weight) in weights.enumerated() {
            let (high, low) = cents.multipliedFullWidth(by: weight)
            let (quotient, remainder) = total.dividingFullWidth((high, low))
            parts.append(quotient)
            remainders.append((index, remainder))
        }
        var left = cents - parts.reduce(0, +)
        for entry in remainders.sorted(by: { ($0.remainder, -$0.index) > ($1.remainder, -$1.index) }) where left > 0 {
            parts[entry.index] += 1
            left -= 1
        }
        return parts.map(EuroCents.init(cents:))
    }
}

/// A share of a whole, kept as an exact fraction of two amounts.
public struct Share: Sendable, Hashable, Encodable {
    public var part: EuroCents
    public var whole: EuroCents

    public init(part: EuroCents, whole: EuroCents) {
        self.part = part
        self.whole = whole
    }

    /// Whether the share is at most `percent` %, exactly (no rounding).
    public func isAtMost(percent: Int64) -> Bool { part.cents * 100 <= whole.cents * percent }
    /// The share as a fraction, for comparing two shares; 0 for a share of nothing.
    public var ratio: Double { whole.cents == 0 ? 0 : Double(part.cents) / Double(whole.cents) }

    /// Whether the share is at least `percent` %, exactly.
    public func isAtLeast(percent: Int64) -> Bool { part.cents * 100 >= whole.cents * percent }

    /// The percentage with two decimals, rounded half up, Dutch notation: `33,33 %`;
    /// "onbekend" when the whole is zero.
    public var percentText: String {
        guard whole.cents > 0 else { return "onbekend" }
        let hundredths = (part.cents * 10_000 * 2 + whole.cents) / (whole.cents * 2)
        let rest = hundredths % 100
        return "\(hundredths / 100),\(rest < 10 ? "0" : "")\(rest) %"
    }

    enum CodingKeys: String, CodingKey {
        case part = "deelCent"
        case whole = "geheelCent"
        case percentText = "procent"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(part, forKey: .part)
        try container.encode(whole, forKey: .whole)
        try container.encode(percentText, forKey: .percentText)
    }
}
