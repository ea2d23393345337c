import Foundation
import VliegwielCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Writes a ``Workbook`` as an OpenDocument spreadsheet (ODF 1.2, `.ods`), the format on the
/// Dutch list of open standards ("pas toe of leg uit"). Amounts are `currency` cells in EUR with
/// a euro format, days are `date` cells with a Dutch date format, the header row is bold.
public enum ODSWriter {
    public static let mediaType = "application/vnd.oasis.opendocument.spreadsheet"

    /// The `.ods` file; `date` dates its parts in the ZIP file.
    public static func data(_ workbook: Workbook, date: Date = Date(timeIntervalSince1970: 0)) throws -> Data {
        try SpreadsheetPackage.zip(
            [
                // ODF 1.2 part 3, 3.3: the first entry, stored, so that `file` recognises it.
                .init(path: "mimetype", data: Data(mediaType.utf8), stored: true),
                .init(path: "META-INF/manifest.xml", data: SpreadsheetPackage.xml(manifest)),
                .init(path: "styles.xml", data: SpreadsheetPackage.xml(styles)),
                .init(path: "content.xml", data: SpreadsheetPackage.xml(content(workbook))),
            ], date: date)
    }

    static let namespaces: KeyValuePairs<String, String> = [
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
        "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    ]

    /// The cell styles of ``styles``, by what they show.
    enum CellStyle: String {
        case header = "Kop"
        case euro = "Euro"
        case date = "Datum"
    }

    static var manifest: XMLElement {
        typealias X = SpreadsheetPackage
        let entries: [(String, String)] = [
            ("/", mediaType), ("content.xml", "text/xml"), ("styles.xml", "text/xml"),
        ]
        return X.root(
            "manifest:manifest",
            namespaces: ["manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"],
            ["manifest:version": "1.2"]
        ).adding(
            entries.map { path, type in
                path == "/"
                    ? X.element(
                        "manifest:file-entry",
                        ["manifest:full-path": path, "manifest:version": "1.2", "manifest:media-type": type])
                    : X.element("manifest:file-entry", ["manifest:full-path": path, "manifest:media-type": type])
            })
    }

    /// The data styles (euro, Dutch date) and the cell styles that use them.
    static var styles: XMLElement {
        typealias X = SpreadsheetPackage
        let number = X.element(
            "number:number",
            [
                "number:decimal-places": "2", "number:min-decimal-places": "2", "number:min-integer-digits": "1",
                "number:grouping": "true",
            ])
        let euro = X.element(
            "number:currency-style", ["style:name": "N_EUR"],
            [
                X.element(
                    "number:currency-symbol", ["number:language": "nl", "number:country": "NL"], [X.text("€")]),
                X.element("number:text", [:], [X.text(" ")]), number,
            ])
        let day = X.element(
            "number:date-style", ["style:name": "N_DATUM", "number:language": "nl", "number:country": "NL"],
            [
                X.element("number:day", ["number:style": "long"]), X.element("number:text", [:], [X.text("-")]),
                X.element("number:month", ["number:style": "long"]), X.element("number:text", [:], [X.text("-")]),
                X.element("number:year", ["number:style": "long"]),
            ])
        func cellStyle(_ style: CellStyle, _ attributes: KeyValuePairs<String, String>, _ children: [XMLNode] = [])
            -> XMLElement
        {
            let element = X.element(
                "style:style", ["style:name": style.rawValue, "style:family": "table-cell"], children)
            for (key, value) in attributes {
                element.addAttribute(XMLNode.attribute(withName: key, stringValue: value) as! XMLNode)
            }
            return element
        }
        return X.root("office:document-styles", namespaces: namespaces, ["office:version": "1.2"]).adding([
            X.element(
                "office:styles", [:],
                [
                    euro, day,
                    cellStyle(.header, [:], [X.element("style:text-properties", ["fo:font-weight": "bold"])]),
                    cellStyle(.euro, ["style:data-style-name": "N_EUR"]),
                    cellStyle(.date, ["style:data-style-name": "N_DATUM"]),
                ])
        ])
    }

    static func content(_ workbook: Workbook) -> XMLElement {
        typealias X = SpreadsheetPackage
        let names = workbook.sheetNames
        let tables = zip(names, workbook.sheets).map { name, sheet in
            let width = max(1, sheet.columns.count, sheet.rows.map(\.count).max() ?? 0)
            var rows: [XMLNode] = [row(sheet.columns.map { heading($0) })]
            rows += sheet.rows.map { row($0.map(cell)) }
            return X.element(
                "table:table", ["table:name": SpreadsheetValue.xmlSafe(name)],
                [X.element("table:table-column", ["table:number-columns-repeated": String(width)])] + rows)
        }
        return X.root("office:document-content", namespaces: namespaces, ["office:version": "1.2"]).adding([
            X.element("office:body", [:], [X.element("office:spreadsheet", [:], tables)])
        ])
    }

    static func row(_ cells: [XMLElement]) -> XMLElement {
        SpreadsheetPackage.element(
            "table:table-row", [:], cells.isEmpty ? [SpreadsheetPackage.element("table:table-cell")] : cells)
    }

    static func heading(_ title: String) -> XMLElement {
        SpreadsheetPackage.element(
            "table:table-cell", ["table:style-name": CellStyle.header.rawValue, "office:value-type": "string"],
            paragraphs(title))
    }

    static func cell(_ cell: Workbook.Cell) -> XMLElement {
        typealias X = SpreadsheetPackage
        switch cell {
        case .empty:
            return X.element("table:table-cell")
        case .text(let value):
            return X.element("table:table-cell", ["office:value-type": "string"], paragraphs(value))
        case .number:
            guard let value = cell.finiteNumber else { return X.element("table:table-cell") }
            return X.element(
                "table:table-cell", ["office:value-type": "float", "office:value": SpreadsheetValue.number(value)],
                paragraphs(IndicatorNumber.format(value)))
        case .euro(let amount):
            return X.element(
                "table:table-cell",
                [
                    "table:style-name": CellStyle.euro.rawValue, "office:value-type": "currency",
                    "office:currency": "EUR", "office:value": SpreadsheetValue.euros(amount),
                ], paragraphs(amount.formatted))
        case .date(let day):
            return X.element(
                "table:table-cell",
                [
                    "table:style-name": CellStyle.date.rawValue, "office:value-type": "date",
                    "office:date-value": day.iso,
                ], paragraphs(day.iso))
        }
    }

    /// The text as ODF paragraphs: one `text:p` per line, runs of spaces kept with `text:s` and
    /// tabs with `text:tab` (ODF collapses plain white space, 6.1.2).
    static func paragraphs(_ value: String) -> [XMLNode] {
        typealias X = SpreadsheetPackage
        let lines = value.replacingOccurrences(of: "\r\n", with: "\n").split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" })
        return lines.map { line in
            var children: [XMLNode] = []
            var pending = ""
            var spaces = 0
            func flushText() {
                if !pending.isEmpty { children.append(X.text(pending)) }
                pending = ""
            }
            func flushSpaces() {
                guard spaces > 0 else { return }
                // One space between words is plain text; the rest of a run, and a run that
                // starts the paragraph, is `text:s`.
                if !pending.isEmpty || !children.isEmpty {
                    pending += " "
                    spaces -= 1
                }
                if spaces > 0 {
                    flushText()
                    children.append(X.element("text:s", ["text:c": String(spaces)]))
                }
                spaces = 0
            }
            for character in line {
                if character == " " {
                    spaces += 1
                } else if character == "\t" {
                    flushSpaces()
                    flushText()
                    children.append(X.element("text:tab"))
                } else {
                    flushSpaces()
                    pending.append(character)
                }
            }
            // Spaces at the end are all kept as `text:s`.
            flushText()
            if spaces > 0 { children.append(X.element("text:s", ["text:c": String(spaces)])) }
            return X.element("text:p", [:], children)
        }
    }
}

extension XMLElement {
    /// The element with `children` appended.
    func adding(_ children: [XMLNode]) -> XMLElement {
        for child in children { addChild(child) }
        return self
    }
}
