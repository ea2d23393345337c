import CSV
import Foundation
import VliegwielCore

/// Writes one sheet of a ``Workbook`` as CSV that a Dutch spreadsheet opens right with a double
/// click (docs/exports.md):
///
/// - a semicolon between fields, the list separator of Excel and LibreOffice in the Netherlands
///   (with a comma Dutch Excel puts every row in one column, because the comma is its decimal
///   separator);
/// - UTF-8 with a byte order mark, without which Excel reads the file as Windows-1252 and shows
///   `Ã©` for `é`; CRLF line ends and quotes as RFC 4180 asks (by CSV.swift's writer);
/// - amounts in euros with a decimal comma and no thousands separator (`1234,56`), read as a
///   number by a Dutch spreadsheet, the unit in the column heading (`Bedrag (euro)`): never
///   cents, never an amount without its unit;
/// - days in ISO 8601 (`2024-02-09`): Excel and LibreOffice read that form as a date in every
///   language setting, where `9-2-2024` is 2 September in an English one and a written month
///   (`9 februari 2024`) is not read as a date at all;
/// - text that a spreadsheet would run as a formula starts with an apostrophe (``safe(_:)``).
public enum DutchCSV {
    public static let mediaType = "text/csv; charset=utf-8"
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The file of `sheet`: byte order mark, heading row, rows, each row ended with CRLF.
    public static func data(_ sheet: Workbook.Sheet) throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, delimiter: ";", newline: .crlf)
        if !sheet.columns.isEmpty { try writer.write(row: sheet.columns.map(safe)) }
        for row in sheet.rows { try writer.write(row: row.map(field)) }
        writer.stream.close()
        var data = Data(byteOrderMark)
        let written = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        data.append(written)
        if !written.isEmpty { data.append(contentsOf: Array("\r\n".utf8)) }
        return data
    }

    /// One field as text.
    static func field(_ cell: Workbook.Cell) -> String {
        switch cell {
        case .empty: ""
        case .text(let value): safe(value)
        case .number: cell.finiteNumber.map { decimalComma(SpreadsheetValue.number($0)) } ?? ""
        case .euro(let amount): decimalComma(SpreadsheetValue.euros(amount))
        case .date(let day): day.iso
        }
    }

    static func decimalComma(_ number: String) -> String { number.replacingOccurrences(of: ".", with: ",") }

    /// Text that a spreadsheet shows as text, never runs as a formula (security review M4;
    /// OWASP "CSV Injection"): a value that starts with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return gets a leading apostrophe, unless it is a plain number such as `-2` or `+3,5`.
    public static func safe(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        let rest = value.unicodeScalars.dropFirst()
        let number = rest.allSatisfy { $0.isASCII && (("0"..."9").contains($0) || $0 == "." || $0 == ",") }
        if (first == "-" || first == "+") && !rest.isEmpty && number { return value }
        return "'" + value
    }
}
