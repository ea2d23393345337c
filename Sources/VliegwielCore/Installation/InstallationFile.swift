/// The rows of an installation as they come, table after table: a file being read
/// (``InstallationFileReader``) or a dump in memory (``InstallationDump/rows()``). A restore
/// asks for a table, then for its rows until there are none, then for the next table.
public protocol InstallationRows: AnyObject {
    /// The next table's name and columns; `nil` after the last table. Rows of the table before
    /// that were not asked for are passed over.
    func nextTable() throws -> (name: String, columns: [String])?
    /// The next row of the current table, one value per column; `nil` after its last row.
    func nextRow() throws -> [InstallationDump.Value]?
}

extension InstallationDump {
    /// The dump's tables and rows, one after the other, as a file would give them.
    public func rows() -> some InstallationRows { DumpRows(tables: tables) }

    private final class DumpRows: InstallationRows {
        let tables: [Table]
        var table = -1
        var row = 0

        init(tables: [Table]) { self.tables = tables }

        func nextTable() throws -> (name: String, columns: [String])? {
            table += 1
            row = 0
            guard table < tables.count else { return nil }
            return (tables[table].name, tables[table].columns)
        }

        func nextRow() throws -> [InstallationDump.Value]? {
            guard table >= 0, table < tables.count, row < tables[table].rows.count else { return nil }
            row += 1
            return tables[table].rows[row - 1]
        }
    }
}

/// Writes an installation file (``InstallationDump``) table by table and row by row, so that
/// a whole installation never has to be in memory: the caller takes the bytes written so far
/// with ``take()`` whenever it likes. Two-space indentation, one row per line, values as
/// Foundation's `JSONEncoder` writes them (a whole fraction without `.0`, `/` unescaped): the
/// same installation always gives the same bytes.
public struct InstallationFileWriter: Sendable {
    private var bytes: [UInt8] = []
    private var tables = 0
    private var rowsOfTable = 0

    /// The bytes of the file up to and including the opening of its table array.
    public init() {
        append("{\n  \"formaat\": ")
        string(InstallationDump.formatName)
        append(",\n  \"versie\": \(InstallationDump.currentVersion),\n  \"tabellen\": [")
    }

    /// How many bytes wait to be taken.
    public var pending: Int { bytes.count }

