import CSV
import Foundation

/// A CSV file read whole (UTF-8, RFC 4180, comma-separated, first row the header), with
/// each data row's number as a spreadsheet shows it: the header is row 1.
struct CSVTable {
    struct Row {
        /// The row number, counting the header as row 1.
        var number: Int
        var values: [String: String]

        /// The trimmed value of `column`; empty when the column or the value is absent.
        subscript(column: String) -> String {
            (values[column] ?? "").trimmingCharacters(in: .whitespaces)
        }
    }

    struct ReadError: Error {
        var message: String
    }

    var header: [String]
    var rows: [Row]
    /// Rows whose number of fields differs from the header's, as "rij N" messages.
    var malformedRows: [(number: Int, message: String)]

    init(_ text: String) throws(ReadError) {
        // A byte order mark is allowed and ignored.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw ReadError(message: "geen geldige CSV: de kopregel ontbreekt")
        }
        guard let header = reader.headerRow, !(header.count == 1 && header[0].isEmpty) else {
            throw ReadError(message: "geen geldige CSV: de kopregel ontbreekt")
        }
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = []
        malformedRows = []
        var number = 1
        while let fields = reader.next() {
            number += 1
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard fields.count == header.count else {
                malformedRows.append(
                    (number, "verwacht \(header.count) velden zoals de kopregel, gevonden \(fields.count)"))
                continue
            }
            rows.append(
                Row(
                    number: number,
                    values: Dictionary(
                        zip(self.header, fields).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })))
        }
    }
}
