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
                try await SpreadsheetSources.portfolio(pages.stores), format, name: "portefeuille",
                day: todayInUTC())
        }
        for kind in ArrangementSpreadsheet.allCases {
            routes.apiArrangement.get(APIURL.spreadsheet("", kind).pattern) { request, context in
                let format = try Self.format(request)
                let arrangement = try context.requireArrangement()
                let day = todayInUTC()
                let workbook: Workbook
                do {
                    workbook = try await SpreadsheetSources.workbook(
                        kind, of: arrangement, stores: pages.stores, day: day)
                } catch let error as SpreadsheetSources.NotADeal {
                    throw Problem(.notFound, detail: error.message)
                }
                return try spreadsheetResponse(
                    workbook, format,
                    name: "\(kind.rawValue)-\(arrangement.id)", day: day)
            }
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

/// What the spreadsheet exports read from an installation (docs/exports.md): shared by the
/// site, the API and `vliegwiel exporteer --formaat ods|xlsx|csv`.
public enum SpreadsheetSources {
    /// The portfolio (``SpreadsheetExport/portfolio(_:records:indicators:)``): the report's rows
    /// and each deal's records. The records are read per deal, after the overview.
    public static func portfolio(_ stores: Stores) async throws -> Workbook {
        let overview = try await stores.portfolio.overview()
        var records: [DealRecord] = []
        for entry in overview.entries {
            if let record = try await stores.portfolio.record(id: entry.deal.id) { records.append(record) }
        }
        return SpreadsheetExport.portfolio(
            ReportRoutes.report(overview), records: records,
            indicators: overview.entries.filter { $0.indicators != nil }.map(overview.indicatorReport))
    }

    /// One arrangement's finance lines, indicators or dossier; finance lines only for a deal of
    /// the portfolio (otherwise ``NotADeal``).
    public static func workbook(
        _ kind: ArrangementSpreadsheet, of arrangement: Arrangement, stores: Stores, day: CalendarDate
    ) async throws -> Workbook {
        switch kind {
        case .financeLines:
            guard let record = try await stores.portfolio.record(id: arrangement.id) else {
                throw NotADeal(id: arrangement.id)
            }
            return SpreadsheetExport.financeLines(of: record)
        case .indicators:
            return try await indicators(arrangement.id, stores.indicators)
        case .dossier:
            return SpreadsheetExport.dossier(
                try await EvaluationDossier.collect(arrangement, stores: stores, on: day))
        }
    }

    /// The programme indicator values and context indicator trends of the arrangement `id`.
    public static func indicators(_ id: String, _ store: any IndicatorStore) async throws -> Workbook {
        SpreadsheetExport.indicators(try await store.report(for: id))
    }

    /// An arrangement that is not a deal of the portfolio has no finance lines.
    public struct NotADeal: Error, Sendable {
        public var id: String
        public var message: String { "'\(id)' is geen deal van de portefeuille en heeft geen financiering." }
    }
}
