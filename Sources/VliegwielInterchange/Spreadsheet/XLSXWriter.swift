import Foundation
import VliegwielCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Writes a ``Workbook`` as an Office Open XML workbook (`.xlsx`, ECMA-376 SpreadsheetML) for
/// Excel. Amounts are numbers in euros with a euro number format, days are serial numbers with
/// the short-date format (built-in format 14, which Excel shows in the reader's own notation:
/// `9-2-2024` in the Netherlands), text is written inline, the header row is bold and frozen.
public enum XLSXWriter {
    public static let mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// The number format of amounts: a euro sign, thousands grouped, two decimals.
    static let euroFormat = ##""€ "#,##0.00;"-€ "#,##0.00"##

    /// The cell formats (`cellXfs`) of ``styles``, by index.
    enum Format: Int {
        case plain = 0
        case header = 1
        case euro = 2
        case date = 3
    }

    /// The `.xlsx` file; `date` dates its parts in the ZIP file.
    public static func data(_ workbook: Workbook, date: Date = Date(timeIntervalSince1970: 0)) throws -> Data {
        typealias X = SpreadsheetPackage
        let sheets = workbook.sheets.isEmpty ? [Workbook.Sheet(name: "Blad 1", columns: [])] : workbook.sheets
        let book = Workbook(sheets: sheets)
        var parts: [SpreadsheetPackage.Part] = [
            .init(path: "[Content_Types].xml", data: X.xml(contentTypes(sheetCount: sheets.count))),
            .init(path: "_rels/.rels", data: X.xml(packageRels)),
            .init(path: "xl/workbook.xml", data: X.xml(workbookPart(book.sheetNames))),
            .init(path: "xl/_rels/workbook.xml.rels", data: X.xml(workbookRels(sheetCount: sheets.count))),
            .init(path: "xl/styles.xml", data: X.xml(styles)),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(.init(path: "xl/worksheets/sheet\(index + 1).xml", data: X.xml(worksheet(sheet))))
        }
        return try X.zip(parts, date: date)
    }

    static func contentTypes(sheetCount: Int) -> XMLElement {
        typealias X = SpreadsheetPackage
        let base = "application/vnd.openxmlformats-"
        var children: [XMLNode] = [
            X.element(
                "Default", ["Extension": "rels", "ContentType": base + "package.relationships+xml"]),
            X.element("Default", ["Extension": "xml", "ContentType": "application/xml"]),
            X.element(
                "Override",
                ["PartName": "/xl/workbook.xml", "ContentType": base + "officedocument.spreadsheetml.sheet.main+xml"]
            ),
            X.element(
                "Override",
                ["PartName": "/xl/styles.xml", "ContentType": base + "officedocument.spreadsheetml.styles+xml"]),
        ]
        for index in 1...sheetCount {
            children.append(
                X.element(
                    "Override",
                    [
                        "PartName": "/xl/worksheets/sheet\(index).xml",
                        "ContentType": base + "officedocument.spreadsheetml.worksheet+xml",
                    ]))
        }
        return X.root(
            "Types", namespaces: ["": "http://schemas.openxmlformats.org/package/2006/content-types"]
        ).adding(children)
    }

    static var packageRels: XMLElement {
        typealias X = SpreadsheetPackage
        return X.root("Relationships", namespaces: ["": packageRelationships]).adding([
            X.element(
                "Relationship",
                ["Id": "rId1", "Type": relationships + "/officeDocument", "Target": "xl/workbook.xml"])
        ])
    }

    static func workbookPart(_ names: [String]) -> XMLElement {
        typealias X = SpreadsheetPackage
        let sheets = names.enumerated().map { index, name in
            X.element(
                "sheet",
                ["name": SpreadsheetValue.xmlSafe(name), "sheetId": String(index + 1), "r:id": "rId\(index + 1)"])
        }
        return X.root("workbook", namespaces: ["": main, "r": relationships]).adding([
            X.element("sheets", [:], sheets)
        ])
    }

    static func workbookRels(sheetCount: Int) -> XMLElement {
        typealias X = SpreadsheetPackage
        var children: [XMLNode] = (1...sheetCount).map { index in
            X.element(
                "Relationship",
                [
                    "Id": "rId\(index)", "Type": relationships + "/worksheet",
                    "Target": "worksheets/sheet\(index).xml",
                ])
        }
        children.append(
            X.element(
                "Relationship",
                ["Id": "rId\(sheetCount + 1)", "Type": relationships + "/styles", "Target": "styles.xml"]))
        return X.root("Relationships", namespaces: ["": packageRelationships]).adding(children)
    }

