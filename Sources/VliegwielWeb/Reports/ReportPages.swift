import CSV
import Foundation
import Hummingbird
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// The printable evaluation dossier of one arrangement.
struct DossierPage: Sendable {
    var layout: Layout
    /// Hides the deal section's editing links and forms.
    var isDossier = true
    var id: String
    var name: String
    var family: String
    var kind: String
    var summary: String?
    var sources: [String]
    var generatedOn: String
    var isFictional: Bool
    var elements: [ElementView]
    var advice: AdviceView
    var history: HistorySection?
    var versions: [String]
    var deal: DealSection?
    var contribution: ContributionPage?
    var indicators: IndicatorSection?
    var learning: LearningLogSection
    var arrangementHref: String
    var jsonHref: String
    var csvHref: String
}

/// The portfolio report page: the Rekenkamer's questions and one row per deal.
struct PortfolioReportPage: Sendable {
    struct Row: Sendable {
        var name: String
        var href: String
        var tranche: Int
        var isFictional: Bool
        var goal: String
        var goalKnown: Bool
        var followed: String
        var context: String
        var rijkContribution: String
        var isAmountKnown: Bool
    }

    var layout: Layout
    var answers: [PortfolioReport.Answer]
    var rows: [Row]
    var source: String
    var jsonHref: String
    var csvHref: String
}

/// How a report is delivered: the page, or its export (`?formaat=json|csv`).
enum ReportFormat: String {
    case html
    case json
    case csv

    static func from(_ query: [String: [String]]) throws -> ReportFormat {
        guard let raw = query["formaat"]?.first else { return .html }
        guard let format = ReportFormat(rawValue: raw) else {
            throw Problem(.badRequest, detail: "formaat: '\(raw)' is onbekend; kies html, json of csv.")
        }
        return format
    }
}

