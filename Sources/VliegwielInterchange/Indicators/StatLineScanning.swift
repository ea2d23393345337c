import Foundation
import VliegwielCore

// Byte-level scanning of StatLine exports (docs/indicatoren.md, "Stromend lezen"): a file is
// read in blocks of 256 KiB and each row's fields are copied into one reusable byte buffer,
// so no `String` is made per field. Strings are made once per distinct region, period and
// measure (``ByteInterner``) and, for a bad field, for the error message.

/// Bytes of an input stream, read in blocks.
final class ByteReader {
    private let stream: InputStream
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var count = 0
    private var position = 0
    private var before = 0
    private(set) var failed = false

    init(_ stream: InputStream, blockSize: Int = 1 << 18) {
        self.stream = stream
        buffer = .allocate(capacity: blockSize)
        if stream.streamStatus == .notOpen { stream.open() }
    }

    deinit { buffer.deallocate() }

    /// The bytes consumed so far.
    var bytesRead: Int { before + position }

    @inline(__always) func peek() -> UInt8? {
        if position == count, !refill() { return nil }
        return buffer[position]
    }

    @inline(__always) func next() -> UInt8? {
        if position == count, !refill() { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    @inline(__always) func skip() { position += 1 }

    func skipWhitespace() {
        while position < count || refill() {
            let base = buffer.baseAddress!
            var index = position
            while index < count {
                let byte = base[index]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else {
                    position = index
                    return
                }
                index += 1
            }
            position = index
        }
    }

    // The scans below run over the block with a local index and copy a run of bytes at once:
    // a JSON export is 2 (OData v3) to 6 (v4) times the size of the CSV, and byte by byte
    // through `next()` its scanning was most of an OData import (BENCHMARKS.md).

    /// Appends the bytes from the cursor up to the first `"` or `\` to `bytes`, and returns
    /// that byte, not consumed; `nil` at the end of the input.
    func appendStringRun(to bytes: inout [UInt8]) -> UInt8? {
        while position < count || refill() {
            let base = buffer.baseAddress!
            var index = position
            while index < count, base[index] != 0x22, base[index] != 0x5C { index += 1 }
            if index > position {
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + position, count: index - position))
            }
            position = index
            if index < count { return base[index] }
        }
        return nil
    }

    /// Appends the bytes from the cursor up to the first that is `a`, `b`, `c` or `d` to
    /// `bytes`, and returns that byte, not consumed; `nil` at the end of the input.
    func appendRun(to bytes: inout [UInt8], until a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> UInt8? {
        while position < count || refill() {
            let base = buffer.baseAddress!
            var index = position
            while index < count {
                let byte = base[index]
                if byte == a || byte == b || byte == c || byte == d { break }
                index += 1
            }
            if index > position {
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + position, count: index - position))
            }
            position = index
            if index < count { return base[index] }
        }
        return nil
    }

    /// The rest of a string whose opening quote is consumed, when it ends in the current
    /// block and has no escape: the cursor moves past its closing quote, and the bytes stay
    /// valid until the next read. `nil` (nothing consumed) otherwise.
    func plainStringInBlock() -> UnsafeBufferPointer<UInt8>? {
        guard let base = buffer.baseAddress else { return nil }
        var index = position
        while index < count {
            let byte = base[index]
            if byte == 0x22 {
                let text = UnsafeBufferPointer(start: base + position, count: index - position)
                position = index + 1
                return text
            }
            if byte == 0x5C { return nil }
            index += 1
        }
        return nil
    }

    /// Appends the bytes from the cursor that may be part of a JSON number (`-+.eE` and
    /// digits) to `bytes`.
    func appendNumber(to bytes: inout [UInt8]) {
        while position < count || refill() {
            let base = buffer.baseAddress!
            var index = position
            while index < count {
                let byte = base[index]
                guard
                    (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D || byte == 0x2B || byte == 0x65
                        || byte == 0x45
                else { break }
                index += 1
            }
            if index > position {
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + position, count: index - position))
            }
            position = index
            if index < count { return }
        }
    }

    private func refill() -> Bool {
        before += count
        position = 0
        count = stream.read(buffer.baseAddress!, maxLength: buffer.count)
        if count < 0 { failed = true }
        if count <= 0 {
            count = 0
            return false
        }
        return true
    }
}

