import Foundation
import Hummingbird
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// `GET /api/v1/arrangementen/{id}/iati` and `GET /api/v1/portefeuille/iati`: the deals of
/// the portfolio as IATI 2.03 XML, mapped by ``IATIExport``.
struct IATIAPIRoutes: Sendable {
    let stores: Stores
    let reporter: IATIReportingOrganisation

    func register(on routes: RouteGroups) {
        routes.reading.get(APIURL.portfolioIATI.pattern) { request, _ in
            try Self.requireXMLAccepted(request)
            let document = try await IATISources.export(reporter, stores: stores).document(
                try await IATISources.all(stores))
            return Self.xml(document.xml)
        }
        routes.apiArrangement.get(APIURL.iati("").pattern) { request, context in
            try Self.requireXMLAccepted(request)
            let id = context.arrangementID ?? ""
            let source = try await IATISources.one(id, stores)
            let document = try await IATISources.export(reporter, stores: stores).document([source])
            if let omission = document.omitted.first {
                throw Problem(
                    .conflict,
                    detail:
                        "De deal '\(id)' kan niet als geldige IATI-activiteit worden geschreven: \(omission.reason). Vliegwiel verzint geen gegevens (docs/iati.md)."
                )
            }
            return Self.xml(document.xml)
        }
    }

    static func xml(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "\(IATIExport.mediaType); charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// 406 unless the client accepts XML (or anything).
    static func requireXMLAccepted(_ request: Request) throws {
        guard let accept = request.headers[.accept], !accept.isEmpty else { return }
        let types = accept.split(separator: ",").map {
            $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
        }
        let acceptable = ["application/xml", "text/xml", "application/*", "*/*"]
        guard types.contains(where: acceptable.contains) else {
            throw Problem(
                .notAcceptable, detail: "Deze IATI-export is application/xml; vraag daarom om application/xml.")
        }
    }
}

/// What the IATI export reads from an installation: each deal's record, arrangement, indicators
/// and, for a real deal, its sourced facts. Shared by the API and `vliegwiel exporteer`.
public enum IATISources {
    /// The mapping for this installation, today.
    public static func export(_ reporter: IATIReportingOrganisation, stores: Stores, now: Date = Date()) async throws
        -> IATIExport
    {
        let regions = (try? CuratedPortfolioFiles.regions()) ?? [:]
        let day = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: now)
        return IATIExport(
            reporter: reporter, generatedAt: now,
            today: CalendarDate(year: day.year ?? 2000, month: day.month ?? 1, day: day.day ?? 1)!,
            regionNames: regions.mapValues(\.name))
    }

    /// Every deal of the portfolio, in the portfolio's order.
    public static func all(_ stores: Stores) async throws -> [IATIActivitySource] {
        var sources: [IATIActivitySource] = []
        for deal in try await stores.portfolio.portfolio() {
            if let source = try await source(deal.id, stores) { sources.append(source) }
        }
        return sources
    }

    /// One deal; a 404 problem when the portfolio has no deal `id`.
    static func one(_ id: String, _ stores: Stores) async throws -> IATIActivitySource {
        guard let source = try await source(id, stores) else {
            throw Problem(.notFound, detail: "Er is geen deal van de portefeuille met id '\(id)'.")
        }
        return source
    }

    /// One deal, or `nil` when the portfolio has no deal `id`.
    public static func source(_ id: String, _ stores: Stores) async throws -> IATIActivitySource? {
        guard let record = try await stores.portfolio.record(id: id) else { return nil }
        let curated = record.deal.isFictional ? nil : (try? CuratedPortfolioFiles.bundled())?.deal(id)
        return IATIActivitySource(
            record: record, arrangement: try await stores.arrangements.arrangement(id: id), curated: curated,
            indicators: try await stores.indicators.indicators(of: id))
    }
}
