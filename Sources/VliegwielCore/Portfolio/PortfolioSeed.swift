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

    /// The dimensions that the instrument itself fixes for every deal of its kind: who set up
    /// the instrument and who proposes a deal, the kind of Rijk money and its maximum share,
    /// the horizons, the dealmaker and who sets the goals. Where a deal's own sources are
    /// silent on one of these, the reference variant's coding is used and marked as a general
    /// statement (issue 12: a passage about the variant beats one about its family; the family's
    /// statement is used only where the variant's own text is silent, and then marked).
    public static let instrumentDimensions = [
        "resultaatgericht.horizonInstrument", "resultaatgericht.horizonEffect", "resultaatgericht.rijksgeld",
        "resultaatgericht.maximumAandeelRijk", "resultaatgericht.doelbepaling", "samenwerkend.initiatiefInstrument",
        "samenwerkend.initiatiefVoorstel", "samenwerkend.dealmaker", "samenwerkend.organisatievorm",
    ]

    /// The note a value taken from the instrument's reference variant carries.
    public static func instrumentNote(_ reference: Arrangement) -> String {
        "Algemene uitspraak over het instrument \(reference.name) (het essay, zie de referentievariant); "
            + "de geraadpleegde bronnen over deze deal zeggen er niets over."
    }

    /// `profile` with every unstated instrument dimension taken from `reference`, marked.
    public static func inheritingInstrumentRules(_ profile: Profile, from reference: Arrangement) -> Profile {
        var result = profile
        let note = instrumentNote(reference)
        for id in instrumentDimensions {
            guard let dimension = ProfileDimension.named(id), dimension.codes(in: profile) == nil,
                dimension.codes(in: reference.profile) != nil
            else { continue }
            result = dimension.copying(
                from: reference.profile, into: result,
                note: { original in original.map { "\(note) \($0)" } ?? note }, status: .generalStatement)
        }
        return result
    }

    /// The arrangement of a real deal with the profile coded from its public sources, its
    /// official name as summary and every source address among its sources.
    public static func arrangement(
        for deal: PortfolioDeal, curated: CuratedDeal, reference: Arrangement? = nil
    ) -> Arrangement {
        var arrangement = arrangement(for: deal)
        arrangement.profile = reference.map { inheritingInstrumentRules(curated.profile, from: $0) } ?? curated.profile
        if let name = curated.officialName { arrangement.summary = "Officiële naam: \(name.text)." }
        arrangement.sources += curated.addresses.map { SourceReference(title: $0, locator: "") }
        return arrangement
    }
}

extension PortfolioSeed {
    /// The arrangement of a real deal of another family (a City Deal, a Woondeal): a
    /// `praktijk` arrangement of its variant with the profile coded from its sources and the
    /// parties the sources name in its summary. It has no portfolio record (no tranche).
    public static func arrangement(otherDeal deal: CuratedDeal, reference: Arrangement? = nil) -> Arrangement {
        let parties = deal.parties.map(\.organisation)
        let summary =
            "Echte deal uit openbare bronnen"
            + (parties.isEmpty ? "." : "; partijen volgens de bronnen: \(parties.joined(separator: ", ")).")
        return Arrangement(
            id: deal.id, name: deal.listName, family: .deal, kind: .practice, variantID: deal.variantID,
            summary: summary, sources: deal.addresses.map { SourceReference(title: $0, locator: "") },
            profile: reference.map { inheritingInstrumentRules(deal.profile, from: $0) } ?? deal.profile)
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
