import CSV
import Foundation
import VliegwielCore

/// The two export formats of CBS StatLine that Vliegwiel reads (docs/indicatoren.md).
public enum StatLineFormat: String, CaseIterable, Sendable {
    /// The CSV download: `;`-separated, fields in double quotes, a header row
    /// `ID;RegioS;Perioden;<maat>;…`.
    case csv
    /// The OData JSON of the open data API: `{"value": [{"ID": 0, "RegioS": …, "Perioden": …, …}, …]}`.
    case odata

    /// The format a file name suggests (`.csv`, `.json`), or `nil`.
    public init?(fileName: String) {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "csv": self = .csv
        case "json": self = .odata
        default: return nil
        }
    }
}

/// What one pass over a StatLine export found.
public struct StatLineReadResult: Sendable, Hashable {
    /// The data rows (CSV lines or OData records) read.
    public var rowsRead: Int
    /// The observations passed on: one per row and measure.
    public var observations: Int
    /// Every bad field of every row; when not empty, nothing may be stored.
    public var issues: [ContextRowIssue]
    /// The measure columns found, in the order they are passed on (by key).
    public var measures: [String]
}

/// Reads a StatLine export in one streaming pass: the file is never held in memory. Each
/// valid observation goes to `emit` as soon as its row is read (the store inserts it inside
/// its transaction); every bad field of every row is collected, and once one is found no
/// more observations are emitted — the caller must then store nothing.
///
/// The rows: `RegioS` a region code (``RegionCode``), `Perioden` a period
/// (``IndicatorPeriod``), `ID` ignored, every other column a measure whose value is a number
/// with a decimal point (`12.5`, `-3`) or a decimal comma (`12,5`), or empty or `.` where CBS
/// has no figure. Measures are emitted in the order of their keys.
public enum StatLineReader {
    public static let regionColumn = "RegioS"
    public static let periodColumn = "Perioden"
    public static let idColumn = "ID"

    /// Reads `stream` (opened here if it is not open yet).
    ///
    /// - Parameters:
    ///   - progress: called with the number of rows read every `progressInterval` rows and once at the end.
    /// - Throws: ``ValidationFailure`` when the file is not of the format at all (no header,
    ///   no `value` array); errors thrown by `emit`.
    public static func read(
        _ stream: InputStream, format: StatLineFormat, tableID: String, progressInterval: Int = 10_000,
        progress: ((Int) -> Void)? = nil, emit: (ContextObservation) throws -> Void
    ) throws -> StatLineReadResult {
        var reader = RowParser(tableID: tableID)
        var rows = 0
        let handle: ([String: RawField], Int) throws -> Void = { fields, number in
            rows += 1
            try reader.parse(fields, unit: format == .csv ? "regel" : "record", number: number, emit: emit)
            if let progress, rows % progressInterval == 0 { progress(rows) }
        }
        switch format {
        case .csv: try readCSV(stream, handle: handle)
        case .odata:
            var odata = ODataValueReader(stream: stream)
            try odata.forEachRecord(handle)
        }
        progress?(rows)
        return StatLineReadResult(
            rowsRead: rows, observations: reader.emitted, issues: reader.issues, measures: reader.measures ?? [])
    }

    /// Reads a whole text (small files, tests, the shipped demo data).
    public static func read(
        text: String, format: StatLineFormat, tableID: String, emit: (ContextObservation) throws -> Void
    ) throws -> StatLineReadResult {
        try read(InputStream(data: Data(text.utf8)), format: format, tableID: tableID, emit: emit)
    }

    /// Every observation of a small text, or a failure listing every bad row.
    public static func observations(text: String, format: StatLineFormat, tableID: String, source: String) throws
        -> [ContextObservation]
    {
        var observations: [ContextObservation] = []
        let result = try read(text: text, format: format, tableID: tableID) { observations.append($0) }
        if !result.issues.isEmpty { throw failure(result.issues, source: source) }
        return observations
    }

    /// The issues as a ``ValidationFailure`` naming the file.
    public static func failure(_ issues: [ContextRowIssue], source: String) -> ValidationFailure {
        ValidationFailure(
            issues: issues.map {
                var issue = $0.validationIssue
                issue.source = source
                return issue
            })
    }

    // MARK: - CSV

