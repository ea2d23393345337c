import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// The portfolio page's filters beyond those of ``PortfolioQuery`` (issue 16 item 5): province,
/// theme and term, each read from what is recorded of the deals, never guessed. A deal counts
/// for a province when its area (the regions the map draws) names that province; for a theme
/// when one of its projects has that theme; its term is that of its public sources
/// (lopend / afgelopen by the last year they give). What is recorded for no deal is said in the
/// form instead of offered as an empty choice.
struct PortfolioFacets: Sendable {
    enum Term: String, CaseIterable, Sendable {
        case running = "lopend"
        case ended = "afgelopen"
        case unknown = "onbekend"
    }

    /// Chosen in the query, when valid.
    var province: String?
    var theme: WellbeingTheme?
    var term: Term?
    var problems: [ItemProblem] = []

    /// The provinces (code → name) of each deal, its themes and its term.
    struct Facts: Sendable {
        var provinces: [String: [String]]
        var themes: [String: [WellbeingTheme]]
        var terms: [String: Term]
        var names: [String: String]
        var year: Int
    }

    var isChosen: Bool { province != nil || theme != nil || term != nil }

    init(query: [String: [String]], facts: Facts) {
        func value(_ name: String) -> String? {
            guard let text = query[name]?.first?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                return nil
            }
            return text
        }
        if let code = value("provincie") {
            if facts.names[code] != nil, code.hasPrefix("PV") {
                province = code
            } else {
                problems.append(
                    .init(
                        key: "provincie", message: "'\(code)' is geen provinciecode van het CBS (PV20 tot en met PV31)")
                )
            }
        }
        if let code = value("thema") {
            if let chosen = WellbeingTheme(code: code) {
                theme = chosen
            } else {
                problems.append(
                    .init(
                        key: "thema",
                        message:
                            "onbekende waarde '\(code)'; toegestaan: \(WellbeingTheme.allCases.map(\.code).joined(separator: ", "))"
                    ))
            }
        }
        if let code = value("looptijd") {
            if let chosen = Term(rawValue: code) {
                term = chosen
            } else {
                problems.append(
                    .init(
                        key: "looptijd",
                        message:
                            "onbekende waarde '\(code)'; toegestaan: \(Term.allCases.map(\.rawValue).joined(separator: ", "))"
                    ))
            }
        }
    }

    /// Whether `deal` passes the chosen filters.
    func admits(_ deal: PortfolioDeal, _ facts: Facts) -> Bool {
        (province.map { facts.provinces[deal.id]?.contains($0) == true } ?? true)
            && (theme.map { facts.themes[deal.id]?.contains($0) == true } ?? true)
            && (term.map { facts.terms[deal.id] == $0 } ?? true)
    }
}

extension SitePages {
    /// What the portfolio's filters read of every deal: the provinces its area names, the
    /// themes of its projects and its term from the sources.
    func portfolioFacts(_ deals: [PortfolioDeal]) async throws -> PortfolioFacets.Facts {
        let directory = try await portfolio.directory()
        let regions = try await mapDeals(deals)
        let names = ((try? CuratedPortfolioFiles.regions()) ?? [:]).mapValues(\.name)
        let curated = try? CuratedPortfolioFiles.bundled()
        // The Dutch calendar year: the day the response cache keys on, so that a kept page
        // never says last year's "lopend" after New Year in the Netherlands.
        let year = Int(DutchDay.shared.today().prefix { $0.isNumber }) ?? todayInUTC().year
        return PortfolioFacets.Facts(
            provinces: Dictionary(
                regions.map { ($0.id, $0.regions.filter { $0.hasPrefix("PV") }) },
                uniquingKeysWith: { first, _ in first }),
            themes: Dictionary(
                directory.entries.map { ($0.deal.id, $0.themes) }, uniquingKeysWith: { first, _ in first }),
            terms: Dictionary(
                deals.map { deal in
                    let end = curated?.deal(deal.id)?.term?.to
                    let term: PortfolioFacets.Term = end.map { $0 < year ? .ended : .running } ?? .unknown
                    return (deal.id, term)
                }, uniquingKeysWith: { first, _ in first }),
            names: names, year: year)
    }
}
