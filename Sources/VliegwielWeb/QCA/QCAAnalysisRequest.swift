import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// A field of an analysis request that is not valid, by its API name (`voorwaarden[0].dimensie`).
struct QCAInvalidField: Sendable, Equatable {
    var name: String
    var reason: String
}

/// Every invalid field of a request.
struct QCAProblems: Error, Sendable {
    var fields: [QCAInvalidField]

    init(_ fields: [QCAInvalidField]) { self.fields = fields }
}

/// What an analysis gives: the report (the API's answer), and for the page the data set
/// built from the arrangements (to group what is left out) and the names of the cases.
struct QCAAnalysisOutput: Sendable {
    var report: QCAReport
    var product: QCAProductDataSet?
    var caseIdentifiers: [String]
}

/// One QCA analysis as the page's form and the API ask for it: the data (CSV text or the
/// arrangements in the database), the outcome, the conditions and the settings.
struct QCAAnalysisRequest: Sendable {
    enum Source: Sendable {
        /// CSV text; `conditions` are column names (all other columns when `nil`); `firstColumn`
        /// says whether the first column holds the names of the cases.
        case csv(String, conditions: [String]?, firstColumn: QCAFirstColumn)
        /// The arrangements in the database with their recorded outcomes.
        case database([QCAConditionDefinition])
    }

    static let solutions: [(name: String, type: QCASolutionType)] = [
        ("conservatief", .conservative), ("spaarzaam", .parsimonious), ("intermediair", .intermediate),
    ]

    var source: Source
    var outcome: QCAOutcome
    var cutoff: Double
    var minimumCases: Int
    var solutionName: String
    var solutionType: QCASolutionType
    var expectations: String?

    /// Reads the settings shared by both sources from text; adds a problem per invalid one.
    static func settings(
        outcome: String?, cutoff: String?, minimumCases: String?, solution: String?, expectations: String?,
        problems: inout [QCAInvalidField]
    ) -> (outcome: QCAOutcome, cutoff: Double, minimumCases: Int, solution: (String, QCASolutionType), String?)? {
        let target = QCAOutcome(parsing: outcome ?? "")
        if target.name.isEmpty {
            problems.append(.init(name: "uitkomst", reason: "verplicht: de naam van de uitkomst, eventueel als ~NAAM"))
        }
        let cutoffText = (cutoff ?? "").isEmpty ? "0.8" : cutoff!
        let cutoffValue = Double(cutoffText.replacingOccurrences(of: ",", with: "."))
        if cutoffValue == nil || !(cutoffValue! > 0 && cutoffValue! <= 1) {
            problems.append(
                .init(
                    name: "inclDrempel",
                    reason: "moet een getal groter dan 0 en ten hoogste 1 zijn, niet '\(cutoffText)'"))
        }
        let casesText = (minimumCases ?? "").isEmpty ? "1" : minimumCases!
        let cases = Int(casesText)
        if cases == nil || cases! < 1 {
            problems.append(
                .init(name: "minGevallen", reason: "moet een geheel getal van ten minste 1 zijn, niet '\(casesText)'"))
        }
        let solutionText = (solution ?? "").isEmpty ? "conservatief" : solution!
        let found = solutions.first { $0.name == solutionText }
        if found == nil {
            problems.append(
                .init(
                    name: "oplossing",
                    reason: "onbekende waarde '\(solutionText)'; toegestaan: conservatief, spaarzaam, intermediair"))
        }
        let wanted = expectations?.trimmingCharacters(in: .whitespaces)
        let hasExpectations = !(wanted ?? "").isEmpty
        if found?.type == .intermediate && !hasExpectations {
            problems.append(
                .init(name: "verwachtingen", reason: "verplicht bij de intermediaire oplossing, bijvoorbeeld 'A,B,~C'"))
        }
        if let found, found.type != .intermediate, hasExpectations {
            problems.append(.init(name: "verwachtingen", reason: "alleen te gebruiken met de intermediaire oplossing"))
        }
        guard let cutoffValue, let cases, let found, !target.name.isEmpty else { return nil }
        return (target, cutoffValue, cases, found, hasExpectations ? wanted : nil)
    }

    /// Runs the analysis: the report, or every problem with the field it is about.
    func run(
        arrangements: any ArrangementStore, outcomes: any QCAOutcomeStore, limits: QCAWebLimits
    ) async throws -> Result<QCAAnalysisOutput, QCAProblems> {
        try await limits.run {
            try await analyse(arrangements: arrangements, outcomes: outcomes, budget: limits.budget)
        }
    }