    private static func readCSV(_ stream: InputStream, handle: ([String: RawField], Int) throws -> Void) throws {
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true, trimFields: false, delimiter: ";")
        } catch {
            throw ValidationFailure(issues: [
                ValidationIssue(field: "kopregel", message: "geen CSV-kopregel gevonden: \(error)")
            ])
        }
        guard let header = reader.headerRow?.map({ $0.trimmingCharacters(in: .whitespaces) }),
            header.contains(regionColumn), header.contains(periodColumn)
        else {
            throw ValidationFailure(issues: [
                ValidationIssue(
                    field: "kopregel",
                    message:
                        "verwacht een kopregel met de kolommen \(regionColumn) en \(periodColumn), gescheiden door puntkomma's, zoals ID;RegioS;Perioden;<maat>"
                )
            ])
        }
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.count == 1, row[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            var fields: [String: RawField] = [:]
            for (index, name) in header.enumerated() {
                fields[name] = index < row.count ? .text(row[index]) : .missingColumn
            }
            if row.count > header.count { fields[""] = .extraColumns(row.count - header.count) }
            try handle(fields, line)
        }
        // CSV.swift reports the end of a stream as `cannotReadFile`; only a read error before the end is one.
        if let error = reader.error,
            !(isEndOfStream(error) && (stream.streamStatus == .atEnd || !stream.hasBytesAvailable))
        {
            throw ValidationFailure(issues: [
                ValidationIssue(field: "regel \(line + 1)", message: "het CSV-bestand is niet te lezen: \(error)")
            ])
        }
    }
}

private func isEndOfStream(_ error: any Error) -> Bool {
    if case CSVError.cannotReadFile = error { return true }
    return false
}

/// A field as read, before it is checked.
enum RawField {
    case text(String)
    case number(Double)
    case null
    case missingColumn
    case extraColumns(Int)
    case other(String)
}

/// Checks one row and turns it into observations.
private struct RowParser {
    let tableID: String
    var measures: [String]?
    var issues: [ContextRowIssue] = []
    var emitted = 0

    init(tableID: String) { self.tableID = tableID }

    mutating func parse(
        _ fields: [String: RawField], unit: String, number: Int, emit: (ContextObservation) throws -> Void
    ) throws {
        let measures =
            self.measures
            ?? fields.keys.filter {
                ![StatLineReader.regionColumn, StatLineReader.periodColumn, StatLineReader.idColumn, ""].contains($0)
            }.sorted()
        self.measures = measures
        var rowIssues: [ContextRowIssue] = []
        func issue(_ field: String, _ value: String, _ expected: String) {
            rowIssues.append(
                ContextRowIssue(unit: unit, number: number, field: field, value: value, expected: expected))
        }
        if case .extraColumns(let count) = fields[""] {
            issue("kolommen", "\(count) kolom(men) te veel", "evenveel velden als de kopregel")
        }
        var region: RegionCode?
        switch fields[StatLineReader.regionColumn] {
        case .text(let text):
            region = RegionCode(text)
            if region == nil { issue(StatLineReader.regionColumn, text, RegionCode.expectedForm) }
        case let other:
            issue(StatLineReader.regionColumn, Self.describe(other), RegionCode.expectedForm)
        }
        var period: IndicatorPeriod?
        switch fields[StatLineReader.periodColumn] {
        case .text(let text):
            period = IndicatorPeriod(code: text)
            if period == nil || text.trimmingCharacters(in: .whitespaces).count != 8 {
                period = nil
                issue(StatLineReader.periodColumn, text, IndicatorPeriod.expectedForm)
            }
        case let other:
            issue(StatLineReader.periodColumn, Self.describe(other), IndicatorPeriod.expectedForm)
        }
        var values: [(String, Double?)] = []
        for measure in measures {
            let field = fields[measure] ?? .missingColumn
            switch field {
            case .number(let value): values.append((measure, value))
            case .null: values.append((measure, nil))
            case .text(let raw):
                let text = raw.trimmingCharacters(in: .whitespaces)
                if text.isEmpty || text == "." {
                    values.append((measure, nil))
                } else if let value = Self.number(text) {
                    values.append((measure, value))
                } else {
                    issue(measure, raw, "een getal (12.5 of 12,5), of leeg of '.' als CBS geen cijfer heeft")
                }
            default:
                issue(measure, Self.describe(field), "een getal, of leeg of '.' als CBS geen cijfer heeft")
            }
        }
        guard rowIssues.isEmpty, issues.isEmpty, let region, let period else {
            issues += rowIssues
            return
        }
        for (measure, value) in values {
            try emit(
                ContextObservation(tableID: tableID, measure: measure, region: region, period: period, value: value))
            emitted += 1
        }
    }

    static func describe(_ field: RawField?) -> String {
        switch field {
        case .text(let text): text
        case .number(let value): String(value)
        case .null: "null"
        case .missingColumn, nil: "(ontbreekt)"
        case .extraColumns(let count): "\(count) kolommen te veel"
        case .other(let text): text
        }
    }

    /// `12.5`, `-3`, `1250`, or `12,5` (a decimal comma) — no thousands separators.
    static func number(_ text: String) -> Double? {
        var text = text
        if !text.contains("."), text.filter({ $0 == "," }).count == 1 {
            text = text.replacingOccurrences(of: ",", with: ".")
        }
        guard
            text.allSatisfy({
                $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E")
            }),
            let value = Double(text), value.isFinite
        else { return nil }
        return value
    }
}

/// Reads the `value` array of an OData JSON document one object at a time: bytes are
/// scanned from the stream in blocks, each object's bytes are cut out and decoded on their
/// own, so memory holds one block and one object, never the file.
struct ODataValueReader {
    private var stream: ByteStream