/// What a field held, before it is checked.
enum FieldKind: UInt8 {
    /// Text: a CSV field or a JSON string (unescaped).
    case text
    /// The bytes of a JSON number.
    case number
    case null
    /// The column (CSV) or member (JSON) is not there.
    case missing
    /// A JSON `true`, `false`, object or array.
    case other
}

/// The fields of one row: kinds and byte ranges per column, all bytes in one buffer that is
/// reused for every row.
struct RowFields {
    var bytes: [UInt8] = []
    var kinds: [FieldKind] = []
    var starts: [Int] = []
    var ends: [Int] = []
    /// CSV: fields beyond the header's columns.
    var extra = 0

    init(columns: Int) { resize(columns) }

    mutating func resize(_ columns: Int) {
        kinds = Array(repeating: .missing, count: columns)
        starts = Array(repeating: 0, count: columns)
        ends = Array(repeating: 0, count: columns)
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        for index in kinds.indices { kinds[index] = .missing }
        extra = 0
    }

    /// Calls `body` with the bytes of column `index` (empty when missing).
    @inline(__always) func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[starts[index]..<ends[index]]))
        }
    }

    /// The text of column `index`, for messages.
    func text(_ index: Int) -> String {
        withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }
}

// MARK: - CSV

/// Reads `;`-separated records with fields in optional double quotes (`""` is a quote
/// inside one); a quoted field may hold separators and line breaks. Lines end in LF or CRLF.
struct CSVScanner {
    let reader: ByteReader
    let delimiter: UInt8
    /// The physical line the next record starts on (1 for the first).
    private(set) var line = 1

    init(reader: ByteReader, delimiter: UInt8 = UInt8(ascii: ";")) {
        self.reader = reader
        self.delimiter = delimiter
        // A UTF-8 byte order mark, as spreadsheet programs write one, is not part of the header.
        if reader.peek() == 0xEF {
            reader.skip()
            if reader.peek() == 0xBB { reader.skip() }
            if reader.peek() == 0xBF { reader.skip() }
        }
    }

    /// The header's names, trimmed; `nil` for an empty input.
    mutating func header() -> [String]? {
        var row = RowFields(columns: 0)
        guard let count = nextRecord(into: &row, columns: Int.max) else { return nil }
        var names: [String] = []
        for index in 0..<count {
            names.append(row.text(index).trimmingCharacters(in: .whitespaces))
        }
        return names
    }

    /// Reads the next record into `row` (at most `columns` fields kept; more are counted in
    /// `row.extra`). Returns the number of fields, or `nil` at the end of the input.
    mutating func nextRecord(into row: inout RowFields, columns: Int) -> Int? {
        row.reset()
        guard reader.peek() != nil else { return nil }
        let quote = UInt8(ascii: "\"")
        var field = 0
        var start = 0
        var inQuotes = false
        var quotedField = false
        func endField(_ row: inout RowFields) {
            if field < columns {
                if field >= row.kinds.count {
                    row.kinds.append(.text)
                    row.starts.append(start)
                    row.ends.append(row.bytes.count)
                } else {
                    row.kinds[field] = .text
                    row.starts[field] = start
                    row.ends[field] = row.bytes.count
                }
            } else {
                row.extra += 1
            }
            field += 1
            start = row.bytes.count
            quotedField = false
        }
        // The bytes between the ones that matter are copied as one run.
        while let byte =
            inQuotes
            ? reader.appendRun(to: &row.bytes, until: quote, 0x0A, 0x0A, 0x0A)
            : reader.appendRun(to: &row.bytes, until: delimiter, quote, 0x0A, 0x0D)
        {
            reader.skip()
            if inQuotes {
                if byte == quote {
                    if reader.peek() == quote {
                        reader.skip()
                        row.bytes.append(quote)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    row.bytes.append(byte)
                }
                continue
            }
            switch byte {
            case delimiter:
                endField(&row)
            case 0x0A:
                line += 1
                endField(&row)
                return field
            case 0x0D:
                if reader.peek() == 0x0A { reader.skip() }
                line += 1
                endField(&row)
                return field
            case quote where row.bytes.count == start && !quotedField:
                inQuotes = true
                quotedField = true
            default:
                row.bytes.append(byte)
            }
        }
        endField(&row)
        return field
    }
}

// MARK: - JSON

/// A JSON document that is not what StatLine writes.
struct MalformedJSON: Error {
    var message: String
}

/// Scans the top-level object of an OData document: its `value` array record by record, and
/// the other members (the paging link `@odata.nextLink` or `odata.nextLink` is kept).
struct JSONScanner {
    let reader: ByteReader
    private var scratch: [UInt8] = []
    /// The link to the next page, when the document has one.
    private(set) var nextLink: String?