    private func analyse(
        arrangements: any ArrangementStore, outcomes: any QCAOutcomeStore, budget: QCABudget
    ) async throws -> Result<QCAAnalysisOutput, QCAProblems> {
        let dataSet: QCADataSet
        var conditionNames: [String]?
        var product: QCAProductDataSet?
        switch source {
        case .csv(let text, let conditions, let firstColumn):
            do {
                dataSet = try QCACSVImport.dataSet(
                    fromCSV: text, outcome: outcome.name, conditions: conditions, firstColumn: firstColumn)
            } catch {
                return .failure(
                    QCAProblems(
                        error.problems.map {
                            QCAInvalidField(name: $0.field == "data" ? "gegevens" : $0.field, reason: $0.message)
                        }))
            }
            conditionNames = conditions
        case .database(let definitions):
            let built: QCAProductDataSet
            do {
                built = try QCAProductData.build(
                    arrangements: try await arrangements.allArrangements(), definitions: definitions,
                    outcome: outcome.name, outcomes: try await outcomes.outcomes(named: outcome.name))
            } catch let failure as ValidationFailure {
                return .failure(QCAProblems(failure.issues.map { .init(name: $0.field, reason: $0.message) }))
            }
            guard let builtData = built.dataSet else {
                let names = try await outcomes.outcomeNames()
                guard names.contains(outcome.name) else {
                    return .failure(
                        QCAProblems([
                            .init(
                                name: "uitkomst",
                                reason: "geen uitkomst '\(outcome.name)' vastgelegd; vastgelegd: "
                                    + (names.isEmpty ? "nog niets" : names.joined(separator: ", ")))
                        ]))
                }
                let missing = "geen uitkomst \(outcome.name) vastgelegd"
                return .failure(
                    QCAProblems(
                        [
                            .init(
                                name: "voorwaarden",
                                reason:
                                    "geen enkel arrangement met uitkomst \(outcome.name) heeft alle voorwaarden vastgesteld"
                            )
                        ]
                            + built.excluded.filter { !$0.reasons.contains(missing) }.map {
                                .init(
                                    name: "voorwaarden",
                                    reason: "\($0.arrangementID): \($0.reasonsText)")
                            }))
            }
            dataSet = builtData
            conditionNames = definitions.map(\.name)
            product = built
        }
        do {
            let table = try QCATruthTable(
                data: dataSet, outcome: outcome, conditions: conditionNames,
                options: QCATruthTableOptions(inclusionCutoff: cutoff, minimumCases: minimumCases))
            let expected = try expectations.map { try table.directionalExpectations(parsing: $0) } ?? []
            let solution = try table.minimize(
                QCAMinimizationOptions(solutionType: solutionType, directionalExpectations: expected, budget: budget))
            return .success(
                QCAAnalysisOutput(
                    report: QCAReport(table: table, solution: solution, solutionName: solutionName, product: product),
                    product: product, caseIdentifiers: dataSet.caseIdentifiers))
        } catch let error as QCAError {
            return .failure(QCAProblems([Self.problem(error, conditionNames: conditionNames ?? dataSet.variableNames)]))
        }
    }

    static func problem(_ error: QCAError, conditionNames: [String]) -> QCAInvalidField {
        switch error {
        case .unknownVariable(let name):
            .init(
                name: "verwachtingen",
                reason: "onbekende voorwaarde '\(name)'; kies uit \(conditionNames.joined(separator: ", "))")
        case .invalidExpectation(let condition, let value):
            .init(
                name: "verwachtingen",
                reason: value < 0
                    ? "'\(condition)' is niet te lezen; schrijf A, ~A of A[2]"
                    : "voorwaarde '\(condition)' heeft geen waarde \(value)")
        case .outcomeWithoutVariation(let name):
            .init(name: "uitkomst", reason: "'\(name)' heeft geen variatie: alle gevallen hebben dezelfde waarde")
        case .multiValueOutcome(let name):
            .init(name: "uitkomst", reason: "'\(name)' moet crisp (0/1) of fuzzy (0–1) zijn, niet multi-value")
        case .outcomeAmongConditions(let name):
            .init(name: "voorwaarden", reason: "de uitkomst '\(name)' kan niet ook een voorwaarde zijn")
        case .duplicateVariable(let name):
            .init(name: "voorwaarden", reason: "'\(name)' staat er meer dan eens in")
        case .noConditions:
            .init(name: "voorwaarden", reason: "er is geen enkele voorwaarde")
        case .tooManyConditions(let count):
            .init(
                name: "voorwaarden", reason: "\(count) voorwaarden passen niet in de waarheidstabel; gebruik er minder")
        default:
            .init(name: "gegevens", reason: "\(error)")
        }
    }
}

extension QCAAnalysisRequest {
    /// `namen` or `gegevens` (the API's `eersteKolom`, the page's `eerste-kolom`) as
    /// ``QCAFirstColumn``; `automatisch` as `.automatic`; `nil` for anything else.
    static func firstColumn(_ text: String?) -> QCAFirstColumn? {
        switch text {
        case "namen": .caseNames
        case "gegevens": .data
        case "automatisch": .automatic
        default: nil
        }
    }

