import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// The site's search (issue 16 item 5): one query over the arrangements (the essay's reference
/// variants and those from practice), the deals of the portfolio, their partners and their
/// programme lines, read through the stores and matched here, case and accents ignored. The
/// data are small (hundreds of arrangements, a few thousand partners and lines), so every
/// search reads them whole; the response cache keeps the answer until the data change.
struct SearchPage: Sendable {
    struct Link: Sendable, Hashable {
        var name: String
        var href: String
    }

    struct Result: Sendable {
        var title: String
        var href: String
        /// What the item is: "Regio Deal, tranche 4", "partner van 3 deals".
        var detail: String
        /// Where the query was found ("Samenvatting") and the text around it.
        var field: String
        var excerpt: [SearchText.Piece]
        /// Further links: the deals a partner takes part in.
        var links: [Link] = []
    }

    struct Group: Sendable {
        var id: String
        var title: String
        var results: [Result]
        /// All matches, of which ``results`` shows the first ``SearchPage/shownPerGroup``.
        var total: Int
    }

    /// At most this many results per kind; the page says how many more there are.
    static let shownPerGroup = 50
    /// Longer queries are cut to this many characters.
    static let maximumLength = 200

    var layout: Layout
    var query: String
    var hasQuery: Bool
    var groups: [Group]
    var count: Int
    var catalogueHref: String
    var portfolioHref: String
    var compareHref: String
}

