/// The curated real portfolio: every real Regio Deal with its sourced facts, and the checks
/// that keep the data honest (docs/portefeuille-bronbestanden.md).
public struct CuratedPortfolio: Sendable, Hashable {
    /// A deal and the file it was read from (for messages).
    public struct Entry: Sendable, Hashable {
        public var deal: CuratedDeal
        public var file: String

        public init(deal: CuratedDeal, file: String) {
            self.deal = deal
            self.file = file
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// Every deal: the Regio Deals and the deals of other families.
    public var allDeals: [CuratedDeal] { entries.map(\.deal) }

    /// The Regio Deals of the portfolio (with a tranche).
    public var deals: [CuratedDeal] { entries.map(\.deal).filter(\.isRegioDeal) }

    /// The City Deals and Woondeals of the dataset: real arrangements without a portfolio record.
    public var otherDeals: [CuratedDeal] { entries.map(\.deal).filter { !$0.isRegioDeal } }

    public func deal(_ id: String) -> CuratedDeal? { entries.first { $0.deal.id == id }?.deal }

    /// The variants a deal of another family may belong to.
    public static let otherVariants = ["city-deal", "woondeal"]

    /// The Rijk budget published per tranche, in cents, where a source gives the total
    /// (`../shared/data/regio-deals.md`: tranche 2 € 215 M, 3 € 180 M, 4 € 284,2 M, 5 € 386,4 M
    /// awarded, 6 € 244,3 M awarded; tranche 1 came from the Regio Envelop without a tranche total).
    public static let publishedTrancheBudgets: [Int: (cents: Int64, source: String)] = [
        2: (21_500_000_000, "RVO, tweede tranche: € 215 miljoen"),
        3: (18_000_000_000, "RVO, derde tranche: € 180 miljoen"),
        4: (28_420_000_000, "Rijksoverheid, 17 februari 2023: € 284,2 miljoen"),
        5: (38_640_000_000, "Rijksoverheid, 9 februari 2024: € 386,4 miljoen toegekend"),
        6: (24_430_000_000, "Rijksoverheid, 3 februari 2025: € 244,3 miljoen toegekend"),
    ]

    /// The later deals that say they continue `id`.
    public func continuations(of id: String) -> [CuratedDeal] {
        deals.filter { $0.continues?.dealID == id }
    }

    /// Every problem in the data, each naming the file, the deal and the field.
    ///
    /// - Parameter regions: the valid CBS codes of the dataset's year with their kind
    ///   (`gemeente` or `provincie`).
    public func problems(regions: [String: String]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var seenIDs: Set<String> = []
        let ids = Set(allDeals.map(\.id))
        for entry in entries {
            let deal = entry.deal
            func problem(_ field: String, _ message: String) {
                issues.append(
                    ValidationIssue(source: entry.file, arrangementID: deal.id, field: field, message: message))
            }
            func sourced(_ field: String, address: String, quote: String?, quoteRequired: Bool = true) {
                if !(address.hasPrefix("https://") || address.hasPrefix("http://")) {
                    problem("\(field).bron", "'\(address)' is geen adres; geef het https://-adres van de bron")
                }
                if quoteRequired, (quote ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                    problem("\(field).citaat", "ontbreekt; geef de woorden van de bron letterlijk")
                }
            }
            if !seenIDs.insert(deal.id).inserted { problem("id", "komt twee keer voor") }
            if deal.isRegioDeal, !PortfolioDeal.tranches.contains(deal.tranche) {
                problem("tranche", "\(deal.tranche) is geen tranche (1–6)")
            }
            if !deal.isRegioDeal, !Self.otherVariants.contains(deal.variantID) {
                problem(
                    "variant",
                    "'\(deal.variantID)' niet toegestaan; kies uit \(Self.otherVariants.joined(separator: ", "))")
            }
            if deal.listName.trimmingCharacters(in: .whitespaces).isEmpty { problem("naamInLijst", "ontbreekt") }
            if let name = deal.officialName { sourced("officieleNaam", address: name.address, quote: name.quote) }
            if let signed = deal.signed {
                sourced("gesloten", address: signed.address, quote: signed.quote)
                if signed.day == nil { problem("gesloten.datum", "'\(signed.date)' is geen JJJJ-MM-DD") }
            }
            if let term = deal.term {
                sourced("looptijd", address: term.address, quote: term.quote)
                if term.from == nil, term.to == nil { problem("looptijd", "geef 'van', 'tot' of beide") }
                if let from = term.from, let to = term.to, to < from { problem("looptijd", "'tot' ligt vóór 'van'") }
            }
            for (index, amount) in deal.rijkContributions.enumerated() {
                sourced("rijksbijdrage[\(index)]", address: amount.address, quote: amount.quote)
                if amount.amount == nil {
                    problem(
                        "rijksbijdrage[\(index)].bedragMln",
                        "'\(amount.millions)' is geen bedrag in miljoenen groter dan 0 (punt als decimaalteken)")
                }
            }
            if let total = deal.totalInvestment {
                sourced("totaleInvestering", address: total.address, quote: total.quote)
                if total.amount == nil { problem("totaleInvestering.bedragMln", "'\(total.millions)' is geen bedrag") }
            }
            if let region = deal.region {
                sourced("regio", address: region.address, quote: region.quote)
                for code in region.municipalities where regions[code] != "gemeente" {
                    problem("regio.gemeenten", "'\(code)' is geen gemeentecode van de CBS-indeling 2025")
                }
                for code in region.provinces where regions[code] != "provincie" {
                    problem("regio.provincies", "'\(code)' is geen provinciecode van de CBS-indeling 2025")
                }
                if region.codes.isEmpty, (region.note ?? "").isEmpty {
                    problem("regio", "geen codes: zeg in 'toelichting' waarom")
                }
            } else {
                problem("regio", "ontbreekt: elke deal heeft zijn gemeenten en provincie als CBS-codes")
            }
            if deal.parties.isEmpty { problem("partijen", "ontbreekt: elke deal heeft zijn ondertekenaars") }
            var partyIDs: Set<String> = []
            for party in deal.parties {
                let field = "partijen[\(party.id)]"
                if !partyIDs.insert(party.id).inserted { problem(field, "id komt twee keer voor") }
                if party.organisation.trimmingCharacters(in: .whitespaces).isEmpty {
                    problem("\(field).organisatie", "ontbreekt")
                }
                if OrganisationType(code: party.type) == nil {
                    problem("\(field).type", "onbekend '\(party.type)'; toegestaan: \(OrganisationType.allowedCodes)")
                }
                if party.roles.isEmpty {
                    problem("\(field).rollen", "ontbreekt; toegestaan: \(CuratedRole.allowedCodes)")
                }
                for role in party.roles where CuratedRole.partnerRole(role) == nil {
                    problem("\(field).rollen", "onbekende rol '\(role)'; toegestaan: \(CuratedRole.allowedCodes)")
                }
                for (key, value) in [("toegetreden", party.joinedOn), ("uitgetreden", party.leftOn)] {
                    if let value, CalendarDate(iso: value) == nil {
                        problem("\(field).\(key)", "'\(value)' is geen JJJJ-MM-DD")
                    }
                }
                sourced(field, address: party.address, quote: party.quote)
            }
            for (index, goal) in deal.goals.enumerated() {
                if goal.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    problem("doelen[\(index)].tekst", "ontbreekt")
                }
                sourced("doelen[\(index)]", address: goal.address, quote: goal.quote, quoteRequired: false)
            }
            var lineIDs: Set<String> = []
            for line in deal.programmeLines {
                let field = "programmalijnen[\(line.id)]"
                if !lineIDs.insert(line.id).inserted { problem(field, "id komt twee keer voor") }
                if line.name.trimmingCharacters(in: .whitespaces).isEmpty { problem("\(field).naam", "ontbreekt") }
                sourced(field, address: line.address, quote: line.quote, quoteRequired: false)
            }
            if let continuation = deal.continues {
                sourced("voortzettingVan", address: continuation.address, quote: continuation.quote)
                if !ids.contains(continuation.dealID) {
                    problem("voortzettingVan.deal", "onbekende deal '\(continuation.dealID)'")
                } else if let earlier = self.deal(continuation.dealID), deal.isRegioDeal,
                    earlier.tranche >= deal.tranche
                {
                    problem("voortzettingVan.deal", "'\(continuation.dealID)' is niet uit een eerdere tranche")
                }
            }
            for dimension in ProfileDimension.all {
                for (index, value) in dimension.reading(of: deal.profile).entries.enumerated() {
                    sourced("profiel.\(dimension.id).waarden[\(index)]", address: value.citation, quote: value.quote)
                }
            }
            // The arrangement it is seeded as must pass the catalogue format's own rules
            // (a value twice in one dimension, an id that is no slug), so that it exports and
            // imports like every other arrangement.
            let arrangement = Arrangement(
                id: deal.id, name: deal.listName, family: .deal, kind: .practice, variantID: deal.variantID,
                sources: [SourceReference(title: entry.file, locator: "")], profile: deal.profile)
            for issue in ArrangementValidator.issues(in: [arrangement])
            where !issue.field.hasPrefix("profiel.")
                || !issue.message.contains("citaat")
            {
                problem(issue.field, issue.message)
            }
        }
        return issues
    }

