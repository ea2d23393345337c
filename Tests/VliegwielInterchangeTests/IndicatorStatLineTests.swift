import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange

@Suite struct IndicatorStatLineTests {
    /// A CBS CSV download as documented in docs/indicatoren.md: `;`, quoted, padded region codes.
    static let csv = """
        "ID";"RegioS";"Perioden";"Werkloosheid_1";"Tevredenheid_2"
        "0";"GM0363    ";"2021JJ00";"5.1";"84.2"
        "1";"GM0363    ";"2022JJ00";"4,8";"."
        "2";"PV27  ";"2022JJ00";"";"86"
        "3";"NL01  ";"2022KW01";"3.9";"85.5"

        """

    /// The same data as OData JSON (`value` array), with a member before and after it.
    static let odata = """
        {"odata.metadata": "https://opendata.cbs.nl/ODataApi/odata/85542NED/$metadata#Cbs.OData.WebAPI.TypedDataSet",
         "value": [
          {"ID": 0, "RegioS": "GM0363    ", "Perioden": "2021JJ00", "Werkloosheid_1": 5.1, "Tevredenheid_2": 84.2},
          {"ID": 1, "RegioS": "GM0363    ", "Perioden": "2022JJ00", "Werkloosheid_1": 4.8, "Tevredenheid_2": null},
          {"ID": 2, "RegioS": "PV27  ", "Perioden": "2022JJ00", "Werkloosheid_1": null, "Tevredenheid_2": 86},
          {"ID": 3, "RegioS": "NL01  ", "Perioden": "2022KW01", "Werkloosheid_1": 3.9, "Tevredenheid_2": 85.5}
         ],
         "odata.nextLink": "ignored"}
        """

    @Test func csvAndODataOfTheSameDataYieldTheSameRows() throws {
        let fromCSV = try StatLineReader.observations(
            text: Self.csv, format: .csv, tableID: "85542NED", source: "t.csv")
        let fromOData = try StatLineReader.observations(
            text: Self.odata, format: .odata, tableID: "85542NED", source: "t.json")
        #expect(fromCSV == fromOData)
        #expect(fromCSV.count == 8)
        #expect(
            fromCSV[0]
                == ContextObservation(
                    tableID: "85542NED", measure: "Tevredenheid_2", region: RegionCode("GM0363")!,
                    period: IndicatorPeriod(year: 2021), value: 84.2))
        #expect(fromCSV.filter { $0.value == nil }.count == 2)
        #expect(fromCSV.last?.period == IndicatorPeriod(year: 2022, part: .quarter(1)))
        #expect(fromCSV.last?.region.kind == .country)
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
            progress: { reports.append($0) },
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
