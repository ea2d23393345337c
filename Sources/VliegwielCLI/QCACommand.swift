import ArgumentParser
import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// `vliegwiel qca`: Qualitative Comparative Analysis of a CSV file or of the arrangements in
/// the database — the truth table and the minimal solutions with their measures, as text
/// (Dutch) or JSON.
public struct QCACommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "qca",
        abstract: "Kwalitatieve vergelijkende analyse (QCA): waarheidstabel en minimale oplossingen.",
        discussion: """
            Het CSV-bestand heeft een kop; de eerste kolom bevat de gevallen, de andere kolommen \
            zijn getallen: 0/1 voor crisp sets, 0/1/2… voor multi-value-sets, 0–1 voor fuzzy sets. \
            Termen staan in de notatie van R QCA: A*~B, DEV[2]. Zie docs/qca.md. Lijkt de eerste \
            kolom een voorwaarde (een naam als REGIO en alleen waarden 0 tot en met 1), dan zegt \
            --eerste-kolom wat ze is: namen (de namen van de gevallen) of gegevens (een variabele; de \
            gevallen worden genummerd).

            Met --uit-database zijn de gevallen de arrangementen in de database: elke --voorwaarde \
            codeert een profieldimensie (NAAM=DIMENSIE:CODES; 1 als het profiel een van de codes \
            bevat, anders 0) en de uitkomst is wat met 'vliegwiel uitkomst zet' is vastgelegd. Een \
            arrangement zonder uitkomst of met een niet-vastgestelde dimensie valt weg, met de reden.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("data"), help: ArgumentHelp("Het CSV-bestand met de gevallen.", valueName: "BESTAND.csv"))
    var data: String?

    @Option(
        name: .customLong("eerste-kolom"),
        help: ArgumentHelp(
            "Wat de eerste kolom van --data is: namen (van de gevallen) of gegevens (een variabele; de gevallen "
                + "worden genummerd). Verplicht als de eerste kolom op een voorwaarde lijkt.",
            valueName: "namen|gegevens"))
    var firstColumnText: String?

    @Flag(
        name: .customLong("uit-database"),
        help: "Gebruik de arrangementen in de database en hun vastgelegde uitkomsten in plaats van --data.")
    var fromDatabase = false

    @Option(
        name: .customLong("voorwaarde"),
        help: ArgumentHelp(
            "Met --uit-database: een voorwaarde uit een profieldimensie, herhaalbaar; "
                + "bijvoorbeeld REGIO=samenwerkend.initiatiefVoorstel:regio,steden.",
            valueName: "NAAM=DIMENSIE:CODES"))
    var definitionTexts: [String] = []

    @Option(
        name: .customLong("uitkomst"),
        help: ArgumentHelp("De uitkomstkolom; ~NAAM voor de afwezigheid van de uitkomst.", valueName: "NAAM"))
    var outcome: String

    @Option(
        name: .customLong("voorwaarden"),
        help: ArgumentHelp(
            "De voorwaarden, gescheiden door komma's (standaard: alle andere kolommen).", valueName: "A,B,C"))
    var conditions: String?

    @Option(
        name: .customLong("incl-drempel"),
        help: ArgumentHelp("Minimale inclusie (consistentie) van een positieve rij.", valueName: "0.8"))
    var inclusionCutoff: String = "0.8"

    @Option(
        name: .customLong("min-gevallen"),
        help: ArgumentHelp("Rijen met minder gevallen zijn logische restgroepen (remainders).", valueName: "1"))
    var minimumCases: String = "1"

    @Option(
        name: .customLong("oplossing"),
        help: ArgumentHelp("conservatief, spaarzaam of intermediair.", valueName: "SOORT"))
    var solution: String = "conservatief"

    @Option(
        name: .customLong("verwachtingen"),
        help: ArgumentHelp(
            "Richtingsverwachtingen voor de intermediaire oplossing, bijvoorbeeld \"A,B,~C\" of \"DEV[2]\".",
            valueName: "A,B,~C"))
    var expectations: String?

    @Option(name: .customLong("formaat"), help: ArgumentHelp("tekst of json.", valueName: "FORMAAT"))
    var format: String = "tekst"

    public init() {}

    public func run() async throws {
        let result = fromDatabase && data == nil ? await databaseReport() : report()
        switch result {
        case .success(let output):
            print(output)
        case .failure(let failure):
            for line in failure.lines { FileHandle.standardError.write(Data("fout: \(line)\n".utf8)) }
            throw ExitCode(1)
        }
    }

    /// The problems that stop the command, one `<veld>: <bericht>` line each.
    public struct Failure: Error, Sendable, Equatable {
        public var lines: [String]
    }

    static let solutionNames: [(name: String, type: QCASolutionType)] = [
        ("conservatief", .conservative), ("spaarzaam", .parsimonious), ("intermediair", .intermediate),
    ]

    /// The settings shared by both sources, once they are valid.
    struct Settings {
        var cutoff: Double
        var minimumCases: Int
        var solutionType: QCASolutionType
        var json: Bool
        var target: QCAOutcome
    }

    /// Runs the analysis on the CSV file and returns the output, or every problem found in
    /// the input.
    public func report() -> Result<String, Failure> {
        let (settings, problems) = checkedSettings()
        let url = data.map { URL(fileURLWithPath: $0) }
        guard problems.isEmpty, let settings else { return .failure(Failure(lines: problems)) }
        guard let url else { return .failure(Failure(lines: ["data: dit pad leest alleen --data BESTAND.csv"])) }
        let conditionNames = conditions.map(Self.names)
        let dataSet: QCADataSet
        do {
            dataSet = try QCACSVImport.dataSet(
                contentsOf: url, outcome: settings.target.name, conditions: conditionNames,
                firstColumn: Self.firstColumn(firstColumnText) ?? .automatic)
        } catch {
            return .failure(
                Failure(
                    lines: error.problems.map { problem in
                        problem.kind == .ambiguousFirstColumn
                            ? "eerste-kolom: \(problem.message); geef --eerste-kolom namen of --eerste-kolom gegevens"
                            : problem.description
                    }))
        }
        return analyze(dataSet, conditionNames: conditionNames, settings: settings, product: nil)
    }

    /// The definitions of `--voorwaarde`, or the problems in them (`voorwaarde[1].dimensie: …`).
    func definitions() -> ([QCAConditionDefinition], [String]) {
        var definitions: [QCAConditionDefinition] = []
        var problems: [String] = []
        for (index, text) in definitionTexts.enumerated() {
            do {
                definitions.append(try QCAConditionDefinition(parsing: text, field: "voorwaarde[\(index + 1)]"))
            } catch {
                problems += error.issues.map(\.description)
            }
        }
        return (definitions, problems)
    }

    /// Runs the analysis on the arrangements in the database and their recorded outcomes.
    func databaseReport() async -> Result<String, Failure> {
        let (settings, problems) = checkedSettings()
        guard problems.isEmpty, let settings else { return .failure(Failure(lines: problems)) }
        let (definitions, _) = definitions()
        let product: QCAProductDataSet
        let recordedNames: [String]
        do {
            let installation = try await Installation.open(database)
            let store = installation.stores.qcaOutcomes
            recordedNames = try await store.outcomeNames()
            product = try QCAProductData.build(
                arrangements: try await installation.store.allArrangements(), definitions: definitions,
                outcome: settings.target.name, outcomes: try await store.outcomes(named: settings.target.name))
        } catch let failure as CommandFailure {
            return .failure(Failure(lines: failure.lines))
        } catch let failure as ValidationFailure {
            return .failure(Failure(lines: failure.issues.map(\.description)))
        } catch {
            return .failure(Failure(lines: ["--database: \(error)"]))
        }
        guard let dataSet = product.dataSet else {
            let name = settings.target.name
            guard recordedNames.contains(name) else {
                return .failure(
                    Failure(lines: [
                        "uitkomst: geen uitkomst \"\(name)\" vastgelegd; vastgelegd: "
                            + (recordedNames.isEmpty ? "nog niets" : recordedNames.joined(separator: ", "))
                            + " (leg vast met: vliegwiel uitkomst zet ID NAAM WAARDE --bron TEKST)"
                    ]))
            }
            let withOutcome = product.excluded.filter { !$0.reasons.contains("geen uitkomst \(name) vastgelegd") }
            return .failure(
                Failure(
                    lines: ["uitkomst: geen enkel arrangement met uitkomst \(name) heeft alle voorwaarden vastgesteld"]
                        + withOutcome.map { "voorwaarden: \($0.arrangementID): \($0.reasonsText)" })
            )
        }
        return analyze(dataSet, conditionNames: definitions.map(\.name), settings: settings, product: product)
    }

    /// `namen` or `gegevens` as ``QCAFirstColumn``; `nil` for anything else.
    static func firstColumn(_ text: String?) -> QCAFirstColumn? {
        switch text {
        case "namen": .caseNames
        case "gegevens": .data
        default: nil
        }
    }

    static func names(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Checks every option; returns the settings only when there is no problem.
    func checkedSettings() -> (Settings?, [String]) {
        var problems: [String] = []
        let cutoff = Double(inclusionCutoff.replacingOccurrences(of: ",", with: "."))
        if cutoff == nil || !(cutoff! > 0 && cutoff! <= 1) {
            problems.append(
                "incl-drempel: moet een getal groter dan 0 en ten hoogste 1 zijn, niet \"\(inclusionCutoff)\"")
        }
        let cases = Int(minimumCases)
        if cases == nil || cases! < 1 {
            problems.append("min-gevallen: moet een geheel getal van ten minste 1 zijn, niet \"\(minimumCases)\"")
        }
        let solutionType = Self.solutionNames.first { $0.name == solution }?.type
        if solutionType == nil {
            problems.append("oplossing: onbekend \"\(solution)\"; toegestaan: conservatief, spaarzaam, intermediair")
        }
        let json: Bool
        switch format {
        case "tekst": json = false
        case "json": json = true
        default:
            json = false
            problems.append("formaat: onbekend \"\(format)\"; toegestaan: tekst, json")
        }
        if solutionType == .intermediate && (expectations ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append("verwachtingen: verplicht bij --oplossing intermediair, bijvoorbeeld \"A,B,~C\"")
        }
        if let solutionType, solutionType != .intermediate, expectations != nil {
            problems.append("verwachtingen: alleen te gebruiken met --oplossing intermediair")
        }
        let target = QCAOutcome(parsing: outcome)
        if target.name.isEmpty { problems.append("uitkomst: geef de naam van een kolom, eventueel als ~NAAM") }
        if let firstColumnText, Self.firstColumn(firstColumnText) == nil {
            problems.append("eerste-kolom: onbekend \"\(firstColumnText)\"; toegestaan: namen, gegevens")
        }
        if firstColumnText != nil, fromDatabase {
            problems.append("eerste-kolom: alleen te gebruiken met --data")
        }
        if let conditions, Self.names(conditions).contains(where: \.isEmpty) {
            problems.append("voorwaarden: lege naam in \"\(conditions)\"; scheid namen met komma's")
        }
        switch (data, fromDatabase) {
        case (.some, true):
            problems.append("data: --data en --uit-database sluiten elkaar uit; kies er één")
        case (nil, false):
            problems.append("data: geef --data BESTAND.csv of --uit-database")
        case (.some(let data), false):
            if !FileManager.default.fileExists(atPath: data) {
                problems.append("data: bestand \"\(data)\" bestaat niet")
            }
            if !definitionTexts.isEmpty {
                problems.append(
                    "voorwaarde: alleen te gebruiken met --uit-database; kies kolommen van het bestand met --voorwaarden"
                )
            }
        case (nil, true):
            if conditions != nil {
                problems.append(
                    "voorwaarden: alleen te gebruiken met --data; geef voorwaarden uit de database met --voorwaarde NAAM=DIMENSIE:CODES"
                )
            }
            if definitionTexts.isEmpty {
                problems.append(
                    "voorwaarde: geef ten minste één --voorwaarde NAAM=DIMENSIE:CODES, "
                        + "bijvoorbeeld REGIO=samenwerkend.initiatiefVoorstel:regio,steden")
            }
            problems += definitions().1
        }
        guard problems.isEmpty, let cutoff, let cases, let solutionType else { return (nil, problems) }
        return (
            Settings(cutoff: cutoff, minimumCases: cases, solutionType: solutionType, json: json, target: target), []
        )
    }

    /// The analysis of `dataSet` as text or JSON, with the product's data when it came from the database.
    func analyze(
        _ dataSet: QCADataSet, conditionNames: [String]?, settings: Settings, product: QCAProductDataSet?
    ) -> Result<String, Failure> {
        do {
            let table = try QCATruthTable(
                data: dataSet, outcome: settings.target, conditions: conditionNames,
                options: QCATruthTableOptions(inclusionCutoff: settings.cutoff, minimumCases: settings.minimumCases))
            let expected = try expectations.map { try table.directionalExpectations(parsing: $0) } ?? []
            let result = try table.minimize(
                QCAMinimizationOptions(solutionType: settings.solutionType, directionalExpectations: expected))
            let analysis = QCACommandReport(table: table, solution: result, solutionName: solution, product: product)
            return .success(settings.json ? try analysis.json() : analysis.text())
        } catch let error as QCAError {
            return .failure(Failure(lines: [Self.message(for: error, conditionNames: dataSet.variableNames)]))
        } catch {
            return .failure(Failure(lines: ["formaat: uitvoer kon niet worden gemaakt (\(error))"]))
        }
    }

    static func message(for error: QCAError, conditionNames: [String]) -> String {
        switch error {
        case .unknownVariable(let name):
            return "verwachtingen: onbekende voorwaarde \"\(name)\"; kies uit \(conditionNames.joined(separator: ", "))"
        case .invalidExpectation(let condition, let value):
            return value < 0
                ? "verwachtingen: \"\(condition)\" is niet te lezen; schrijf A, ~A of A[2]"
                : "verwachtingen: voorwaarde \"\(condition)\" heeft geen waarde \(value)"
        case .outcomeWithoutVariation(let name):
            return "uitkomst: kolom \"\(name)\" heeft geen variatie"
        case .multiValueOutcome(let name):
            return "uitkomst: kolom \"\(name)\" moet crisp (0/1) of fuzzy (0–1) zijn, niet multi-value"
        case .outcomeAmongConditions(let name):
            return "voorwaarden: de uitkomst \"\(name)\" kan niet ook een voorwaarde zijn"
        case .duplicateVariable(let name):
            return "voorwaarden: \"\(name)\" staat er meer dan eens in"
        case .noConditions:
            return "voorwaarden: er is geen enkele voorwaarde"
        case .tooManyConditions(let count):
            return
                "voorwaarden: \(count) voorwaarden passen niet in de waarheidstabel; gebruik er minder of met minder niveaus"
        default:
            return "data: \(error)"
        }
    }
}

/// Text and JSON renderings of an analysis.
struct QCACommandReport {
    let table: QCATruthTable
    let solution: QCASolution
    let solutionName: String
    var product: QCAProductDataSet? = nil

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    private static func number(_ value: Double) -> String {
        String(format: "%.3f", value).replacingOccurrences(of: ".", with: ",")
    }

    private static func outcomeCode(_ outcome: QCARowOutcome) -> String {
        switch outcome {
        case .positive: "1"
        case .negative: "0"
        case .contradiction: "C"
        case .remainder: "?"
        }
    }

    private func caseNames(_ indices: [Int]) -> [String] { indices.map { table.caseIdentifiers[$0] } }

    // MARK: JSON

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let report = QCAReport(table: table, solution: solution, solutionName: solutionName, product: product)
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    // MARK: Text

    func text() -> String {
        let notation = table.notation
        var lines: [String] = []
        lines.append("QCA-analyse van \(table.outcome) met voorwaarden \(table.conditionNames.joined(separator: ", "))")
        lines.append(
            "Inclusiedrempel \(String(table.options.inclusionCutoff).replacingOccurrences(of: ".", with: ",")), minimaal \(table.options.minimumCases) "
                + "\(table.options.minimumCases == 1 ? "geval" : "gevallen") per rij, \(table.caseIdentifiers.count) gevallen"
        )
        lines.append("")
        lines.append("Waarheidstabel (\(table.rows.count) van \(table.rowCount) rijen waargenomen)")
        let configurationWidth = max(12, table.conditions.count)
        lines.append(
            "  " + "rij".leftPadded(6) + "  " + "configuratie".padded(configurationWidth)
                + "  uit   n  inclusie    PRI  gevallen")
        for row in table.rows {
            lines.append(
                "  " + String(row.number).leftPadded(6) + "  "
                    + notation.configurationString(row.configuration).padded(configurationWidth) + "  "
                    + Self.outcomeCode(row.outcome).leftPadded(3) + String(row.caseCount).leftPadded(4) + "  "
                    + Self.number(row.inclusion).leftPadded(8) + Self.number(row.pri).leftPadded(7) + "  "
                    + caseNames(row.caseIndices).joined(separator: ", ")
                    + (row.isContradictory ? " (tegenstrijdig)" : ""))
        }
        lines.append(
            "  (volgorde van de configuratie: \(table.conditionNames.joined(separator: " ")); uit: 1 positief, 0 negatief, C tegenstrijdig, ? restgroep)"
        )
        lines.append("")
        let label = solution.models.count == 1 ? "1 model" : "\(solution.models.count) even minimale modellen"
        lines.append("Oplossing: \(solutionName) (\(label))")
        if solution.models.isEmpty {
            lines.append("  Geen enkele rij haalt de inclusiedrempel: er is niets te minimaliseren.")
        }
        for (index, model) in solution.models.enumerated() {
            lines.append("")
            lines.append("M\(index + 1): \(model.expression)")
            lines.append(
                "  inclusie \(Self.number(model.sufficiency.inclusion))  PRI \(Self.number(model.sufficiency.pri))  "
                    + "dekking \(Self.number(model.sufficiency.coverage))")
            let width = max(4, model.terms.map(\.expression.count).max() ?? 4)
            lines.append("  " + "term".padded(width) + "  inclusie    PRI  dekking  uniek  gevallen")
            for term in model.terms {
                lines.append(
                    "  " + term.expression.padded(width) + "  " + Self.number(term.sufficiency.inclusion).leftPadded(8)
                        + Self.number(term.sufficiency.pri).leftPadded(7)
                        + Self.number(term.sufficiency.coverage).leftPadded(9)
                        + Self.number(term.uniqueCoverage).leftPadded(7) + "  "
                        + caseNames(term.caseIndices).joined(separator: ", "))
            }
            if !model.simplifyingAssumptions.isEmpty {
                lines.append(
                    "  vereenvoudigende aannames (restgroepen): rijen \(model.simplifyingAssumptions.map(String.init).joined(separator: ", "))"
                )
            }
        }
        lines.append("")
        lines.append("Noodzakelijkheid van elke voorwaarde")
        let necessity = table.necessityOfConditions()
        let width = max(10, necessity.map { notation.string(for: QCATerm(literals: [$0.literal])).count }.max() ?? 10)
        lines.append("  " + "voorwaarde".padded(width) + "  inclusie  relevantie  dekking")
        for entry in necessity {
            lines.append(
                "  " + notation.string(for: QCATerm(literals: [entry.literal])).padded(width) + "  "
                    + Self.number(entry.measures.inclusion).leftPadded(8)
                    + Self.number(entry.measures.relevance).leftPadded(12)
                    + Self.number(entry.measures.coverage).leftPadded(9))
        }
        if solution.solutionType == .intermediate {
            lines.append("")
            lines.append(
                "Eenvoudige contrafeitelijken: "
                    + (solution.easyCounterfactuals.isEmpty
                        ? "geen" : "rijen " + solution.easyCounterfactuals.map(String.init).joined(separator: ", ")))
        }
        if solution.budgetLimitsReached == [.listedRows] {
            lines.append("")
            lines.append(
                "Let op: de lijsten van restgroepen zijn ingekort (budget opgesomde rijen bereikt); "
                    + "de modellen zelf zijn volledig en minimaal.")
        } else if !solution.isExhaustive {
            lines.append("")
            lines.append(
                "Let op: budget bereikt (\(solution.budgetLimitsReached.map(\.dutchName).joined(separator: ", "))); "
                    + "het resultaat is niet uitputtend.")
        }
        if let product { lines += Self.productLines(product) }
        return lines.joined(separator: "\n")
    }

    /// `1`, `0,75`: at most three decimals, no trailing zeros, a decimal comma.
    static func shortNumber(_ value: Double) -> String {
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text.replacingOccurrences(of: ".", with: ",")
    }

    /// The definitions, the cases with the source of each value, and every arrangement left out.
    static func productLines(_ product: QCAProductDataSet) -> [String] {
        var lines = ["", "Voorwaarden uit de profielen (1 als het profiel een van de codes bevat, anders 0)"]
        for definition in product.definitions {
            lines.append(
                "  \(definition.name) = \(definition.dimensionID): \(definition.codes.joined(separator: ", "))")
        }
        lines.append("")
        lines.append("Gevallen (\(product.cases.count)) met de bron van elke waarde")
        for item in product.cases {
            lines.append(
                "  \(item.arrangementID): \(product.outcomeName) = \(shortNumber(item.outcome.value))"
                    + " (bron: \(item.outcome.source))")
            for condition in item.conditions {
                let codings = condition.evidence.map { "\($0.code) (\($0.citation))" }.joined(separator: ", ")
                lines.append("    \(condition.name) = \(Int(condition.value)): \(codings)")
            }
        }
        lines.append("")
        lines.append("Weggelaten (\(product.excluded.count))")
        if product.excluded.isEmpty { lines.append("  geen") }
        for exclusion in product.excluded {
            lines.append("  \(exclusion.arrangementID): \(exclusion.reasonsText)")
        }
        return lines
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
