import Foundation
import GRDB
import PostgresNIO
import Synchronization
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

/// Stored rows that do not make a valid whole (versions out of order, entries the core refuses):
/// a damaged database or one written by a newer version, named instead of read wrongly.
public struct StoredRecordError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
}

/// A row read back from either database, read by column name: what the shared row mapping of
/// the stores reads, so that each store keeps only its SQL (GRDB's `Row`, PostgresNIO's row).
protocol StoredRow {
    /// The value of `column` as `T` (an optional type for a nullable column).
    func value<T: DatabaseValueConvertible & PostgresDecodable>(_ column: String) throws -> T
    /// The value of the column at `index` (0: the first selected).
    func value<T: DatabaseValueConvertible & PostgresDecodable>(at index: Int) throws -> T
}

extension Row: StoredRow {
    func value<T: DatabaseValueConvertible & PostgresDecodable>(_ column: String) throws -> T {
        try decode(T.self, forColumn: column)
    }

    func value<T: DatabaseValueConvertible & PostgresDecodable>(at index: Int) throws -> T {
        try decode(T.self, atIndex: index)
    }
}

extension PostgresRandomAccessRow: StoredRow {
    func value<T: DatabaseValueConvertible & PostgresDecodable>(_ column: String) throws -> T {
        try self[column].decode(T.self)
    }

    func value<T: DatabaseValueConvertible & PostgresDecodable>(at index: Int) throws -> T {
        try self[index].decode(T.self)
    }
}

extension StoredRow {
    /// The code in `column` of `table`, or ``StoredCodeError`` when the vocabulary does not know it.
    func code<V: Vocabulary>(_ type: V.Type, _ column: String, of table: String) throws -> V {
        try StoredCodeError.decode(type, try value(column), column: "\(table).\(column)")
    }

    /// The day in `column` of `table` (`nil` when NULL), or ``StoredDateError`` when it is not a day.
    func day(_ column: String, of table: String) throws -> CalendarDate? {
        try (value(column) as String?).map { try StoredDateError.day($0, column: "\(table).\(column)") }
    }

    /// The document (JSON text) in `column`, decoded as `T`.
    func document<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data((try value(column) as String).utf8))
    }

    /// The document in `column` as ``document(_:_:)`` decodes it, kept by its text
    /// (``KeptDocuments``): for documents that every page or report reads again and again.
    func keptDocument<T: Decodable & Sendable>(_ type: T.Type, _ column: String) throws -> T {
        try KeptDocuments.shared.decode(T.self, try value(column))
    }
}

/// Decoded documents by their type and stored text (issue 14 item 4a). Decoding JSON is the
/// costly part of a read (the portfolio report decoded every deal's arrangement on each
/// request, about six tenths of its time), and the same text always decodes to the same value.
/// The key is the text itself, not an id or a counter, so a kept value can never belong to
/// another revision: the database stays the truth, every read fetches the text, and a document
/// changed by any process or instance is another key, decoded afresh.
final class KeptDocuments: Sendable {
    static let shared = KeptDocuments()

    /// The text compared and hashed as its UTF-8 bytes: `String`'s own `==` and hash compare
    /// canonically (Unicode normalisation), which for documents with quotes in Dutch typography
    /// took longer than a byte compare by far (a quarter of the portfolio report in a profile).
    /// Equal bytes are equal text; the JSON decoder reads nothing else.
    private struct Key: Hashable {
        var type: ObjectIdentifier
        var text: String

        static func == (left: Key, right: Key) -> Bool {
            left.type == right.type && left.text.utf8.count == right.text.utf8.count
                && Self.bytes(left.text) { left in
                    Self.bytes(right.text) { right in
                        left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
                    }
                }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(type)
            Self.bytes(text) { hasher.combine(bytes: $0) }
        }

