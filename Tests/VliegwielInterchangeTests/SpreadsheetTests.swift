import Foundation
import Testing
import VliegwielCore
import ZIPFoundation

@testable import VliegwielInterchange

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The spreadsheet model and its writers (issue 15 item 5; docs/exports.md). These tests read the
/// files back with ZIPFoundation and an XML parser; Tests/Python/test_spreadsheets.py opens the
/// server's files with real spreadsheet readers (openpyxl, odfpy, LibreOffice where installed).
@Suite struct SpreadsheetTests {
    static let tricky = #"Gemeente <Proef> & "Co""#

    static let workbook = Workbook(sheets: [
        Workbook.Sheet(
            name: "Financiering",
            columns: ["Id", "Bedrag (euro)", "Datum", "Waarde", "Omschrijving"],
            rows: [
                [
                    .text("f1"), .euro(EuroCents(cents: 1_000_000_000)), .date(CalendarDate(iso: "2024-02-09")),
                    .number(2.5), .text(tricky),
                ],
                [.text("f2"), .euro(EuroCents(cents: -7)), .empty, .number(-3), .text("=1+1")],
                [
                    .text("f3"), .empty, .date(CalendarDate(iso: "1900-03-01")), .number(.nan),
                    .text("twee  spaties\nregel; twee"),
                ],
            ]),
        Workbook.Sheet(name: "Leeg", columns: []),
    ])

    /// The entries of a ZIP file, by path, in their order.
    static func entries(_ data: Data) throws -> [(path: String, data: Data, method: CompressionMethod)] {
        let archive = try Archive(data: data, accessMode: .read)
        return try archive.map { entry in
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            // A stored entry's compressed size equals its size; the method is not exposed.
            let method: CompressionMethod = entry.compressedSize == entry.uncompressedSize ? .none : .deflate
            return (entry.path, content, method)
        }
    }

    static func xml(_ data: Data) throws -> XMLDocument { try XMLDocument(data: data, options: []) }

    static func nodes(_ document: XMLDocument, _ xpath: String) throws -> [XMLNode] {
        try document.nodes(forXPath: xpath)
    }

    /// The text of each node `xpath` selects (attributes too: FoundationXML's `attribute(forName:)`
    /// does not find an attribute of an element in a default namespace).
    static func strings(_ document: XMLDocument, _ xpath: String) throws -> [String] {
        try nodes(document, xpath).compactMap(\.stringValue)
    }

    // MARK: ODS

    @Test("ODS: the mimetype comes first, stored, then the manifest, styles and content")
    func odsPackage() throws {
        let parts = try Self.entries(try ODSWriter.data(Self.workbook))
        #expect(parts.map(\.path) == ["mimetype", "META-INF/manifest.xml", "styles.xml", "content.xml"])
        #expect(String(decoding: parts[0].data, as: UTF8.self) == "application/vnd.oasis.opendocument.spreadsheet")
        #expect(parts[0].method == .none)
        let manifest = String(decoding: parts[1].data, as: UTF8.self)
        #expect(manifest.contains(#"manifest:full-path="content.xml""#))
        let styles = String(decoding: parts[2].data, as: UTF8.self)
        #expect(styles.contains(#"<number:currency-style style:name="N_EUR">"#))
        #expect(styles.contains(#"<number:date-style style:name="N_DATUM""#))
    }

