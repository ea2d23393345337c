import Foundation
import VliegwielCore

/// A code read back from a database that its vocabulary does not know: a damaged row or a row
/// from a newer version. Named with its column and value, on both databases alike, instead of
/// a crash on SQLite and an error on PostgreSQL (issue 18: the stores had drifted apart).
public struct StoredCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var column: String
    public var value: String

    public var description: String {
        "\(column): onbekende opgeslagen code '\(value)'; deze rij is beschadigd of van een nieuwere versie"
    }

    /// The value of `type` that `text` names, read from `column`.
    public static func decode<V: Vocabulary>(_ type: V.Type, _ text: String, column: String) throws -> V {
        guard let value = V(rawValue: text) else { throw StoredCodeError(column: column, value: text) }
        return value
    }
}

/// A stored day that is not a day (`JJJJ-MM-DD`): named with its column and value instead of
/// being read as 1 January 1900, as the learning-log stores did (issue 18: never a silent default).
public struct StoredDateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var column: String
    public var value: String

    public var description: String { "\(column): '\(value)' is geen opgeslagen datum JJJJ-MM-DD" }

    /// The day `text` names, read from `column`.
    public static func day(_ text: String, column: String) throws -> CalendarDate {
        guard let day = CalendarDate(iso: text) else { throw StoredDateError(column: column, value: text) }
        return day
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    /// The UTC calendar day of a stored moment.
    public static func day(of moment: Date, column: String) throws -> CalendarDate {
        let parts = utc.dateComponents([.year, .month, .day], from: moment)
        guard let year = parts.year, let month = parts.month, let dayNumber = parts.day,
            let day = CalendarDate(year: year, month: month, day: dayNumber)
        else { throw StoredDateError(column: column, value: "\(moment)") }
        return day
    }
}
