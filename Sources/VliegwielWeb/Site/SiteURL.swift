import Foundation
import VliegwielCore
import VliegwielInterchange

/// Every page and endpoint of the site. Routes are registered from `pattern` and every
/// link is made with `href(_:)`, so that no URL string is written twice.
public enum SiteURL: Sendable, Hashable {
    case home
    case catalogue(family: Family? = nil, kind: ArrangementKind? = nil)
    case arrangement(String)
    case compare([String])
    case design
    case whatIf(arrangementID: String?)
    case accessibility
    case portfolio
    /// The form that adds one item (a partner, a finance line…) to a deal of the portfolio.
    case newDealItem(String, DealCollection)
    /// The form that reads partners, finance lines or projects from pasted CSV text.
    case importCSV(String, PortfolioCSV.Kind)
    /// The form that changes one item of a deal.
    case editDealItem(String, DealCollection, String)
    /// Deletes one item (a partner, a finance line…) of a deal.
    case deleteDealItem(String, DealCollection, String)
    /// Accepts the suggestion for the profile's `samenstelling` derived from the partners.
    case acceptComposition(String)
    /// Qualitative Comparative Analysis of the portfolio (issue 8).
    case qca
    /// `/qca` with an analysis chosen: an outcome and suggested conditions, default settings.
    case qcaAnalysis(outcome: String, conditions: [String])
    /// The contribution graph of an arrangement, a version of it (the current one when `nil`).
    case contributionGraph(String, version: Int? = nil)
    /// The printable evaluation dossier of an arrangement (issue 6 item 6).
    case dossier(String)
    /// The portfolio report: the Rekenkamer's questions, as far as the data answer them.
    case portfolioReport
    /// The learning log of an arrangement: lesson → decision → change (issue 6 item 4).
    case learningLog(String)
    /// The form target that adds a lesson, a decision or a change to the learning log.
    case addLearningEntry(String, LearningEntryKind)
    /// The programme and context indicators of an arrangement (issue 6 item 3).
    case indicators(String)
    /// The audit trail, filtered and paged (issue 7 item 3).
    case auditLog
    case stylesheet
    case health
    case metrics

    /// The path, without query.
    public var path: String {
        switch self {
        case .home: "/"
        case .catalogue: "/catalogus"
        case .arrangement(let id): "/arrangementen/\(Self.escape(id))"
        case .compare: "/vergelijken"
        case .design: "/ontwerpen"
        case .whatIf: "/wat-als"
        case .accessibility: "/toegankelijkheid"
        case .portfolio: "/portefeuille"
        case .newDealItem(let id, let collection): "/arrangementen/\(Self.escape(id))/\(collection.rawValue)/nieuw"
        case .importCSV(let id, let kind): "/arrangementen/\(Self.escape(id))/\(kind.rawValue)/importeren"
        case .editDealItem(let id, let collection, let item):
            "/arrangementen/\(Self.escape(id))/\(collection.rawValue)/\(Self.escape(item))/wijzigen"
        case .deleteDealItem(let id, let collection, let item):
            "/arrangementen/\(Self.escape(id))/\(collection.rawValue)/\(Self.escape(item))/verwijderen"
        case .acceptComposition(let id): "/arrangementen/\(Self.escape(id))/samenstelling"
        case .qca, .qcaAnalysis: "/qca"
        case .contributionGraph(let id, _): "/arrangementen/\(Self.escape(id))/bijdragegraaf"
        case .dossier(let id): "/arrangementen/\(Self.escape(id))/dossier"
        case .portfolioReport: "/portefeuille/verslag"
        case .learningLog(let id): "/arrangementen/\(Self.escape(id))/leerlog"
        case .addLearningEntry(let id, let kind): "/arrangementen/\(Self.escape(id))/leerlog/\(kind.rawValue)"
        case .indicators(let id): "/arrangementen/\(Self.escape(id))/indicatoren"
        case .auditLog: "/beheer/audit"
        case .stylesheet: "/stijl.css"
        case .health: "/gezondheid"
        case .metrics: "/metrics"
        }
    }

    /// The router pattern of the route.
    public var pattern: String {
        switch self {
        case .arrangement: "/arrangementen/:id"
        case .newDealItem(_, let collection): "/arrangementen/:id/\(collection.rawValue)/nieuw"
        case .acceptComposition: "/arrangementen/:id/samenstelling"
        case .contributionGraph: "/arrangementen/:id/bijdragegraaf"
        case .dossier: "/arrangementen/:id/dossier"
        case .learningLog: "/arrangementen/:id/leerlog"
        case .addLearningEntry(_, let kind): "/arrangementen/:id/leerlog/\(kind.rawValue)"
        case .indicators: "/arrangementen/:id/indicatoren"
        case .importCSV(_, let kind): "/arrangementen/:id/\(kind.rawValue)/importeren"
        case .editDealItem(_, let collection, _): "/arrangementen/:id/\(collection.rawValue)/:item/wijzigen"
        case .deleteDealItem(_, let collection, _): "/arrangementen/:id/\(collection.rawValue)/:item/verwijderen"
        default: path
        }
    }

