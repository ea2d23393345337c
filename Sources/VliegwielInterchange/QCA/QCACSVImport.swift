import CSV
import Foundation
import VliegwielCore

/// One problem found while reading a QCA data file, with a Dutch message that names the
/// row (counting the header as row 1) and the column where it applies.
public struct QCAImportProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case unreadableFile, emptyFile, wrongFieldCount, duplicateColumn, missingColumn
        case nonNumericValue, valueOutOfRange, outcomeWithoutVariation
        /// The first column looks like a condition (a name like `REGIO`, only scores from 0 to 1),
        /// not like the names of the cases; the caller must say which it is (``QCAFirstColumn``).
        case ambiguousFirstColumn
    }

    public let kind: Kind
    /// The user-facing field the problem belongs to: `data`, `uitkomst` or `voorwaarden`.
    public let field: String
    public let row: Int?
    public let column: String?
    public let message: String

    public var description: String { "\(field): \(message)" }
}

/// What the first column of a QCA data file holds.
public enum QCAFirstColumn: String, Sendable, Hashable, CaseIterable {
    /// The names of the cases, unless the column looks like a condition: then the file is
    /// refused with ``QCAImportProblem/Kind/ambiguousFirstColumn``, never read either way silently.
    case automatic
    /// The names of the cases, whatever the column looks like.
    case caseNames
    /// A variable like the others; the cases are numbered 1, 2, 3… in the order of the rows.
    case data
}

/// All problems found in a QCA data file.
public struct QCAImportError: Error, Sendable, Hashable {
    public let problems: [QCAImportProblem]
}

/// Reads a QCA data file: CSV with a header row, the first column the case id (R writes
/// its header as `""`), the other columns numeric — 0/1 for crisp sets, 0/1/2… for
/// multi-value sets, scores in [0, 1] for fuzzy sets.
public enum QCACSVImport {
    /// At most this many value problems are listed per column; the rest are counted.
    static let problemsPerColumn = 5