    /// Per tranche: the sum of the known Rijk amounts against the published budget.
    public struct TrancheReconciliation: Sendable, Hashable {
        public var tranche: Int
        public var deals: Int
        public var known: Int
        public var knownSum: EuroCents
        public var budget: EuroCents?
        public var budgetSource: String?
        /// Known amounts exceed the budget, or all are known and they differ from it.
        public var disagrees: Bool {
            guard let budget else { return false }
            return knownSum.cents > budget.cents || (known == deals && knownSum.cents != budget.cents)
        }
    }

    /// The tranche totals of the primary amounts beside the published budgets.
    public var reconciliation: [TrancheReconciliation] {
        PortfolioDeal.tranches.map { tranche in
            let inTranche = deals.filter { $0.tranche == tranche }
            let known = inTranche.compactMap(\.rijkContribution)
            let budget = Self.publishedTrancheBudgets[tranche]
            return TrancheReconciliation(
                tranche: tranche, deals: inTranche.count, known: known.count,
                knownSum: EuroCents(cents: known.reduce(0) { $0 + $1.cents }),
                budget: budget.map { EuroCents(cents: $0.cents) }, budgetSource: budget?.source)
        }
    }
}

/// How much of each tranche the curated dataset covers (the table in docs/portefeuille.md).
public struct CuratedCoverage: Sendable, Hashable {
    public var tranche: Int
    public var deals: Int
    /// Deals with at least one stated profile dimension.
    public var withProfile: Int
    /// Deals whose profile states the core the issue asks for: the participating layers, the
    /// Rijk's role, the goal's wording, the result concept, monitoring, the term and the
    /// composition.
    public var withCoreProfile: Int
    public var withParties: Int
    public var withRegion: Int
    /// Deals with a Rijk amount from a source with an address.
    public var withAmount: Int
    public var knownSum: EuroCents
    public var budget: EuroCents?
    public var disagrees: Bool

