import Foundation

/// One version of an arrangement: the whole arrangement as it was saved, with when, by whom
/// and why (issue 6 item 5). A store records a version each time an arrangement's document
/// actually changes, so two versions can be compared (``ProfileDrift``).
public struct ArrangementVersion: Sendable, Hashable, Encodable {
    /// 1 for the first version, counting up by one per arrangement.
    public var number: Int
    /// When the version was saved.
    public var date: Date
    public var author: String
    public var reason: String
    public var arrangement: Arrangement

    public init(number: Int, date: Date, author: String, reason: String, arrangement: Arrangement) {
        self.number = number
        self.date = date
        self.author = author
        self.reason = reason
        self.arrangement = arrangement
    }

    /// The date as ISO 8601 in UTC, to the second: `2025-10-06T09:30:00Z`.
    public var isoDate: String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// One version for people, as the history lists it on the website, in the dossier and in
    /// the CLI: `versie 2 · 6 oktober 2025, 09:30 UTC · Auteur · reden`.
    public static func line(number: Int, date: Date, author: String, reason: String) -> String {
        "versie \(number) · \(AuditTimestamp(date).dutchText) · \(author) · \(reason)"
    }

    /// This version as ``line(number:date:author:reason:)`` writes it.
    public var line: String { Self.line(number: number, date: date, author: author, reason: reason) }

    /// The day of ``isoDate`` (in UTC): `2025-10-06`.
    public var isoDay: String { String(isoDate.prefix(10)) }

    /// `datum` is the day and `tijdstip` the moment to the second: the Dutch API design rules
    /// keep a field named as a date for a date (`format: date`, linter rule
    /// `nlgov:use-date-instead-of-datetime`).
    enum CodingKeys: String, CodingKey {
        case number = "versie"
        case date = "datum"
        case moment = "tijdstip"
        case author = "auteur"
        case reason = "reden"
        case arrangement
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(isoDay, forKey: .date)
        try container.encode(isoDate, forKey: .moment)
        try container.encode(author, forKey: .author)
        try container.encode(reason, forKey: .reason)
        try container.encode(arrangement, forKey: .arrangement)
    }
}
