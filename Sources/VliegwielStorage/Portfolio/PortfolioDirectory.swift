import Foundation
import VliegwielCore

/// What the site's search and the portfolio's filters read of every deal, in one snapshot:
/// the deal, the names of its partners, its programme lines and the well-being themes of its
/// projects. Four set-based statements for the whole portfolio, instead of a record per deal.
public struct PortfolioDirectory: Sendable, Hashable {
    /// A partner by its id and organisation.
    public struct PartnerName: Sendable, Hashable {
        public var id: String
        public var organisation: String

        public init(id: String, organisation: String) {
            self.id = id
            self.organisation = organisation
        }
    }

    public struct Entry: Sendable, Hashable {
        public var deal: PortfolioDeal
        /// In the record's order.
        public var partners: [PartnerName]
        /// In the record's order.
        public var programmeLines: [ProgrammeLine]
        /// The themes of the deal's projects, each once, in the vocabulary's order; empty when
        /// no project of the deal records a theme.
        public var themes: [WellbeingTheme]
    }

    /// In the portfolio's order (tranche, then name).
    public var entries: [Entry]

    /// The statements, in the order ``init(_:)`` reads their rows. Nothing is ordered by text,
    /// so that SQLite and PostgreSQL give the same result whatever their collation.
    static let reads = [
        StoredStatement("SELECT * FROM portfolio_deal"),
        StoredStatement("SELECT arrangement_id, id, organisation FROM partner ORDER BY position"),
        StoredStatement("SELECT arrangement_id, id, name, description FROM programme_line ORDER BY position"),
        StoredStatement("SELECT arrangement_id, theme FROM project_theme"),
    ]

    init(_ rows: [[any StoredRow]]) throws {
        let deals = PortfolioRules.sorted(try rows[0].map { try PortfolioRules.deal($0) })
        var partners: [String: [PartnerName]] = [:]
        for row in rows[1] {
            partners[try row.value("arrangement_id"), default: []].append(
                PartnerName(id: try row.value("id"), organisation: try row.value("organisation")))
        }
        var lines: [String: [ProgrammeLine]] = [:]
        for row in rows[2] {
            lines[try row.value("arrangement_id"), default: []].append(
                ProgrammeLine(
                    id: try row.value("id"), name: try row.value("name"), description: try row.value("description")))
        }
        var themes: [String: Set<WellbeingTheme>] = [:]
        for row in rows[3] {
            themes[try row.value("arrangement_id"), default: []].insert(
                try row.code(WellbeingTheme.self, "theme", of: "project_theme"))
        }
        entries = deals.map { deal in
            Entry(
                deal: deal, partners: partners[deal.id] ?? [], programmeLines: lines[deal.id] ?? [],
                themes: WellbeingTheme.allCases.filter { themes[deal.id]?.contains($0) == true })
        }
    }
}