    init(reader: ByteReader) { self.reader = reader }

    /// Moves past `{ … "value": [`, skipping any member before it (a paging link is kept).
    mutating func enterValueArray() throws(MalformedJSON) {
        reader.skipWhitespace()
        if reader.peek() == 0xEF {
            reader.skip()
            reader.skip()
            reader.skip()
            reader.skipWhitespace()
        }
        guard reader.next() == UInt8(ascii: "{") else {
            throw MalformedJSON(message: "verwacht een OData-document {\"value\": [ … ]}")
        }
        while true {
            reader.skipWhitespace()
            guard reader.peek() == UInt8(ascii: "\"") else {
                throw MalformedJSON(message: "het document heeft geen array 'value' met records")
            }
            let key = try readKey()
            reader.skipWhitespace()
            guard reader.next() == UInt8(ascii: ":") else { throw MalformedJSON(message: "verwacht ':' na \"\(key)\"") }
            reader.skipWhitespace()
            if key == "value" {
                guard reader.next() == UInt8(ascii: "[") else { throw MalformedJSON(message: "'value' is geen array") }
                return
            }
            try member(key)
            reader.skipWhitespace()
            guard reader.next() == UInt8(ascii: ",") else {
                throw MalformedJSON(message: "het document heeft geen array 'value' met records")
            }
        }
    }

    /// After the `value` array: reads the remaining members up to the closing brace.
    mutating func finishDocument() throws(MalformedJSON) {
        while true {
            reader.skipWhitespace()
            switch reader.next() {
            case UInt8(ascii: "}"): return
            case UInt8(ascii: ","):
                reader.skipWhitespace()
                let key = try readKey()
                reader.skipWhitespace()
                guard reader.next() == UInt8(ascii: ":") else {
                    throw MalformedJSON(message: "verwacht ':' na \"\(key)\"")
                }
                reader.skipWhitespace()
                try member(key)
            default: throw MalformedJSON(message: "verwacht ',' of '}' na de array 'value'")
            }
        }
    }

    private mutating func member(_ key: String) throws(MalformedJSON) {
        if key == "@odata.nextLink" || key == "odata.nextLink", reader.peek() == UInt8(ascii: "\"") {
            scratch.removeAll(keepingCapacity: true)
            try readString(into: &scratch)
            nextLink = String(decoding: scratch, as: UTF8.self)
        } else {
            try skipValue()
        }
    }

