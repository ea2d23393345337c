import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// The page `/qca`: an analysis of the arrangements with their recorded outcomes (a GET form),
/// or of a CSV file the visitor sends (a POST form with a file field or pasted text, without
/// JavaScript), the way to record outcomes, and once asked the analysis with its explanations.
struct QCAPage: Sendable {
    struct Option: Sendable {
        var code: String
        var label: String
        var isSelected: Bool
    }

    struct Condition: Sendable {
        var name: String
        var label: String
        var notation: String
        var fieldID: String
        var isChecked: Bool
    }

    struct Row: Sendable {
        var number: Int
        var configuration: String
        /// The configuration in words: "met REGIO en COFIN; zonder VAST".
        var inWords: String
        var outcome: String
        var caseCount: Int
        var inclusion: String
        var pri: String
        var cases: String
        var isContradictory: Bool
    }

    struct Term: Sendable {
        var term: String
        var inclusion: String
        var pri: String
        var coverage: String
        var uniqueCoverage: String
        var cases: String
    }

    struct Model: Sendable {
        var name: String
        var formula: String
        var inclusion: String
        var pri: String
        var coverage: String
        var terms: [Term]
        var assumptions: String?
    }

    struct Point: Sendable {
        var label: String
        var kind: String
        var inclusion: String
        var coverage: String
    }

    struct Case: Sendable {
        var id: String
        var name: String
        var href: String
        var outcome: String
        var source: String
        var conditions: String
    }

    struct Link: Sendable {
        var name: String
        var href: String
        /// The reason for this arrangement, when the arrangements of a group differ in it.
        var detail: String?
    }

    /// One reason for leaving arrangements out, with how many and which (folded).
    struct ExclusionGroup: Sendable {
        var reason: String
        /// The profile's words for the reason, when every arrangement of the group has the same.
        var detail: String?
        var count: Int
        var cases: [Link]
    }

    struct Analysis: Sendable {
        var heading: String
        var summary: String
        /// What the first column of a CSV file was read as.
        var reading: String?
        var conditionOrder: String
        /// "Configuratie 1100 betekent: met REGIO en COFIN; zonder PRESTATIE en VAST."
        var configurationExample: String
        /// The conditions of the database with what they mean, for the explanation.
        var conditionMeanings: [String]
        var cutoff: String
        var rows: [Row]
        var models: [Model]
        var plot: HTML
        var points: [Point]
        var cases: [Case]
        var excludedGroups: [ExclusionGroup]
        var excludedCount: Int
    }

    /// The settings both forms share; each form has its own field ids (`prefix`).
    struct Settings: Sendable {
        var prefix: String
        var cutoff: String
        var minimumCases: String
        var solutions: [Option]
        var expectations: String
    }

    /// The form for a CSV file.
    struct CSVForm: Sendable {
        var text: String = ""
        var outcome: String = ""
        var conditions: String = ""
        var firstColumn: [Option]
        var settings: Settings
        /// The name of the file sent, whose text now stands in the text field.
        var keptFileName: String?
    }

    var layout: Layout
    var outcomes: [Option]
    var hasOutcomes: Bool
    /// Each recorded outcome with the number of arrangements: "VOORTGEZET (5 arrangementen)".
    var recordedOutcomes: [String]
    var conditions: [Condition]
    var settings: Settings
    var csv: CSVForm
    /// Every arrangement, for the choice of whose outcomes to record.
    var arrangements: [Option]
    var errors: [FieldError]
    /// The message at each field, by field id.
    var fieldErrors: [String: String] = [:]
    var hasErrors: Bool
    var analysis: Analysis?
    /// The worked example on the real Regio Deals (docs/qca.md), when its outcome is recorded.
    var exampleHref: String? = nil
    var csvAction: String
    var outcomeChoiceAction: String
}

extension SitePages {
    /// The settings of a form from `fields` (the query or the posted form), with defaults.
    private func qcaSettings(_ fields: [String: [String]], prefix: String) -> QCAPage.Settings {
        let solution = fields["oplossing"]?.first ?? "conservatief"
        return QCAPage.Settings(
            prefix: prefix, cutoff: fields["incl-drempel"]?.first ?? "0,8",
            minimumCases: fields["min-gevallen"]?.first ?? "1",
            solutions: QCAAnalysisRequest.solutions.map {
                .init(code: $0.name, label: $0.name, isSelected: $0.name == solution)
            },
            expectations: fields["verwachtingen"]?.first ?? "")
    }

