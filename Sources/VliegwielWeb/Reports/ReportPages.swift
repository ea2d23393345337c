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
    var downloads: [Download]
    /// Whether any design choice is stated (the summary's advice only then).
    var hasProfile: Bool
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

    /// How many of the real deals have one kind of data recorded (usability review: 80 rows of
    /// "niet vastgelegd" instead of a summary).
    struct Completeness: Sendable {
        var label: String
        var count: Int
    }

    var layout: Layout
    var answers: [PortfolioReport.Answer]
    var rows: [Row]
    var source: String
    var downloads: [Download]
    /// The real deals, the fictional example left out.
    var realDealCount = 0
    var completeness: [Completeness] = []

    /// The completeness of `rows`, counted over the real deals only.
    static func completeness(_ rows: [PortfolioReport.Row]) -> (Int, [Completeness]) {
        let real = rows.filter { !$0.isFictional }
        func count(_ label: String, _ recorded: (PortfolioReport.Row) -> Bool) -> Completeness {
            Completeness(label: label, count: real.count(where: recorded))
        }
        return (
            real.count,
            [
                count("Doel vastgelegd") { $0.goal != nil },
                count("Programma-indicatoren vastgelegd") { $0.programmeIndicators > 0 },
                count("Streefwaarden vastgelegd") { $0.indicatorsWithTargets > 0 },
                count("Bijdragegraaf vastgelegd") { $0.contributionGraphVersions > 0 },
                count("Leerlog bijgehouden") { $0.learningEntries > 0 },
                count("Regio's vastgelegd") { !$0.regions.isEmpty },
                count("Rijksbijdrage bekend") { $0.rijkContribution != nil },
            ]
        )
    }
}

/// How a page is delivered: the page, or its data as a file (`?formaat=json|csv|ods|xlsx`).
enum ReportFormat: String, CaseIterable {
    case html
    case json
    case csv
    case ods
    case xlsx

    /// The spreadsheet format, `nil` for the page and JSON.
    var spreadsheet: SpreadsheetFormat? { SpreadsheetFormat(rawValue: rawValue) }

    static func from(_ query: [String: [String]], allowed: [ReportFormat] = allCases) throws -> ReportFormat {
        guard let raw = query["formaat"]?.first else { return .html }
        guard let format = ReportFormat(rawValue: raw), allowed.contains(format) else {
            let names = allowed.map(\.rawValue)
            throw Problem(
                .badRequest,
                detail:
                    "formaat: '\(raw)' is onbekend; kies \(names.dropLast().joined(separator: ", ")) of \(names.last ?? "html")."
            )
        }
        return format
    }
}

/// A link to a page's data as a file, for the download links beside the page.
struct Download: Sendable, Hashable {
    var label: String
    var href: String

    /// The JSON (when the page has it) and the three spreadsheet files of the page at `url`.
    static func formats(of url: SiteURL, json: Bool = true) -> [Download] {
        (json ? [Download(label: "JSON", href: url.href(format: .json))] : [])
            + spreadsheets { url.href(format: ReportFormat(rawValue: $0.rawValue)!) }
    }

    /// ODS, Excel and CSV, each at `href(format)`.
    static func spreadsheets(_ href: (SpreadsheetFormat) -> String) -> [Download] {
        [
            Download(label: "ODS (LibreOffice, OpenOffice)", href: href(.ods)),
            Download(label: "Excel (XLSX)", href: href(.xlsx)), Download(label: "CSV", href: href(.csv)),
        ]
    }
}

