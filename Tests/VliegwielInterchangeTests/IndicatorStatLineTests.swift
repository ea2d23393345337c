import Foundation
import Testing
import VliegwielCore

@testable import VliegwielInterchange

@Suite struct IndicatorStatLineTests {
    // Test fixtures shaped like CBS StatLine output for table 70072NED (Regionale kerncijfers
    // Nederland: RegioS × Perioden), in the three formats: the layout, the padded codes and
    // the markers follow CBS (docs/indicatoren.md names the sources); the measure keys and
    // every figure are invented for the test and are not CBS figures.

    /// The CSV download: `;`, quoted, padded region codes, a decimal comma and `.` for "no figure".
    static let csv = """
        "ID";"RegioS";"Perioden";"Werkloosheid_1";"Tevredenheid_2"
        "0";"GM0363    ";"2021JJ00";"5.1";"84.2"
        "1";"GM0363    ";"2022JJ00";"4,8";"."
        "2";"PV27  ";"2022JJ00";"";"86"
        "3";"NL01  ";"2022KW01";"3.9";"85.5"

        """

    /// The same data as OData v3 JSON (`value` array), with a member before it.
    static let odata = """
        {"odata.metadata": "https://opendata.cbs.nl/ODataApi/odata/70072NED/$metadata#Cbs.OData.WebAPI.TypedDataSet",
         "value": [
          {"ID": 0, "RegioS": "GM0363    ", "Perioden": "2021JJ00", "Werkloosheid_1": 5.1, "Tevredenheid_2": 84.2},
          {"ID": 1, "RegioS": "GM0363    ", "Perioden": "2022JJ00", "Werkloosheid_1": 4.8, "Tevredenheid_2": null},
          {"ID": 2, "RegioS": "PV27  ", "Perioden": "2022JJ00", "Werkloosheid_1": null, "Tevredenheid_2": 86},
          {"ID": 3, "RegioS": "NL01  ", "Perioden": "2022KW01", "Werkloosheid_1": 3.9, "Tevredenheid_2": 85.5}
         ]}
        """

    /// The same data as OData v4 `Observations` (long: one record per observation, in the
    /// member order CBS uses), with `ValueAttribute` `None` for a figure and a marker otherwise.
    static let odata4 = """
        {"@odata.context": "https://odata4.cbs.nl/CBS/70072NED/$metadata#Observations",
         "value": [
          {"Id": 0, "Measure": "Werkloosheid_1", "ValueAttribute": "None", "Value": 5.1, "RegioS": "GM0363    ", "Perioden": "2021JJ00"},
          {"Id": 1, "Measure": "Tevredenheid_2", "ValueAttribute": "None", "Value": 84.2, "RegioS": "GM0363    ", "Perioden": "2021JJ00"},
          {"Id": 2, "Measure": "Werkloosheid_1", "ValueAttribute": "None", "Value": 4.8, "RegioS": "GM0363    ", "Perioden": "2022JJ00"},
          {"Id": 3, "Measure": "Tevredenheid_2", "ValueAttribute": "Missing", "Value": null, "RegioS": "GM0363    ", "Perioden": "2022JJ00"},
          {"Id": 4, "Measure": "Werkloosheid_1", "ValueAttribute": "Impossible", "Value": null, "RegioS": "PV27  ", "Perioden": "2022JJ00"},
          {"Id": 5, "Measure": "Tevredenheid_2", "ValueAttribute": "None", "Value": 86.0, "RegioS": "PV27  ", "Perioden": "2022JJ00"},
          {"Id": 6, "Measure": "Werkloosheid_1", "ValueAttribute": "None", "Value": 3.9, "RegioS": "NL01  ", "Perioden": "2022KW01"},
          {"Id": 7, "Measure": "Tevredenheid_2", "ValueAttribute": "None", "Value": 85.5, "RegioS": "NL01  ", "Perioden": "2022KW01"}
         ]}
        """

    static func sorted(_ observations: [ContextObservation]) -> [ContextObservation] {
        observations.sorted {
            ($0.measure, $0.region.code, $0.period.code) < ($1.measure, $1.region.code, $1.period.code)
        }
    }