    init(stream: InputStream) {
        self.stream = ByteStream(stream)
    }

    mutating func forEachRecord(_ body: ([String: RawField], Int) throws -> Void) throws {
        try findValueArray()
        var number = 0
        stream.skipWhitespace()
        if stream.peek() == UInt8(ascii: "]") {
            _ = stream.next()
            return
        }
        while true {
            stream.skipWhitespace()
            guard stream.peek() == UInt8(ascii: "{") else { throw malformed("verwacht een object in de value-array") }
            let bytes = try captureObject()
            number += 1
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(bytes))
            } catch {
                throw malformed("record \(number) is geen geldig JSON-object")
            }
            guard let dictionary = object as? [String: Any] else { throw malformed("record \(number) is geen object") }
            var fields: [String: RawField] = [:]
            for (key, value) in dictionary {
                switch value {
                case let text as String: fields[key] = .text(text)
                case is NSNull: fields[key] = .null
                case let number as NSNumber: fields[key] = .number(number.doubleValue)
                default: fields[key] = .other(String(describing: value))
                }
            }
            for required in [StatLineReader.regionColumn, StatLineReader.periodColumn] where fields[required] == nil {
                fields[required] = .missingColumn
            }
            try body(fields, number)
            stream.skipWhitespace()
            switch stream.next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return
            default: throw malformed("verwacht ',' of ']' na record \(number)")
            }
        }
    }

    private func malformed(_ message: String) -> ValidationFailure {
        ValidationFailure(issues: [ValidationIssue(field: "value", message: message)])
    }

    /// Moves past `{ … "value": [` at the top level, skipping any other member.
    private mutating func findValueArray() throws {
        stream.skipWhitespace()
        guard stream.next() == UInt8(ascii: "{") else {
            throw malformed("verwacht een OData-document {\"value\": [ … ]}")
        }
        while true {
            stream.skipWhitespace()
            guard stream.peek() == UInt8(ascii: "\"") else {
                throw malformed("het document heeft geen array 'value' met records")
            }
            let key = try readString()
            stream.skipWhitespace()
            guard stream.next() == UInt8(ascii: ":") else { throw malformed("verwacht ':' na \"\(key)\"") }
            stream.skipWhitespace()
            if key == "value" {
                guard stream.next() == UInt8(ascii: "[") else { throw malformed("'value' is geen array") }
                return
            }
            try skipValue()
            stream.skipWhitespace()
            guard stream.next() == UInt8(ascii: ",") else {
                throw malformed("het document heeft geen array 'value' met records")
            }
        }
    }

    private mutating func readString() throws -> String {
        var bytes: [UInt8] = []
        try captureString(into: &bytes)
        return (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String) ?? ""
    }

    /// Appends a whole string literal (with its quotes) at the cursor to `bytes`.
    private mutating func captureString(into bytes: inout [UInt8]) throws {
        guard let quote = stream.next(), quote == UInt8(ascii: "\"") else { throw malformed("verwacht een tekst") }
        bytes.append(quote)
        while let byte = stream.next() {
            bytes.append(byte)
            if byte == UInt8(ascii: "\\") {
                guard let escaped = stream.next() else { break }
                bytes.append(escaped)
            } else if byte == UInt8(ascii: "\"") {
                return
            }
        }
        throw malformed("het bestand eindigt midden in een tekst")
    }

    /// The bytes of the object or array at the cursor, nested ones included.
    private mutating func captureObject() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var depth = 0
        while let byte = stream.peek() {
            if byte == UInt8(ascii: "\"") {
                try captureString(into: &bytes)
                continue
            }
            _ = stream.next()
            bytes.append(byte)
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return bytes }
            }
        }
        throw malformed("het bestand eindigt midden in een record")
    }

    /// Skips one JSON value of any kind.
    private mutating func skipValue() throws {
        switch stream.peek() {
        case UInt8(ascii: "\""):
            var ignored: [UInt8] = []
            try captureString(into: &ignored)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            _ = try captureObject()
        default:
            while let byte = stream.peek(), ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(byte) {
                _ = stream.next()
            }
        }
    }
}

/// Bytes of an input stream, read in blocks of 64 KiB.
private struct ByteStream {
    private let stream: InputStream
    private var buffer = [UInt8](repeating: 0, count: 65_536)
    private var count = 0
    private var position = 0

    init(_ stream: InputStream) {
        self.stream = stream
        if stream.streamStatus == .notOpen { stream.open() }
    }

    mutating func peek() -> UInt8? {
        if position == count {
            count = buffer.withUnsafeMutableBufferPointer { stream.read($0.baseAddress!, maxLength: $0.count) }
            position = 0
            if count <= 0 {
                count = 0
                return nil
            }
        }
        return buffer[position]
    }

    mutating func next() -> UInt8? {
        guard let byte = peek() else { return nil }
        position += 1
        return byte
    }

    mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }
}