/// The file of `workbook` as a download named `name` plus the format's extension; ODS and XLSX
/// date their ZIP entries `day`.
func spreadsheetResponse(_ workbook: Workbook, _ format: SpreadsheetFormat, name: String, day: CalendarDate) throws
    -> Response
{
    let data = try format.data(workbook, on: day)
    return Response(
        status: .ok,
        headers: [
            .contentType: format == .csv ? DutchCSV.mediaType + "; header=present" : format.mediaType,
            .contentDisposition: "attachment; filename=\"\(format.fileName(safeFileName(name)))\"",
        ],
        body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

/// `value` as a JSON file named `name` plus `.json`, as the page's download link promises (the
/// API's own addresses answer without a file name).
func jsonDownload(_ value: some Encodable, name: String) throws -> Response {
    var response = try APIRoutes.json(value)
    response.headers[.contentDisposition] = "attachment; filename=\"\(safeFileName(name)).json\""
    return response
}

/// `name` with every character but ASCII letters, digits, `-`, `_` and `.` replaced by `-`, so
/// that it can stand in a quoted `filename` parameter.
func safeFileName(_ name: String) -> String {
    String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" })
}

/// The dossier and the portfolio report, each as page, JSON and CSV.
struct ReportRoutes: Sendable {
    let pages: SitePages
    let renderer: PageRenderer

    func register(on routes: RouteGroups) {
        routes.arrangement.get(SiteURL.dossier("").pattern) { request, context in
            let query = SiteRoutes.read(request)
            let format = try ReportFormat.from(query)
            let arrangement = try context.requireArrangement()
            let dossier = try await EvaluationDossier.collect(
                arrangement, pages: pages, on: todayInUTC())
            switch format {
            case .json: return try jsonDownload(dossier, name: "dossier-\(arrangement.id)")
            case .csv, .ods, .xlsx:
                return try spreadsheetResponse(
                    SpreadsheetExport.dossier(dossier), format.spreadsheet!, name: "dossier-\(arrangement.id)",
                    day: dossier.generatedOn)
            case .html:
                let page = try await dossierPage(dossier, query: query)
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
            let query = SiteRoutes.read(request)
            let format = try ReportFormat.from(query)
            if let spreadsheet = format.spreadsheet {
                return try spreadsheetResponse(
                    try await SpreadsheetSources.portfolio(pages.stores), spreadsheet, name: "portefeuille",
                    day: todayInUTC())
            }
            let report = try await portfolioReport()
            switch format {
            case .json: return try jsonDownload(report, name: "verslag-portefeuille")
            case .csv, .ods, .xlsx: preconditionFailure("answered above")
            case .html:
                var page = PortfolioReportPage(
                    layout: pages.layout("Verslag van de portefeuille", .portfolioReport),
                    answers: report.answers,
                    rows: report.rows.map { row in
                        PortfolioReportPage.Row(
                            name: row.name, href: SiteURL.dossier(row.dealID).href(), tranche: row.tranche,
                            isFictional: row.isFictional,
                            goal: row.goal?.joined(separator: "; ") ?? Absence.notRecorded,
                            goalKnown: row.goal != nil, followed: Self.followed(row),
                            context: row.regions.isEmpty
                                ? "regio's \(Absence.notRecorded)"
                                : (row.unfavourableContext.isEmpty
                                    ? "geen ongunstige trend"
                                    : "ongunstig: " + row.unfavourableContext.joined(separator: ", ")),
                            rijkContribution: row.rijkContribution?.formatted ?? "onbekend",
                            isAmountKnown: row.rijkContribution != nil)
                    },
                    source: PortfolioReport.source,
                    downloads: Download.formats(of: .portfolioReport))
                (page.realDealCount, page.completeness) = PortfolioReportPage.completeness(report.rows)
                return html(renderer.render(page, context))
            }
        }
    }

    func dossierPage(_ dossier: EvaluationDossier, query: [String: [String]]) async throws
        -> DossierPage
    {
        let arrangement = dossier.arrangement
        let t = UIText.dutch
        let history = dossier.contributionHistory
        // The dossier read the deal's record already; its section needs no second read.
        var deal = dossier.deal.map { pages.dealSection($0, query: [:]) }
        if let record = dossier.deal {
            deal?.inShort = DealSection.InShort(
                record, programme: dossier.indicators?.programme ?? [], log: dossier.learningLog,
                learningLogHref: "#leerlog", indicatorsHref: "#indicatoren-kop")
        }
        // The graph's nodes name their project and indicator, from what the dossier read already.
        var linkedNames: [String: String] = [:]
        for project in dossier.deal?.projects ?? [] { linkedNames["project:\(project.id)"] = project.name }
        for indicator in dossier.indicators?.programme ?? [] {
            linkedNames["indicator:\(indicator.id)"] = indicator.name
        }
        return DossierPage(
            layout: pages.layout(
                "Evaluatiedossier · \(arrangement.name)", .dossier(arrangement.id),
                place: try await pages.place(of: arrangement)),
            id: arrangement.id, name: arrangement.name, family: arrangement.family.label, kind: arrangement.kind.label,
            summary: arrangement.summary,
            sources: arrangement.sources.map { $0.locator.isEmpty ? $0.title : "\($0.title) — \($0.locator)" },
            generatedOn: dossier.generatedOn.dutchText, isFictional: dossier.isFictional,
            elements: ElementView.all(for: arrangement.profile, t: t), advice: AdviceView(dossier.advice, t: t),
            history: try await pages.historySection(id: arrangement.id),
            versions: dossier.profileVersions.reversed().map(\.line),
            deal: deal,
            contribution: try history.flatMap { history in
                history.versions.isEmpty
                    ? nil
                    : try ContributionPage(
                        arrangement: arrangement, history: history, number: nil,
                        layout: pages.layout("", .dossier(arrangement.id)),
                        linkedNames: linkedNames)
            },
            indicators: dossier.indicators.map { IndicatorSection($0) },
            learning: try await LearningLogSection.load(
                id: arrangement.id, from: pages.learningLog),
            arrangementHref: SiteURL.arrangement(arrangement.id).href(),
            downloads: Download.formats(of: .dossier(arrangement.id)),
            hasProfile: arrangement.profile.hasStatedDimension)
    }

    /// The report over every deal of the portfolio, in the portfolio's order, from one snapshot
    /// read with a handful of statements (``PortfolioStore/overview()``).
    func portfolioReport() async throws -> PortfolioReport {
        Self.report(try await pages.portfolio.overview())
    }

    static func report(_ overview: PortfolioOverview) -> PortfolioReport {
        let curated = try? CuratedPortfolioFiles.bundled()
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
}
