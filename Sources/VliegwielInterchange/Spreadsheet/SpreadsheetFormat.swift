import Foundation
import VliegwielCore

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

    /// The file of `workbook` exported on `day`: the ZIP parts of ODS and XLSX are dated noon
    /// UTC of that day, so that the same data on the same day gives the same bytes.
    public func data(_ workbook: Workbook, on day: CalendarDate) throws -> Data {
        try data(workbook, date: Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + 43_200))
    }

    /// The file of `workbook`; the ZIP parts of ODS and XLSX are dated `date`.
    public func data(_ workbook: Workbook, date: Date = Date(timeIntervalSince1970: 0)) throws -> Data {
        switch self {
        case .ods: try ODSWriter.data(workbook, date: date)
        case .xlsx: try XLSXWriter.data(workbook, date: date)
        case .csv: try DutchCSV.data(workbook.sheets.first ?? Workbook.Sheet(name: "", columns: []))
        }
    }
}
