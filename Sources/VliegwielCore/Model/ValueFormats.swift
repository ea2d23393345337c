/// The intended term of an arrangement in years, or open-ended
/// (§3.1–3.3, column "beoogde looptijd en afronding"; §1.4: deals 1–8, programmes 13–30).
public enum Term: DimensionValue, Comparable {
    case years(minimum: Int, maximum: Int)
    case openEnded

    public init?(code: String) {
        if code == "open" {
            self = .openEnded
            return
        }
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            let minimum = Int(parts[0]), let maximum = Int(parts[parts.count - 1]),
            minimum >= 0, minimum <= maximum, maximum <= 100
        else { return nil }
        self = .years(minimum: minimum, maximum: maximum)
    }

    public var code: String {
        switch self {
        case .openEnded: "open"
        case .years(let minimum, let maximum) where minimum == maximum: "\(minimum)"
        case .years(let minimum, let maximum): "\(minimum)-\(maximum)"
        }
    }

    public var label: String {
        switch self {
        case .openEnded: "geen einde"
        case .years(let minimum, let maximum) where minimum == maximum: "\(minimum) jaar"
        case .years(let minimum, let maximum): "\(minimum) tot \(maximum) jaar"
        }
    }

    public static var allowedCodes: String { "'open' of een aantal jaren als N of N-M (bijvoorbeeld 1-4)" }

    /// The longest intended term in years; `nil` when open-ended.
    public var maximumYears: Int? {
        if case .years(_, let maximum) = self { return maximum }
        return nil
    }

    public static func < (lhs: Term, rhs: Term) -> Bool {
        switch (lhs.maximumYears, rhs.maximumYears) {
        case (let l?, let r?): l < r
        case (.some, nil): true
        default: false
        }
    }
}

/// A whole percentage from 0 to 100 (the Rijk's maximum share, §1.1 "maximaal 50%").
public struct Percentage: DimensionValue, Comparable {
    public let value: Int

    public init?(_ value: Int) {
        guard (0...100).contains(value) else { return nil }
        self.value = value
    }

    public init?(code: String) {
        guard let number = Int(code) else { return nil }
        self.init(number)
    }

    public var code: String { String(value) }
    public var label: String { "\(value) %" }
    public static var allowedCodes: String { "een heel percentage van 0 tot en met 100" }
    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.value < rhs.value }
}
