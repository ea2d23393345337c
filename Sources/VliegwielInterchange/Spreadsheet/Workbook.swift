import Foundation
import VliegwielCore

/// A spreadsheet as data, before any file format: sheets of rows of typed cells. The exports
/// (the portfolio, a deal's finance lines, its indicators, the dossier; docs/exports.md) build one
/// workbook from the domain data, and ``ODSWriter``, ``XLSXWriter`` and ``DutchCSV`` write that
/// same workbook, so the three files cannot disagree.
public struct Workbook: Sendable, Hashable {
    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// One table: a header row made from ``columns``, then ``rows``.
    public struct Sheet: Sendable, Hashable {
        /// What a spreadsheet shows on the tab; made safe and unique by ``Workbook/sheetNames``.
        public var name: String
        /// The column headings, each with its unit where it has one: `Bedrag (euro)`.
        public var columns: [String]
        public var rows: [[Cell]]

        public init(name: String, columns: [String], rows: [[Cell]] = []) {
            self.name = name
            self.columns = columns
            self.rows = rows
        }

        /// The cells of column `title`, top to bottom; empty when there is no such column.
        public func column(_ title: String) -> [Cell] {
            guard let index = columns.firstIndex(of: title) else { return [] }
            return rows.map { index < $0.count ? $0[index] : .empty }
        }
    }

    /// A typed value: a spreadsheet sums an amount, sorts a date and never reads text as either.
    public enum Cell: Sendable, Hashable {
        case empty
        case text(String)
        case number(Double)
        /// Money, exact in cents, shown as euros with a euro format.
        case euro(EuroCents)
        /// A day, shown with a date format.
        case date(CalendarDate)

        /// A text cell, or an empty one for `nil`.
        public static func text(_ value: String?) -> Cell { value.map(Cell.text) ?? .empty }
        public static func euro(_ value: EuroCents?) -> Cell { value.map(Cell.euro) ?? .empty }
        public static func date(_ value: CalendarDate?) -> Cell { value.map(Cell.date) ?? .empty }
        public static func integer(_ value: Int) -> Cell { .number(Double(value)) }
        /// `ja` or `nee`: Dutch words rather than a spreadsheet's TRUE/FALSE, which Dutch Excel
        /// shows as WAAR/ONWAAR and LibreOffice as a number.
        public static func yesNo(_ value: Bool) -> Cell { .text(value ? "ja" : "nee") }

        /// The number a spreadsheet holds for a finite `.number`; `nil` for NaN and infinity,
        /// which no spreadsheet format can hold and the writers leave empty.
        var finiteNumber: Double? {
            guard case .number(let value) = self, value.isFinite else { return nil }
            return value
        }
    }

    /// The sheets' names as a spreadsheet accepts them: at most 31 characters (Excel's limit),
    /// none of `[ ] : * ? / \` (replaced by a space), not empty and each one different (a number
    /// is added to a repeated name).
    public var sheetNames: [String] {
        var used: Set<String> = []
        return sheets.enumerated().map { index, sheet in
            let cleaned = String(
                sheet.name.map { "[]:*?/\\".contains($0) || $0.isNewline ? " " : $0 }
            ).trimmingCharacters(in: .whitespaces)
            let base = String((cleaned.isEmpty ? "Blad \(index + 1)" : cleaned).prefix(31))
            var name = base
            var counter = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(counter))"
                name = String(base.prefix(31 - suffix.count)) + suffix
                counter += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }
}

/// The number and date forms the file formats share.
enum SpreadsheetValue {
    /// An amount as a decimal number in euros with a point, exact from the cents: `-1234.05`.
    static func euros(_ amount: EuroCents) -> String {
        let magnitude = amount.cents.magnitude
        let rest = magnitude % 100
        return (amount.cents < 0 ? "-" : "") + "\(magnitude / 100).\(rest < 10 ? "0" : "")\(rest)"
    }

    /// A finite number as the shortest text that reads back as the same double (`0.1`, `1e+20`),
    /// with no `.0` on a whole number; valid as an XML Schema double and as an OOXML value.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A day as a spreadsheet serial number: days since 30 December 1899, the base of Excel's
    /// 1900 date system for every day after February 1900 (and of LibreOffice's default).
    static func serial(_ date: CalendarDate) -> Int { date.dayNumber + 25_569 }

    /// Removes the characters XML 1.0 cannot hold (control characters other than tab, line feed
    /// and carriage return, lone surrogates cannot occur in a Swift string, U+FFFE and U+FFFF).
    static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isXMLCharacter($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter(isXMLCharacter))
        return String(scalars)
    }

    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