    public static func dataSet(
        contentsOf url: URL, outcome: String? = nil, conditions: [String]? = nil,
        firstColumn: QCAFirstColumn = .automatic
    ) throws(QCAImportError) -> QCADataSet {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw QCAImportError(problems: [
                QCAImportProblem(
                    kind: .unreadableFile, field: "data", row: nil, column: nil,
                    message: "bestand \(url.path) is niet te lezen als UTF-8-tekst")
            ])
        }
        let issues = InputText.fileIssues(in: text, source: url.lastPathComponent)
        guard issues.isEmpty else {
            throw QCAImportError(
                problems: issues.map {
                    QCAImportProblem(
                        kind: .unreadableFile, field: "data", row: nil, column: nil, message: $0.description)
                })
        }
        return try dataSet(
            fromCSV: InputText.normalized(text), outcome: outcome, conditions: conditions, firstColumn: firstColumn)
    }

    /// The names in the header row of `text`, trimmed; empty when there is no header.
    public static func header(ofCSV text: String) -> [String] {
        (readRecords(text).first ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Whether a first column with this header and these values looks like a condition rather
    /// than the names of the cases: its header is a name as conditions have them (an ASCII
    /// letter, then letters, digits or `_`) and every value is a score from 0 to 1 — names of
    /// cases would not repeat 0 and 1.
    public static func looksLikeCondition(header: String, values: [String]) -> Bool {
        let name = header.trimmingCharacters(in: .whitespaces)
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
            name.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
            }),
            !values.isEmpty
        else { return false }
        return values.allSatisfy { raw in
            Double(raw.trimmingCharacters(in: .whitespaces)).map { $0 >= 0 && $0 <= 1 } ?? false
        }
    }

    /// Builds a data set from CSV text. With `outcome` and `conditions` only those columns
    /// are read (and checked); without them every column is. `firstColumn` says what the first
    /// column holds (issue 16 item 9: a file without names must not lose its first condition).
    public static func dataSet(
        fromCSV text: String, outcome: String? = nil, conditions: [String]? = nil,
        firstColumn: QCAFirstColumn = .automatic
    ) throws(QCAImportError) -> QCADataSet {
        var problems: [QCAImportProblem] = []
        func problem(
            _ kind: QCAImportProblem.Kind, _ field: String, row: Int? = nil, column: String? = nil, _ message: String
        ) {
            problems.append(QCAImportProblem(kind: kind, field: field, row: row, column: column, message: message))
        }

        let records = readRecords(text)
        let firstIsData = firstColumn == .data
        guard let header = records.first, header.count >= (firstIsData ? 1 : 2), records.count >= 2 else {
            problem(
                .emptyFile, "data",
                "het bestand bevat geen kop met een kolom voor de gevallen en ten minste één variabele, of geen gevallen"
            )
            throw QCAImportError(problems: problems)
        }
        // The position of the first variable: after the names of the cases, or the first column.
        let skipped = firstIsData ? 0 : 1
        let names = header.dropFirst(skipped).map { $0.trimmingCharacters(in: .whitespaces) }
        for (index, name) in names.enumerated() where name.isEmpty {
            problem(.missingColumn, "data", column: nil, "kolom \(index + 1 + skipped) heeft geen naam in de kop")
        }
        for (index, name) in names.enumerated() where !name.isEmpty && names[..<index].contains(name) {
            problem(.duplicateColumn, "data", column: name, "kolom \"\(name)\" komt meer dan eens voor in de kop")
        }
        let available = names.joined(separator: ", ")
        if let outcome, !names.contains(outcome) {
            problem(
                .missingColumn, "uitkomst", column: outcome,
                "kolom \"\(outcome)\" ontbreekt in het bestand; beschikbaar: \(available)")
        }
        for condition in conditions ?? [] where !names.contains(condition) {
            problem(
                .missingColumn, "voorwaarden", column: condition,
                "kolom \"\(condition)\" ontbreekt in het bestand; beschikbaar: \(available)")
        }
        if let outcome, let conditions, conditions.contains(outcome) {
            problem(
                .duplicateColumn, "voorwaarden", column: outcome,
                "de uitkomst \"\(outcome)\" kan niet ook een voorwaarde zijn")
        }
        let wanted: [String] =
            if let outcome, let conditions { conditions + [outcome] } else if let outcome {
                names.filter { $0 != outcome } + [outcome]
            } else { names }
        let dataRows = Array(records.dropFirst())
        for (offset, record) in dataRows.enumerated() where record.count != header.count {
            problem(
                .wrongFieldCount, "data", row: offset + 2,
                "rij \(offset + 2) heeft \(record.count) velden, de kop \(header.count)")
        }
        guard problems.isEmpty else { throw QCAImportError(problems: problems) }
        if firstColumn == .automatic, looksLikeCondition(header: header[0], values: dataRows.map { $0[0] }) {
            let name = header[0].trimmingCharacters(in: .whitespaces)
            problem(
                .ambiguousFirstColumn, "eersteKolom", column: name,
                "de eerste kolom \"\(name)\" lijkt een voorwaarde (een naam als een voorwaarde en alleen waarden van 0 tot en met 1), "
                    + "niet de namen van de gevallen; zeg wat ze is: de namen van de gevallen, of gegevens "
                    + "(dan worden de gevallen genummerd 1, 2, 3…)")
            throw QCAImportError(problems: problems)
        }

        let caseIdentifiers =
            firstIsData
            ? dataRows.indices.map { String($0 + 1) } : dataRows.map { $0[0].trimmingCharacters(in: .whitespaces) }
        var columns: [(name: String, values: [Double])] = []
        for name in wanted {
            let column = names.firstIndex(of: name)! + skipped
            let field = name == outcome ? "uitkomst" : "data"
            var values: [Double] = []
            var columnProblems = 0
            func valueProblem(_ kind: QCAImportProblem.Kind, row offset: Int, _ message: String) {
                columnProblems += 1
                guard columnProblems <= problemsPerColumn else { return }
                let location = "rij \(offset + 2) (geval \"\(caseIdentifiers[offset])\"), kolom \"\(name)\""
                problem(kind, field, row: offset + 2, column: name, "\(location): \(message)")
            }
            for (offset, record) in dataRows.enumerated() {
                let raw = record[column].trimmingCharacters(in: .whitespaces)
                if raw.isEmpty || raw == "NA" {
                    valueProblem(.nonNumericValue, row: offset, "ontbrekende waarde")
                    values.append(.nan)
                } else if let value = Double(raw), value.isFinite {
                    values.append(value)
                } else {
                    valueProblem(.nonNumericValue, row: offset, "\"\(raw)\" is geen getal")
                    values.append(.nan)
                }
            }
            let numbers = values.filter { !$0.isNaN }
            let integers = numbers.allSatisfy { $0 == $0.rounded() }
            let isOutcome = name == outcome
            for (offset, value) in values.enumerated() where !value.isNaN {
                if isOutcome || !integers {
                    if value < 0 || value > 1 {
                        let reason =
                            isOutcome
                            ? "een uitkomst moet tussen 0 en 1 liggen" : "een fuzzy-setscore moet tussen 0 en 1 liggen"
                        valueProblem(
                            .valueOutOfRange, row: offset, "waarde \(format(value)) valt buiten het bereik (\(reason))")
                    }
                } else if value < 0 || value > Double(QCAVariable.maximumMultiValueLevel) {
                    valueProblem(
                        .valueOutOfRange, row: offset,
                        "waarde \(format(value)) valt buiten het bereik (0/1 voor crisp sets, 0 tot en met \(QCAVariable.maximumMultiValueLevel) voor multi-value-sets, 0–1 voor fuzzy sets; kalibreer ruwe gegevens eerst)"
                    )
                }
            }
            if columnProblems > problemsPerColumn {
                problem(
                    .valueOutOfRange, field, column: name,
                    "kolom \"\(name)\": nog \(columnProblems - problemsPerColumn) problemen")
            }
            if isOutcome, columnProblems == 0, let first = values.first, values.allSatisfy({ $0 == first }) {
                problem(
                    .outcomeWithoutVariation, "uitkomst", column: name,
                    "kolom \"\(name)\" heeft geen variatie: alle \(values.count) gevallen hebben waarde \(format(first))"
                )
            }
            columns.append((name, values))
        }
        guard problems.isEmpty else { throw QCAImportError(problems: problems) }
        do {
            return try QCADataSet(caseIdentifiers: caseIdentifiers, columns: columns)
        } catch {
            throw QCAImportError(problems: [
                QCAImportProblem(
                    kind: .valueOutOfRange, field: "data", row: nil, column: nil,
                    message: "ongeldige gegevens: \(error)")
            ])
        }
    }

    static func readRecords(_ text: String) -> [[String]] {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else { return [] }
        var records: [[String]] = []
        while let row = reader.next() {
            if row.count == 1 && row[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            records.append(row)
        }
        return records
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