/// CSV as RFC 4180 asks (comma, CRLF, quotes doubled), UTF-8, as a download. Every cell goes
/// through ``SpreadsheetCell/safe(_:)`` so that no text becomes a formula in a spreadsheet.
func csvResponse(_ rows: [[String]], fileName: String) throws -> Response {
    let stream = OutputStream(toMemory: ())
    let writer = try CSVWriter(stream: stream, newline: .crlf)
    for row in rows { try writer.write(row: row.map(SpreadsheetCell.safe)) }
    writer.stream.close()
    var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    data.append(contentsOf: Array("\r\n".utf8))
    return Response(
        status: .ok,
        headers: [
            .contentType: "text/csv; charset=utf-8; header=present",
            .contentDisposition: "attachment; filename=\"\(fileName)\"",
        ],
        body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

/// A CSV cell that a spreadsheet shows as text, never runs as a formula (security review M4;
/// OWASP "CSV Injection"): a value that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading apostrophe, unless it is a plain number such as `-2` or `+3,5`.
enum SpreadsheetCell {
    static func safe(_ value: String) -> String {
        guard let first = value.first, "=+-@\t\r".contains(first) else { return value }
        let number = value.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
        if (first == "-" || first == "+") && value.count > 1 && number { return value }
        return "'" + value
    }
}

/// The dossier and the portfolio report, each as page, JSON and CSV.
struct ReportRoutes: Sendable {
    let pages: SitePages
    let renderer: PageRenderer

    func register(on routes: RouteGroups) {
        routes.arrangement.get(SiteURL.dossier("").pattern) { request, context in
            let (language, query) = SiteRoutes.read(request)
            let format = try ReportFormat.from(query)
            let arrangement = try context.requireArrangement()
            let dossier = try await EvaluationDossier.collect(
                arrangement, pages: pages, on: todayInUTC())
            switch format {
            case .json: return try APIRoutes.json(dossier)
            case .csv: return try csvResponse(dossier.csvRows, fileName: "dossier-\(arrangement.id).csv")
            case .html:
                let page = try await dossierPage(dossier, language: language, query: query)
                return html(renderer.render(page, context))
            }
        }
        routes.apiArrangement.get(APIURL.dossier("").pattern) { request, context in
            try APIRoutes.requireJSONAccepted(request)
            let arrangement = try context.requireArrangement()
            return try APIRoutes.json(
                try await EvaluationDossier.collect(
                    arrangement, pages: pages, on: todayInUTC()))
        }
        routes.reading.get(APIURL.portfolioReport.pattern) { request, context in
            try APIRoutes.requireJSONAccepted(request)
            return try APIRoutes.json(try await portfolioReport())
        }
        routes.reading.get(SiteURL.portfolioReport.pattern) { request, context in
            let (language, query) = SiteRoutes.read(request)
            let format = try ReportFormat.from(query)
            let report = try await portfolioReport()
            switch format {
            case .json: return try APIRoutes.json(report)
            case .csv: return try csvResponse(Self.csvRows(report), fileName: "portefeuilleverslag.csv")
            case .html:
                let page = PortfolioReportPage(
                    layout: pages.layout("Verslag van de portefeuille", language, .portfolioReport, query: query),
                    answers: report.answers,
                    rows: report.rows.map { row in
                        PortfolioReportPage.Row(
                            name: row.name, href: SiteURL.dossier(row.dealID).href(language), tranche: row.tranche,
                            isFictional: row.isFictional, goal: row.goal?.joined(separator: "; ") ?? "niet vastgelegd",
                            goalKnown: row.goal != nil, followed: Self.followed(row),
                            context: row.regions.isEmpty
                                ? "regio's niet vastgelegd"
                                : (row.unfavourableContext.isEmpty
                                    ? "geen ongunstige trend"
                                    : "ongunstig: " + row.unfavourableContext.joined(separator: ", ")),
                            rijkContribution: row.rijkContribution?.formatted ?? "onbekend",
                            isAmountKnown: row.rijkContribution != nil)
                    },
                    source: PortfolioReport.source,
                    jsonHref: SiteURL.portfolioReport.href(format: .json),
                    csvHref: SiteURL.portfolioReport.href(format: .csv))
                return html(renderer.render(page, context))
            }
        }
    }

    func dossierPage(_ dossier: EvaluationDossier, language: Language, query: [String: [String]]) async throws
        -> DossierPage
    {
        let arrangement = dossier.arrangement
        let t = UIText.of(language)
        let history = dossier.contributionHistory
        return DossierPage(
            layout: pages.layout(
                "Evaluatiedossier · \(arrangement.name)", language, .dossier(arrangement.id), query: query,
                place: try await pages.place(of: arrangement)),
            id: arrangement.id, name: arrangement.name, family: arrangement.family.label, kind: arrangement.kind.label,
            summary: arrangement.summary,
            sources: arrangement.sources.map { $0.locator.isEmpty ? $0.title : "\($0.title) — \($0.locator)" },
            generatedOn: dossier.generatedOn.iso, isFictional: dossier.isFictional,
            elements: ElementView.all(for: arrangement.profile, t: t), advice: AdviceView(dossier.advice, t: t),
            history: try await pages.historySection(id: arrangement.id, language: language),
            versions: dossier.profileVersions.reversed().map {
                "versie \($0.number) · \($0.isoDate) · \($0.author) · \($0.reason)"
            },
            deal: try await pages.dealSection(id: arrangement.id, language, query: [:]),
            contribution: try history.flatMap { history in
                history.versions.isEmpty
                    ? nil
                    : try ContributionPage(
                        arrangement: arrangement, history: history, number: nil,
                        layout: pages.layout("", language, .dossier(arrangement.id), query: [:]),
                        language: language)
            },
            indicators: dossier.indicators.map(IndicatorSection.init),
            learning: try await LearningLogSection.load(
                id: arrangement.id, from: pages.learningLog, language: language),
            arrangementHref: SiteURL.arrangement(arrangement.id).href(language),
            jsonHref: SiteURL.dossier(arrangement.id).href(format: .json),
            csvHref: SiteURL.dossier(arrangement.id).href(format: .csv))
    }

    /// The report over every deal of the portfolio, in the portfolio's order, from one snapshot
    /// read with a handful of statements (``PortfolioStore/overview()``).
    func portfolioReport() async throws -> PortfolioReport {
        let curated = try? CuratedPortfolioFiles.bundled()
        let overview = try await pages.portfolio.overview()
        return PortfolioReport(
            rows: overview.entries.map { entry in
                PortfolioReport.Row(
                    deal: entry.deal, profile: entry.profile, programmeLines: entry.programmeLines,
                    indicators: overview.indicatorReport(entry),
                    contributionGraphVersions: entry.contributionGraphVersions,
                    learningEntries: entry.learningEntries, profileVersions: entry.profileVersions,
                    curatedRegions: curated?.deal(entry.deal.id)?.region?.codes ?? [])
            })
    }

    static func followed(_ row: PortfolioReport.Row) -> String {
        var parts: [String] = []
        if row.programmeIndicators > 0 {
            parts.append(
                "\(row.programmeIndicators) programma-indicator(en), \(row.indicatorsWithTargets) met streefwaarden")
        }
        if row.contributionGraphVersions > 0 {
            parts.append("bijdragegraaf (\(row.contributionGraphVersions) versies)")
        }
        if row.learningEntries > 0 { parts.append("leerlog (\(row.learningEntries) regels)") }
        return parts.isEmpty ? "niets vastgelegd" : parts.joined(separator: "; ")
    }

    static func csvRows(_ report: PortfolioReport) -> [[String]] {
        let header: [String] = [
            "deal", "naam", "tranche", "fictief", "rijksbijdrage_cent", "doel", "programmalijnen",
            "programma_indicatoren", "met_streefwaarden", "met_realisatie", "bijdragegraaf_versies", "leerlog_regels",
            "profielversies", "regios", "ongunstige_context", "onbekend",
        ]
        return [header] + report.rows.map(csvRow)
    }

    private static func csvRow(_ row: PortfolioReport.Row) -> [String] {
        let identity: [String] = [row.dealID, row.name, String(row.tranche), row.isFictional ? "ja" : "nee"]
        let money: [String] = [row.rijkContribution.map { String($0.cents) } ?? ""]
        let goals: [String] = [row.goal?.joined(separator: "; ") ?? "", row.programmeLines.joined(separator: "; ")]
        let followed: [String] = [
            String(row.programmeIndicators), String(row.indicatorsWithTargets), String(row.indicatorsWithActuals),
            String(row.contributionGraphVersions), String(row.learningEntries), String(row.profileVersions),
        ]
        let context: [String] = [
            row.regions.joined(separator: " "), row.unfavourableContext.joined(separator: "; "),
            row.unknowns.joined(separator: "; "),
        ]
        return identity + money + goals + followed + context
    }
}
