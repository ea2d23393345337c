import Foundation
import Hummingbird
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// The indicator page and the indicator API (issue 6 items 3 and 7).
struct IndicatorRoutes: Sendable {
    static let defaultPageSize = 100
    static let maximumPageSize = 1000

    let pages: SitePages
    let renderer: PageRenderer
    var indicatorStore: any IndicatorStore { pages.indicators }

    func register(on routes: RouteGroups) {
        routes.arrangement.get(SiteURL.indicators("").pattern) { request, context in
            let query = SiteRoutes.read(request)
            let arrangement = try context.requireArrangement()
            let format = try ReportFormat.from(query, allowed: [.html, .csv, .ods, .xlsx])
            if let spreadsheet = format.spreadsheet {
                return try spreadsheetResponse(
                    try await SpreadsheetSources.indicators(arrangement.id, indicatorStore), spreadsheet,
                    name: "indicatoren-\(arrangement.id)", day: todayInUTC())
            }
            let page = try await pages.indicatorsPage(arrangement, indicators: indicatorStore, query: query)
            return html(renderer.render(page, context))
        }
        routes.apiArrangement.get(APIURL.indicators("").pattern) { request, context in
            try APIRoutes.requireJSONAccepted(request)
            return try APIRoutes.json(try await indicatorStore.report(for: try context.requireArrangement().id))
        }
        routes.reading.get(APIURL.contextIndicators().pattern) { request, context in
            try APIRoutes.requireJSONAccepted(request)
            let query = queryParameters(request.uri.query)
            let (filter, page, size) = try Self.parse(query)
            let result = try await indicatorStore.observations(
                matching: filter, limit: size, offset: (page - 1) * size)
            return try APIRoutes.json(ContextObservationList(result: result, page: page, size: size, query: query))
        }
    }

    /// The indicators of arrangement `id` as a workbook; empty sheets when none are recorded.

    /// The filters and paging of `/contextindicatoren`, or a problem naming every invalid parameter.
    static func parse(_ query: [String: [String]]) throws -> (ContextFilter, Int, Int) {
        var invalid: [Problem.InvalidParameter] = []
        var filter = ContextFilter()
        func single(_ name: String) -> String? {
            guard let values = query[name] else { return nil }
            if values.count != 1 { invalid.append(.init(name: name, reason: "geef deze parameter één keer")) }
            return values.first
        }
        if let table = single("tabel") {
            if ContextTable.isValidID(table) {
                filter.tableID = table
            } else {
                invalid.append(
                    .init(name: "tabel", reason: "'\(table)' is geen tabel-id; verwacht bijvoorbeeld 70072NED"))
            }
        }
        if let values = query["regio"] {
            var regions: [RegionCode] = []
            for code in values.flatMap({ $0.split(separator: ",").map(String.init) }) {
                if let region = RegionCode(code) {
                    regions.append(region)
                } else {
                    invalid.append(
                        .init(name: "regio", reason: "'\(code)' is geen regiocode; verwacht \(RegionCode.expectedForm)")
                    )
                }
            }
            filter.regions = regions
        }
        if let text = single("periode") {
            if let period = IndicatorPeriod(code: text) {
                filter.period = period
            } else {
                invalid.append(
                    .init(
                        name: "periode", reason: "'\(text)' is geen periode; verwacht \(IndicatorPeriod.expectedForm)"))
            }
        }
        if let measure = single("maat") {
            if measure.isEmpty {
                invalid.append(.init(name: "maat", reason: "mag niet leeg zijn"))
            } else {
                filter.measure = measure
            }
        }
        var page = 1
        if let text = single("pagina") {
            if let value = Int(text), value >= 1 {
                page = value
            } else {
                invalid.append(.init(name: "pagina", reason: "'\(text)' is geen paginanummer (1, 2, …)"))
            }
        }
        var size = defaultPageSize
        if let text = single("paginaGrootte") {
            if let value = Int(text), (1...maximumPageSize).contains(value) {
                size = value
            } else {
                invalid.append(
                    .init(name: "paginaGrootte", reason: "'\(text)' ligt niet tussen 1 en \(maximumPageSize)"))
            }
        }
        if !invalid.isEmpty { throw Problem(.badRequest, detail: "De zoekvraag is ongeldig.", invalidParams: invalid) }
        return (filter, page, size)
    }
}

/// `GET /api/v1/contextindicatoren`: one page of observations with HAL links to the others.
struct ContextObservationList: Encodable {
    var result: ContextObservationPage
    var page: Int
    var size: Int
    var query: [String: [String]]

    struct Link: Encodable { var href: String }

    enum CodingKeys: String, CodingKey {
        case links = "_links"
        case total = "aantal"
        case page = "pagina"
        case size = "paginaGrootte"
        case observations = "waarnemingen"
        case label = "duiding"
    }

    func href(_ page: Int) -> Link {
        var items = query.filter { !["pagina", "paginaGrootte"].contains($0.key) }.sorted { $0.key < $1.key }
            .flatMap { key, values in values.map { URLQueryItem(name: key, value: $0) } }
        items.append(URLQueryItem(name: "pagina", value: String(page)))
        items.append(URLQueryItem(name: "paginaGrootte", value: String(size)))
        return Link(href: APIURL.contextIndicators(items).href)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let last = max(1, (result.total + size - 1) / size)
        var links = ["self": href(page), "first": href(1), "last": href(last)]
        if page > 1 { links["prev"] = href(min(page - 1, last)) }
        if page < last { links["next"] = href(page + 1) }
        try container.encode(links, forKey: .links)
        try container.encode(result.total, forKey: .total)
        try container.encode(page, forKey: .page)
        try container.encode(size, forKey: .size)
        try container.encode(result.observations, forKey: .observations)
        try container.encode("context: brede welvaart per regio en periode; geen deal stuurt hierop", forKey: .label)
    }
}
