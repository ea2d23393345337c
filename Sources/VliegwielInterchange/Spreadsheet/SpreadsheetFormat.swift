import Foundation

/// The three files a ``Workbook`` is written as.
public enum SpreadsheetFormat: String, Sendable, CaseIterable {
    /// OpenDocument, every sheet.
    case ods
    /// Office Open XML for Excel, every sheet.
    case xlsx
    /// The first sheet, for Dutch spreadsheets (``DutchCSV``).
    case csv

    public var mediaType: String {
        switch self {
        case .ods: ODSWriter.mediaType
        case .xlsx: XLSXWriter.mediaType
        case .csv: DutchCSV.mediaType
        }
    }

    /// `name.ods`, `name.xlsx`, `name.csv`.
    public func fileName(_ name: String) -> String { "\(name).\(rawValue)" }

    /// The file of `workbook`; the ZIP parts of ODS and XLSX are dated `date`.
    public func data(_ workbook: Workbook, date: Date = Date(timeIntervalSince1970: 0)) throws -> Data {
        switch self {
        case .ods: try ODSWriter.data(workbook, date: date)
        case .xlsx: try XLSXWriter.data(workbook, date: date)
        case .csv: try DutchCSV.data(workbook.sheets.first ?? Workbook.Sheet(name: "", columns: []))
        }
    }
}
