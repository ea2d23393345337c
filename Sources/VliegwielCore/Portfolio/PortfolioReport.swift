/// The portfolio report: the questions the Algemene Rekenkamer asked of the Regio Deals
/// (verantwoordingsonderzoek BZK 2023, 15 May 2024; essay §5) answered as far as the
/// recorded data allow, and saying plainly what is unknown. Which goals does each deal have?
/// What is followed, and how? Which deals lie in regions whose brede welvaart is under
/// pressure? An unfavourable context indicator is context, not an effect of the deal (§5.1).
public struct PortfolioReport: Sendable, Hashable, Encodable {
    /// What is known of one deal.
    public struct Row: Sendable, Hashable, Encodable {
        public var dealID: String
        public var name: String
        public var tranche: Int
        public var isFictional: Bool
        public var rijkContribution: EuroCents?
        /// The goal's wording per the profile (`resultaatgericht.doel`), `nil` when not stated.
        public var goal: [String]?
        public var programmeLines: [String]
        public var programmeIndicators: Int
        public var indicatorsWithTargets: Int
        public var indicatorsWithActuals: Int
        public var contributionGraphVersions: Int
        public var learningEntries: Int
        public var profileVersions: Int
        /// The deal's regions (CBS codes); empty when not recorded.
        public var regions: [String]
        /// Context measures with an unfavourable trend in at least one of the deal's regions.
        public var unfavourableContext: [String]
        /// The questions this row cannot answer, in words.
        public var unknowns: [String]

        enum CodingKeys: String, CodingKey {
            case dealID = "deal"
            case name = "naam"
            case tranche
            case isFictional = "fictief"
            case rijkContribution = "rijksbijdrageCent"
            case goal = "doel"
            case programmeLines = "programmalijnen"
            case programmeIndicators = "programmaIndicatoren"
            case indicatorsWithTargets = "indicatorenMetStreefwaarden"
            case indicatorsWithActuals = "indicatorenMetRealisatie"
            case contributionGraphVersions = "bijdragegraafVersies"
            case learningEntries = "leerlogRegels"
            case profileVersions = "profielversies"
            case regions = "regios"
            case unfavourableContext = "ongunstigeContext"
            case unknowns = "onbekend"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(dealID, forKey: .dealID)
            try container.encode(name, forKey: .name)
            try container.encode(tranche, forKey: .tranche)
            try container.encode(isFictional, forKey: .isFictional)
            try container.encode(rijkContribution?.cents, forKey: .rijkContribution)
            try container.encode(goal, forKey: .goal)
            try container.encode(programmeLines, forKey: .programmeLines)
            try container.encode(programmeIndicators, forKey: .programmeIndicators)
            try container.encode(indicatorsWithTargets, forKey: .indicatorsWithTargets)
            try container.encode(indicatorsWithActuals, forKey: .indicatorsWithActuals)
            try container.encode(contributionGraphVersions, forKey: .contributionGraphVersions)
            try container.encode(learningEntries, forKey: .learningEntries)
            try container.encode(profileVersions, forKey: .profileVersions)
            try container.encode(regions, forKey: .regions)
            try container.encode(unfavourableContext, forKey: .unfavourableContext)
            try container.encode(unknowns, forKey: .unknowns)
        }
    }

    /// One of the Rekenkamer's questions with the answer the data give.
    public struct Answer: Sendable, Hashable, Encodable {
        public var question: String
        public var answer: String
        public var unknown: String

        enum CodingKeys: String, CodingKey {
            case question = "vraag"
            case answer = "antwoord"
            case unknown = "onbekend"
        }
    }

    public var rows: [Row]
    public var answers: [Answer]
    /// Where the questions come from.
    public static let source =
        "Algemene Rekenkamer, Resultaten verantwoordingsonderzoek 2023 Ministerie van BZK (15 mei 2024); essay §5"

    enum CodingKeys: String, CodingKey {
        case rows = "deals"
        case answers = "vragen"
        case source = "bron"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(answers, forKey: .answers)
        try container.encode(rows, forKey: .rows)
        try container.encode(Self.source, forKey: .source)
    }

