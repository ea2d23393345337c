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
    /// The design form filled in with these fields: back from the advice without saving, and
    /// after logging in when a save was refused.
    case designFilledIn([URLQueryItem])
    /// The advice on a design as filled in, without saving it (issue 16 item 2).
    case designAdvice
    case whatIf(arrangementID: String?)
    case accessibility
    /// The glossary (`/begrippen`), at one term when it is given (issue 16 item 7).
    case glossary(GlossaryTerm? = nil)
    case portfolio
    /// The deals of one region, by its CBS code (`GM0363`), reached from the portfolio's map.
    case portfolioRegion(String)
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
    /// Puts back an item of a deal that its editor deleted a moment ago (issue 16 item 2).
    case restoreDealItem(String)
    /// Qualitative Comparative Analysis of the portfolio (issue 8).
    case qca
    /// `/qca` with an analysis chosen: an outcome and suggested conditions, default settings.
    case qcaAnalysis(outcome: String, conditions: [String])
    /// The outcomes recorded for QCA of one arrangement, and the form that records one (issue 16 item 9).
    case qcaOutcomes(String)
    /// Leads from the choice of an arrangement on `/qca` (`?arrangement=ID`) to its outcomes.
    case qcaOutcomeChoice
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
    /// The API documentation, made from the OpenAPI document (issue 15 item 2).
    case apiDocumentation
    /// The search over arrangements, deals, partners and programme lines (issue 16 item 5),
    /// with the query typed, if any.
    case search(String?)
    case stylesheet
    /// The script that shows the dossier's print button (the page works without it).
    case printScript
    case health
    case metrics

    /// The path, without query.
    public var path: String { path(id: Self.escape, item: Self.escape) }

    /// The router pattern of the route.
    public var pattern: String { path(id: { _ in ":id" }, item: { _ in ":item" }) }

    private func path(id: (String) -> String, item: (String) -> String) -> String {
        switch self {
        case .home: "/"
        case .catalogue: "/catalogus"
        case .arrangement(let key): "/arrangementen/\(id(key))"
        case .compare: "/vergelijken"
        case .design, .designFilledIn: "/ontwerpen"
        case .designAdvice: "/ontwerpen/advies"
        case .whatIf: "/wat-als"
        case .accessibility: "/toegankelijkheid"
        case .glossary: "/begrippen"
        case .portfolio: "/portefeuille"
        case .portfolioRegion(let code): "/portefeuille/regios/\(id(code))"
        case .newDealItem(let key, let collection): "/arrangementen/\(id(key))/\(collection.rawValue)/nieuw"
        case .importCSV(let key, let kind): "/arrangementen/\(id(key))/\(kind.rawValue)/importeren"
        case .editDealItem(let key, let collection, let one):
            "/arrangementen/\(id(key))/\(collection.rawValue)/\(item(one))/wijzigen"
        case .deleteDealItem(let key, let collection, let one):
            "/arrangementen/\(id(key))/\(collection.rawValue)/\(item(one))/verwijderen"
        case .acceptComposition(let key): "/arrangementen/\(id(key))/samenstelling"
        case .restoreDealItem(let key): "/arrangementen/\(id(key))/herstellen"
        case .qca, .qcaAnalysis: "/qca"
        case .qcaOutcomes(let key): "/arrangementen/\(id(key))/qca-uitkomsten"
        case .qcaOutcomeChoice: "/qca/uitkomsten"
        case .contributionGraph(let key, _): "/arrangementen/\(id(key))/bijdragegraaf"
        case .dossier(let key): "/arrangementen/\(id(key))/dossier"
        case .portfolioReport: "/portefeuille/verslag"
        case .learningLog(let key): "/arrangementen/\(id(key))/leerlog"
        case .addLearningEntry(let key, let kind): "/arrangementen/\(id(key))/leerlog/\(kind.rawValue)"
        case .indicators(let key): "/arrangementen/\(id(key))/indicatoren"
        case .auditLog: "/beheer/audit"
        case .apiDocumentation: "/api-documentatie"
        case .search: "/zoeken"
        case .stylesheet: "/stijl.css"
        case .printScript: "/afdrukken.js"
        case .health: "/gezondheid"
        case .metrics: "/metrics"
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
        case .designFilledIn(let fields): fields
        case .search(let query): query.map { [URLQueryItem(name: "q", value: $0)] } ?? []
        case .whatIf(let id): id.map { [URLQueryItem(name: "arrangement", value: $0)] } ?? []
        case .contributionGraph(_, let version): version.map { [URLQueryItem(name: "versie", value: String($0))] } ?? []
        case .qcaAnalysis(let outcome, let conditions):
            [URLQueryItem(name: "uitkomst", value: outcome)]
                + conditions.map { URLQueryItem(name: "voorwaarden", value: $0) }
        default: []
        }
    }

    /// The link, with the page's query.
    public func href() -> String {
        let items = queryItems
        guard !items.isEmpty else { return path + anchorFragment }
        return path + "?" + Self.query(items) + anchorFragment
    }

    /// `items` as the percent-encoded query of a link. Names and values of unreserved characters
    /// only (RFC 3986: ASCII letters and digits, `-._~`; ids and codes are) are written as they
    /// are, which is what URLComponents writes for them, without its cost on every link of every
    /// page (issue 14, the miss path); anything else goes through URLComponents.
    static func query(_ items: [URLQueryItem]) -> String {
        if items.allSatisfy({ isUnreserved($0.name) && $0.value.map(isUnreserved) == true }) {
            return items.map { $0.name + "=" + ($0.value ?? "") }.joined(separator: "&")
        }
        var components = URLComponents()
        components.queryItems = items
        // A form decodes `+` as a space (``queryParameters(_:)``); URLComponents leaves it as it is.
        return (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }

    /// Whether `text` has only characters that a URL never percent-encodes (RFC 3986's
    /// unreserved: ASCII letters and digits, `-`, `.`, `_`, `~`).
    static func isUnreserved(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                true
            default: false
            }
        }
    }

    /// The part after `#`, with the `#`; empty when the link is to the top of the page.
    private var anchorFragment: String {
        switch self {
        case .glossary(let term?): "#" + term.anchor
        default: ""
        }
    }

    /// A path segment percent-encoded; an id of unreserved characters stays as it is (every one
    /// of them is allowed in a path), without Foundation's encoding on every link of a page.
    private static func escape(_ segment: String) -> String {
        if isUnreserved(segment) { return segment }
        return segment.addingPercentEncoding(withAllowedCharacters: pathSegmentAllowed) ?? segment
    }

    private static let pathSegmentAllowed = CharacterSet.urlPathAllowed.subtracting(["/"])
}

