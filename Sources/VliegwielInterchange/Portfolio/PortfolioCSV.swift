import Foundation
import VliegwielCore

/// CSV import of partners, finance lines and projects (docs/portefeuille.md): every bad row
/// is reported at once, with its row number, column and the allowed values; the result is a
/// set of changes that a store applies in one transaction, or nothing.
public enum PortfolioCSV {
    /// What a file holds.
    public enum Kind: String, CaseIterable, Sendable {
        case partners = "partners"
        case finance = "financiering"
        case projects = "projecten"

        /// The columns a file must have.
        public var requiredColumns: [String] {
            switch self {
            case .partners: ["id", "organisatie", "type", "rollen"]
            case .finance: ["id", "partner", "jaar", "soort", "sector", "vorm", "bedrag"]
            case .projects: ["id", "naam", "programmalijn", "status"]
            }
        }

        /// The columns a file may have besides the required ones.
        public var optionalColumns: [String] {
            switch self {
            case .partners: ["toegetreden", "uitgetreden", "bron"]
            case .finance: ["programmalijn", "datum", "omschrijving", "bron"]
            case .projects:
                [
                    "omschrijving", "programmalijn_naam", "trekker", "partners", "budget", "start", "einde", "themas",
                    "bron",
                ]
            }
        }

        /// The collection of a ``RecordProblem`` that rows of this kind become.
        var collection: String { rawValue }
    }