    private func qcaFirstColumnOptions(_ chosen: String?) -> [QCAPage.Option] {
        [
            (
                "automatisch",
                "Automatisch: de namen van de gevallen, tenzij de kolom op een voorwaarde lijkt (dan vraagt de pagina het)"
            ),
            ("namen", "De namen van de gevallen"),
            ("gegevens", "Een voorwaarde of de uitkomst (de gevallen worden genummerd 1, 2, 3…)"),
        ].map { .init(code: $0.0, label: $0.1, isSelected: $0.0 == (chosen ?? "automatisch")) }
    }

    /// The page with both forms empty (or the database form filled in from `query`).
    private func qcaForms(query: [String: [String]], isSubmitted: Bool) async throws
        -> QCAPage
    {
        let recorded = try await stores.qcaOutcomes.outcomes(named: nil)
        let names = Array(Set(recorded.map(\.name))).sorted()
        let chosenOutcome = query["uitkomst"]?.first
        let chosenConditions = Set(query["voorwaarden"] ?? [])
        let arrangements = try await store.allArrangements().sorted {
            $0.name.localizedStandardCompare($1.name) == .orderedAscending
        }
        var page = QCAPage(
            layout: layout("QCA", .qca),
            outcomes: [
                .init(
                    code: "", label: names.isEmpty ? "Nog geen uitkomst vastgelegd" : "Kies een uitkomst",
                    isSelected: chosenOutcome == nil)
            ]
                + names.map { .init(code: $0, label: $0, isSelected: $0 == chosenOutcome) },
            hasOutcomes: !names.isEmpty,
            recordedOutcomes: names.map { name in
                let count = recorded.filter { $0.name == name }.count
                return "\(name) (\(count) \(count == 1 ? "arrangement" : "arrangementen"))"
            },
            conditions: QCAConditionDefinition.suggested.enumerated().map { index, definition in
                .init(
                    name: definition.name, label: definition.label, notation: definition.meaning,
                    fieldID: "veld-voorwaarde-\(definition.name)",
                    isChecked: isSubmitted ? chosenConditions.contains(definition.name) : index < 4)
            },
            settings: qcaSettings(query, prefix: ""),
            csv: QCAPage.CSVForm(firstColumn: qcaFirstColumnOptions(nil), settings: qcaSettings([:], prefix: "csv-")),
            arrangements: arrangements.map { .init(code: $0.id, label: $0.name, isSelected: false) },
            errors: [], hasErrors: false, analysis: nil,
            csvAction: SiteURL.qca.href(), outcomeChoiceAction: SiteURL.qcaOutcomeChoice.path)
        if names.contains(CuratedPortfolio.followUpOutcomeName) {
            let example = QCAConditionDefinition.realPortfolioExample
            page.exampleHref = SiteURL.qcaAnalysis(outcome: example.outcome, conditions: example.conditions)
                .href()
        }
        return page
    }

