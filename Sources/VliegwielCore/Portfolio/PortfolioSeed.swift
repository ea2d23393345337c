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
    public static let name = "regio-deals-portefeuille-v1"

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
}