extension SiteURL {
    /// What a form has just done, told on the page it sends the user back to, with the part of
    /// that page to show.
    enum Outcome: Sendable, Hashable {
        case saved
        case compositionAccepted
        case imported(PortfolioCSV.Kind)
        case added(DealCollection)
        case changed(DealCollection)
        case deleted(DealCollection, id: String)
        case restored(DealCollection)
        case learningEntryAdded(LearningEntryKind, id: String)
        case qcaOutcomeRecorded

        var queryItems: [URLQueryItem] {
            switch self {
            case .deleted(let collection, let id):
                [URLQueryItem(name: "verwijderd", value: collection.rawValue), URLQueryItem(name: "item", value: id)]
            default: [queryItem]
            }
        }

        private var queryItem: URLQueryItem {
            switch self {
            case .saved: URLQueryItem(name: "opgeslagen", value: "1")
            case .compositionAccepted: URLQueryItem(name: "overgenomen", value: "samenstelling")
            case .imported(let kind): URLQueryItem(name: "geimporteerd", value: kind.rawValue)
            case .added(let collection): URLQueryItem(name: "toegevoegd", value: collection.rawValue)
            case .changed(let collection): URLQueryItem(name: "gewijzigd", value: collection.rawValue)
            case .deleted(let collection, _): URLQueryItem(name: "verwijderd", value: collection.rawValue)
            case .restored(let collection): URLQueryItem(name: "hersteld", value: collection.rawValue)
            case .learningEntryAdded(let kind, _): URLQueryItem(name: "toegevoegd", value: kind.rawValue)
            case .qcaOutcomeRecorded: URLQueryItem(name: "vastgelegd", value: "1")
            }
        }

        var fragment: String? {
            switch self {
            case .saved, .qcaOutcomeRecorded: nil
            case .compositionAccepted, .added: "portefeuille"
            case .imported, .changed, .deleted, .restored: "beheren"
            case .learningEntryAdded(_, let id): "leerlog-\(id)"
            }
        }
    }

    /// The link after a form did `outcome`.
    func href(after outcome: Outcome) -> String {
        link(queryItems + outcome.queryItems, fragment: outcome.fragment)
    }

    /// The link to a part of the page (`#partners`).
    func href(fragment: String) -> String {
        link(queryItems, fragment: fragment)
    }

    /// The link to the page in another format (`?formaat=json`).
    func href(format: ReportFormat) -> String {
        link(queryItems + [URLQueryItem(name: "formaat", value: format.rawValue)])
    }

    /// This page with `query` (a pager, a sort order), the names in order.
    func href(query: [String: [String]]) -> String {
        link(
            query.sorted { $0.key < $1.key }.flatMap { key, values in values.map { URLQueryItem(name: key, value: $0) }
            })
    }

