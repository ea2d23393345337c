import Foundation
import Testing
import VliegwielCore

/// The installation file written and read as it streams (``InstallationFileWriter``,
/// ``InstallationFileReader``): the bytes of the earlier whole-file encoder, any chunking,
/// any member order, and errors that name the field and the line.
@Suite struct InstallationFileTests {
    static let awkward: [InstallationDump.Value] = [
        .text("a\u{1}b\u{1f}\"\\/\n\t\r\u{8}\u{c}é\u{2028}😀\u{7f}"), .real(5), .real(0.5), .real(1e-7), .real(1e16),
        .real(-0.0), .real(0.1 + 0.2), .integer(.max), .integer(.min), .boolean(true), .boolean(false), .null,
        .text(""),
    ]

    static let dump = InstallationDump(tables: [
        .init(name: "eerste", columns: ["a", "b"], rows: [[.text("x"), .integer(1)], [.null, .real(2.5)]]),
        .init(name: "leeg", columns: ["c"], rows: []),
        .init(name: "lastig", columns: awkward.indices.map { "k\($0)" }, rows: [awkward, awkward]),
    ])

    /// The file as the earlier version wrote it, with Foundation's JSONEncoder per row.
    static func encodedByFoundation(_ dump: InstallationDump) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json(_ value: some Encodable) throws -> String {
            String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        func any(_ value: InstallationDump.Value) -> AnyEncodable {
            switch value {
            case .null: AnyEncodable(String?.none)
            case .boolean(let flag): AnyEncodable(flag)
            case .integer(let number): AnyEncodable(number)
            case .real(let number): AnyEncodable(number)
            case .text(let text): AnyEncodable(text)
            }
        }
        var text = "{\n  \"formaat\": \"vliegwiel-installatie\",\n  \"versie\": 1,\n  \"tabellen\": ["
        for (tableIndex, table) in dump.tables.enumerated() {
            text += tableIndex == 0 ? "\n" : ",\n"
            text += "    {\n      \"naam\": \(try json(table.name)),\n"
            text += "      \"kolommen\": \(try json(table.columns)),\n      \"rijen\": ["
            for (rowIndex, row) in table.rows.enumerated() {
                text += (rowIndex == 0 ? "\n        " : ",\n        ") + (try json(row.map(any)))
            }
            text += table.rows.isEmpty ? "]\n    }" : "\n      ]\n    }"
        }
        text += dump.tables.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return Array(text.utf8)
    }

    struct AnyEncodable: Encodable {
        let encodeValue: (any Encoder) throws -> Void
        init(_ value: some Encodable) { encodeValue = value.encode }
        func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
    }

    /// Reads `bytes` handed over in pieces of `size` bytes.
    static func read(_ bytes: [UInt8], inPiecesOf size: Int) throws -> InstallationDump {
        var offset = 0
        func source() -> [UInt8]? {
            guard offset < bytes.count else { return nil }
            defer { offset += size }
            return Array(bytes[offset..<min(bytes.count, offset + size)])
        }
        try InstallationFileReader(source: source).header()
        offset = 0
        let reader = InstallationFileReader(source: source)
        var tables: [InstallationDump.Table] = []
        while let (name, columns) = try reader.nextTable() {
            var rows: [[InstallationDump.Value]] = []
            while let row = try reader.nextRow() { rows.append(row) }
            tables.append(.init(name: name, columns: columns, rows: rows))
        }
        return InstallationDump(tables: tables)
    }

    @Test func theWriterWritesTheBytesOfTheEarlierEncoder() throws {
        #expect(Array(try Self.dump.encoded()) == (try Self.encodedByFoundation(Self.dump)))
        #expect(Array(try InstallationDump(tables: []).encoded()) == (try Self.encodedByFoundation(.init(tables: []))))
    }

    @Test func aFileReadInAnyPiecesGivesTheSameTables() throws {
        let bytes = Array(try Self.dump.encoded())
        // Whole numbers read as integers (JSON does not tell 5 from 5.0), as before.
        var expected = Self.dump
        expected.tables[2].rows = expected.tables[2].rows.map { row in
            row.map { value in
                if case .real(let number) = value, number.rounded() == number { return .integer(Int64(number)) }
                return value
            }
        }
        for size in [1, 2, 3, 7, 64, bytes.count] {
            #expect(try Self.read(bytes, inPiecesOf: size) == expected, "pieces of \(size)")
        }
    }

    @Test func membersMayStandInAnyOrder() throws {
        // As another JSON tool may write it: the rows before the name, the tables before the format.
        let text = """
            {"tabellen": [{"rijen": [["x", 1], [null, 2.5]], "extra": {"a": [1, {"b": null}]}, "kolommen": ["a", "b"],
            "naam": "eerste"}, {"naam": "leeg", "kolommen": ["c"], "rijen": []}], "versie": 1,
            "formaat": "vliegwiel-installatie"}
            """
        let read = try InstallationDump.decode(Data(text.utf8))
        #expect(read.tables == Array(Self.dump.tables.prefix(2)))
    }