    static var styles: XMLElement {
        typealias X = SpreadsheetPackage
        func font(bold: Bool) -> XMLElement {
            X.element(
                "font", [:],
                (bold ? [X.element("b")] : []) + [
                    X.element("sz", ["val": "11"]), X.element("name", ["val": "Calibri"]),
                ])
        }
        func format(_ numberFormat: Int, font: Int = 0) -> XMLElement {
            let element = X.element(
                "xf",
                [
                    "numFmtId": String(numberFormat), "fontId": String(font), "fillId": "0", "borderId": "0",
                    "xfId": "0",
                ])
            if numberFormat != 0 {
                element.addAttribute(XMLNode.attribute(withName: "applyNumberFormat", stringValue: "1") as! XMLNode)
            }
            if font != 0 {
                element.addAttribute(XMLNode.attribute(withName: "applyFont", stringValue: "1") as! XMLNode)
            }
            return element
        }
        return X.root("styleSheet", namespaces: ["": main]).adding([
            X.element(
                "numFmts", ["count": "1"], [X.element("numFmt", ["numFmtId": "164", "formatCode": euroFormat])]),
            X.element("fonts", ["count": "2"], [font(bold: false), font(bold: true)]),
            X.element(
                "fills", ["count": "2"],
                [
                    X.element("fill", [:], [X.element("patternFill", ["patternType": "none"])]),
                    X.element("fill", [:], [X.element("patternFill", ["patternType": "gray125"])]),
                ]),
            X.element(
                "borders", ["count": "1"],
                [
                    X.element(
                        "border", [:],
                        ["left", "right", "top", "bottom", "diagonal"].map { X.element($0) })
                ]),
            X.element(
                "cellStyleXfs", ["count": "1"],
                [X.element("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"])]),
            // In the order of ``Format``.
            X.element("cellXfs", ["count": "4"], [format(0), format(0, font: 1), format(164), format(14)]),
            X.element(
                "cellStyles", ["count": "1"],
                [X.element("cellStyle", ["name": "Normal", "xfId": "0", "builtinId": "0"])]
            ),
        ])
    }

    static func worksheet(_ sheet: Workbook.Sheet) -> XMLElement {
        typealias X = SpreadsheetPackage
        var rows: [XMLNode] = []
        if !sheet.columns.isEmpty {
            rows.append(
                row(1, sheet.columns.enumerated().map { column, title in inlineText(title, column, 1, .header) }))
        }
        for (index, cells) in sheet.rows.enumerated() {
            let number = index + (sheet.columns.isEmpty ? 1 : 2)
            rows.append(row(number, cells.enumerated().compactMap { column, cell in self.cell(cell, column, number) }))
        }
        var children: [XMLNode] = []
        if !sheet.columns.isEmpty {
            // The header row stays in view when scrolling.
            children.append(
                X.element(
                    "sheetViews", [:],
                    [
                        X.element(
                            "sheetView", ["workbookViewId": "0"],
                            [
                                X.element(
                                    "pane",
                                    ["ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen"])
                            ])
                    ]))
        }
        let widths = columnWidths(sheet)
        if !widths.isEmpty {
            children.append(
                X.element(
                    "cols", [:],
                    widths.enumerated().map { index, width in
                        X.element(
                            "col",
                            [
                                "min": String(index + 1), "max": String(index + 1), "width": String(width),
                                "customWidth": "1",
                            ])
                    }))
        }
        children.append(X.element("sheetData", [:], rows))
        return X.root("worksheet", namespaces: ["": main, "r": relationships]).adding(children)
    }

    /// Each column as wide as its longest value or heading (in characters), 8 to 60.
    static func columnWidths(_ sheet: Workbook.Sheet) -> [Int] {
        let count = max(sheet.columns.count, sheet.rows.map(\.count).max() ?? 0)
        return (0..<count).map { column in
            var widest = column < sheet.columns.count ? sheet.columns[column].count : 0
            for row in sheet.rows where column < row.count {
                let length =
                    switch row[column] {
                    case .empty: 0
                    case .text(let value): value.split(whereSeparator: \.isNewline).map(\.count).max() ?? 0
                    case .number(let value): IndicatorNumber.format(value).count
                    case .euro(let amount): amount.formatted.count
                    case .date: 10
                    }
                widest = max(widest, length)
            }
            return min(60, max(8, widest + 2))
        }
    }

    static func row(_ number: Int, _ cells: [XMLElement]) -> XMLElement {
        SpreadsheetPackage.element("row", ["r": String(number)], cells)
    }

    /// `A`, `B`, … `Z`, `AA`: the column's letters.
    static func columnName(_ index: Int) -> String {
        var index = index + 1
        var name = ""
        while index > 0 {
            let rest = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + rest))) + name
            index = (index - 1) / 26
        }
        return name
    }

    static func reference(_ column: Int, _ row: Int) -> String { columnName(column) + String(row) }

    static func inlineText(_ value: String, _ column: Int, _ row: Int, _ format: Format = .plain) -> XMLElement {
        typealias X = SpreadsheetPackage
        let text = X.element("t", [:], [X.text(value)])
        // Without it a reader may drop spaces at the start or end and line breaks.
        if value.first?.isWhitespace == true || value.last?.isWhitespace == true || value.contains(where: \.isNewline) {
            text.addAttribute(XMLNode.attribute(withName: "xml:space", stringValue: "preserve") as! XMLNode)
        }
        let cell = X.element("c", ["r": reference(column, row), "t": "inlineStr"], [X.element("is", [:], [text])])
        if format != .plain {
            cell.addAttribute(XMLNode.attribute(withName: "s", stringValue: String(format.rawValue)) as! XMLNode)
        }
        return cell
    }

    /// The cell, or `nil` for an empty one (SpreadsheetML leaves those out).
    static func cell(_ cell: Workbook.Cell, _ column: Int, _ row: Int) -> XMLElement? {
        typealias X = SpreadsheetPackage
        func value(_ text: String, _ format: Format) -> XMLElement {
            let element = X.element("c", ["r": reference(column, row)], [X.element("v", [:], [X.text(text)])])
            if format != .plain {
                element.addAttribute(XMLNode.attribute(withName: "s", stringValue: String(format.rawValue)) as! XMLNode)
            }
            return element
        }
        switch cell {
        case .empty: return nil
        case .text(let text): return inlineText(text, column, row)
        case .number:
            return cell.finiteNumber.map { value(SpreadsheetValue.number($0), .plain) }
        case .euro(let amount): return value(SpreadsheetValue.euros(amount), .euro)
        case .date(let day): return value(String(SpreadsheetValue.serial(day)), .date)
        }
    }
}