    /// Reads an API body: `{"gegevens": "csv", "uitkomst": …}` or
    /// `{"bron": "database", "uitkomst": …, "voorwaarden": [{"naam", "dimensie", "codes"}]}`.
    static func fromJSON(_ text: String) -> Result<QCAAnalysisRequest, QCAProblems> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return .failure(QCAProblems([.init(name: "body", reason: "geen JSON-object")]))
        }
        var problems: [QCAInvalidField] = []
        func string(_ key: String) -> String? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            if let text = value as? String { return text }
            problems.append(.init(name: key, reason: "moet tekst zijn"))
            return nil
        }
        func number(_ key: String) -> String? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            if type(of: value) != Bool.self, let number = value as? NSNumber {
                let double = number.doubleValue
                return double == double.rounded() && abs(double) < 1e15 ? String(Int(double)) : String(double)
            }
            problems.append(.init(name: key, reason: "moet een getal zijn"))
            return nil
        }
        let known: Set = [
            "gegevens", "bron", "uitkomst", "voorwaarden", "inclDrempel", "minGevallen", "oplossing", "verwachtingen",
            "eersteKolom",
        ]
        for key in object.keys.sorted() where !known.contains(key) {
            problems.append(
                .init(name: key, reason: "onbekend veld; toegestaan: \(known.sorted().joined(separator: ", "))"))
        }
        let csv = string("gegevens")
        let bron = string("bron")
        let firstColumnText = string("eersteKolom")
        let firstColumn = Self.firstColumn(firstColumnText)
        if let firstColumnText, firstColumn == nil {
            problems.append(
                .init(name: "eersteKolom", reason: "onbekende waarde '\(firstColumnText)'; toegestaan: namen, gegevens")
            )
        }
        if firstColumnText != nil, csv == nil {
            problems.append(.init(name: "eersteKolom", reason: "alleen te gebruiken met gegevens"))
        }
        let outcome = string("uitkomst")
        // A non-text outcome is reported once, as such.
        let settings = settings(
            outcome: outcome ?? (object["uitkomst"] == nil ? nil : "?"), cutoff: number("inclDrempel"),
            minimumCases: number("minGevallen"), solution: string("oplossing"),
            expectations: string("verwachtingen"), problems: &problems)
        var source: Source?
        let conditions = object["voorwaarden"]
        switch (csv, bron) {
        case (.some, .some):
            problems.append(.init(name: "bron", reason: "gebruik gegevens of bron, niet allebei"))
        case (nil, nil):
            problems.append(.init(name: "gegevens", reason: "geef CSV-tekst in gegevens, of \"bron\": \"database\""))
        case (.some(let text), nil):
            if conditions == nil || conditions is NSNull {
                source = .csv(text, conditions: nil, firstColumn: firstColumn ?? .automatic)
            } else if let names = conditions as? [String], !names.contains(where: { $0.isEmpty }) {
                source = .csv(text, conditions: names, firstColumn: firstColumn ?? .automatic)
            } else {
                problems.append(.init(name: "voorwaarden", reason: "bij gegevens: een lijst kolomnamen"))
            }
        case (nil, .some(let name)):
            guard name == "database" else {
                problems.append(.init(name: "bron", reason: "onbekende waarde '\(name)'; toegestaan: database"))
                break
            }
            guard let list = conditions as? [Any], !list.isEmpty else {
                problems.append(
                    .init(
                        name: "voorwaarden",
                        reason: "verplicht bij bron database: een lijst van {\"naam\", \"dimensie\", \"codes\"}"))
                break
            }
            var definitions: [QCAConditionDefinition] = []
            for (index, item) in list.enumerated() {
                let field = "voorwaarden[\(index)]"
                do {
                    if let notation = item as? String {
                        definitions.append(try QCAConditionDefinition(parsing: notation, field: field))
                    } else if let entry = item as? [String: Any] {
                        definitions.append(
                            try QCAConditionDefinition(
                                name: entry["naam"] as? String ?? "", dimension: entry["dimensie"] as? String ?? "",
                                codes: entry["codes"] as? [String] ?? [], field: field))
                    } else {
                        problems.append(.init(name: field, reason: "een object met naam, dimensie en codes"))
                    }
                } catch let failure as ValidationFailure {
                    problems += failure.issues.map { .init(name: $0.field, reason: $0.message) }
                } catch {
                    problems.append(.init(name: field, reason: "\(error)"))
                }
            }
            source = .database(definitions)
        }
        guard problems.isEmpty, let settings, let source else { return .failure(QCAProblems(problems)) }
        return .success(
            QCAAnalysisRequest(
                source: source, outcome: settings.outcome, cutoff: settings.cutoff, minimumCases: settings.minimumCases,
                solutionName: settings.solution.0, solutionType: settings.solution.1, expectations: settings.4))
    }
}