    /// The query items the link carries.
    var queryItems: [URLQueryItem] {
        switch self {
        case .catalogue(let family, let kind):
            [
                family.map { URLQueryItem(name: "familie", value: $0.code) },
                kind.map { URLQueryItem(name: "soort", value: $0.code) },
            ]
            .compactMap { $0 }
        case .compare(let ids): ids.map { URLQueryItem(name: "arrangementen", value: $0) }
        case .whatIf(let id): id.map { [URLQueryItem(name: "arrangement", value: $0)] } ?? []
        case .contributionGraph(_, let version): version.map { [URLQueryItem(name: "versie", value: String($0))] } ?? []
        case .qcaAnalysis(let outcome, let conditions):
            [URLQueryItem(name: "uitkomst", value: outcome)]
                + conditions.map { URLQueryItem(name: "voorwaarden", value: $0) }
        default: []
        }
    }

    /// The link, carrying the interface language when it is not Dutch.
    public func href(_ language: Language = .dutch) -> String {
        var items = queryItems
        if language != .dutch { items.append(URLQueryItem(name: "taal", value: language.rawValue)) }
        guard !items.isEmpty else { return path }
        var components = URLComponents()
        components.queryItems = items
        return path + "?" + (components.percentEncodedQuery ?? "")
    }

    private static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? segment
    }
}

/// The JSON API's paths (`/api/v1/…`), Dutch plural kebab-case as the Dutch API design rules ask.
public enum APIURL: Sendable, Hashable {
    case openAPI
    case arrangements
    case arrangement(String)
    case advice(String)
    case comparisons
    case adviceForProfile
    case whatIf
    case portfolio
    case ruleCheck(String)
    /// The partners, finance lines, programme lines or projects of a deal.
    case dealItems(String, DealCollection)
    /// One of them, by its id.
    case dealItem(String, DealCollection, String)
    /// Runs a QCA analysis on uploaded CSV text or on the portfolio (issue 8).
    case qcaAnalyses
    /// The learning log of an arrangement: read it, or add entries.
    case learningLog(String)

    public static let base = "/api/v1"

    public var path: String {
        switch self {
        case .openAPI: Self.base + "/openapi.json"
        case .arrangements: Self.base + "/arrangementen"
        case .arrangement(let id): Self.base + "/arrangementen/\(id)"
        case .advice(let id): Self.base + "/arrangementen/\(id)/advies"
        case .comparisons: Self.base + "/vergelijkingen"
        case .adviceForProfile: Self.base + "/adviezen"
        case .whatIf: Self.base + "/wat-als"
        case .portfolio: Self.base + "/portefeuille"
        case .ruleCheck(let id): Self.base + "/arrangementen/\(id)/toetsing"
        case .dealItems(let id, let collection): Self.base + "/arrangementen/\(id)/\(collection.rawValue)"
        case .dealItem(let id, let collection, let item):
            Self.base + "/arrangementen/\(id)/\(collection.rawValue)/\(item)"
        case .qcaAnalyses: Self.base + "/qca-analyses"
        case .learningLog(let id): Self.base + "/arrangementen/\(id)/leerlog"
        }
    }

    public var pattern: String {
        switch self {
        case .arrangement: Self.base + "/arrangementen/:id"
        case .advice: Self.base + "/arrangementen/:id/advies"
        case .ruleCheck: Self.base + "/arrangementen/:id/toetsing"
        case .learningLog: Self.base + "/arrangementen/:id/leerlog"
        case .dealItems(_, let collection): Self.base + "/arrangementen/:id/\(collection.rawValue)"
        case .dealItem(_, let collection, _): Self.base + "/arrangementen/:id/\(collection.rawValue)/:item"
        default: path
        }
    }
}

/// The four kinds of items a deal of the portfolio holds; the raw value is the path segment.
public enum DealCollection: String, Sendable, Hashable, CaseIterable {
    case partners = "partners"
    case financeLines = "financiering"
    case programmeLines = "programmalijnen"
    case projects = "projecten"
}

/// The interface language: Dutch first, English second.
public enum Language: String, Sendable, CaseIterable {
    case dutch = "nl"
    case english = "en"

    /// The language a request asks for with `?taal=en`; Dutch otherwise.
    init(query: [String: [String]]) {
        self = query["taal"]?.first == "en" ? .english : .dutch
    }
}

/// Query parameters of a request, each name with all its values in order.
func queryParameters(_ query: String?) -> [String: [String]] {
    guard let query, !query.isEmpty else { return [:] }
    var components = URLComponents()
    components.percentEncodedQuery = query.replacingOccurrences(of: "+", with: "%20")
    var result: [String: [String]] = [:]
    for item in components.queryItems ?? [] {
        result[item.name, default: []].append(item.value ?? "")
    }
    return result
}