    /// Reads the next record of the array into `row`, each member's column found by
    /// `column(keyBytes, position)` (`nil`: ignored). Returns `false` after the last record.
    mutating func nextRecord(
        into row: inout RowFields, column: (UnsafeBufferPointer<UInt8>, Int) -> Int?
    ) throws(MalformedJSON) -> Bool {
        reader.skipWhitespace()
        switch reader.peek() {
        case UInt8(ascii: "]"):
            reader.skip()
            return false
        case UInt8(ascii: ","):
            reader.skip()
            reader.skipWhitespace()
        default: break
        }
        guard reader.next() == UInt8(ascii: "{") else {
            throw MalformedJSON(message: "verwacht een object in de value-array")
        }
        row.reset()
        var position = 0
        reader.skipWhitespace()
        if reader.peek() == UInt8(ascii: "}") {
            reader.skip()
            return true
        }
        while true {
            reader.skipWhitespace()
            guard reader.next() == UInt8(ascii: "\"") else { throw MalformedJSON(message: "verwacht een tekst") }
            // The member name, compared where it lies in the block; copied only when it
            // reaches past the block or holds an escape.
            let index: Int?
            if let key = reader.plainStringInBlock() {
                index = column(key, position)
            } else {
                scratch.removeAll(keepingCapacity: true)
                try readStringRest(into: &scratch)
                index = scratch.withUnsafeBufferPointer { column($0, position) }
            }
            position += 1
            reader.skipWhitespace()
            guard reader.next() == UInt8(ascii: ":") else {
                throw MalformedJSON(message: "verwacht ':' na een veldnaam")
            }
            reader.skipWhitespace()
            let start = row.bytes.count
            let kind: FieldKind
            switch reader.peek() {
            case UInt8(ascii: "\""):
                try readString(into: &row.bytes)
                kind = .text
            case UInt8(ascii: "n"):
                try literal("null")
                kind = .null
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                try skipValue()
                row.bytes.append(contentsOf: "(samengesteld)".utf8)
                kind = .other
            case UInt8(ascii: "t"):
                try literal("true")
                row.bytes.append(contentsOf: "true".utf8)
                kind = .other
            case UInt8(ascii: "f"):
                try literal("false")
                row.bytes.append(contentsOf: "false".utf8)
                kind = .other
            case nil: throw MalformedJSON(message: "het bestand eindigt midden in een record")
            default:
                reader.appendNumber(to: &row.bytes)
                guard row.bytes.count > start else {
                    throw MalformedJSON(message: "een record bevat geen geldige JSON")
                }
                kind = .number
            }
            if let index {
                while row.kinds.count <= index {
                    row.kinds.append(.missing)
                    row.starts.append(0)
                    row.ends.append(0)
                }
                row.kinds[index] = kind
                row.starts[index] = start
                row.ends[index] = row.bytes.count
            }
            reader.skipWhitespace()
            switch reader.next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return true
            case nil: throw MalformedJSON(message: "het bestand eindigt midden in een record")
            default: throw MalformedJSON(message: "verwacht ',' of '}' in een record")
            }
        }
    }

    private func literal(_ word: StaticString) throws(MalformedJSON) {
        for expected in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard reader.next() == expected else { throw MalformedJSON(message: "een record bevat geen geldige JSON") }
        }
    }

    private mutating func readKey() throws(MalformedJSON) -> String {
        scratch.removeAll(keepingCapacity: true)
        try readString(into: &scratch)
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Appends the unescaped contents of the string literal at the cursor to `bytes`.
    private func readString(into bytes: inout [UInt8]) throws(MalformedJSON) {
        guard reader.next() == UInt8(ascii: "\"") else { throw MalformedJSON(message: "verwacht een tekst") }
        try readStringRest(into: &bytes)
    }

    /// Appends the unescaped rest of a string literal whose opening quote is consumed.
    private func readStringRest(into bytes: inout [UInt8]) throws(MalformedJSON) {
        while let special = reader.appendStringRun(to: &bytes) {
            reader.skip()
            if special == UInt8(ascii: "\"") { return }
            guard let escaped = reader.next() else { break }
            if let plain = JSONEscape.byte(for: escaped) {
                bytes.append(plain)
            } else if escaped == UInt8(ascii: "u") {
                try unicodeEscape(into: &bytes)
            } else {
                bytes.append(escaped)
            }
        }
        throw MalformedJSON(message: "het bestand eindigt midden in een tekst")
    }

    private func hex4() throws(MalformedJSON) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = reader.next() else { throw MalformedJSON(message: "onvolledige \\u-code") }
            guard let digit = JSONEscape.hexDigit(byte) else { throw MalformedJSON(message: "ongeldige \\u-code") }
            value = value << 4 | digit
        }
        return value
    }

    private func unicodeEscape(into bytes: inout [UInt8]) throws(MalformedJSON) {
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar), reader.peek() == UInt8(ascii: "\\") {
            reader.skip()
            guard reader.next() == UInt8(ascii: "u") else { throw MalformedJSON(message: "ongeldige \\u-code") }
            let low = try hex4()
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
        }
        let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        bytes.append(contentsOf: String(character).utf8)
    }

    /// Skips one JSON value of any kind.
    private func skipValue() throws(MalformedJSON) {
        var depth = 0
        var ignored: [UInt8] = []
        repeat {
            reader.skipWhitespace()
            switch reader.peek() {
            case UInt8(ascii: "\""):
                ignored.removeAll(keepingCapacity: true)
                try readString(into: &ignored)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                reader.skip()
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                reader.skip()
                depth -= 1
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                reader.skip()
            case nil: throw MalformedJSON(message: "het bestand eindigt midden in een waarde")
            default:
                while let byte = reader.peek(),
                    ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09].contains(byte)
                {
                    reader.skip()
                }
            }
        } while depth > 0
    }
}

