import Foundation
import VliegwielCore
import VliegwielStorage

/// The page `/qca`: a form for an analysis of the portfolio and, once asked, its result.
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

    struct Exclusion: Sendable {
        var name: String
        var href: String
        var reasons: String
    }

    struct Analysis: Sendable {
        var heading: String
        var summary: String
        var conditionOrder: String
        var rows: [Row]
        var models: [Model]
        var plot: HTML
        var points: [Point]
        var cases: [Case]
        var excluded: [Exclusion]
        var excludedCount: Int
    }

    var layout: Layout
    var outcomes: [Option]
    var hasOutcomes: Bool
    var conditions: [Condition]
    var cutoff: String
    var minimumCases: String
    var solutions: [Option]
    var expectations: String
    var errors: [FieldError]
    var hasErrors: Bool
    var language: String
    var analysis: Analysis?
    /// The worked example on the real Regio Deals (docs/qca.md), when its outcome is recorded.
    var exampleHref: String? = nil
}

extension SitePages {
    /// The page for `query`: the form, and the analysis when an outcome is chosen.
    func qca(
        _ language: Language, query: [String: [String]], outcomes: any QCAOutcomeStore, limits: QCAWebLimits
    ) async throws -> QCAPage {
        let names = try await outcomes.outcomeNames()
        let chosenOutcome = query["uitkomst"]?.first
        let chosenConditions = Set(query["voorwaarden"] ?? [])
        let suggested = QCAConditionDefinition.suggested
        let solution = query["oplossing"]?.first ?? "conservatief"
        var page = QCAPage(
            layout: layout("QCA", language, .qca, query: query),
            outcomes: names.map { .init(code: $0, label: $0, isSelected: $0 == chosenOutcome) },
            hasOutcomes: !names.isEmpty,
            conditions: suggested.enumerated().map { index, definition in
                .init(
                    name: definition.name, label: definition.label, notation: definition.notation,
                    fieldID: "veld-voorwaarde-\(definition.name)",
                    isChecked: chosenOutcome == nil ? index < 4 : chosenConditions.contains(definition.name))
            },
            cutoff: query["incl-drempel"]?.first ?? "0,8", minimumCases: query["min-gevallen"]?.first ?? "1",
            solutions: QCAAnalysisRequest.solutions.map {
                .init(code: $0.name, label: $0.name, isSelected: $0.name == solution)
            },
            expectations: query["verwachtingen"]?.first ?? "", errors: [], hasErrors: false,
            language: language == .english ? "en" : "", analysis: nil)
        if names.contains(CuratedPortfolio.followUpOutcomeName) {
            let example = QCAConditionDefinition.realPortfolioExample
            page.exampleHref = SiteURL.qcaAnalysis(outcome: example.outcome, conditions: example.conditions)
                .href(language)
        }
        guard query["uitkomst"] != nil else { return page }

        var problems: [QCAInvalidField] = []
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
        let settings = QCAAnalysisRequest.settings(
            outcome: chosenOutcome, cutoff: query["incl-drempel"]?.first, minimumCases: query["min-gevallen"]?.first,
            solution: solution, expectations: query["verwachtingen"]?.first, problems: &problems)
        if let settings, problems.isEmpty {
            let request = QCAAnalysisRequest(
                source: .database(suggested.filter { chosenConditions.contains($0.name) }), outcome: settings.outcome,
                cutoff: settings.cutoff, minimumCases: settings.minimumCases, solutionName: settings.solution.0,
                solutionType: settings.solution.1, expectations: settings.4)
            switch try await request.run(arrangements: store, outcomes: outcomes, limits: limits) {
            case .success(let report): page.analysis = analysis(report, language)
            case .failure(let found): problems += found.fields
            }
        }
        page.errors = problems.map { problem in
            let (fieldID, label): (String, String) =
                switch problem.name {
                case "inclDrempel": ("veld-incl-drempel", "Inclusiedrempel")
                case "minGevallen": ("veld-min-gevallen", "Minimaal aantal gevallen")
                case "oplossing": ("veld-oplossing", "Oplossing")
                case "verwachtingen": ("veld-verwachtingen", "Verwachtingen")
                case "uitkomst": ("veld-uitkomst", "Uitkomst")
                default: (page.conditions.first?.fieldID ?? "veld-uitkomst", "Voorwaarden")
                }
            return FieldError(fieldID: fieldID, label: label, message: problem.reason)
        }
        page.hasErrors = !page.errors.isEmpty
        return page
    }

    private func analysis(_ report: QCAReport, _ language: Language) -> QCAPage.Analysis {
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
        return QCAPage.Analysis(
            heading: "Analyse van \(report.uitkomst)",
            summary: "\(report.aantalGevallen) gevallen, \(data?.weggelaten.count ?? 0) arrangementen weggelaten; "
                + "inclusiedrempel \(Format.decimal(report.inclDrempel, digits: 2)), "
                + "oplossing \(report.oplossing).",
            conditionOrder: report.voorwaarden.joined(separator: " "),
            rows: report.waarheidstabel.rijen.map {
                .init(
                    number: $0.rij, configuration: $0.configuratie, outcome: $0.uitkomst, caseCount: $0.aantalGevallen,
                    inclusion: number($0.inclusie), pri: number($0.pri), cases: $0.gevallen.joined(separator: ", "),
                    isContradictory: $0.tegenstrijdig)
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
                    id: item.arrangement, name: item.naam, href: SiteURL.arrangement(item.arrangement).href(language),
                    outcome: Format.decimal(item.uitkomst, digits: 2), source: item.uitkomstBron,
                    conditions: item.voorwaarden.map { condition in
                        "\(condition.naam) = \(Int(condition.waarde)) (\(condition.codes.joined(separator: ", ")); "
                            + "\(condition.bronnen.joined(separator: "; ")))"
                    }.joined(separator: " · "))
            },
            excluded: (data?.weggelaten ?? []).map {
                .init(
                    name: $0.naam, href: SiteURL.arrangement($0.arrangement).href(language),
                    reasons: $0.redenen.joined(separator: "; "))
            },
            excludedCount: data?.weggelaten.count ?? 0)
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
        for point in points {
            let cx = x(point.coverage)
            let cy = y(point.inclusion)
            svg +=
                point.isModel
                ? "<rect x=\"\(String(format: "%.1f", (Double(cx) ?? 0) - 6))\" y=\"\(String(format: "%.1f", (Double(cy) ?? 0) - 6))\" width=\"12\" height=\"12\" class=\"bar-dominant\"/>\n"
                : "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"6\" class=\"bar\"/>\n"
            // Models are labelled above their square, terms beside their dot, so that they do not overlap.
            let labelY = (Double(cy) ?? 0) + (point.isModel ? -10 : 5)
            svg +=
                "<text x=\"\(String(format: "%.1f", (Double(cx) ?? 0) + 10))\" y=\"\(String(format: "%.1f", labelY))\" class=\"chart-value\">\(BarChart.escape(point.label))</text>\n"
        }
        return svg + "</svg>"
    }
}