extension SitePages {
    func search(query: [String: [String]]) async throws -> SearchPage {
        let typed = String(
            (query["q"]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(SearchPage.maximumLength))
        let search = SearchText(typed)
        var page = SearchPage(
            layout: layout("Zoeken", .search(nil)), query: typed,
            hasQuery: !typed.isEmpty, groups: [], count: 0,
            catalogueHref: SiteURL.catalogue().href(), portfolioHref: SiteURL.portfolio.href(),
            compareHref: SiteURL.compare([]).href())
        if !typed.isEmpty { page.layout.title = "Zoeken: \(typed)" }
        guard !search.isEmpty else { return page }
        let arrangements = try await store.allArrangements()
        let firstReasons = try await store.firstVersionReasons()
        let directory = try await portfolio.directory()
        let areas = try await dealAreas(directory.entries.map(\.deal))
        let byID = Dictionary(arrangements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Two deals may share a name (Twente in tranches 2 and 4): the tranche tells them apart.
        func dealName(_ deal: PortfolioDeal) -> String {
            deal.isFictional ? "\(deal.name) (fictief voorbeeld)" : "\(deal.name) (tranche \(deal.tranche))"
        }
        let deals = Set(directory.entries.map(\.deal.id))

        /// A matching item: its result (the excerpt made only for those shown), its rank, its
        /// sort key and the text to excerpt.
        typealias Match = (result: SearchPage.Result, rank: Int, key: String, text: String)
        /// The match of an item with `fields` (label, text), or nil when it does not match.
        func result(
            title: String, href: String, detail: String, _ fields: [(String, String)], links: [SearchPage.Link] = []
        ) -> Match? {
            let texts = fields.map(\.1).filter { !$0.isEmpty }
            guard search.matches(texts) else { return nil }
            // The field that holds most of the query's words, the first of equals.
            let best =
                fields.filter { !$0.1.isEmpty }.enumerated().max { lhs, rhs in
                    let (left, right) = (search.hits(in: lhs.element.1), search.hits(in: rhs.element.1))
                    return left != right ? left < right : lhs.offset > rhs.offset
                }?.element ?? (fields[0].0, title)
            return (
                SearchPage.Result(title: title, href: href, detail: detail, field: best.0, excerpt: [], links: links),
                // The items whose title holds the whole query first.
                search.hits(in: title) == search.terms.count ? 0 : 1, SearchText.fold(title), best.1
            )
        }
        func group(_ id: String, _ title: String, _ found: [Match]) -> SearchPage.Group {
            let shown = found.sorted { ($0.rank, $0.key) < ($1.rank, $1.key) }.prefix(SearchPage.shownPerGroup)
            return SearchPage.Group(
                id: id, title: title,
                results: shown.map { match in
                    var result = match.result
                    result.excerpt =
                        search.excerpt(of: match.text) ?? [SearchText.Piece(text: match.text, isMatch: false)]
                    return result
                }, total: found.count)
        }
        func arrangementFields(_ arrangement: Arrangement) -> [(String, String)] {
            [
                ("Naam", arrangement.name), ("Samenvatting", arrangement.summary ?? ""),
                ("Familie", arrangement.family.label),
            ]
        }

        let references = arrangements.filter { $0.kind == .reference }.compactMap { arrangement in
            result(
                title: arrangement.name, href: SiteURL.arrangement(arrangement.id).href(),
                detail: "Referentievariant uit het essay, familie \(arrangement.family.label)",
                arrangementFields(arrangement))
        }
        let dealResults = directory.entries.compactMap { entry -> Match? in
            let deal = entry.deal
            let arrangement = byID[deal.id]
            let what = deal.isFictional ? "Regio Deal (fictief voorbeeld)" : "Regio Deal, tranche \(deal.tranche)"
            let area = areas[deal.id] ?? []
            return result(
                title: deal.name, href: SiteURL.arrangement(deal.id).href(), detail: what,
                [("Naam", deal.name), ("Samenvatting", arrangement?.summary ?? ""), ("Soort", what)]
                    + (arrangement.map { $0.name == deal.name ? [] : [("Naam in de catalogus", $0.name)] } ?? [])
                    + [("Gebied", area.joined(separator: ", "))])
        }
        let practice = arrangements.filter { $0.kind != .reference && !deals.contains($0.id) }.compactMap {
            arrangement in
            let variant = byID[arrangement.variantID].map { " (variant van \($0.name))" } ?? ""
            return result(
                title: arrangement.name, href: SiteURL.arrangement(arrangement.id).href(),
                detail: DesignForm.kindLabel(arrangement, firstReason: firstReasons[arrangement.id], isDeal: false)
                    == DesignForm.ownDesign
                    ? "Eigen ontwerp, familie \(arrangement.family.label)\(variant)"
                    : "Uit de praktijk, familie \(arrangement.family.label)\(variant)",
                arrangementFields(arrangement))
        }
        // One result per organisation, with every deal it takes part in.
        var organisations: [String: (name: String, deals: [SearchPage.Link])] = [:]
        var order: [String] = []
        for entry in directory.entries {
            for partner in entry.partners {
                let key = SearchText.fold(partner.organisation)
                if organisations[key] == nil { order.append(key) }
                let link = SearchPage.Link(
                    name: dealName(entry.deal),
                    href: SiteURL.arrangement(entry.deal.id).href(fragment: "partners"))
                if organisations[key]?.deals.contains(link) != true {
                    organisations[key, default: (partner.organisation, [])].deals.append(link)
                }
            }
        }
        let partners = order.compactMap { key -> Match? in
            guard let organisation = organisations[key], let first = organisation.deals.first else { return nil }
            let count = organisation.deals.count
            return result(
                title: organisation.name, href: first.href,
                detail: count == 1 ? "partner van \(first.name)" : "partner van \(count) deals",
                [("Organisatie", organisation.name)], links: organisation.deals)
        }
        let lines = directory.entries.flatMap { entry in
            entry.programmeLines.compactMap { line in
                result(
                    title: line.name,
                    href: SiteURL.arrangement(entry.deal.id).href(fragment: "programmalijnen"),
                    detail: "programmalijn van \(dealName(entry.deal))",
                    [("Naam", line.name), ("Beschrijving", line.description ?? "")])
            }
        }
        page.groups = [
            group("deals", "Deals in de portefeuille", dealResults),
            group("referentievarianten", "Referentievarianten uit het essay", references),
            group("praktijk", "Andere arrangementen uit de praktijk", practice),
            group("partners", "Partners", partners),
            group("programmalijnen", "Programmalijnen", lines),
        ].filter { $0.total > 0 }
        page.count = page.groups.map(\.total).reduce(0, +)
        return page
    }

    /// The names of the areas (provincies and gemeenten) of every deal, as its map takes them.
    func dealAreas(_ deals: [PortfolioDeal]) async throws -> [String: [String]] {
        let names = (try? CuratedPortfolioFiles.regions()) ?? [:]
        var areas: [String: [String]] = [:]
        for deal in try await mapDeals(deals) {
            areas[deal.id] = deal.regions.compactMap { code in
                names[code].map { $0.kind == "provincie" ? "provincie \($0.name)" : $0.name }
            }
        }
        return areas
    }
}