    /// The page for `query`: the forms, and the analysis of the arrangements when one is asked
    /// (`analyse`, the button, or `uitkomst`, a link).
    func qca(
        query: [String: [String]], outcomes: any QCAOutcomeStore, limits: QCAWebLimits
    ) async throws -> QCAPage {
        let isSubmitted = query["analyse"] != nil || query["uitkomst"] != nil
        var page = try await qcaForms(query: query, isSubmitted: isSubmitted)
        guard isSubmitted else { return page }
        let chosenOutcome = (query["uitkomst"]?.first ?? "").trimmingCharacters(in: .whitespaces)
        let chosenConditions = Set(query["voorwaarden"] ?? [])
        let suggested = QCAConditionDefinition.suggested

        var problems: [QCAInvalidField] = []
        if chosenOutcome.isEmpty {
            problems.append(
                .init(
                    name: "uitkomst",
                    reason: page.hasOutcomes
                        ? "kies een uitkomst"
                        : "er is nog geen uitkomst vastgelegd; leg eerst per arrangement een uitkomst vast (zie ‘Uitkomsten vastleggen’)"
                ))
        }
        let unknown = chosenConditions.subtracting(suggested.map(\.name)).sorted()
        for name in unknown {
            problems.append(
                .init(
                    name: "voorwaarden",
                    reason:
                        "onbekende voorwaarde '\(name)'; toegestaan: \(suggested.map(\.name).joined(separator: ", "))"))
        }
        if chosenConditions.isEmpty {
            problems.append(.init(name: "voorwaarden", reason: "kies ten minste één voorwaarde"))
        }
        var settingsProblems: [QCAInvalidField] = []
        let settings = QCAAnalysisRequest.settings(
            outcome: chosenOutcome, cutoff: query["incl-drempel"]?.first, minimumCases: query["min-gevallen"]?.first,
            solution: query["oplossing"]?.first, expectations: query["verwachtingen"]?.first,
            problems: &settingsProblems)
        // An empty outcome is told above, in the page's words.
        problems += settingsProblems.filter { !($0.name == "uitkomst" && chosenOutcome.isEmpty) }
        if let settings, problems.isEmpty {
            let request = QCAAnalysisRequest(
                source: .database(suggested.filter { chosenConditions.contains($0.name) }), outcome: settings.outcome,
                cutoff: settings.cutoff, minimumCases: settings.minimumCases, solutionName: settings.solution.0,
                solutionType: settings.solution.1, expectations: settings.4)
            switch try await request.run(arrangements: store, outcomes: outcomes, limits: limits) {
            case .success(let output): page.analysis = qcaAnalysis(output, reading: nil)
            case .failure(let found): problems += found.fields
            }
        }
        page.setErrors(
            problems,
            fields: [
                "uitkomst": ("veld-uitkomst", "Uitkomst"), "inclDrempel": ("veld-incl-drempel", "Inclusiedrempel"),
                "minGevallen": ("veld-min-gevallen", "Minimaal aantal gevallen"),
                "oplossing": ("veld-oplossing", "Oplossing"),
                "verwachtingen": ("veld-verwachtingen", "Verwachtingen"),
            ],
            other: (page.conditions.first?.fieldID ?? "veld-uitkomst", "Voorwaarden"))
        return page
    }