// MARK: - Fields

/// Turns bytes into a value of `Value` once per distinct byte sequence: region codes,
/// periods and measures repeat on every row, so each becomes a `String` only once.
struct ByteInterner<Value> {
    private var table: [UInt64: [(key: [UInt8], value: Value)]] = [:]
    private(set) var count = 0
    /// Beyond this many entries nothing more is remembered (memory stays bounded).
    let limit: Int

    init(limit: Int = 100_000) { self.limit = limit }

    /// The entry found last: a wide export repeats a row's region and period for each of its
    /// measures, a long one the same region and period for consecutive records, so most
    /// lookups are of the same bytes as the one before and need no hash.
    private var last: (key: [UInt8], value: Value)?

    mutating func value(_ bytes: UnsafeBufferPointer<UInt8>, make: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        if let last, last.key.hasBytes(bytes) { return last.value }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3 }
        if let entries = table[hash] {
            for entry in entries where entry.key.hasBytes(bytes) {
                last = entry
                return entry.value
            }
        }
        let value = make(bytes)
        if count < limit {
            let key = Array(bytes)
            table[hash, default: []].append((key, value))
            count += 1
            last = (key, value)
        }
        return value
    }
}

extension Array where Element == UInt8 {
    /// Whether these bytes are `bytes` (one `memcmp`): how the readers compare a name or code
    /// they keep with the one in the block being read.
    @inline(__always) func hasBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        count == bytes.count
            && withUnsafeBufferPointer { kept in
                bytes.isEmpty || memcmp(kept.baseAddress!, bytes.baseAddress!, bytes.count) == 0
            }
    }
}

enum FieldBytes {
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The bytes without the spaces CBS pads codes and figures with.
    @inline(__always) static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private static let powers: [Double] = (0...22).map { pow(10, Double($0)) }

    /// A decimal number: `12.5`, `-3`, `1250`, `1.5e3`, or `12,5` (a decimal comma when the
    /// text has exactly one comma and no point) — no thousands separators, no other
    /// characters. Exact to the last bit: the common case (at most 15 significant digits,
    /// an exponent within ±22) is one correctly rounded multiplication or division of two
    /// exact doubles; anything longer goes to the standard library's parser.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !bytes.isEmpty else { return nil }
        var commas = 0
        var points = 0
        for byte in bytes {
            if byte == UInt8(ascii: ",") { commas += 1 } else if byte == UInt8(ascii: ".") { points += 1 }
        }
        let separator: UInt8
        if commas == 1, points == 0 {
            separator = UInt8(ascii: ",")
        } else if commas == 0, points <= 1 {
            separator = UInt8(ascii: ".")
        } else {
            return nil
        }
        var index = bytes.startIndex
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var exact = true
        var seenSeparator = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
                if mantissa < 1 << 53 / 10 {
                    mantissa = mantissa * 10 + UInt64(byte - 0x30)
                    if seenSeparator { exponent -= 1 }
                } else {
                    exact = false
                }
            } else if byte == separator, !seenSeparator {
                seenSeparator = true
            } else {
                break
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        if index < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") else { return nil }
            index += 1
            var exponentNegative = false
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < bytes.endIndex, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
                if written < 100_000 { written = written * 10 + Int(bytes[index] - 0x30) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0, index == bytes.endIndex else { return nil }
            exponent += exponentNegative ? -written : written
        }
        let value: Double
        if exact, abs(exponent) <= 22 {
            let base = Double(mantissa)
            value = exponent < 0 ? base / powers[-exponent] : base * powers[exponent]
        } else {
            var text = String(decoding: bytes, as: UTF8.self)
            if separator == UInt8(ascii: ",") { text = text.replacingOccurrences(of: ",", with: ".") }
            guard let parsed = Double(text) else { return nil }
            return parsed.isFinite ? parsed : nil
        }
        guard value.isFinite else { return nil }
        return negative ? -value : value
    }
}