    @Test(arguments: [
        (#"[1, 2]"#, "bestand: is geen JSON-object; verwacht een bestand van 'exporteer --alles'"),
        (
            #"{"tabellen": [], "formaat": "iets", "versie": 1}"#,
            "formaat: 'iets' is geen installatiebestand; verwacht 'vliegwiel-installatie' (van 'vliegwiel exporteer --alles')"
        ),
        (
            #"{"formaat": "vliegwiel-installatie", "tabellen": []}"#,
            "versie: ontbreekt; deze Vliegwiel leest versie 1"
        ),
        (
            "{\"formaat\": \"vliegwiel-installatie\", \"versie\": 1, \"tabellen\": [\n{\"naam\": \"t\", \"kolommen\": [\"a\", \"b\"], \"rijen\": [[1, 2],\n[3]]}]}",
            "tabellen[t].rijen[1]: heeft 1 waarden voor 2 kolommen (regel 3)"
        ),
        (
            "{\"formaat\": \"vliegwiel-installatie\", \"versie\": 1, \"tabellen\": [\n{\"rijen\": [\n[1, 2],\n[3]\n],\n\"naam\": \"t\",\n\"kolommen\": [\"a\", \"b\"]}]}",
            "tabellen[t].rijen[1]: heeft 1 waarden voor 2 kolommen (regel 4)"
        ),
        (
            "{\"formaat\": \"vliegwiel-installatie\", \"versie\": 1, \"tabellen\": [\n{\"naam\": \"t\", \"kolommen\": [\"a\"], \"rijen\": [[\"x\\q\"]]}]}",
            #"tabellen[t].rijen[0]: onbekende escape '\q' (regel 2)"#
        ),
        (
            "{\"formaat\": \"vliegwiel-installatie\", \"versie\": 1, \"tabellen\": [\n{\"naam\": \"t\", \"kolommen\": [\"a\"], \"rijen\": [[{}]]}]}",
            "tabellen[t].rijen[0]: verwacht een tekst, getal, true, false of null, geen lijst of object (regel 2)"
        ),
        (
            "{\"formaat\": \"vliegwiel-installatie\", \"versie\": 1, \"tabellen\": [\n{\"naam\": \"t\", \"kolommen\": [\"a\"], \"rijen\": [[1],",
            "tabellen[t].rijen[1]: verwacht een rij [waarde, …] (regel 2)"
        ),
        (
            "{\"formaat\": \"vliegwiel-installatie\", \"versie\": 1, \"tabellen\": [{\"kolommen\": []}]}",
            "tabellen[0]: mist 'naam' (regel 1)"
        ),
        (
            "{\"formaat\": \"vliegwiel-installatie\", \"versie\": 1, \"tabellen\": []} x",
            "bestand: na het einde van het JSON-object staat nog tekst (regel 1)"
        ),
        (
            "{\"formaat\": \"vliegwiel-installatie\", \"versie\": 1}\n{\"tabellen\": []}",
            "bestand: na het einde van het JSON-object staat nog tekst (regel 2)"
        ),
        (
            "{\"formaat\": \"vliegwiel-installatie\", \"versie\": 1, \"tabellen\": [\n{\"naam\": \"t\", \"kolommen\": [\"a\"], \"rijen\": [[1]\n[2]]}]}",
            "tabellen[t].rijen[1]: verwacht ',' of ']' na een rij (regel 3)"
        ),
    ])
    func aFileThatDoesNotFitIsNamedWithItsFieldAndLine(text: String, message: String) throws {
        let failure = try #require(throws: InstallationDumpError.self) { try InstallationDump.decode(Data(text.utf8)) }
        #expect(failure.description == message)
    }

    @Test func aNumberJSONCannotHoldIsRefusedByTheWriter() throws {
        var writer = InstallationFileWriter()
        writer.beginTable("t", columns: ["a"])
        let failure = try #require(throws: InstallationDumpError.self) { try writer.row([.real(.infinity)]) }
        #expect(failure.description == "rijen[0]: inf kan niet in JSON staan")
    }
    /// A byte-order mark is passed over in any pieces; one cut short, or three bytes that only
    /// begin like one, are refused, not read past the end of the piece (which crashed).
    @Test func aByteOrderMarkInAnyPiecesAndOneCutShort() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(try Self.dump.encoded())
        for size in [1, 2, 3, bytes.count] {
            #expect(try Self.read(bytes, inPiecesOf: size).tables.count == 3, "pieces of \(size)")
        }
        for start: [UInt8] in [[0xEF], [0xEF, 0xBB], [0xEF, 0xBB, 0xBF], [0xEF, 0x41, 0x42, 0x7B, 0x7D]] {
            let failure = try #require(throws: InstallationDumpError.self) {
                try InstallationDump.decode(Data(start))
            }
            #expect(failure.field == "bestand")
        }
    }

    /// A file cut short at any byte, read in any pieces, is refused with an
    /// ``InstallationDumpError``: never read as a smaller installation, never a crash.
    @Test func aFileCutShortAnywhereIsRefused() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(try Self.dump.encoded())
        for size in [1, 5, bytes.count] {
            // (The last byte is the line feed after the closing brace: without it the file is whole.)
            for end in 0..<bytes.count - 1 {
                #expect(throws: InstallationDumpError.self, "\(end) bytes in pieces of \(size)") {
                    try Self.read(Array(bytes[..<end]), inPiecesOf: size)
                }
            }
        }
    }
    /// A source that fails at once (a folder given as the file, a read error) is named as
    /// such, not as a file that is no JSON.
    @Test func aSourceThatFailsAtOnceIsNamed() throws {
        struct Unreadable: Error, CustomStringConvertible { var description: String { "Is a directory" } }
        let reads: [() throws -> Void] = [
            { try InstallationFileReader(source: { throw Unreadable() }).header() },
            { _ = try InstallationFileReader(source: { throw Unreadable() }).nextTable() },
        ]
        for read in reads {
            let failure = try #require(throws: InstallationDumpError.self) { try read() }
            #expect(failure.description == "bestand: kan niet verder lezen na regel 1: Is a directory")
        }
    }
    /// Bytes that are not UTF-8 in a text (a file saved in Latin-1, a damaged copy) are
    /// refused, as Foundation's decoder refused them, not stored as U+FFFD.
    @Test(arguments: [[0xFF], [0xE9], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82]] as [[UInt8]])
    func aTextThatIsNotUTF8IsRefused(bytes: [UInt8]) throws {
        let start = "{\"formaat\": \"vliegwiel-installatie\", \"versie\": 1, \"tabellen\": [\n"
        let cases: [(String, [UInt8], String)] = [
            ("{\"naam\": \"t\", \"kolommen\": [\"a\"], \"rijen\": [[\"caf", bytes, "\"]]}]}"),
            ("{\"naam\": \"t", bytes, "\", \"kolommen\": [\"a\"], \"rijen\": []}]}"),
            ("{\"naam\": \"t\", \"kolommen\": [\"a", bytes, "\"], \"rijen\": []}]}"),
        ]
        for (before, inside, after) in cases {
            let file = Array((start + before).utf8) + inside + Array(after.utf8)
            let failure = try #require(throws: InstallationDumpError.self) {
                try InstallationDump.decode(Data(file))
            }
            #expect(failure.message == "een tekst die geen geldige UTF-8 is (regel 2)", "\(failure)")
        }
    }
    /// Numbers as JSON writes them, and only those: what Swift's conversions take beyond JSON
    /// ('01', '1.', '-.5') is refused, as Foundation's decoder refused it.
    @Test func numbersAreReadAsJSONWritesThem() throws {
        func value(_ number: String) throws -> InstallationDump.Value {
            let text =
                "{\"formaat\": \"vliegwiel-installatie\", \"versie\": 1, \"tabellen\": [{\"naam\": \"t\", "
                + "\"kolommen\": [\"a\"], \"rijen\": [[\(number)]]}]}"
            return try InstallationDump.decode(Data(text.utf8)).tables[0].rows[0][0]
        }
        let read: [(String, InstallationDump.Value)] = [
            ("0", .integer(0)), ("-0", .integer(0)), ("5.0", .integer(5)), ("1E2", .integer(100)),
            ("1e+2", .integer(100)), ("0.1", .real(0.1)), ("-2.5e-3", .real(-0.0025)),
            ("9223372036854775807", .integer(.max)), ("-9223372036854775808", .integer(.min)),
            ("1e19", .real(1e19)),
        ]
        for (number, expected) in read { #expect(try value(number) == expected, "\(number)") }
        for number in [
            "01", "-01", "00", "1.", "-.5", "1.e3", "1e", "1e+", "-", "--1", "1-2", "0x1", "1e400", "-1e400",
        ] {
            #expect(throws: InstallationDumpError.self, "\(number)") { try value(number) }
        }
    }
    /// A member this version does not know is passed over, but must be JSON all the same.
    @Test func anUnknownMemberIsPassedOverButMustBeJSON() throws {
        func decode(_ extra: String) throws -> InstallationDump {
            let text =
                "{\"formaat\": \"vliegwiel-installatie\", \"versie\": 1, \"x\": \(extra), "
                + "\"tabellen\": [{\"naam\": \"t\", \"y\": \(extra), \"kolommen\": [], \"rijen\": []}]}"
            return try InstallationDump.decode(Data(text.utf8))
        }
        for valid in [
            "1", "[]", "{}", "[[], {}, [1, [2]], {\"a\": {\"b\": []}}]", "{\"a\": 1, \"b\": [null, true]}", "\"]}\"",
        ] {
            #expect(try decode(valid).tables.count == 1, "\(valid)")
        }
        for invalid in [
            "[}", "{]", "[1 2]", "[1,]", "[,1]", "[,]", "{\"a\" 1}", "{\"a\": 1,}", "{1: 2}", "{\"a\"}", "[[]",
            "{\"a\": 1 \"b\": 2}", "]", "[1] 2",
        ] {
            #expect(throws: InstallationDumpError.self, "\(invalid)") { try decode(invalid) }
        }
    }
}