    /// The bytes written since the last call, handed over.
    public mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// Opens a table: its name and columns; its rows follow with ``row(_:)``.
    public mutating func beginTable(_ name: String, columns: [String]) {
        append(tables == 0 ? "\n    {\n      \"naam\": " : ",\n    {\n      \"naam\": ")
        string(name)
        append(",\n      \"kolommen\": [")
        for (index, column) in columns.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(column)
        }
        append("],\n      \"rijen\": [")
        tables += 1
        rowsOfTable = 0
    }

    /// Writes one row of the open table.
    ///
    /// - Throws: ``InstallationDumpError`` for a number JSON cannot hold (infinite or not a number).
    public mutating func row(_ values: [InstallationDump.Value]) throws(InstallationDumpError) {
        append(rowsOfTable == 0 ? "\n        [" : ",\n        [")
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            switch value {
            case .null: append("null")
            case .boolean(let flag): append(flag ? "true" : "false")
            case .integer(let number): append(String(number))
            case .real(let number):
                guard number.isFinite else {
                    throw InstallationDumpError(
                        field: "rijen[\(rowsOfTable)]", message: "\(number) kan niet in JSON staan")
                }
                // JSONEncoder's form: Swift's shortest text, without the `.0` of a whole number.
                let text = number.description
                append(text.hasSuffix(".0") ? String(text.dropLast(2)) : text)
            case .text(let text): string(text)
            }
        }
        bytes.append(UInt8(ascii: "]"))
        rowsOfTable += 1
    }

    /// Closes the open table.
    public mutating func endTable() {
        append(rowsOfTable == 0 ? "]\n    }" : "\n      ]\n    }")
    }

    /// Closes the table array and the file.
    public mutating func finish() {
        append(tables == 0 ? "]\n}\n" : "\n  ]\n}\n")
    }

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`, `\r`, `\b`, `\f`
    /// or `\u001f`, everything else as it is in UTF-8.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x09: append("\\t")
            case 0x0D: append("\\r")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                append("\\u00")
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Reads an installation file (``InstallationDump``) as it comes, chunk by chunk, without
/// holding it: ``nextTable()`` and ``nextRow()`` give the tables and rows in file order.
/// Members of an object may stand in any order (a file written by another JSON tool): when
/// `rijen` comes before a table's `naam` or `kolommen`, that table's rows are kept until the
/// name and columns are known; ``header()`` finds `formaat` and `versie` wherever they are.
public final class InstallationFileReader: InstallationRows {
    private let source: () throws -> [UInt8]?
    private var buffer: [UInt8] = []
    private var index = 0
    private var ended = false
    private var line = 1

    private enum Place {
        case start, betweenTables, inRows, afterRows, buffered, done
    }
    private var place = Place.start
    private var tableNumber = -1
    private var table: (name: String, columns: [String]) = ("", [])
    private var rowNumber = 0
    /// Rows read before their table's name or columns, each with the line it ended on.
    private var kept: [(values: [InstallationDump.Value], line: Int)] = []
    private var scratch: [UInt8] = []

    /// - Parameter source: the file's bytes, chunk after chunk; `nil` at the end.
    public init(source: @escaping () throws -> [UInt8]?) {
        self.source = source
    }

    /// A reader of bytes already in memory.
    public convenience init(bytes: [UInt8]) {
        var given = false
        self.init(source: {
            defer { given = true }
            return given ? nil : bytes
        })
    }

    // MARK: The file's header

    /// Reads `formaat` and `versie` wherever they stand (passing over everything else) and
    /// checks them: a reader of its own, used before the one that reads the rows.
    ///
    /// - Throws: ``InstallationDumpError`` naming `bestand`, `formaat` or `versie`.
    public func header() throws(InstallationDumpError) {
        try openDocument()
        var format: String?
        var version: Int64?
        var first = true
        while format == nil || version == nil, let key = try nextMember(first: first) {
            first = false
            switch key {
            case "formaat": format = try expectString(field: "formaat")
            case "versie": version = try expectInteger(field: "versie")
            default: try skipValue(field: key)
            }
            try Self.check(format: format, version: version, complete: false)
        }
        try Self.check(format: format, version: version, complete: true)
    }

    private static func check(format: String?, version: Int64?, complete: Bool) throws(InstallationDumpError) {
        if let format, format != InstallationDump.formatName {
            throw InstallationDumpError(
                field: "formaat",
                message:
                    "'\(format)' is geen installatiebestand; verwacht '\(InstallationDump.formatName)' (van 'vliegwiel exporteer --alles')"
            )
        }
        if complete, format == nil {
            throw InstallationDumpError(
                field: "formaat",
                message: "ontbreekt; verwacht '\(InstallationDump.formatName)' (van 'vliegwiel exporteer --alles')")
        }
        if let version, version != Int64(InstallationDump.currentVersion) {
            throw InstallationDumpError(
                field: "versie",
                message:
                    "versie \(version) wordt niet gelezen; deze Vliegwiel leest versie \(InstallationDump.currentVersion)"
            )
        }
        if complete, version == nil {
            throw InstallationDumpError(
                field: "versie", message: "ontbreekt; deze Vliegwiel leest versie \(InstallationDump.currentVersion)")
        }
    }

    // MARK: Tables and rows

    public func nextTable() throws(InstallationDumpError) -> (name: String, columns: [String])? {
        switch place {
        case .start:
            try openDocument()
            var first = true
            while true {
                guard let key = try nextMember(first: first) else {
                    // No `tabellen`: an installation without tables.
                    try finishFile()
                    place = .done
                    return nil
                }
                first = false
                if key == "tabellen" {
                    skipWhitespace()
                    guard nextByte() == UInt8(ascii: "[") else {
                        throw failure("tabellen", "is geen lijst van tabellen")
                    }
                    break
                }
                try skipValue(field: key)
            }
        case .inRows:
            while try nextRow() != nil {}
        case .buffered:
            kept = []
        case .afterRows, .betweenTables:
            break
        case .done:
            return nil
        }
        if place == .afterRows { try finishTableObject() }
        // Between tables: the next one, or the end of the array and of the document.
        skipWhitespace()
        switch peekByte() {
        case UInt8(ascii: "]"):
            index += 1
            try finishDocument()
            place = .done
            return nil
        case UInt8(ascii: ",") where tableNumber >= 0:
            index += 1
            skipWhitespace()
        case nil: throw failure("tabellen", "het bestand eindigt midden in de lijst van tabellen")
        default:
            if tableNumber >= 0 { throw failure("tabellen", "verwacht ',' of ']' na een tabel") }
        }
        tableNumber += 1
        let field = "tabellen[\(tableNumber)]"
        guard nextByte() == UInt8(ascii: "{") else { throw failure(field, "verwacht een tabel {\"naam\": …}") }
        var name: String?
        var columns: [String]?
        var first = true
        while let key = try nextMember(first: first) {
            first = false
            switch key {
            case "naam": name = try expectString(field: field + ".naam")
            case "kolommen": columns = try expectStrings(field: field + ".kolommen")
            case "rijen":
                skipWhitespace()
                guard nextByte() == UInt8(ascii: "[") else {
                    throw failure(field + ".rijen", "is geen lijst van rijen")
                }
                rowNumber = 0
                if let name, let columns {
                    table = (name, columns)
                    place = .inRows
                    return table
                }
                // The rows before the name or the columns: kept until both are known.
                var rows: [(values: [InstallationDump.Value], line: Int)] = []
                while let row = try rowArray(field: field + ".rijen", count: nil) { rows.append((row, line)) }
                kept = rows
            default: try skipValue(field: field + "." + key)
            }
        }
        guard let name else { throw failure(field, "mist 'naam'") }
        guard let columns else { throw failure("tabellen[\(name)]", "mist 'kolommen'") }
        table = (name, columns)
        rowNumber = 0
        for (number, row) in kept.enumerated() where row.values.count != columns.count {
            // Named with the row's own line, not the line where the columns became known.
            throw InstallationDumpError(
                field: "tabellen[\(name)].rijen[\(number)]",
                message: "heeft \(row.values.count) waarden voor \(columns.count) kolommen (regel \(row.line))")
        }
        kept.reverse()
        place = .buffered
        return table
    }

    public func nextRow() throws(InstallationDumpError) -> [InstallationDump.Value]? {
        switch place {
        case .buffered:
            rowNumber += 1
            return kept.popLast()?.values
        case .inRows:
            let field = "tabellen[\(table.name)].rijen"
            guard let row = try rowArray(field: field, count: table.columns.count) else {
                place = .afterRows
                return nil
            }
            return row
        default: return nil
        }
    }

    /// The next row of a `rijen` array whose `[` is read, or `nil` after its `]`.
    private func rowArray(field: String, count: Int?) throws(InstallationDumpError) -> [InstallationDump.Value]? {
        skipWhitespace()
        switch peekByte() {
        case UInt8(ascii: "]"):
            index += 1
            return nil
        case UInt8(ascii: ",") where rowNumber > 0:
            index += 1
            skipWhitespace()
        case nil: break
        default:
            if rowNumber > 0 { throw failure("\(field)[\(rowNumber)]", "verwacht ',' of ']' na een rij") }
        }
        let here = "\(field)[\(rowNumber)]"
        guard nextByte() == UInt8(ascii: "[") else { throw failure(here, "verwacht een rij [waarde, …]") }
        var row: [InstallationDump.Value] = []
        row.reserveCapacity(count ?? 8)
        skipWhitespace()
        if peekByte() == UInt8(ascii: "]") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                row.append(try scalar(field: here))
                skipWhitespace()
                switch nextByte() {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "]"): break
                default: throw failure(here, "verwacht ',' of ']' in een rij")
                }
                break
            }
        }
        if let count, row.count != count {
            throw failure(here, "heeft \(row.count) waarden voor \(count) kolommen")
        }
        rowNumber += 1
        return row
    }

    /// The members of a table object after its rows, up to its `}`.
    private func finishTableObject() throws(InstallationDumpError) {
        let field = "tabellen[\(table.name)]"
        while let key = try nextMember(first: false) {
            switch key {
            case "naam", "kolommen", "rijen": throw failure(field, "heeft '\(key)' twee keer")
            default: try skipValue(field: field + "." + key)
            }
        }
    }

    /// The members of the document after its tables, up to its `}` and the end of the file.
    private func finishDocument() throws(InstallationDumpError) {
        while let key = try nextMember(first: false) {
            if key == "tabellen" { throw failure("tabellen", "staat twee keer in het bestand") }
            try skipValue(field: key)
        }
        try finishFile()
    }

    /// Nothing but white space after the document's `}`.
    private func finishFile() throws(InstallationDumpError) {
        skipWhitespace()
        guard peekByte() == nil else { throw failure("bestand", "na het einde van het JSON-object staat nog tekst") }
    }

    // MARK: JSON

    private func failure(_ field: String, _ message: String) -> InstallationDumpError {
        if let sourceFailure {
            return InstallationDumpError(
                field: "bestand", message: "kan niet verder lezen na regel \(line): \(sourceFailure)")
        }
        return InstallationDumpError(field: field, message: "\(message) (regel \(line))")
    }

    private func openDocument() throws(InstallationDumpError) {
        // A file that cannot be read (a folder, a read error) says so, not that it is no JSON.
        func notAnObject() -> InstallationDumpError {
            if sourceFailure != nil { return failure("bestand", "") }
            return InstallationDumpError(
                field: "bestand", message: "is geen JSON-object; verwacht een bestand van 'exporteer --alles'")
        }
        skipWhitespace()
        // A byte-order mark (EF BB BF), as some editors write it; read byte by byte, because
        // it may be cut short or stand across two chunks.
        if peekByte() == 0xEF {
            index += 1
            guard nextByte() == 0xBB, nextByte() == 0xBF else { throw notAnObject() }
            skipWhitespace()
        }
        guard nextByte() == UInt8(ascii: "{") else { throw notAnObject() }
    }

    /// The key of the object's next member with its `:` read, or `nil` at the object's `}`.
    private func nextMember(first: Bool) throws(InstallationDumpError) -> String? {
        skipWhitespace()
        switch peekByte() {
        case UInt8(ascii: "}"):
            index += 1
            return nil
        case UInt8(ascii: ",") where !first:
            index += 1
            skipWhitespace()
        case nil: throw failure("bestand", "het bestand eindigt midden in een object")
        default:
            if !first { throw failure("bestand", "verwacht ',' of '}' in een object") }
        }
        let key = try expectString(field: "bestand")
        skipWhitespace()
        guard nextByte() == UInt8(ascii: ":") else { throw failure("bestand", "verwacht ':' na \"\(key)\"") }
        return key
    }

    private func expectString(field: String) throws(InstallationDumpError) -> String {
        skipWhitespace()
        guard peekByte() == UInt8(ascii: "\"") else { throw failure(field, "verwacht een tekst") }
        index += 1
        scratch.removeAll(keepingCapacity: true)
        try stringRest(into: &scratch, field: field)
        return try scratchText(field: field)
    }

    /// The string in `scratch`, which must be UTF-8 (as JSON is): bytes that are not would
    /// otherwise become U+FFFD and be stored changed without a word.
    private func scratchText(field: String) throws(InstallationDumpError) -> String {
        // Most texts are ASCII, which needs no check (String(validating:) costs more).
        if !scratch.contains(where: { $0 >= 0x80 }) { return String(decoding: scratch, as: UTF8.self) }
        guard let text = String(validating: scratch, as: UTF8.self) else {
            throw failure(field, "een tekst die geen geldige UTF-8 is")
        }
        return text
    }

    private func expectInteger(field: String) throws(InstallationDumpError) -> Int64 {
        skipWhitespace()
        guard case .integer(let number) = try scalar(field: field) else {
            throw failure(field, "verwacht een geheel getal")
        }
        return number
    }

    private func expectStrings(field: String) throws(InstallationDumpError) -> [String] {
        skipWhitespace()
        guard nextByte() == UInt8(ascii: "[") else { throw failure(field, "verwacht een lijst van namen") }
        var names: [String] = []
        skipWhitespace()
        if peekByte() == UInt8(ascii: "]") {
            index += 1
            return names
        }
        while true {
            names.append(try expectString(field: "\(field)[\(names.count)]"))
            skipWhitespace()
            switch nextByte() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return names
            default: throw failure(field, "verwacht ',' of ']'")
            }
        }
    }

    /// A string, number, `true`, `false` or `null` at the cursor. A number without fraction or
    /// exponent, or one that is whole and fits, reads as an integer, as Foundation's decoder
    /// gave it (JSON does not tell `5` from `5.0`).
    private func scalar(field: String) throws(InstallationDumpError) -> InstallationDump.Value {
        guard let first = peekByte() else { throw failure(field, "het bestand eindigt midden in een waarde") }
        switch first {
        case UInt8(ascii: "\""):
            index += 1
            scratch.removeAll(keepingCapacity: true)
            try stringRest(into: &scratch, field: field)
            return .text(try scratchText(field: field))
        case UInt8(ascii: "n"):
            try literal("null", field: field)
            return .null
        case UInt8(ascii: "t"):
            try literal("true", field: field)
            return .boolean(true)
        case UInt8(ascii: "f"):
            try literal("false", field: field)
            return .boolean(false)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            scratch.removeAll(keepingCapacity: true)
            var whole = true
            scan: while let byte = peekByte() {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"): break
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): whole = false
                default: break scan
                }
                scratch.append(byte)
                index += 1
            }
            let text = String(decoding: scratch, as: UTF8.self)
            // Swift's conversions take more than JSON does ('01', '1.', '-.5', '+1'): refused.
            guard Self.isJSONNumber(scratch) else { throw failure(field, "'\(text)' is geen getal") }
            if whole, let number = Int64(text) { return .integer(number) }
            guard let number = Double(text), number.isFinite else { throw failure(field, "'\(text)' is geen getal") }
            if number.rounded() == number, abs(number) < 9.2e18 { return .integer(Int64(number)) }
            return .real(number)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            throw failure(field, "verwacht een tekst, getal, true, false of null, geen lijst of object")
        default: throw failure(field, "geen geldige JSON-waarde")
        }
    }

    /// Whether `bytes` is a number as JSON writes one: `-`, then `0` or digits not starting
    /// with `0`, then perhaps `.` and digits, then perhaps `e` or `E`, a sign and digits.
    static func isJSONNumber(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func skip(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        func digits() -> Int {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - start
        }
        _ = skip(UInt8(ascii: "-"))
        guard skip(UInt8(ascii: "0")) || digits() > 0 else { return false }
        if skip(UInt8(ascii: ".")), digits() == 0 { return false }
        if skip(UInt8(ascii: "e")) || skip(UInt8(ascii: "E")) {
            _ = skip(UInt8(ascii: "+")) || skip(UInt8(ascii: "-"))
            if digits() == 0 { return false }
        }
        return index == bytes.count
    }

    private func literal(_ word: StaticString, field: String) throws(InstallationDumpError) {
        for expected in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard nextByte() == expected else { throw failure(field, "geen geldige JSON-waarde") }
        }
    }

    /// Passes over one value of any kind (an unknown member), nested ones too, checking that
    /// it is JSON: its lists and objects closed by their own bracket, with commas and keys.
    private func skipValue(field: String) throws(InstallationDumpError) {
        // The lists and objects open around the cursor: `true` for an object.
        var open: [Bool] = []
        value: while true {
            skipWhitespace()
            switch peekByte() {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let object = nextByte() == UInt8(ascii: "{")
                skipWhitespace()
                if peekByte() == (object ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    index += 1
                } else {
                    open.append(object)
                    if object { try skipKey(field: field) }
                    continue value
                }
            case nil: throw failure(field, "het bestand eindigt midden in een waarde")
            default: _ = try scalar(field: field)
            }
            // After a value: a comma and the next one, or the ends of the lists and objects it closes.
            while let object = open.last {
                skipWhitespace()
                switch nextByte() {
                case UInt8(ascii: ","):
                    if object { try skipKey(field: field) }
                    continue value
                case UInt8(ascii: "}") where object, UInt8(ascii: "]") where !object:
                    open.removeLast()
                case nil: throw failure(field, "het bestand eindigt midden in een waarde")
                default: throw failure(field, object ? "verwacht ',' of '}' in een object" : "verwacht ',' of ']'")
                }
            }
            return
        }
    }

    /// A key of an object being passed over, and its `:`.
    private func skipKey(field: String) throws(InstallationDumpError) {
        let key = try expectString(field: field)
        skipWhitespace()
        guard nextByte() == UInt8(ascii: ":") else { throw failure(field, "verwacht ':' na \"\(key)\"") }
    }

    /// The rest of a string whose opening quote is read, unescaped, appended to `bytes`.
    private func stringRest(into bytes: inout [UInt8], field: String) throws(InstallationDumpError) {
        while true {
            if index == buffer.count, !refill() { throw failure(field, "het bestand eindigt midden in een tekst") }
            // The plain run up to the next quote, backslash or control character, at once.
            var end = index
            while end < buffer.count {
                let byte = buffer[end]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                end += 1
            }
            bytes.append(contentsOf: buffer[index..<end])
            index = end
            guard index < buffer.count else { continue }
            let special = buffer[index]
            index += 1
            switch special {
            case UInt8(ascii: "\""): return
            case UInt8(ascii: "\\"):
                guard let escaped = nextByte() else { throw failure(field, "het bestand eindigt midden in een tekst") }
                if let plain = JSONEscape.byte(for: escaped) {
                    bytes.append(plain)
                    continue
                }
                switch escaped {
                case UInt8(ascii: "u"):
                    var scalar = try hex4(field: field)
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard nextByte() == UInt8(ascii: "\\"), nextByte() == UInt8(ascii: "u") else {
                            throw failure(field, "een \\u-code zonder tweede helft")
                        }
                        let low = try hex4(field: field)
                        guard (0xDC00..<0xE000).contains(low) else {
                            throw failure(field, "een \\u-code zonder tweede helft")
                        }
                        scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                    }
                    guard let character = Unicode.Scalar(scalar) else { throw failure(field, "ongeldige \\u-code") }
                    bytes.append(contentsOf: String(Character(character)).utf8)
                default: throw failure(field, "onbekende escape '\\\(Character(Unicode.Scalar(escaped)))'")
                }
            default: throw failure(field, "een regeleinde of stuurteken midden in een tekst")
            }
        }
    }

    private func hex4(field: String) throws(InstallationDumpError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = nextByte(), let digit = JSONEscape.hexDigit(byte) else {
                throw failure(field, "onvolledige \\u-code")
            }
            value = value << 4 | digit
        }
        return value
    }

    // MARK: Bytes

    private func skipWhitespace() {
        while true {
            if index == buffer.count, !refill() { return }
            switch buffer[index] {
            case 0x0A:
                line += 1
                index += 1
            case 0x20, 0x09, 0x0D: index += 1
            default: return
            }
        }
    }

    private func peekByte() -> UInt8? {
        if index == buffer.count, !refill() { return nil }
        return buffer[index]
    }

    private func nextByte() -> UInt8? {
        guard let byte = peekByte() else { return nil }
        index += 1
        return byte
    }

    /// Reads the next chunk when the buffer is used up; `false` at the end of the file. A
    /// source that fails ends the file here; its error is ``sourceFailure``.
    private func refill() -> Bool {
        guard !ended else { return false }
        while true {
            let chunk: [UInt8]?
            do {
                chunk = try source()
            } catch {
                sourceFailure = error
                chunk = nil
            }
            guard let chunk else {
                ended = true
                return false
            }
            if chunk.isEmpty { continue }
            buffer = chunk
            index = 0
            return true
        }
    }

    /// Why the source stopped giving bytes before the end, if it failed.
    public private(set) var sourceFailure: (any Error)?
}