    /// The page after the CSV form was sent: `fields` are its text fields, `file` the file
    /// chosen (its name and text, or `nil` text when it is not UTF-8). Everything sent comes
    /// back in the form; the file's text in the text field.
    func qcaCSV(
        fields: [String: [String]], file: (name: String, text: String?)?,
        outcomes: any QCAOutcomeStore, limits: QCAWebLimits
    ) async throws -> QCAPage {
        var page = try await qcaForms(query: [:], isSubmitted: false)
        var problems: [QCAInvalidField] = []
        // The pasted text is checked below like a file, with line and column.
        for (name, values) in fields.sorted(by: { $0.key < $1.key }) where name != "csrf" && name != "csv" {
            for value in values {
                if let reason = InputText.problem(in: value) { problems.append(.init(name: name, reason: reason)) }
            }
        }
        let pasted = fields["csv"]?.first ?? ""
        // What comes back in the form shows a refused character as ⟨U+202E⟩, never the character.
        let fields = fields.mapValues { $0.map(InputText.visible) }
        func field(_ name: String) -> String { fields[name]?.first ?? "" }
        var text = pasted
        var source = "de geplakte tekst"
        if let file {
            if let fileText = file.text {
                text = fileText
                source = file.name.isEmpty ? "het bestand" : "het bestand \(file.name)"
                page.csv.keptFileName = file.name
            } else {
                problems.append(
                    .init(
                        name: "bestand",
                        reason: "\(file.name) is geen UTF-8-tekst; bewaar het als ‘CSV UTF-8’ en kies het opnieuw"))
            }
        }
        let fileIssues = InputText.fileIssues(in: text, source: source)
        problems += fileIssues.map { .init(name: "gegevens", reason: $0.description) }
        text = InputText.normalized(text)
        let firstColumnText = field("eerste-kolom").isEmpty ? "automatisch" : field("eerste-kolom")
        page.csv = QCAPage.CSVForm(
            text: fileIssues.isEmpty ? text : InputText.visible(text), outcome: field("uitkomst"),
            conditions: field("voorwaarden"), firstColumn: qcaFirstColumnOptions(firstColumnText),
            settings: qcaSettings(fields, prefix: "csv-"), keptFileName: page.csv.keptFileName)
        let firstColumn = QCAAnalysisRequest.firstColumn(firstColumnText)
        if firstColumn == nil {
            problems.append(.init(name: "eersteKolom", reason: "onbekende keuze '\(firstColumnText)'"))
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, file?.text == nil,
            !problems.contains(where: { $0.name == "bestand" })
        {
            problems.append(
                .init(name: "bestand", reason: "kies een CSV-bestand, of plak de inhoud ervan in het tekstvak"))
        }
        let outcome = field("uitkomst").trimmingCharacters(in: .whitespaces)
        if outcome.isEmpty {
            problems.append(.init(name: "uitkomst", reason: "vul de naam van de uitkomstkolom in, bijvoorbeeld SURV"))
        }
        let conditionText = field("voorwaarden").trimmingCharacters(in: .whitespaces)
        let conditionNames =
            conditionText.isEmpty
            ? nil
            : conditionText.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
        if let conditionNames, conditionNames.contains(where: \.isEmpty) {
            problems.append(
                .init(name: "voorwaarden", reason: "lege naam in '\(conditionText)'; scheid namen met komma's"))
        }
        var settingsProblems: [QCAInvalidField] = []
        let settings = QCAAnalysisRequest.settings(
            outcome: outcome, cutoff: fields["incl-drempel"]?.first, minimumCases: fields["min-gevallen"]?.first,
            solution: fields["oplossing"]?.first, expectations: fields["verwachtingen"]?.first,
            problems: &settingsProblems)
        problems += settingsProblems.filter { !($0.name == "uitkomst" && outcome.isEmpty) }
        if let settings, let firstColumn, problems.isEmpty {
            let request = QCAAnalysisRequest(
                source: .csv(text, conditions: conditionNames, firstColumn: firstColumn), outcome: settings.outcome,
                cutoff: settings.cutoff, minimumCases: settings.minimumCases, solutionName: settings.solution.0,
                solutionType: settings.solution.1, expectations: settings.4)
            switch try await request.run(arrangements: store, outcomes: outcomes, limits: limits) {
            case .success(let output):
                let header = QCACSVImport.header(ofCSV: text)
                let column =
                    header.first.map { $0.isEmpty ? "de eerste kolom (zonder kop)" : "de eerste kolom, ‘\($0)’" }
                    ?? "de eerste kolom"
                let examples = output.caseIdentifiers.prefix(3).joined(separator: ", ")
                let more = output.caseIdentifiers.count > 3 ? " …" : ""
                let reading =
                    firstColumn == .data
                    ? "Gelezen uit \(source): \(column) is gelezen als gegevens, niet als namen; de \(output.caseIdentifiers.count) gevallen zijn genummerd 1 tot en met \(output.caseIdentifiers.count)."
                    : "Gelezen uit \(source): \(column) is gelezen als de namen van de \(output.caseIdentifiers.count) gevallen (\(examples)\(more)). Is dat niet goed, kies dan bij ‘Eerste kolom’ dat het gegevens zijn."
                page.analysis = qcaAnalysis(output, reading: reading)
            case .failure(let found):
                problems += found.fields.map { problem in
                    problem.name == "eersteKolom"
                        ? .init(
                            name: problem.name, reason: problem.reason + ". Kies hieronder bij ‘Eerste kolom’ wat ze is"
                        )
                        : problem
                }
            }
        }
        let firstRadio = "veld-csv-eerste-kolom-\(page.csv.firstColumn.first?.code ?? "automatisch")"
        page.setErrors(
            problems,
            fields: [
                "bestand": ("veld-csv-bestand", "CSV-bestand"), "gegevens": ("veld-csv-tekst", "CSV-tekst"),
                "csv": ("veld-csv-tekst", "CSV-tekst"), "uitkomst": ("veld-csv-uitkomst", "Uitkomstkolom"),
                "voorwaarden": ("veld-csv-voorwaarden", "Voorwaarden"), "eersteKolom": (firstRadio, "Eerste kolom"),
                "eerste-kolom": (firstRadio, "Eerste kolom"),
                "inclDrempel": ("veld-csv-incl-drempel", "Inclusiedrempel"),
                "incl-drempel": ("veld-csv-incl-drempel", "Inclusiedrempel"),
                "minGevallen": ("veld-csv-min-gevallen", "Minimaal aantal gevallen"),
                "min-gevallen": ("veld-csv-min-gevallen", "Minimaal aantal gevallen"),
                "oplossing": ("veld-csv-oplossing", "Oplossing"),
                "verwachtingen": ("veld-csv-verwachtingen", "Verwachtingen"),
            ],
            other: ("veld-csv-tekst", "CSV-tekst"))
        return page
    }
}

extension QCAPage {
    /// Lists `problems` in the summary and at their fields; `fields` maps a problem's name to
    /// the field id and label, `other` takes the rest.
    mutating func setErrors(
        _ problems: [QCAInvalidField], fields: [String: (String, String)], other: (String, String)
    ) {
        errors = problems.map { problem in
            let (fieldID, label) = fields[problem.name] ?? other
            if fieldErrors[fieldID] == nil { fieldErrors[fieldID] = problem.reason }
            return FieldError(fieldID: fieldID, label: label, message: problem.reason)
        }
        hasErrors = !errors.isEmpty
    }
}

extension SitePages {
    func qcaAnalysis(_ output: QCAAnalysisOutput, reading: String?) -> QCAPage.Analysis {
        let report = output.report
        func number(_ value: Double) -> String { Format.decimal(value, digits: 3) }
        var points: [QCAPage.Point] = []
        let models = report.modellen.map { model in
            points.append(
                .init(
                    label: "\(model.naam): \(model.formule)", kind: "model", inclusion: number(model.inclusie),
                    coverage: number(model.dekking)))
            return QCAPage.Model(
                name: model.naam, formula: model.formule, inclusion: number(model.inclusie), pri: number(model.pri),
                coverage: number(model.dekking),
                terms: model.termen.map { term in
                    if !points.contains(where: { $0.label == term.term }) {
                        points.append(
                            .init(
                                label: term.term, kind: "term", inclusion: number(term.inclusie),
                                coverage: number(term.dekking)))
                    }
                    return .init(
                        term: term.term, inclusion: number(term.inclusie), pri: number(term.pri),
                        coverage: number(term.dekking), uniqueCoverage: number(term.uniekeDekking),
                        cases: term.gevallen.joined(separator: ", "))
                },
                assumptions: model.vereenvoudigendeAannames.isEmpty
                    ? nil : model.vereenvoudigendeAannames.map(String.init).joined(separator: ", "))
        }
        let plotted = report.modellen.flatMap { model in
            [QCAPlot.Point(label: model.naam, inclusion: model.inclusie, coverage: model.dekking, isModel: true)]
                + model.termen.map {
                    QCAPlot.Point(label: $0.term, inclusion: $0.inclusie, coverage: $0.dekking, isModel: false)
                }
        }
        let data = report.gegevens
        let dimensions = Dictionary(
            (data?.definities ?? []).map { ($0.naam, $0.dimensie) }, uniquingKeysWith: { first, _ in first })
        func codeLabel(_ code: String, condition: String) -> String {
            dimensions[condition].flatMap { ProfileDimension.named($0)?.vocabulary?.first { $0.code == code }?.label }
                ?? code
        }
        let excluded = data?.weggelaten.count ?? 0
        let conditions = report.voorwaarden
        let example =
            report.waarheidstabel.rijen.first.map(\.configuratie) ?? String(repeating: "1", count: conditions.count)
        return QCAPage.Analysis(
            heading: "Analyse van \(report.uitkomst)",
            summary: "\(report.aantalGevallen) gevallen"
                + (data == nil ? "" : ", \(excluded) \(excluded == 1 ? "arrangement" : "arrangementen") weggelaten")
                + "; inclusiedrempel \(Format.decimal(report.inclDrempel, digits: 2)), oplossing \(report.oplossing).",
            reading: reading,
            conditionOrder: conditions.joined(separator: " "),
            configurationExample:
                "Configuratie \(example) betekent: \(QCAConfiguration.words(example, conditions: conditions)).",
            conditionMeanings: (data?.definities ?? []).map { definition in
                let known = QCAConditionDefinition.suggested.first { $0.name == definition.naam }
                let dimension = ProfileDimension.named(definition.dimensie)
                let codes = definition.codes.map { codeLabel($0, condition: definition.naam) }
                let meaning = "\(dimension?.label ?? definition.dimensie): \(QCAConfiguration.list(codes, "of"))"
                return "\(definition.naam) = 1: \(known?.label ?? meaning) (\(meaning))"
            },
            cutoff: Format.decimal(report.inclDrempel, digits: 2),
            rows: report.waarheidstabel.rijen.map {
                .init(
                    number: $0.rij, configuration: $0.configuratie,
                    inWords: QCAConfiguration.words($0.configuratie, conditions: conditions), outcome: $0.uitkomst,
                    caseCount: $0.aantalGevallen, inclusion: number($0.inclusie), pri: number($0.pri),
                    cases: $0.gevallen.joined(separator: ", "), isContradictory: $0.tegenstrijdig)
            },
            models: models,
            plot: HTML(
                generated: QCAPlot.svg(
                    id: "qca-plot", title: "Consistentie en dekking van \(report.uitkomst)",
                    description: plotted.isEmpty
                        ? "Er is geen model: geen rij haalt de inclusiedrempel."
                        : "Elk punt is een term of model: "
                            + plotted.map {
                                "\($0.label) met dekking \(number($0.coverage)) en inclusie \(number($0.inclusion))"
                            }.joined(separator: "; ") + ".",
                    points: plotted)),
            points: points,
            cases: (data?.gevallen ?? []).map { item in
                .init(
                    id: item.arrangement, name: item.naam, href: SiteURL.arrangement(item.arrangement).href(),
                    outcome: Format.decimal(item.uitkomst, digits: 2), source: item.uitkomstBron,
                    conditions: item.voorwaarden.map { condition in
                        "\(condition.naam) = \(Int(condition.waarde)) ("
                            + condition.codes.map { codeLabel($0, condition: condition.naam) }.joined(separator: ", ")
                            + "; \(condition.bronnen.map(QCAConfiguration.withoutFullStop).joined(separator: "; ")))"
                    }.joined(separator: " · "))
            },
            excludedGroups: output.product.map { QCAExclusionGroups.groups($0.excluded) } ?? [],
            excludedCount: excluded)
    }
}

extension QCAConditionDefinition {
    /// What the condition means in the words of the site, never its keys: "Cofinanciering:
    /// Regio en Rijk of Meer partijen".
    var meaning: String {
        let dimension = ProfileDimension.named(dimensionID)
        let labels = codes.map { code in dimension?.vocabulary?.first { $0.code == code }?.label ?? code }
        return "\(dimension?.label ?? dimensionID): \(QCAConfiguration.list(labels, "of"))"
    }
}

/// A row's configuration in words, and lists in Dutch.
enum QCAConfiguration {
    /// "met REGIO en COFIN; zonder PRESTATIE en VAST" for `1100`; a multi-value level as "DEV = 2".
    static func words(_ configuration: String, conditions: [String]) -> String {
        let values = configuration.map { String($0) }
        guard values.count == conditions.count else { return configuration }
        var with: [String] = []
        var without: [String] = []
        var levels: [String] = []
        for (name, value) in zip(conditions, values) {
            switch value {
            case "1": with.append(name)
            case "0": without.append(name)
            default: levels.append("\(name) = \(Int(value, radix: 16) ?? 0)")
            }
        }
        return [
            with.isEmpty ? nil : "met \(list(with))", without.isEmpty ? nil : "zonder \(list(without))",
            levels.isEmpty ? nil : list(levels),
        ].compactMap { $0 }.joined(separator: "; ")
    }