    /// The report over `rows`, in the order given.
    public init(rows: [Row]) {
        self.rows = rows
        let total = rows.count
        let real = rows.filter { !$0.isFictional }
        func count(_ predicate: (Row) -> Bool) -> Int { rows.filter(predicate).count }
        func deals(_ number: Int) -> String { number == 1 ? "1 deal" : "\(number) deals" }
        func verb(_ number: Int, _ one: String, _ many: String) -> String { number == 1 ? one : many }
        let withGoal = count { $0.goal != nil }
        /// The number of deals for which `predicate` holds, saying how many of them are fictional
        /// (usability review: "1 deal volgt programma-indicatoren" was the fictional example).
        func dealsCounting(_ predicate: (Row) -> Bool) -> String {
            let number = count(predicate)
            let fictional = rows.filter { $0.isFictional && predicate($0) }.count
            if fictional == 0 { return deals(number) }
            if fictional == 1 && number == 1 { return "1 deal (het fictieve voorbeeld)" }
            return "\(deals(number)) (waarvan \(fictional) fictief voorbeeld)"
        }
        let withIndicators = count { $0.programmeIndicators > 0 }
        let withTargets = count { $0.indicatorsWithTargets > 0 }
        let withGraph = count { $0.contributionGraphVersions > 0 }
        let withLog = count { $0.learningEntries > 0 }
        let withRegions = count { !$0.regions.isEmpty }
        let underPressure = rows.filter { !$0.unfavourableContext.isEmpty }
        let fictionalNote =
            real.count == total ? "" : " (waarvan \(deals(total - real.count)) fictief voorbeeld)"
        answers = [
            Answer(
                question: "Welke doelen heeft elke deal?",
                answer:
                    "Van \(deals(total))\(fictionalNote) is bij \(dealsCounting { $0.goal != nil }) het doel in het profiel vastgelegd, met de bewoording uit de bron.",
                unknown: withGoal == total
                    ? ""
                    : "Bij \(deals(total - withGoal)) is het doel in Vliegwiel nog niet vastgelegd; daarover zegt dit verslag niets."
            ),
            Answer(
                question: "Wat wordt gevolgd, en hoe?",
                answer:
                    "\(dealsCounting { $0.programmeIndicators > 0 }) \(verb(withIndicators, "volgt", "volgen")) "
                    + "programma-indicatoren (\(withTargets) met streefwaarden); "
                    + "\(dealsCounting { $0.contributionGraphVersions > 0 }) \(verb(withGraph, "heeft", "hebben")) "
                    + "een bijdragegraaf (bijdrage-analyse, geen toerekening); \(dealsCounting { $0.learningEntries > 0 }) "
                    + "\(verb(withLog, "houdt", "houden")) een leerlog bij.",
                unknown: withIndicators == total
                    ? ""
                    : "Van \(deals(total - withIndicators)) is in Vliegwiel nog niet vastgelegd wat ze volgen; dat betekent niet dat ze niets volgen."
            ),
            Answer(
                question: "Welke deals liggen in regio's waar de brede welvaart onder druk staat?",
                answer: underPressure.isEmpty
                    ? "Bij geen van de \(deals(withRegions)) met vastgelegde regio's laat een contextindicator een ongunstige trend zien."
                    : "\(underPressure.map(\.name).joined(separator: "; ")): ongunstige trend in \(underPressure.flatMap(\.unfavourableContext).uniqued().joined(separator: ", ")). Dit is context, geen effect van de deal.",
                unknown: withRegions == total
                    ? ""
                    : "Van \(deals(total - withRegions)) zijn de regio's of de contextgegevens nog niet vastgelegd."),
        ]
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

extension PortfolioReport.Row {
    /// The row of `deal`, from what is recorded about it.
    public init(
        deal: PortfolioDeal, profile: Profile?, programmeLines: [String], indicators: IndicatorReport?,
        contributionGraphVersions: Int, learningEntries: Int, profileVersions: Int, curatedRegions: [String] = []
    ) {
        dealID = deal.id
        name = deal.name
        tranche = deal.tranche
        isFictional = deal.isFictional
        rijkContribution = deal.rijkContribution
        let goalDimension = ProfileDimension.named("resultaatgericht.doel")
        goal = profile.flatMap { profile in
            goalDimension.flatMap { dimension in
                let reading = dimension.reading(of: profile)
                return reading.entries.isEmpty
                    ? nil : reading.entries.map { "\($0.label): “\($0.quote)” (\($0.citation))" }
            }
        }
        self.programmeLines = programmeLines
        let programme = indicators?.programme ?? []
        programmeIndicators = programme.count
        indicatorsWithTargets = programme.filter { !$0.targets.isEmpty }.count
        indicatorsWithActuals = programme.filter { !$0.actuals.isEmpty }.count
        self.contributionGraphVersions = contributionGraphVersions
        self.learningEntries = learningEntries
        self.profileVersions = profileVersions
        // The regions recorded with the indicators, else the deal's area from its public sources.
        let indicatorRegions = indicators?.regions.map(\.code) ?? []
        let regionCodes = indicatorRegions.isEmpty ? curatedRegions : indicatorRegions
        regions = regionCodes
        // The views' series are the deal's own regions; the other regions are only the comparison.
        unfavourableContext = (indicators?.context ?? []).compactMap { view in
            view.regions.contains { $0.assessment?.rating == .unfavourable } ? view.measure.name : nil
        }
        var unknowns: [String] = []
        if goal == nil { unknowns.append("doel nog niet vastgelegd") }
        if programme.isEmpty { unknowns.append("geen programma-indicatoren vastgelegd") }
        if regionCodes.isEmpty { unknowns.append("regio's nog niet vastgelegd") }
        if deal.rijkContribution == nil { unknowns.append("rijksbijdrage onbekend") }
        self.unknowns = unknowns
    }
}
