import Foundation

/// The CBS-style judgement of a trend: `gunstig` (moving the way that raises brede
/// welvaart), `neutraal` (no clear rise or fall) or `ongunstig`.
public enum IndicatorRating: String, Vocabulary, Codable {
    case favourable = "gunstig"
    case neutral = "neutraal"
    case unfavourable = "ongunstig"
}

/// A trend over a series with its rating and how it was reached.
public struct TrendAssessment: Sendable, Hashable, Codable {
    public var rating: IndicatorRating
    /// The least-squares slope, in the indicator's unit per year.
    public var slopePerYear: Double
    /// The slope as a fraction of the series' mean level (0.012 = 1.2 % per year).
    public var relativeChangePerYear: Double
    public var first: IndicatorPeriod
    public var last: IndicatorPeriod
    public var count: Int

    enum CodingKeys: String, CodingKey {
        case rating = "oordeel"
        case slopePerYear = "hellingPerJaar"
        case relativeChangePerYear = "relatieveVeranderingPerJaar"
        case first = "van"
        case last = "tot"
        case count = "aantalWaarnemingen"
    }

    /// `gemiddeld +1,2 % van het eigen gemiddelde per jaar over 2015–2023 (9 waarnemingen): gunstig`:
    /// a relative change, so that a percentage indicator does not read as percentage points.
    public var explanation: String {
        let percent = String(format: "%+.1f", relativeChangePerYear * 100).replacingOccurrences(of: ".", with: ",")
        return
            "gemiddeld \(percent) % van het eigen gemiddelde per jaar over \(first.label)–\(last.label) (\(count) waarnemingen): \(rating.rawValue)"
    }
}

/// The rule that rates a trend (docs/indicatoren.md, "Het oordeel").
///
/// CBS's Monitor Brede Welvaart colours an indicator's medium-term trend green when it
/// moves in the direction associated with more brede welvaart, red when it moves the other
/// way and grey when it does not rise or fall *significantly* (CBS, "Kleuren" and
/// "Methoden", Monitor Brede Welvaart en de SDG's 2023). CBS decides significance with a
/// statistical trend model and its uncertainty, which a regional series of a handful of
/// points does not support. Vliegwiel approximates it with a fixed, deterministic rule:
///
/// 1. use the values of one kind of period (years, or quarters, or months), at least
///    ``minimumCount``;
/// 2. fit a least-squares line through (middle of the period in years, value);
/// 3. divide the slope by the absolute mean of the values: the relative change per year;
/// 4. below ``threshold`` (0.5 % per year) in absolute value the trend is `neutraal`;
///    otherwise `gunstig` when it moves in the desired direction, `ongunstig` when not.
///
/// With a mean of zero the relative change is taken as the slope's sign (any change
/// counts). The rule is an approximation, not CBS's judgement: the pages say so.
public enum TrendRule {
    /// The smallest relative change per year that counts as a rise or fall.
    public static let threshold = 0.005
    /// The fewest values a trend is judged on.
    public static let minimumCount = 3

    /// The assessment of `values` for an indicator where `direction` is better, or `nil`
    /// when the direction is unknown or there are too few values of one kind of period.
    public static func assess(_ values: [IndicatorValue], direction: IndicatorDirection?) -> TrendAssessment? {
        guard let direction else { return nil }
        let finite = values.filter { $0.value.isFinite }.sorted { $0.period < $1.period }
        guard let kind = finite.last?.period else { return nil }
        let series = finite.filter { $0.period.isSameKind(as: kind) }
        guard series.count >= minimumCount, let first = series.first, let last = series.last else { return nil }
        let xs = series.map(\.period.midpoint)
        let ys = series.map(\.value)
        let n = Double(series.count)
        let meanX = xs.reduce(0, +) / n
        let meanY = ys.reduce(0, +) / n
        var covariance = 0.0
        var variance = 0.0
        for (x, y) in zip(xs, ys) {
            covariance += (x - meanX) * (y - meanY)
            variance += (x - meanX) * (x - meanX)
        }
        let slope = variance > 0 ? covariance / variance : 0
        let relative: Double =
            meanY != 0 ? slope / abs(meanY) : (slope == 0 ? 0 : (slope > 0 ? 1 : -1))
        let rating: IndicatorRating
        if abs(relative) < threshold {
            rating = .neutral
        } else {
            rating = (relative > 0) == (direction == .higherIsBetter) ? .favourable : .unfavourable
        }
        return TrendAssessment(
            rating: rating, slopePerYear: slope, relativeChangePerYear: relative, first: first.period,
            last: last.period, count: series.count)
    }
}