    /// The dimensions of the core profile.
    public static let coreDimensions = [
        "interbestuurlijk.bestuurslagen.provincie", "interbestuurlijk.bestuurslagen.gemeente",
        "samenwerkend.rolRijk", "resultaatgericht.doel", "resultaatgericht.resultaatbegrip",
        "resultaatgericht.monitoring", "resultaatgericht.looptijd", "samenwerkend.samenstelling",
    ]

    public static func rows(_ portfolio: CuratedPortfolio) -> [CuratedCoverage] {
        let reconciliation = Dictionary(
            portfolio.reconciliation.map { ($0.tranche, $0) }, uniquingKeysWith: { first, _ in first })
        let core = coreDimensions.compactMap(ProfileDimension.named)
        return PortfolioDeal.tranches.map { tranche in
            let deals = portfolio.deals.filter { $0.tranche == tranche }
            let row = reconciliation[tranche]
            return CuratedCoverage(
                tranche: tranche, deals: deals.count,
                withProfile: deals.filter(\.hasStatedDimension).count,
                withCoreProfile: deals.filter { deal in core.allSatisfy { $0.codes(in: deal.profile) != nil } }.count,
                withParties: deals.filter { !$0.parties.isEmpty }.count,
                withRegion: deals.filter { !($0.region?.codes.isEmpty ?? true) }.count,
                withAmount: deals.filter { $0.rijkContribution != nil }.count,
                knownSum: row?.knownSum ?? EuroCents(cents: 0), budget: row?.budget,
                disagrees: row?.disagrees ?? false)
        }
    }
}

extension CuratedPortfolio {
    /// The QCA outcome `VERVOLGDEAL`, from the data itself: whether a deal was followed by a
    /// later deal that says it continues it (docs/portefeuille.md, "Outcomes for QCA").
    public static let followUpOutcomeName = "VERVOLGDEAL"

    /// One derived outcome with its source.
    public struct DerivedOutcome: Sendable, Hashable {
        public var dealID: String
        public var value: Double
        public var source: String
    }

    /// `VERVOLGDEAL` for every deal of tranches 1 … `lastTranche`: 1 when a later deal of the
    /// dataset states that it continues the deal (its source and words as the source), 0 when
    /// none does — an interpretation from the absence of such a statement in the consulted
    /// sources, said so in the source text. Deals of the last two tranches are left out: they
    /// have had no later tranche in which a follow-up could be signed.
    public func followUpOutcomes(lastTranche: Int = 4) -> [DerivedOutcome] {
        deals.filter { $0.tranche <= lastTranche }.map { deal in
            if let later = continuations(of: deal.id).first, let statement = later.continues {
                return DerivedOutcome(
                    dealID: deal.id, value: 1,
                    source:
                        "Voortgezet in \(later.id) (tranche \(later.tranche)): \(SourceQuote(address: statement.address, quote: statement.quote).text)"
                )
            }
            return DerivedOutcome(
                dealID: deal.id, value: 0,
                source:
                    "Interpretatie: geen latere deal in de Vliegwiel-dataset (tranches \(deal.tranche + 1)–6, bijgewerkt 2 december 2026) zegt deze deal voort te zetten; afwezigheid in de geraadpleegde bronnen, geen bewijs dat er geen vervolg is."
            )
        }
    }
}