    @Test("ODS: amounts are EUR currency cells, days date cells, text escaped and kept whole")
    func odsCells() throws {
        let parts = try Self.entries(try ODSWriter.data(Self.workbook))
        let content = try Self.xml(parts[3].data)
        let tables = try Self.nodes(content, "//*[local-name()='table']")
        #expect(
            tables.compactMap { ($0 as? XMLElement)?.attribute(forName: "table:name")?.stringValue } == [
                "Financiering", "Leeg",
            ])
        let rows = try Self.nodes(content, "//*[local-name()='table'][1]/*[local-name()='table-row']")
        #expect(rows.count == 4)
        func cells(_ row: Int) -> [XMLElement] {
            (rows[row].children ?? []).compactMap { $0 as? XMLElement }
        }
        func attribute(_ cell: XMLElement, _ name: String) -> String? { cell.attribute(forName: name)?.stringValue }
        #expect(cells(0).map(\.stringValue) == ["Id", "Bedrag (euro)", "Datum", "Waarde", "Omschrijving"])
        #expect(cells(0).allSatisfy { attribute($0, "table:style-name") == "Kop" })
        let amount = cells(1)[1]
        #expect(attribute(amount, "office:value-type") == "currency")
        #expect(attribute(amount, "office:currency") == "EUR")
        #expect(attribute(amount, "office:value") == "10000000.00")
        #expect(attribute(amount, "table:style-name") == "Euro")
        #expect(attribute(cells(2)[1], "office:value") == "-0.07")
        #expect(attribute(cells(1)[2], "office:value-type") == "date")
        #expect(attribute(cells(1)[2], "office:date-value") == "2024-02-09")
        #expect(attribute(cells(1)[3], "office:value") == "2.5")
        #expect(attribute(cells(2)[3], "office:value") == "-3")
        #expect(cells(1)[4].stringValue == Self.tricky)
        // An apostrophe is a CSV matter: a string cell is never a formula.
        #expect(cells(2)[4].stringValue == "=1+1")
        #expect(attribute(cells(2)[4], "office:value-type") == "string")
        // NaN has no spreadsheet value: the cell stays empty.
        #expect(attribute(cells(3)[3], "office:value-type") == nil)
        // Two paragraphs, the double space as text:s.
        let paragraphs = (cells(3)[4].children ?? []).compactMap { $0 as? XMLElement }
        #expect(paragraphs.count == 2)
        #expect(paragraphs[0].xmlString == #"<text:p>twee <text:s text:c="1"></text:s>spaties</text:p>"#)
        #expect(paragraphs[1].stringValue == "regel; twee")
        // The sheet without columns or rows still has one row, as ODF asks.
        #expect(try Self.nodes(content, "//*[local-name()='table'][2]/*[local-name()='table-row']").count == 1)
    }

    @Test("ODS: runs of spaces, a leading space and tabs survive ODF's white-space rule")
    func odsWhiteSpace() {
        func written(_ text: String) -> String {
            ODSWriter.paragraphs(text).map { ($0 as? XMLElement)?.xmlString ?? "" }.joined()
        }
        #expect(written("a b") == "<text:p>a b</text:p>")
        #expect(written(" a") == #"<text:p><text:s text:c="1"></text:s>a</text:p>"#)
        #expect(written("a   b ") == #"<text:p>a <text:s text:c="2"></text:s>b<text:s text:c="1"></text:s></text:p>"#)
        #expect(written("a\tb") == "<text:p>a<text:tab></text:tab>b</text:p>")
        #expect(written("") == "<text:p></text:p>")
    }

    // MARK: XLSX

    @Test("XLSX: the parts Excel needs, a euro number format and the date format")
    func xlsxPackage() throws {
        let parts = try Self.entries(try XLSXWriter.data(Self.workbook))
        #expect(
            parts.map(\.path) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
            ])
        let workbook = try Self.xml(parts[2].data)
        #expect(try Self.strings(workbook, "//*[local-name()='sheet']/@name") == ["Financiering", "Leeg"])
        let styles = try Self.xml(parts[4].data)
        #expect(
            try Self.strings(styles, "//*[local-name()='numFmt'][@numFmtId='164']/@formatCode") == [
                ##""€ "#,##0.00;"-€ "#,##0.00"##
            ])
        #expect(try Self.strings(styles, "//*[local-name()='cellXfs']/*/@numFmtId") == ["0", "0", "164", "14"])
    }

    @Test("XLSX: amounts are numbers in euros, days serial numbers, text inline and escaped")
    func xlsxCells() throws {
        let parts = try Self.entries(try XLSXWriter.data(Self.workbook))
        let sheet = try Self.xml(parts[5].data)
        func cell(_ reference: String) throws -> XMLElement? {
            try Self.nodes(sheet, "//*[local-name()='c'][@r='\(reference)']").first as? XMLElement
        }
        func attribute(_ reference: String, _ name: String) throws -> String? {
            try Self.strings(sheet, "//*[local-name()='c'][@r='\(reference)']/@\(name)").first
        }
        #expect(try attribute("A1", "t") == "inlineStr")
        #expect(try attribute("A1", "s") == "1")
        #expect(try cell("B2")?.stringValue == "10000000.00")
        #expect(try attribute("B2", "s") == "2")
        #expect(try attribute("B2", "t") == nil)
        #expect(try cell("B3")?.stringValue == "-0.07")
        // 9 February 2024 is day 45331 after 30 December 1899 (Excel shows it as 9-2-2024).
        #expect(try cell("C2")?.stringValue == "45331")
        #expect(try attribute("C2", "s") == "3")
        // 1 March 1900: the first day where Excel's 1900 system and the real calendar agree.
        #expect(try cell("C4")?.stringValue == "61")
        #expect(try cell("D2")?.stringValue == "2.5")
        #expect(try cell("E2")?.stringValue == Self.tricky)
        #expect(try cell("E3")?.stringValue == "=1+1")
        #expect(try Self.nodes(sheet, "//*[local-name()='f']").isEmpty)
        // Empty cells and NaN are left out.
        #expect(try cell("C3") == nil)
        #expect(try cell("D4") == nil)
        #expect(try cell("E4")?.stringValue == "twee  spaties\nregel; twee")
        #expect(String(decoding: parts[5].data, as: UTF8.self).contains(#"<t xml:space="preserve">twee  spaties"#))
        let empty = String(decoding: parts[6].data, as: UTF8.self)
        #expect(empty.contains("<sheetData></sheetData>"))
    }

    @Test("XLSX: columns past Z are named AA, AB…")
    func columnNames() {
        #expect([0, 25, 26, 27, 701, 702].map(XLSXWriter.columnName) == ["A", "Z", "AA", "AB", "ZZ", "AAA"])
    }

    @Test("A workbook without sheets is still a valid XLSX file with one empty sheet")
    func noSheets() throws {
        let parts = try Self.entries(try XLSXWriter.data(Workbook(sheets: [])))
        #expect(parts.map(\.path).last == "xl/worksheets/sheet1.xml")
    }

    // MARK: CSV

    @Test("CSV: byte order mark, semicolons, CRLF, euros with a decimal comma, ISO days, no formula")
    func csv() throws {
        let data = try DutchCSV.data(Self.workbook.sheets[0])
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(
            text == "Id;Bedrag (euro);Datum;Waarde;Omschrijving\r\n"
                + #"f1;10000000,00;2024-02-09;2,5;"Gemeente <Proef> & ""Co""""# + "\r\n"
                + "f2;-0,07;;-3;'=1+1\r\n"
                + "f3;;1900-03-01;;\"twee  spaties\nregel; twee\"\r\n")
    }

    @Test("An empty sheet is a CSV file with only the byte order mark")
    func emptyCSV() throws {
        #expect(Array(try DutchCSV.data(Workbook.Sheet(name: "x", columns: []))) == [0xEF, 0xBB, 0xBF])
    }

    // MARK: The model

    @Test("Sheet names are made acceptable to Excel: no [ ] : * ? / \\, at most 31 characters, unique")
    func sheetNames() {
        let names = Workbook(sheets: [
            .init(name: "Financiering", columns: []), .init(name: "financiering", columns: []),
            .init(name: "a/b:c", columns: []), .init(name: "", columns: []),
            .init(name: String(repeating: "x", count: 40), columns: []),
            .init(name: String(repeating: "x", count: 40), columns: []),
        ]).sheetNames
        #expect(
            names == [
                "Financiering", "financiering (2)", "a b c", "Blad 4", String(repeating: "x", count: 31),
                String(repeating: "x", count: 27) + " (2)",
            ])
    }

    @Test("Amounts are written exactly from the cents")
    func euros() {
        #expect(SpreadsheetValue.euros(EuroCents(cents: 1_000_000_000)) == "10000000.00")
        #expect(SpreadsheetValue.euros(EuroCents(cents: 5)) == "0.05")
        #expect(SpreadsheetValue.euros(EuroCents(cents: -123_456)) == "-1234.56")
        #expect(SpreadsheetValue.number(0.1) == "0.1")
        #expect(SpreadsheetValue.number(1e20) == "1e+20")
        #expect(SpreadsheetValue.xmlSafe("a\u{1}b\u{FFFE}c\td") == "abc\td")
    }

    // MARK: The exports

    static let record = DealRecord(
        deal: PortfolioDeal(
            id: "proef", name: "Proef", tranche: 3, rijkContribution: EuroCents(euros: 10_000_000), source: "bron",
            closedOn: CalendarDate(iso: "2019-06-28"), isFictional: true),
        partners: [Partner(id: "gemeente", organisation: tricky, type: .municipality, roles: [.funder])],
        financeLines: [
            FinanceLine(
                id: "f1", partnerID: "gemeente", year: 2024, kind: .commitment, sector: .publicMoney, form: .money,
                amount: EuroCents(cents: 12_345), date: CalendarDate(iso: "2024-05-01"))
        ],
        programmeLines: [ProgrammeLine(id: "wonen", name: "Wonen")])

    @Test("A deal's finance lines: amount cells in euros under a heading with the unit, the fictional label")
    func financeExport() throws {
        let sheet = try #require(SpreadsheetExport.financeLines(of: Self.record).sheets.first)
        #expect(sheet.columns.contains("Bedrag (euro)"))
        #expect(!sheet.columns.contains { $0.lowercased().contains("cent") })
        #expect(sheet.column("Bedrag (euro)") == [.euro(EuroCents(cents: 12_345))])
        #expect(sheet.column("Datum") == [.date(CalendarDate(iso: "2024-05-01"))])
        #expect(sheet.column("Fictief") == [.text("ja")])
        let csv = String(decoding: try DutchCSV.data(sheet).dropFirst(3), as: UTF8.self)
        #expect(csv.contains(";123,45;2024-05-01;"))
    }

    @Test("The portfolio has one sheet per record type; a deal's money is never cents")
    func portfolioExport() throws {
        let report = PortfolioReport(rows: [
            PortfolioReport.Row(
                deal: Self.record.deal, profile: nil, programmeLines: ["Wonen"], indicators: nil,
                contributionGraphVersions: 0, learningEntries: 0, profileVersions: 0, curatedRegions: [])
        ])
        let workbook = SpreadsheetExport.portfolio(report, records: [Self.record], indicators: [])
        #expect(
            workbook.sheets.map(\.name) == [
                "Deals", "Partners", "Financiering", "Programmalijnen", "Projecten", "Programma-indicatoren",
            ])
        let deals = workbook.sheets[0]
        #expect(deals.column("Rijksbijdrage (euro)") == [.euro(EuroCents(euros: 10_000_000))])
        #expect(deals.column("Gesloten op") == [.date(CalendarDate(iso: "2019-06-28"))])
        #expect(deals.column("Fictief") == [.text("ja")])
        #expect(workbook.sheets[1].column("Organisatie") == [.text(Self.tricky)])
        let csv = String(decoding: try SpreadsheetFormat.csv.data(workbook).dropFirst(3), as: UTF8.self)
        #expect(csv.contains(";10000000,00;2019-06-28;"))
        #expect(!csv.contains("1000000000"))
    }
}