    /// `text` without its closing full stop, to go inside a list separated by semicolons.
    static func withoutFullStop(_ text: String) -> String { text.hasSuffix(".") ? String(text.dropLast()) : text }

    /// "A", "A en B", "A, B en C" (or with `of`).
    static func list(_ items: [String], _ conjunction: String = "en") -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
    }
}

/// The arrangements left out, by reason: each reason with its count and its arrangements
/// (usability review: "Weggelaten (89)" was a wall of raw keys). A reason reads in the words
/// of the site (the dimension's label), never as a key like `resultaatgericht.cofinanciering`.
enum QCAExclusionGroups {
    static func groups(_ excluded: [QCAExclusion]) -> [QCAPage.ExclusionGroup] {
        var order: [String] = []
        var reasons: [String: String] = [:]
        var members: [String: [(QCAExclusion, String?)]] = [:]
        for exclusion in excluded {
            for cause in exclusion.causes {
                let key: String
                let reason: String
                var detail: String?
                switch cause {
                case .noOutcome(let outcome):
                    key = "uitkomst"
                    reason = "Geen uitkomst \(outcome) vastgelegd"
                case .notStated(let condition, let dimensionID, let why):
                    key = "voorwaarde:\(condition)"
                    let label = ProfileDimension.named(dimensionID)?.label ?? dimensionID
                    reason = "\(label) (voorwaarde \(condition)) niet vastgesteld in het profiel"
                    detail = why
                }
                if reasons[key] == nil {
                    order.append(key)
                    reasons[key] = reason
                }
                members[key, default: []].append((exclusion, detail))
            }
        }
        let groups = order.map { key in
            let list = members[key] ?? []
            let details = Set(list.compactMap(\.1))
            let shared = details.count == 1 && list.allSatisfy { $0.1 != nil } ? details.first : nil
            return QCAPage.ExclusionGroup(
                reason: reasons[key] ?? key, detail: shared, count: list.count,
                cases: list.map { exclusion, detail in
                    QCAPage.Link(
                        name: exclusion.arrangementName,
                        href: SiteURL.arrangement(exclusion.arrangementID).href(),
                        detail: shared == nil ? detail : nil)
                })
        }
        // The largest first; equal counts in the order they were met.
        return groups.enumerated().sorted { ($0.element.count, $1.offset) > ($1.element.count, $0.offset) }
            .map(\.element)
    }
}