    private func link(_ items: [URLQueryItem], fragment: String? = nil) -> String {
        var components = URLComponents()
        components.queryItems = items.isEmpty ? nil : items
        components.fragment = fragment
        return path + (components.string ?? "")
    }
}

/// The JSON API's paths (`/api/v1/…`), Dutch plural kebab-case as the Dutch API design rules ask;
/// the routes are registered from ``pattern`` and every link is made from ``path`` or ``href``.
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
    /// The evaluation dossier of an arrangement, as JSON.
    case dossier(String)
    /// The portfolio report, as JSON.
    case portfolioReport
    /// The contribution graph of an arrangement.
    case contributionGraph(String)
    /// The stored versions of an arrangement's profile, and the drift between them.
    case profileVersions(String)
    case profileDrift(String)
    /// The programme and context indicators of an arrangement.
    case indicators(String)
    /// The context indicators, filtered and paged with the query items given.
    case contextIndicators([URLQueryItem] = [])
    /// The portfolio and one arrangement as IATI 2.03 activities (docs/iati.md).
    case portfolioIATI
    case iati(String)
    /// The portfolio as a spreadsheet (ODS, XLSX or CSV; docs/exports.md).
    case portfolioSpreadsheet
    /// One arrangement's finance lines, indicators or dossier as a spreadsheet.
    case spreadsheet(String, ArrangementSpreadsheet)
    /// The DCAT-AP-NL 3.0 catalogue of what the installation publishes (docs/dcat.md).
    case catalogue

    public static let base = "/api/v1"

    /// The path, without query.
    public var path: String { path(id: { $0 }, item: { $0 }) }

    /// The path as the router matches it (`:id`, `:item`).
    public var pattern: String { path(id: { _ in ":id" }, item: { _ in ":item" }) }

    /// The link, with its query.
    public var href: String {
        guard case .contextIndicators(let items) = self, !items.isEmpty else { return path }
        var components = URLComponents()
        components.queryItems = items
        return path + "?" + (components.percentEncodedQuery ?? "")
    }

    /// The link to a spreadsheet endpoint's file in `format` (`?formaat=xlsx`).
    public func href(format: SpreadsheetFormat) -> String { path + "?formaat=" + format.rawValue }

    private func path(id: (String) -> String, item: (String) -> String) -> String {
        let arrangements = Self.base + "/arrangementen"
        return switch self {
        case .openAPI: Self.base + "/openapi.json"
        case .arrangements: arrangements
        case .arrangement(let key): arrangements + "/\(id(key))"
        case .advice(let key): arrangements + "/\(id(key))/advies"
        case .comparisons: Self.base + "/vergelijkingen"
        case .adviceForProfile: Self.base + "/adviezen"
        case .whatIf: Self.base + "/wat-als"
        case .portfolio: Self.base + "/portefeuille"
        case .ruleCheck(let key): arrangements + "/\(id(key))/toetsing"
        case .dealItems(let key, let collection): arrangements + "/\(id(key))/\(collection.rawValue)"
        case .dealItem(let key, let collection, let one):
            arrangements + "/\(id(key))/\(collection.rawValue)/\(item(one))"
        case .qcaAnalyses: Self.base + "/qca-analyses"
        case .learningLog(let key): arrangements + "/\(id(key))/leerlog"
        case .dossier(let key): arrangements + "/\(id(key))/dossier"
        case .portfolioReport: Self.base + "/portefeuille/verslag"
        case .contributionGraph(let key): arrangements + "/\(id(key))/bijdragegraaf"
        case .profileVersions(let key): arrangements + "/\(id(key))/profielversies"
        case .profileDrift(let key): arrangements + "/\(id(key))/profieldrift"
        case .indicators(let key): arrangements + "/\(id(key))/indicatoren"
        case .contextIndicators: Self.base + "/contextindicatoren"
        case .portfolioIATI: Self.base + "/portefeuille/iati"
        case .iati(let key): arrangements + "/\(id(key))/iati"
        case .portfolioSpreadsheet: Self.base + "/portefeuille/rekenblad"
        case .spreadsheet(let key, let kind): arrangements + "/\(id(key))/rekenbladen/\(kind.rawValue)"
        case .catalogue: Self.base + "/catalogus"
        }
    }
}

/// What of one arrangement the API gives as a spreadsheet; the raw value is the path segment.
public enum ArrangementSpreadsheet: String, Sendable, Hashable, CaseIterable {
    case financeLines = "financiering"
    case indicators = "indicatoren"
    case dossier = "dossier"
}

/// The four kinds of items a deal of the portfolio holds; the raw value is the path segment.
public enum DealCollection: String, Sendable, Hashable, CaseIterable {
    case partners = "partners"
    case financeLines = "financiering"
    case programmeLines = "programmalijnen"
    case projects = "projecten"
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