    @Test func csvAndODataOfTheSameDataYieldTheSameRows() throws {
        let fromCSV = try StatLineReader.observations(
            text: Self.csv, format: .csv, tableID: "70072NED", source: "t.csv")
        let fromOData = try StatLineReader.observations(
            text: Self.odata, format: .odata, tableID: "70072NED", source: "t.json")
        #expect(fromCSV == fromOData)
        #expect(fromCSV.count == 8)
        #expect(
            fromCSV[0]
                == ContextObservation(
                    tableID: "70072NED", measure: "Tevredenheid_2", region: RegionCode("GM0363")!,
                    period: IndicatorPeriod(year: 2021), value: 84.2))
        #expect(fromCSV.filter { $0.value == nil }.count == 2)
        #expect(fromCSV.last?.period == IndicatorPeriod(year: 2022, part: .quarter(1)))
        #expect(fromCSV.last?.region.kind == .country)
        // OData v4, given explicitly or recognised from a .json file read as OData, gives the same observations.
        for format in [StatLineFormat.odata4, .odata] {
            let fromV4 = try StatLineReader.observations(
                text: Self.odata4, format: format, tableID: "70072NED", source: "o.json")
            #expect(Self.sorted(fromV4) == Self.sorted(fromCSV))
        }
    }

    @Test func valueAttributeMarkersAreStoredAsMissingWithTheirMeaning() throws {
        var emitted: [ContextObservation] = []
        let result = try StatLineReader.read(text: Self.odata4, format: .odata4, tableID: "T") { emitted.append($0) }
        #expect(result.issues.isEmpty)
        #expect(result.markers == ["Missing": 1, "Impossible": 1])
        #expect(result.missingValues == 2)
        #expect(result.measures == ["Tevredenheid_2", "Werkloosheid_1"])
        // A marker wins over a number: CBS publishes no figure there.
        let marked = """
            {"value": [{"Measure": "M001534  ", "ValueAttribute": "Confidential", "Value": 12.0, "RegioS": "GM0363", "Perioden": "2020JJ00"}]}
            """
        var secret: [ContextObservation] = []
        let other = try StatLineReader.read(text: marked, format: .odata4, tableID: "T") { secret.append($0) }
        #expect(secret.map(\.value) == [nil])
        #expect(secret.map(\.measure) == ["M001534"])
        #expect(other.markers == ["Confidential": 1])
        #expect(StatLineValueAttribute.meaning("Impossible") == "kan op logische gronden niet voorkomen")
        #expect(StatLineValueAttribute.meaning("Confidential") == "geheim")
    }

    @Test func aTableWithoutARegionDimensionIsRefusedSayingSo() throws {
        // Shaped like 85542NED (Welzijn; kerncijfers, persoonskenmerken): a national table.
        let national = """
            "ID";"Kenmerken";"Marges";"Perioden";"ScoreGeluk_1"
            "0";"T009002";"MW00000";"2021JJ00";"7.8"

            """
        let failure = #expect(throws: ValidationFailure.self) {
            try StatLineReader.read(text: national, format: .csv, tableID: "85542NED") { _ in }
        }
        #expect(failure?.issues.first?.message.hasPrefix("de tabel heeft geen regiodimensie") == true)
        #expect(failure?.issues.first?.message.contains("Kenmerken;Marges;Perioden") == true)
        let v4 = """
            {"value": [{"Id": 0, "Measure": "M003026", "ValueAttribute": "None", "Value": 520, "Perioden": "1990KW01"}]}
            """
        let refused = #expect(throws: ValidationFailure.self) {
            try StatLineReader.read(text: v4, format: .odata4, tableID: "60006") { _ in }
        }
        #expect(refused?.issues.first?.message.hasPrefix("de tabel heeft geen regiodimensie") == true)
    }

    @Test func anotherDimensionMustKeepOneValue() throws {
        let text = """
            {"value": [
              {"Measure": "M1", "ValueAttribute": "None", "Value": 1, "Geslacht": "T001038", "RegioS": "GM0363", "Perioden": "2020JJ00"},
              {"Measure": "M1", "ValueAttribute": "None", "Value": 2, "Geslacht": "3000   ", "RegioS": "GM0363", "Perioden": "2021JJ00"}
            ]}
            """
        let result = try StatLineReader.read(text: text, format: .odata4, tableID: "T") { _ in }
        #expect(result.issues.map(\.validationIssue.field) == ["record 2: Geslacht"])
        #expect(result.issues.first?.value == "3000")
    }

    /// A download in pages: each page but the last links to the next (`$skip`). Read in
    /// order they are one export; a missing last page, or pages out of order, fail the read.
    @Test func pagesAreReadAsOneAndAnIncompleteDownloadIsRefused() throws {
        func page(_ records: [(Int, String)], next: Int?) -> String {
            let rows = records.map { id, region in
                "{\"Id\": \(id), \"Measure\": \"M1\", \"ValueAttribute\": \"None\", \"Value\": \(id), \"RegioS\": \"\(region)\", \"Perioden\": \"2020JJ00\"}"
            }
            let link =
                next.map { ", \"@odata.nextLink\": \"https://odata4.cbs.nl/CBS/70072NED/Observations?$skip=\($0)\"" }
                ?? ""
            return "{\"value\": [\(rows.joined(separator: ", "))]\(link)}"
        }
        let first = page([(0, "GM0001"), (1, "GM0002")], next: 2)
        let second = page([(2, "GM0003")], next: nil)
        func pages(_ texts: [String]) -> [StatLinePage] {
            texts.enumerated().map {
                StatLinePage(name: "p\($0.offset + 1).json", stream: InputStream(data: Data($0.element.utf8)))
            }
        }
        var values: [Double?] = []
        var reports: [StatLineProgress] = []
        let result = try StatLineReader.read(
            pages: pages([first, second]), format: .odata4, tableID: "T", progressInterval: 1,
            progress: { reports.append($0) }, emit: { values.append($0.value) })
        #expect(result.rowsRead == 3 && result.issues.isEmpty)
        #expect(values == [0, 1, 2])
        #expect(reports.map(\.rows) == [1, 2, 3, 3])
        #expect(reports.last?.bytes == first.utf8.count + second.utf8.count)
        let incomplete = #expect(throws: ValidationFailure.self) {
            try StatLineReader.read(pages: pages([first]), format: .odata4, tableID: "T") { _ in }
        }
        #expect(incomplete?.issues.first?.message.contains("de download is niet compleet") == true)
        let reversed = #expect(throws: ValidationFailure.self) {
            try StatLineReader.read(pages: pages([second, first]), format: .odata4, tableID: "T") { _ in }
        }
        #expect(reversed?.issues.first?.source == "p1.json")
        // A bad record on the second page is named with its page.
        let bad = page([(2, "Amsterdam")], next: nil)
        let issues = try StatLineReader.read(pages: pages([first, bad]), format: .odata4, tableID: "T") { _ in }.issues
        #expect(issues.map(\.validationIssue.field) == ["p2.json, record 1: RegioS"])
    }

    @Test func measureCodesNameTheMeasuresAndADescriptionWins() throws {
        let codes = """
            {"value": [
              {"Identifier": "M001534  ", "Index": 1, "Title": "Bevolking op 1 januari", "Description": "", "MeasureGroupId": null, "DataType": "Long", "Unit": "aantal", "Decimals": 0, "PresentationType": "Absolute"},
              {"Identifier": "M000297", "Title": "Gemiddelde WOZ-waarde van woningen", "Unit": "1 000 euro"}
            ]}
            """
        let measures = try StatLineMeasureCodes.measures(from: Data(codes.utf8), source: "MeasureCodes.json")
        #expect(measures.map(\.code) == ["M001534", "M000297"])
        #expect(measures.map(\.unit) == ["aantal", "1 000 euro"])
        let described = [ContextMeasure(code: "M000297", name: "WOZ-waarde", direction: .higherIsBetter)]
        let merged = StatLineMeasureCodes.merge(described, with: measures)
        #expect(merged.map(\.name) == ["WOZ-waarde", "Bevolking op 1 januari"])
        #expect(merged.first?.unit == "1 000 euro")
        #expect(throws: ValidationFailure.self) {
            try StatLineMeasureCodes.measures(from: Data("[1]".utf8), source: "MeasureCodes.json")
        }
    }

    @Test func csvFieldsMayHoldQuotesSeparatorsAndLineBreaks() throws {
        let text =
            "\u{FEFF}\"ID\";RegioS;\"Perioden\";\"A;\"\"1\"\"\"\r\n0;GM0001;\"2020JJ00\";\"1,5\"\r\n\"1\n2\";GM0002;2020JJ00;7\r\n"
        var rows: [ContextObservation] = []
        let result = try StatLineReader.read(text: text, format: .csv, tableID: "T") { rows.append($0) }
        #expect(result.issues.isEmpty)
        #expect(result.measures == ["A;\"1\""])
        #expect(rows.map(\.value) == [1.5, 7])
        let bad = try StatLineReader.read(text: text + "2;GM0003;2020JJ00;x\r\n", format: .csv, tableID: "T") { _ in }
        // The header is line 1; the quoted line break makes the second record span lines 3 and 4.
        #expect(bad.issues.map(\.validationIssue.field) == ["regel 5: A;\"1\""])
    }

    /// The scanners read a file in blocks and copy runs of bytes within a block; a field, a
    /// member name, an escape or a line break may fall across two. Every block size down to
    /// one byte gives the rows that one large block gives.
    @Test func blockBoundariesMayFallAnywhere() throws {
        func csvRows(_ text: String, block: Int) -> [[String]] {
            var scanner = CSVScanner(reader: ByteReader(InputStream(data: Data(text.utf8)), blockSize: block))
            var rows: [[String]] = []
            var row = RowFields(columns: 3)
            while let count = scanner.nextRecord(into: &row, columns: 3) {
                rows.append((0..<min(count, 3)).map { row.text($0) } + ["\(scanner.line)", "\(row.extra)"])
            }
            return rows
        }
        func jsonRows(_ text: String, block: Int) throws -> [[String]] {
            var scanner = JSONScanner(reader: ByteReader(InputStream(data: Data(text.utf8)), blockSize: block))
            try scanner.enterValueArray()
            var names: [[UInt8]] = []
            var rows: [[String]] = []
            var row = RowFields(columns: 0)
            let column = { (key: UnsafeBufferPointer<UInt8>, _: Int) -> Int? in
                if let index = names.firstIndex(where: { $0.elementsEqual(key) }) { return index }
                names.append(Array(key))
                return names.count - 1
            }
            while try scanner.nextRecord(into: &row, column: column) {
                rows.append(
                    row.kinds.indices.map { "\(row.kinds[$0]) " + (row.kinds[$0] == .missing ? "" : row.text($0)) })
            }
            try scanner.finishDocument()
            return rows + [names.map { String(decoding: $0, as: UTF8.self) }, [scanner.nextLink ?? "-"]]
        }
        let csv =
            "\u{FEFF}ID;\"Regio\"\"S\";Perioden\r\n\"0\";\"GM;0001\";\"2020\nJJ00\"\n1;GM0002;2020JJ00;x;y\n\n2;\"\";\"\"\"\""
        let json = #"""
            {"@odata.context": "x", "value": [
             {"Id": 0, "Me\u0061sure": "A\"1\\n\u00e9\ud83d\ude00", "Value": -1.5e3, "RegioS": "GM0001  ",
              "X": {"a": [1, "b\"]"]}, "T": true, "F": false, "N": null},
             {"Value": 12, "Measure": "", "RegioS": "GM0002"}, {}
            ], "@odata.nextLink": "https://x/Observations?$skip=3"}
            """#
        let wholeCSV = csvRows(csv, block: 1 << 18)
        let wholeJSON = try jsonRows(json, block: 1 << 18)
        #expect(wholeCSV.count == 5)
        #expect(wholeJSON[0][1] == "text A\"1\\n\u{e9}\u{1F600}")
        #expect(wholeJSON.last == ["https://x/Observations?$skip=3"])
        for block in 1...24 {
            #expect(csvRows(csv, block: block) == wholeCSV, "blokken van \(block) bytes")
            #expect(try jsonRows(json, block: block) == wholeJSON, "blokken van \(block) bytes")
        }
    }

    /// The byte parser gives exactly the double the standard library reads from the same
    /// text, for short and long mantissas, exponents and both decimal separators.
    @Test func numbersFromBytesAreExactlyWhatTheStandardLibraryReads() {
        var generator = SystemRandomNumberGenerator()
        var texts = [
            "0", "-0", "+3", ".5", "5.", "1e22", "1e23", "123456789012345678", "0.1", "-0.30000000000000004",
            "1.7976931348623157e308", "4.9e-324", "12,5",
        ]
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...19, using: &generator)
            var text = Bool.random(using: &generator) ? "-" : ""
            text += (0..<digits).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let point = Int.random(in: 0...text.count, using: &generator)
            if point > (text.hasPrefix("-") ? 1 : 0) {
                text.insert(".", at: text.index(text.startIndex, offsetBy: point))
            }
            if Int.random(in: 0..<4, using: &generator) == 0 {
                text += "e\(Int.random(in: -30...30, using: &generator))"
            }
            texts.append(text)
        }
        for text in texts {
            let parsed = Array(text.utf8).withUnsafeBufferPointer { FieldBytes.number($0) }
            let expected = Double(text.replacingOccurrences(of: ",", with: "."))
            #expect(parsed?.bitPattern == expected?.bitPattern, "\(text)")
        }
        for bad in ["", "-", "1.2.3", "1,2,3", "1.5,0", "12a", "e5", "1e", "nan", "inf", "0x10", "1 000"] {
            #expect(Array(bad.utf8).withUnsafeBufferPointer { FieldBytes.number($0) } == nil, "\(bad)")
        }
    }

    @Test func everyBadRowIsReportedAndNothingIsEmitted() throws {
        let csv = """
            "ID";"RegioS";"Perioden";"Werkloosheid_1"
            "0";"GM0363";"2021JJ00";"5.1"
            "1";"XX0363";"2021JJ00";"5.1"
            "2";"GM0363";"2021";"vijf"
            "3";"GM0363";"2022JJ00";"5.0";"extra"

            """
        var emitted: [ContextObservation] = []
        let result = try StatLineReader.read(text: csv, format: .csv, tableID: "T") { emitted.append($0) }
        #expect(result.rowsRead == 4)
        #expect(
            result.issues.map(\.validationIssue.description) == [
                "regel 3: RegioS: 'XX0363' is ongeldig; verwacht \(RegionCode.expectedForm)",
                "regel 4: Perioden: '2021' is ongeldig; verwacht \(IndicatorPeriod.expectedForm)",
                "regel 4: Werkloosheid_1: 'vijf' is ongeldig; verwacht een getal (12.5 of 12,5), of leeg of '.' als CBS geen cijfer heeft",
                "regel 5: kolommen: '1 kolom(men) te veel' is ongeldig; verwacht evenveel velden als de kopregel",
            ])
        // The first row was good and came before any problem; after the first problem nothing more is passed on.
        #expect(emitted.count == 1)
        let odata = """
            {"value": [{"RegioS": "GM0363", "Perioden": "2021JJ00", "W": 1},
                       {"RegioS": 12, "Perioden": "2021XX00", "W": "veel"}]}
            """
        let issues = try StatLineReader.read(text: odata, format: .odata, tableID: "T") { _ in }.issues
        #expect(
            issues.map(\.validationIssue.field) == ["record 2: RegioS", "record 2: Perioden", "record 2: W"])
    }

    @Test func aFileThatIsNotAnExportSaysWhatIsExpected() {
        #expect(throws: ValidationFailure.self) {
            try StatLineReader.read(text: "a,b\n1,2\n", format: .csv, tableID: "T") { _ in }
        }
        #expect(throws: ValidationFailure.self) {
            try StatLineReader.read(text: "[1, 2]", format: .odata, tableID: "T") { _ in }
        }
    }

    /// Streams a generated file of 100 000 rows (200 000 observations) from disk: rows are
    /// handed on one by one and counted, never collected. The million-row import is measured
    /// by Benchmarks/indicator-import.sh (see BENCHMARKS.md), which keeps this test quick in debug.
    @Test(arguments: [StatLineFormat.csv, .odata]) func aLargeFileStreamsInOnePass(format: StatLineFormat) throws {
        let rows = 100_000
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vliegwiel-statline-\(UUID().uuidString).\(format == .csv ? "csv" : "json")")
        defer { try? FileManager.default.removeItem(at: url) }
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        var chunk = format == .csv ? "\"ID\";\"RegioS\";\"Perioden\";\"A_1\";\"B_2\"\n" : "{\"value\": [\n"
        for index in 0..<rows {
            let region = String(format: "GM%04d", index % 400)
            let year = 1900 + index / 400
            if format == .csv {
                chunk += "\"\(index)\";\"\(region)\";\"\(year)JJ00\";\"\(index % 97).5\";\"\(index % 13)\"\n"
            } else {
                chunk +=
                    (index == 0 ? "" : ",\n")
                    + "{\"ID\": \(index), \"RegioS\": \"\(region)\", \"Perioden\": \"\(year)JJ00\", \"A_1\": \(index % 97).5, \"B_2\": \(index % 13)}"
            }
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        chunk += format == .csv ? "" : "\n]}\n"
        handle.write(Data(chunk.utf8))
        try handle.close()

        var count = 0
        var sum = 0.0
        var reports: [Int] = []
        let result = try StatLineReader.read(
            try #require(InputStream(url: url)), format: format, tableID: "T", progressInterval: 25_000,
            progress: { reports.append($0.rows) },
            emit: { observation in
                count += 1
                sum += observation.value ?? 0
            })
        #expect(result.issues.isEmpty)
        #expect(result.rowsRead == rows)
        #expect(count == 2 * rows)
        #expect(reports == [25_000, 50_000, 75_000, 100_000, 100_000])
        var expected = 0.0
        for index in 0..<rows {
            let a = Double(index % 97) + 0.5
            expected += a + Double(index % 13)
        }
        #expect(sum == expected)
    }
}
