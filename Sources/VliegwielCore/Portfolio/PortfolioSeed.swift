/// What the product ships for the portfolio: the real deals of `regio-deals.csv` and the
/// fictional demo deal, each as an arrangement and a record.
public struct PortfolioSeed: Sendable, Hashable {
    public var arrangements: [Arrangement]
    public var records: [DealRecord]
    /// Earlier profile versions shipped with an arrangement (the demo deal's history), oldest
    /// first, numbered from 1; the last one equals the arrangement in ``arrangements``.
    /// An arrangement without entries gets no version rows at seeding.
    public var profileVersions: [ArrangementVersion]

    public init(arrangements: [Arrangement], records: [DealRecord], profileVersions: [ArrangementVersion] = []) {
        self.arrangements = arrangements
        self.records = records
        self.profileVersions = profileVersions
    }

    /// A name for the seed's content: a new name means new shipped content to add.
    public static let name = "regio-deals-portefeuille-v2"

    /// Why a real deal's profile is not filled in: its design choices have not been coded
    /// for the deal itself, and the product never invents them (docs/portefeuille.md).
    public static let realDealReason =
        "Nog niet voor deze deal vastgesteld; het profiel van het instrument staat bij de referentievariant Regio Deal."

    /// Why the demo deal's profile is not filled in.
    public static let demoReason = "Fictief voorbeeld: het profiel is niet ingevuld."

    /// The arrangement of a deal of the portfolio: a `praktijk` Regio Deal named "Regio Deal
    /// <naam> (tranche N)" whose every dimension is marked not stated, for `reason`.
    public static func arrangement(
        for deal: PortfolioDeal, summary: String? = nil, reason: String = realDealReason
    ) -> Arrangement {
        var profile = Profile.unstated
        for dimension in ProfileDimension.all { profile = dimension.unstating(in: profile, reason: reason) }
        return Arrangement(
            id: deal.id,
            name: deal.isFictional ? "Regio Deal \(deal.name)" : "Regio Deal \(deal.name) (tranche \(deal.tranche))",
            family: .deal, kind: .practice, variantID: "regio-deal", summary: summary,
            sources: [SourceReference(title: deal.source, locator: "tranche \(deal.tranche)")], profile: profile)
    }

    /// The arrangement of a real deal with the profile coded from its public sources, its
    /// official name as summary and every source address among its sources.
    public static func arrangement(for deal: PortfolioDeal, curated: CuratedDeal) -> Arrangement {
        var arrangement = arrangement(for: deal)
        arrangement.profile = curated.profile
        if let name = curated.officialName { arrangement.summary = "Officiële naam: \(name.text)." }
        arrangement.sources += curated.addresses.map { SourceReference(title: $0, locator: "") }
        return arrangement
    }
}

extension PortfolioSeed {
    /// The arrangement of a real deal of another family (a City Deal, a Woondeal): a
    /// `praktijk` arrangement of its variant with the profile coded from its sources and the
    /// parties the sources name in its summary. It has no portfolio record (no tranche).
    public static func arrangement(otherDeal deal: CuratedDeal) -> Arrangement {
        let parties = deal.parties.map(\.organisation)
        let summary =
            "Echte deal uit openbare bronnen"
            + (parties.isEmpty ? "." : "; partijen volgens de bronnen: \(parties.joined(separator: ", ")).")
        return Arrangement(
            id: deal.id, name: deal.listName, family: .deal, kind: .practice, variantID: deal.variantID,
            summary: summary, sources: deal.addresses.map { SourceReference(title: $0, locator: "") },
            profile: deal.profile)
    }
}

extension PortfolioDeal {
    /// A real deal from its curated facts; the list's amount and source where no source with
    /// an address gives the amount.
    public init(curated: CuratedDeal, listed: PortfolioDeal?) {
        let primary = curated.rijkContributions.first { $0.amount != nil }
        self.init(
            id: curated.id, name: curated.listName, tranche: curated.tranche,
            rijkContribution: primary?.amount ?? listed?.rijkContribution,
            source: primary.map { SourceQuote(address: $0.address, quote: $0.quote).text } ?? listed?.source
                ?? "Vliegwiel-dataset tranche \(curated.tranche); bedrag niet gevonden",
            closedOn: curated.signed?.day)
    }
}