    /// Reads a file of `kind` against the deal's current `record` and returns the changes to
    /// apply. The changed record is checked whole, so that a row naming an unknown partner or
    /// programme line is reported too.
    ///
    /// - Throws: ``ValidationFailure`` with one issue per problem, each `<bestand>: rij N: <kolom>: <bericht>`.
    public static func changes(
        _ kind: Kind, csv text: String, source: String, record: DealRecord
    ) throws(ValidationFailure) -> [DealChange] {
        let table: CSVTable
        do {
            table = try CSVTable(text)
        } catch {
            throw ValidationFailure(issues: [ValidationIssue(source: source, field: "", message: error.message)])
        }
        var issues: [ValidationIssue] = []
        let allowed = kind.requiredColumns + kind.optionalColumns
        for column in table.header where !allowed.contains(column) {
            issues.append(
                ValidationIssue(
                    source: source, field: "kopregel",
                    message: "onbekende kolom '\(column)'; toegestaan: \(allowed.joined(separator: ", "))"))
        }
        for column in kind.requiredColumns where !table.header.contains(column) {
            issues.append(
                ValidationIssue(
                    source: source, field: "kopregel",
                    message: "kolom '\(column)' ontbreekt; verplicht: \(kind.requiredColumns.joined(separator: ", "))"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
        for (number, message) in table.malformedRows {
            issues.append(ValidationIssue(source: source, field: "rij \(number)", message: message))
        }

        var reader = RowReader(source: source)
        var changes: [DealChange] = []
        var rowOfItem: [String: Int] = [:]
        var rowOfLine: [String: Int] = [:]
        for row in table.rows {
            let id = row["id"]
            if let earlier = rowOfItem[id], !id.isEmpty {
                reader.problem(row, "id", "'\(id)' staat ook in rij \(earlier)")
            } else {
                rowOfItem[id] = row.number
            }
        }
        switch kind {
        case .partners:
            let partners = table.rows.compactMap { reader.partner($0) }
            changes = [.upsertPartners(partners)]
        case .finance:
            let lines = table.rows.compactMap { reader.financeLine($0) }
            changes = [.upsertFinanceLines(lines)]
        case .projects:
            var newLines: [ProgrammeLine] = []
            for row in table.rows {
                let lineID = row["programmalijn"]
                let lineName = row["programmalijn_naam"]
                guard !lineName.isEmpty, !lineID.isEmpty,
                    !record.programmeLines.contains(where: { $0.id == lineID })
                else { continue }
                if let index = newLines.firstIndex(where: { $0.id == lineID }) {
                    if newLines[index].name != lineName {
                        reader.problem(
                            row, "programmalijn_naam",
                            "'\(lineName)' verschilt van '\(newLines[index].name)' in rij \(rowOfLine[lineID]!)")
                    }
                } else {
                    newLines.append(ProgrammeLine(id: lineID, name: lineName))
                    rowOfLine[lineID] = row.number
                }
            }
            let projects = table.rows.compactMap { reader.project($0) }
            changes = (newLines.isEmpty ? [] : [.upsertProgrammeLines(newLines)]) + [.upsertProjects(projects)]
        }
        issues += reader.issues

        // Check the changed record whole; report what belongs to this file's rows.
        if reader.issues.isEmpty {
            let changed = changes.reduce(record) { $0.applying($1).record }
            for problem in changed.problems {
                if problem.collection == kind.collection, let number = rowOfItem[problem.itemID] {
                    let column =
                        problem.field == "bedragCent"
                        ? "bedrag" : problem.field == "budgetCent" ? "budget" : problem.field
                    issues.append(
                        ValidationIssue(source: source, field: "rij \(number): \(column)", message: problem.message))
                } else if problem.collection == "programmalijnen", let number = rowOfLine[problem.itemID] {
                    issues.append(
                        ValidationIssue(source: source, field: "rij \(number): programmalijn", message: problem.message)
                    )
                } else {
                    var issue = problem.issue(arrangementID: record.deal.id)
                    issue.source = source
                    issues.append(issue)
                }
            }
        }
        guard issues.isEmpty else {
            throw ValidationFailure(issues: issues.sorted { $0.rowNumber < $1.rowNumber })
        }
        return changes
    }
}

extension ValidationIssue {
    /// The row number in a CSV issue's field (`rij 3: type`), for ordering; 0 otherwise.
    fileprivate var rowNumber: Int {
        guard field.hasPrefix("rij ") else { return 0 }
        return Int(field.dropFirst(4).prefix { $0.isNumber }) ?? 0
    }
}

/// Turns rows into items, collecting every problem.
private struct RowReader {
    var source: String
    var issues: [ValidationIssue] = []

    init(source: String) { self.source = source }

    mutating func problem(_ row: CSVTable.Row, _ column: String, _ message: String) {
        issues.append(ValidationIssue(source: source, field: "rij \(row.number): \(column)", message: message))
    }

    mutating func required(_ row: CSVTable.Row, _ column: String) -> String? {
        let value = row[column]
        if value.isEmpty {
            problem(row, column, "ontbreekt")
            return nil
        }
        return value
    }

    mutating func vocabulary<V: Vocabulary>(_ row: CSVTable.Row, _ column: String, _ type: V.Type) -> V? {
        guard let code = required(row, column) else { return nil }
        guard let value = V(code: code) else {
            problem(row, column, "onbekende waarde '\(code)'; toegestaan: \(V.allowedCodes)")
            return nil
        }
        return value
    }

    /// A list separated by semicolons; `nil` when one of its codes is unknown.
    mutating func list<V: Vocabulary>(_ row: CSVTable.Row, _ column: String, _ type: V.Type) -> [V]? {
        var values: [V] = []
        var ok = true
        for code in Self.split(row[column]) {
            if let value = V(code: code) {
                if !values.contains(value) { values.append(value) }
            } else {
                problem(row, column, "onbekende waarde '\(code)'; toegestaan: \(V.allowedCodes) (scheid met ';')")
                ok = false
            }
        }
        return ok ? values : nil
    }

    /// An optional date; `.some(nil)` when empty, `nil` when malformed.
    mutating func date(_ row: CSVTable.Row, _ column: String) -> CalendarDate?? {
        let text = row[column]
        if text.isEmpty { return .some(nil) }
        guard let date = CalendarDate(iso: text) else {
            problem(row, column, "'\(text)' is geen datum; verwacht JJJJ-MM-DD, bijvoorbeeld 2024-02-09")
            return nil
        }
        return .some(date)
    }

    /// An amount in euros (`1234567.89` or `1234567,89`, no thousands separators).
    mutating func amount(_ row: CSVTable.Row, _ column: String, required: Bool) -> EuroCents?? {
        let text = row[column]
        if text.isEmpty {
            if required { problem(row, column, "ontbreekt") }
            return required ? nil : .some(nil)
        }
        guard let amount = EuroCents(decimal: text) else {
            problem(
                row, column,
                "'\(text)' is geen bedrag in euro; schrijf bijvoorbeeld 1250000 of 1250000,50 (zonder punten voor duizendtallen)"
            )
            return nil
        }
        return .some(amount)
    }

    static func split(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func optional(_ text: String) -> String? { text.isEmpty ? nil : text }

    mutating func partner(_ row: CSVTable.Row) -> Partner? {
        let before = issues.count
        let id = required(row, "id")
        let organisation = required(row, "organisatie")
        let type = vocabulary(row, "type", OrganisationType.self)
        let roles = list(row, "rollen", PartnerRole.self)
        if roles?.isEmpty == true {
            problem(row, "rollen", "ontbreekt; toegestaan: \(PartnerRole.allowedCodes) (scheid met ';')")
        }
        let joined = date(row, "toegetreden")
        let left = date(row, "uitgetreden")
        guard issues.count == before, let id, let organisation, let type, let roles, let joined, let left else {
            return nil
        }
        return Partner(
            id: id, organisation: organisation, type: type, roles: roles, joinedOn: joined, leftOn: left,
            source: Self.optional(row["bron"]))
    }

    mutating func financeLine(_ row: CSVTable.Row) -> FinanceLine? {
        let before = issues.count
        let id = required(row, "id")
        let partner = required(row, "partner")
        var year: Int?
        if let text = required(row, "jaar") {
            year = Int(text)
            if year == nil { problem(row, "jaar", "'\(text)' is geen jaartal") }
        }
        let kind = vocabulary(row, "soort", FinanceKind.self)
        let sector = vocabulary(row, "sector", FinanceSector.self)
        let form = vocabulary(row, "vorm", FinanceForm.self)
        let amount = amount(row, "bedrag", required: true)
        let date = date(row, "datum")
        guard issues.count == before, let id, let partner, let year, let kind, let sector, let form,
            let amount = amount ?? nil, let date
        else { return nil }
        return FinanceLine(
            id: id, partnerID: partner, programmeLineID: Self.optional(row["programmalijn"]), year: year, kind: kind,
            sector: sector, form: form, amount: amount, date: date, description: Self.optional(row["omschrijving"]),
            source: Self.optional(row["bron"]))
    }

    mutating func project(_ row: CSVTable.Row) -> Project? {
        let before = issues.count
        let id = required(row, "id")
        let name = required(row, "naam")
        let line = required(row, "programmalijn")
        let status = vocabulary(row, "status", ProjectStatus.self)
        let budget = amount(row, "budget", required: false)
        let start = date(row, "start")
        let end = date(row, "einde")
        let themes = list(row, "themas", WellbeingTheme.self)
        guard issues.count == before, let id, let name, let line, let status, let budget, let start, let end,
            let themes
        else { return nil }
        return Project(
            id: id, name: name, description: Self.optional(row["omschrijving"]), programmeLineID: line,
            leadPartnerID: Self.optional(row["trekker"]), partnerIDs: Self.split(row["partners"]), budget: budget,
            startsOn: start, endsOn: end, status: status, themes: themes, source: Self.optional(row["bron"]))
    }
}