/// The consistency-by-coverage plot: every term and model of the solution as a point, as
/// inline SVG with a title and description; the page shows the same numbers in a table.
enum QCAPlot {
    struct Point {
        var label: String
        var inclusion: Double
        var coverage: Double
        var isModel: Bool
    }

    static func svg(id: String, title: String, description: String, points: [Point]) -> String {
        let left = 60.0
        let top = 20.0
        let size = 300.0
        func x(_ value: Double) -> String { String(format: "%.1f", left + max(0, min(value, 1)) * size) }
        func y(_ value: Double) -> String { String(format: "%.1f", top + (1 - max(0, min(value, 1))) * size) }
        var svg = """
            <svg class="chart" role="img" aria-labelledby="\(id)-title \(id)-desc" viewBox="0 0 560 380" width="100%" height="380" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(BarChart.escape(title))</title>
            <desc id="\(id)-desc">\(BarChart.escape(description))</desc>
            <line x1="\(x(0))" y1="\(y(0))" x2="\(x(1))" y2="\(y(0))" stroke="currentColor"/>
            <line x1="\(x(0))" y1="\(y(0))" x2="\(x(0))" y2="\(y(1))" stroke="currentColor"/>

            """
        for tick in [0.0, 0.5, 1.0] {
            let label = Format.decimal(tick, digits: 1)
            svg += """
                <text x="\(x(tick))" y="\(Int(top + size + 20))" text-anchor="middle" class="chart-label">\(label)</text>
                <text x="\(Int(left - 8))" y="\(y(tick))" text-anchor="end" class="chart-label">\(label)</text>

                """
        }
        svg += """
            <text x="\(x(0.5))" y="\(Int(top + size + 45))" text-anchor="middle" class="chart-label">dekking</text>
            <text x="14" y="\(y(0.5))" text-anchor="middle" transform="rotate(-90 14 \(y(0.5)))" class="chart-label">inclusie</text>

            """
        // Labels at one place: the first model above its square, every other label beside the
        // mark, one line (14) below the other, so that points with equal measures stay readable.
        var labelled: [String: (modelAbove: Bool, beside: Int)] = [:]
        for point in points {
            let cx = x(point.coverage)
            let cy = y(point.inclusion)
            svg +=
                point.isModel
                ? "<rect x=\"\(String(format: "%.1f", (Double(cx) ?? 0) - 6))\" y=\"\(String(format: "%.1f", (Double(cy) ?? 0) - 6))\" width=\"12\" height=\"12\" class=\"bar-dominant\"/>\n"
                : "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"6\" class=\"bar\"/>\n"
            var place = labelled["\(cx),\(cy)"] ?? (false, 0)
            let offset: Double
            if point.isModel && !place.modelAbove {
                place.modelAbove = true
                offset = -10
            } else {
                offset = 5 + 14 * Double(place.beside)
                place.beside += 1
            }
            labelled["\(cx),\(cy)"] = place
            let labelY = (Double(cy) ?? 0) + offset
            svg +=
                "<text x=\"\(String(format: "%.1f", (Double(cx) ?? 0) + 10))\" y=\"\(String(format: "%.1f", labelY))\" class=\"chart-value\">\(BarChart.escape(point.label))</text>\n"
        }
        return svg + "</svg>"
    }
}