        /// `body` over the text's UTF-8 bytes, made contiguous when they are not (a bridged string).
        private static func bytes<R>(_ text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
            if let result = text.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
                return result
            }
            var copy = text
            copy.makeContiguousUTF8()
            return copy.utf8.withContiguousStorageIfAvailable { body(UnsafeRawBufferPointer($0)) }!
        }
    }

    private struct State {
        var values: [Key: any Sendable] = [:]
        /// The UTF-8 bytes of the kept texts.
        var bytes = 0
    }

    private let kept = Mutex(State())
    /// At most this many documents, and at most this many bytes of their texts: a cache that
    /// outgrows the database by far (every saved revision is a new text) starts afresh, so that
    /// a long-running server's memory stays bounded by these, not by its history.
    let capacity: Int
    let maximumBytes: Int

    init(capacity: Int = 10_000, maximumBytes: Int = 64 << 20) {
        self.capacity = capacity
        self.maximumBytes = maximumBytes
    }

    /// `text` decoded as `T`, from the kept documents when the same text was decoded before.
    func decode<T: Decodable & Sendable>(_ type: T.Type, _ text: String) throws -> T {
        let key = Key(type: ObjectIdentifier(type), text: text)
        if let known = kept.withLock({ $0.values[key] }) as? T { return known }
        let value = try JSONDecoder().decode(T.self, from: Data(text.utf8))
        let size = text.utf8.count
        guard size <= maximumBytes else { return value }
        kept.withLock { kept in
            if kept.values.count >= capacity || kept.bytes + size > maximumBytes { kept = State() }
            if kept.values.updateValue(value, forKey: key) == nil { kept.bytes += size }
        }
        return value
    }

    var count: Int { kept.withLock { $0.values.count } }
}

/// The JSON text of documents in the stores: sorted keys, so equal values give equal text.
enum StoredDocument {
    static func text(_ value: some Encodable, escapingSlashes: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = escapingSlashes ? [.sortedKeys] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// The failure both stores give for an arrangement id that is not stored.
func unknownArrangement(_ id: String) -> ValidationFailure {
    ValidationFailure(issues: [ValidationIssue(field: "id", message: "onbekend arrangement '\(id)'")])
}

/// A value written to either database.
enum StoredValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    case real(Double)
    case boolean(Bool)
    /// A moment, in each database's own form (GRDB's text, `TIMESTAMPTZ` to the millisecond).
    case moment(Date)
    case null
}

/// A Swift value a store writes as it is.
protocol StoredValueConvertible { var stored: StoredValue { get } }
extension String: StoredValueConvertible { var stored: StoredValue { .text(self) } }
extension Int: StoredValueConvertible { var stored: StoredValue { .integer(Int64(self)) } }
extension Int64: StoredValueConvertible { var stored: StoredValue { .integer(self) } }
extension Double: StoredValueConvertible { var stored: StoredValue { .real(self) } }
extension Bool: StoredValueConvertible { var stored: StoredValue { .boolean(self) } }
extension Date: StoredValueConvertible { var stored: StoredValue { .moment(self) } }
extension Optional: StoredValueConvertible where Wrapped: StoredValueConvertible {
    var stored: StoredValue { self?.stored ?? .null }
}

/// One row to insert, mapped from the domain once for both databases; each database writes it
/// with its own statement (``Database/insert(_:)``, ``PostgresConnection/insert(_:)``).
struct StoredInsert: Sendable, Hashable {
    var table: String
    var columns: [String]
    var values: [StoredValue]
    /// What to do with a row of the same key: `ON CONFLICT …`, the same on both databases.
    var onConflict: String

    init(_ table: String, _ pairs: KeyValuePairs<String, any StoredValueConvertible>, onConflict: String = "") {
        self.table = table
        columns = pairs.map(\.key)
        values = pairs.map(\.value.stored)
        self.onConflict = onConflict
    }

    /// `INSERT INTO table (columns) VALUES (…)`, each value written by `placeholder` (1-based).
    func sql(placeholder: (Int) -> String) -> String {
        let marks = (1...values.count).map(placeholder).joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(marks)) \(onConflict)"
    }
}
