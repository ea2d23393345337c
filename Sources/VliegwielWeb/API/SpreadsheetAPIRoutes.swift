import Foundation
import Hummingbird
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// `GET /api/v1/portefeuille/rekenblad` and `GET /api/v1/arrangementen/{id}/rekenbladen/{financiering,
/// indicatoren,dossier}`: the spreadsheet exports (docs/exports.md) as ODS (the default), XLSX or
/// CSV, chosen with `?formaat=`. The site offers the same files with `?formaat=` on its pages.
struct SpreadsheetAPIRoutes: Sendable {
    let pages: SitePages

    func register(on routes: RouteGroups) {
        routes.reading.get(APIURL.portfolioSpreadsheet.pattern) { request, _ in
            let format = try Self.format(request)
            return try spreadsheetResponse(
                try await ReportRoutes.portfolioWorkbook(pages.portfolio), format, name: "portefeuille",
                day: todayInUTC())
        }
        for kind in ArrangementSpreadsheet.allCases {
            routes.apiArrangement.get(APIURL.spreadsheet("", kind).pattern) { request, context in
                let format = try Self.format(request)
                let arrangement = try context.requireArrangement()
                let day = todayInUTC()
                return try spreadsheetResponse(
                    try await workbook(kind, of: arrangement, day: day), format,
                    name: "\(kind.rawValue)-\(arrangement.id)", day: day)
            }
        }
    }

    func workbook(_ kind: ArrangementSpreadsheet, of arrangement: Arrangement, day: CalendarDate) async throws
        -> Workbook
    {
        switch kind {
        case .financeLines:
            guard let record = try await pages.portfolio.record(id: arrangement.id) else {
                throw Problem(
                    .notFound,
                    detail: "'\(arrangement.id)' is geen deal van de portefeuille en heeft geen financiering.")
            }
            return SpreadsheetExport.financeLines(of: record)
        case .indicators:
            return try await IndicatorRoutes.workbook(arrangement.id, pages.indicators)
        case .dossier:
            return SpreadsheetExport.dossier(try await EvaluationDossier.collect(arrangement, pages: pages, on: day))
        }
    }

    /// The format `?formaat=` names, ODS without it; 400 for another value, 406 when the
    /// request's Accept header leaves that format out.
    static func format(_ request: Request) throws -> SpreadsheetFormat {
        let query = queryParameters(request.uri.query)
        var format = SpreadsheetFormat.ods
        if let values = query["formaat"] {
            guard values.count == 1, let chosen = SpreadsheetFormat(rawValue: values[0]) else {
                throw Problem(
                    .badRequest, detail: "De zoekvraag is ongeldig.",
                    invalidParams: [.init(name: "formaat", reason: "kies ods, xlsx of csv (één keer)")])
            }
            format = chosen
        }
        guard let accept = request.headers[.accept], !accept.isEmpty else { return format }
        let types = accept.split(separator: ",").map {
            $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
        }
        let wanted = format.mediaType.split(separator: ";")[0].lowercased()
        let family = wanted.split(separator: "/")[0] + "/*"
        guard types.contains(where: { $0 == wanted || $0 == family || $0 == "*/*" }) else {
            throw Problem(
                .notAcceptable,
                detail: "Dit rekenblad is \(wanted); vraag daarom om \(wanted) (of kies een ander formaat).")
        }
        return format
    }
}
