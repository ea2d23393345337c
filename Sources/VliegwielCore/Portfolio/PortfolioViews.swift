import Foundation

/// Which deals a portfolio view shows and in which order.
public struct PortfolioQuery: Sendable, Hashable {
    /// Whether the Rijk's contribution is known.
    public enum AmountFilter: String, Vocabulary {
        case known = "bekend"
        case unknown = "onbekend"
    }

    public enum SortOrder: String, Vocabulary {
        /// By name, then tranche.
        case name = "naam"
        /// By tranche, then name.
        case tranche = "tranche"
        /// Largest Rijk contribution first; unknown amounts last; then by name.
        case amount = "bedrag"
    }

    public var tranche: Int?
    public var amount: AmountFilter?
    /// Part of the name, case and accents ignored.
    public var nameContains: String?
    public var sortOrder: SortOrder
    /// Whether the fictional demo deal is shown; it is left out by default, so that the
    /// totals are those of the real portfolio.
    public var includesFictional: Bool

    public init(
        tranche: Int? = nil, amount: AmountFilter? = nil, nameContains: String? = nil, sortOrder: SortOrder = .tranche,
        includesFictional: Bool = false
    ) {
        self.tranche = tranche
        self.amount = amount
        self.nameContains = nameContains
        self.sortOrder = sortOrder
        self.includesFictional = includesFictional
    }

    /// The deals that pass the filters, in the chosen order.
    public func apply(to deals: [PortfolioDeal]) -> [PortfolioDeal] {
        let needle = nameContains.map(Self.folded).flatMap { $0.isEmpty ? nil : $0 }
        let selected = deals.filter { deal in
            (includesFictional || !deal.isFictional)
                && (tranche.map { deal.tranche == $0 } ?? true)
                && (amount.map { ($0 == .known) == (deal.rijkContribution != nil) } ?? true)
                && (needle.map { Self.folded(deal.name).contains($0) } ?? true)
        }
        func byName(_ lhs: PortfolioDeal, _ rhs: PortfolioDeal) -> Bool {
            let (left, right) = (Self.folded(lhs.name), Self.folded(rhs.name))
            return left != right ? left < right : lhs.id < rhs.id
        }
        switch sortOrder {
        case .name:
            return selected.sorted { byName($0, $1) || (!byName($1, $0) && $0.tranche < $1.tranche) }
        case .tranche:
            return selected.sorted { $0.tranche != $1.tranche ? $0.tranche < $1.tranche : byName($0, $1) }
        case .amount:
            return selected.sorted { lhs, rhs in
                switch (lhs.rijkContribution, rhs.rijkContribution) {
                case (let left?, let right?) where left != right: left > right
                case (.some, nil): true
                case (nil, .some): false
                default: byName(lhs, rhs)
                }
            }
        }
    }

    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}

/// One deal as the portfolio shows it (JSON keys are the API's).
public struct PortfolioEntry: Sendable, Hashable, Encodable {
    public var id: String
    public var naam: String
    public var tranche: Int
    /// The Rijk's contribution in cents, `null` when unknown.
    public var rijkbijdrageCent: Int64?
    /// `€ 22.500.000`, or "onbekend".
    public var rijkbijdrage: String
    public var bron: String
    public var fictief: Bool

    public init(_ deal: PortfolioDeal) {
        id = deal.id
        naam = deal.name
        tranche = deal.tranche
        rijkbijdrageCent = deal.rijkContribution?.cents
        rijkbijdrage = deal.rijkContribution?.formatted ?? PortfolioSummary.unknownText
        bron = deal.source
        fictief = deal.isFictional
    }

    public func encode(to encoder: any Encoder) throws {
        enum Keys: String, CodingKey { case id, naam, tranche, rijkbijdrageCent, rijkbijdrage, bron, fictief }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encode(naam, forKey: .naam)
        try container.encode(tranche, forKey: .tranche)
        // An unknown amount is written as null, never left out and never 0.
        try container.encode(rijkbijdrageCent, forKey: .rijkbijdrageCent)
        try container.encode(rijkbijdrage, forKey: .rijkbijdrage)
        try container.encode(bron, forKey: .bron)
        try container.encode(fictief, forKey: .fictief)
    }
}

/// The Rijk's contributions in one tranche: the sum of the known amounts and how many are not known.
public struct TrancheTotal: Sendable, Hashable, Encodable {
    public var tranche: Int
    public var aantalDeals: Int
    public var aantalBekend: Int
    public var aantalOnbekend: Int
    /// The sum of the known amounts, in cents.
    public var totaalRijkCent: Int64
    public var totaalRijk: String
}

/// The portfolio as a page or the API shows it: the selected deals in the query's order,
/// the Rijk's total per tranche (for the chart) and over all tranches.
public struct PortfolioSummary: Sendable, Hashable, Encodable {
    /// How an unknown amount is shown.
    public static let unknownText = "onbekend"

    public var aantalDeals: Int
    public var aantalBekend: Int
    public var aantalOnbekend: Int
    public var totaalRijkCent: Int64
    public var totaalRijk: String
    /// The tranches that have selected deals, in ascending order.
    public var tranches: [TrancheTotal]
    /// The selected deals, in the query's order.
    public var deals: [PortfolioEntry]

    public init(deals: [PortfolioDeal], query: PortfolioQuery = PortfolioQuery()) {
        let selected = query.apply(to: deals)
        let numbers = Set(selected.map(\.tranche)).sorted()
        tranches = numbers.map { number in
            let members = selected.filter { $0.tranche == number }
            let known = members.compactMap(\.rijkContribution)
            let total = known.reduce(EuroCents.zero, +)
            return TrancheTotal(
                tranche: number, aantalDeals: members.count, aantalBekend: known.count,
                aantalOnbekend: members.count - known.count, totaalRijkCent: total.cents, totaalRijk: total.formatted)
        }
        let known = selected.compactMap(\.rijkContribution)
        let total = known.reduce(EuroCents.zero, +)
        aantalDeals = selected.count
        aantalBekend = known.count
        aantalOnbekend = selected.count - known.count
        totaalRijkCent = total.cents
        totaalRijk = total.formatted
        self.deals = selected.map(PortfolioEntry.init)
    }

    /// The tranche's total, when it has selected deals.
    public func tranche(_ number: Int) -> TrancheTotal? { tranches.first { $0.tranche == number } }
}
