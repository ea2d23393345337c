import Foundation

/// The outcome of an audited action: `gelukt`, `geweigerd` (refused: bad input, a conflict, no
/// right) or `mislukt` (an error). A string underneath, so that an entry read back from storage
/// with an unexpected value is still an entry (whose hash then fails) rather than a crash.
public struct AuditResult: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let succeeded = AuditResult(rawValue: "gelukt")
    public static let refused = AuditResult(rawValue: "geweigerd")
    public static let failed = AuditResult(rawValue: "mislukt")

    public var description: String { rawValue }
}

/// A moment in UTC with millisecond precision, kept as whole milliseconds since 1970 so that
/// it survives storage and hashing exactly; written as `2025-03-01T09:30:00.000Z`.
public struct AuditTimestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) { self.millisecondsSince1970 = millisecondsSince1970 }

    /// `date`, truncated to the millisecond.
    public init(_ date: Date) {
        millisecondsSince1970 = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000) }

    /// The first moment of `day` in UTC.
    public init(startOf day: CalendarDate) {
        millisecondsSince1970 = Int64(day.dayNumber) * 86_400_000
    }

    /// `JJJJ-MM-DDTuu:mm:ss.SSSZ`, always 24 characters for the years 1000–9999.
    public var iso: String {
        let (year, month, day, rest) = civil
        return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T\(Self.pad(rest / 3_600_000, 2)):"
            + "\(Self.pad(rest / 60_000 % 60, 2)):\(Self.pad(rest / 1000 % 60, 2)).\(Self.pad(rest % 1000, 3))Z"
    }

    /// Year, month, day and the milliseconds since the start of that day, in UTC.
    private var civil: (year: Int64, month: Int64, day: Int64, rest: Int64) {
        let days =
            millisecondsSince1970 >= 0
            ? millisecondsSince1970 / 86_400_000 : (millisecondsSince1970 - 86_399_999) / 86_400_000
        let (year, month, day) = Self.civil(fromDays: days)
        return (year, month, day, millisecondsSince1970 - days * 86_400_000)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// The moment for people, in Dutch, to the minute: `6 oktober 2025, 09:30 UTC`. The time
    /// stays in UTC, as stored, and says so: converting to Dutch time needs time-zone rules that
    /// not every server has, and a silent fallback would give a wrong hour.
    public var dutchText: String {
        let (year, month, day, rest) = civil
        return "\(day) \(CalendarDate.dutchMonths[Int(month) - 1]) \(year), "
            + "\(Self.pad(rest / 3_600_000, 2)):\(Self.pad(rest / 60_000 % 60, 2)) UTC"
    }

    /// Parses exactly the form of ``iso``; `nil` for anything else.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
            bytes[16] == 0x3A, bytes[19] == 0x2E, bytes[23] == 0x5A
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (0x30...0x39).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            let millisecond = number(20..<23), hour < 24, minute < 60, second < 60,
            let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        millisecondsSince1970 =
            Int64(date.dayNumber) * 86_400_000 + Int64(hour) * 3_600_000 + Int64(minute) * 60_000
            + Int64(second) * 1000 + Int64(millisecond)
    }

    public var description: String { iso }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.millisecondsSince1970 < rhs.millisecondsSince1970 }

    /// Year, month and day of a day number (days since 1970-01-01), proleptic Gregorian.
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// What happened, before it is placed in the chain: who (``actor``) did what (``action``) to
/// which object, with which result, from where (``origin``), and details that explain it.
///
/// Details never hold passwords, tokens, session ids or other secrets: ``AuditChain`` refuses
/// an event with a detail key that looks like one (``AuditSecretDetail``).
public struct AuditEvent: Sendable, Hashable {
    public var actor: String
    public var action: String
    public var object: String
    public var result: AuditResult
    public var origin: String
    public var details: [String: String]

    /// An event attributed to `context` (by default the task's ``AuditContext/current``).
    public init(
        action: String, object: String, result: AuditResult = .succeeded, details: [String: String] = [:],
        context: AuditContext = AuditContext.current
    ) {
        self.init(
            actor: context.actor, action: action, object: object, result: result, origin: context.origin,
            details: details)
    }

    public init(
        actor: String, action: String, object: String, result: AuditResult, origin: String, details: [String: String]
    ) {
        self.actor = actor
        self.action = action
        self.object = object
        self.result = result
        self.origin = origin
        self.details = details
    }

    /// This event with every text field ``AuditText/neutralised(_:)``: what a new entry hashes
    /// and stores. (Entries read back are never changed, so that old entries keep their hashes.)
    public var neutralised: AuditEvent {
        AuditEvent(
            actor: AuditText.neutralised(actor), action: AuditText.neutralised(action),
            object: AuditText.neutralised(object), result: result, origin: AuditText.neutralised(origin),
            details: Dictionary(
                details.map { (AuditText.neutralised($0.key), AuditText.neutralised($0.value)) },
                uniquingKeysWith: { first, _ in first }))
    }
}

/// Makes text safe to hash, store and print in the audit trail (security review H1, L6, L7).
///
/// A database may not store every character as given: SQLite cuts text at a NUL byte, so an
/// entry hashed over the whole text would no longer match its stored row, and one anonymous
/// request could break the chain for good. Control characters (C0 and C1, including line feed
/// and tab, so that a typed name cannot forge a line in `audit lijst`) and the bidirectional
/// overrides, isolates and marks are therefore written as `\u{XXXX}` before anything is
/// hashed; the stored text is exactly the hashed text. Other text is kept as it is.
public enum AuditText {
    public static func neutralised(_ text: String) -> String {
        InputText.replacingScalars(in: text, where: needsEscape) { "\\u{\($0)}" }
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

/// One entry of the audit trail: an event with its place in the chain (``sequence``, from 1
/// without gaps), its UTC time, the hash of the entry before it and its own hash over its
/// canonical form (``AuditCanonicalForm``).
public struct AuditEntry: Sendable, Hashable {
    public var sequence: Int
    public var time: AuditTimestamp
    public var event: AuditEvent
    /// The ``hash`` of entry `sequence - 1`; ``AuditChain/genesisHash`` for the first entry.
    public var previousHash: String
    /// Lowercase hexadecimal hash of ``canonicalBytes``.
    public var hash: String

    public init(sequence: Int, time: AuditTimestamp, event: AuditEvent, previousHash: String, hash: String) {
        self.sequence = sequence
        self.time = time
        self.event = event
        self.previousHash = previousHash
        self.hash = hash
    }

    public var actor: String { event.actor }
    public var action: String { event.action }
    public var object: String { event.object }
    public var result: AuditResult { event.result }
    public var origin: String { event.origin }
    public var details: [String: String] { event.details }

    /// The bytes the hash covers: every field except the hash itself.
    public var canonicalBytes: [UInt8] {
        AuditCanonicalForm.bytes(sequence: sequence, time: time, event: event, previousHash: previousHash)
    }
}
