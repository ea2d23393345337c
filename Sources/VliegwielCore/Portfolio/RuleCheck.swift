/// One figure behind a finding: an amount (in cents and as text), a percentage, a date or
/// a count.
public struct RuleFigure: Sendable, Hashable, Encodable {
    public var omschrijving: String
    /// The amount in cents, when the figure is an amount.
    public var bedragCent: Int64?
    /// The figure as text: `€ 5.000.000`, `50,00 %`, `2024-03-01`.
    public var waarde: String

    static func amount(_ label: String, _ amount: EuroCents) -> RuleFigure {
        RuleFigure(omschrijving: label, bedragCent: amount.cents, waarde: amount.formatted)
    }

    static func text(_ label: String, _ value: String) -> RuleFigure {
        RuleFigure(omschrijving: label, bedragCent: nil, waarde: value)
    }

    public func encode(to encoder: any Encoder) throws {
        enum Keys: String, CodingKey { case omschrijving, bedragCent, waarde }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(omschrijving, forKey: .omschrijving)
        try container.encodeIfPresent(bedragCent, forKey: .bedragCent)
        try container.encode(waarde, forKey: .waarde)
    }
}

/// What the check found for one rule: the rule, how serious, what is the matter, the figures
/// and the rule's source.
public struct RuleFinding: Sendable, Hashable, Encodable {
    public var regel: String
    public var titel: String
    public var ernst: String
    public var bericht: String
    public var cijfers: [RuleFigure]
    public var bron: String
}

/// A rule that was checked and met, or that could not be checked or does not apply, with why.
public struct RuleOutcome: Sendable, Hashable, Encodable {
    public var regel: String
    public var titel: String
    /// Why the rule could not be checked or does not apply; for a met rule, what was checked.
    public var reden: String
    public var bron: String
}

/// The result of checking one deal against the instrument's rules: findings, not a verdict.
public struct RuleCheckReport: Sendable, Hashable, Encodable {
    public var arrangement: String
    public var tranche: Int
    public var regelset: String
    public var regelsetVersie: Int
    /// The rules the deal breaks or may break, and remarks, in the rule set's order.
    public var bevindingen: [RuleFinding]
    /// The rules checked and met.
    public var voldaan: [RuleOutcome]
    /// The rules that apply but lack the data to check them.
    public var nietGetoetst: [RuleOutcome]
    /// The rules of the set that do not apply to the deal's tranche.
    public var nietVanToepassing: [RuleOutcome]
}

/// Checks a deal against the instrument's rules. Pure: the same record and rule set always
/// give the same report.
public enum RuleCheck {
    private enum Outcome {
        case met(String)
        case broken(String, [RuleFigure])
        case unchecked(String)
    }

    public static func check(_ record: DealRecord, against rules: InstrumentRuleSet) -> RuleCheckReport {
        var report = RuleCheckReport(
            arrangement: record.deal.id, tranche: record.deal.tranche, regelset: rules.instrument,
            regelsetVersie: rules.version, bevindingen: [], voldaan: [], nietGetoetst: [], nietVanToepassing: [])
        let facts = Facts(record)
        for rule in rules.rules {
            let base = RuleOutcome(regel: rule.id.code, titel: rule.title, reden: "", bron: rule.source)
            guard rule.tranches.contains(record.deal.tranche) else {
                var outcome = base
                outcome.reden =
                    "geldt voor tranche \(rule.tranches.map(String.init).joined(separator: ", ")); deze deal is van tranche \(record.deal.tranche)"
                report.nietVanToepassing.append(outcome)
                continue
            }
            switch evaluate(rule, facts) {
            case .met(let what):
                var outcome = base
                outcome.reden = what
                report.voldaan.append(outcome)
            case .unchecked(let why):
                var outcome = base
                outcome.reden = why
                report.nietGetoetst.append(outcome)
            case .broken(let message, let figures):
                report.bevindingen.append(
                    RuleFinding(
                        regel: rule.id.code, titel: rule.title, ernst: rule.severity.code, bericht: message,
                        cijfers: figures, bron: rule.source))
            }
        }
        return report
    }

    /// What the record says about money and partners, as the rules need it.
    private struct Facts {
        var rijkContribution: EuroCents?
        /// The deal's Rijk contribution as the portfolio records it, not derived from commitments.
        var knownRijkContribution: EuroCents?
        var rijkContributionSource: String
        var commitments: FinanceTotals
        var rijkCommitmentYears: [Int: EuroCents]
        var regionalCommitmentCount: Int
        var privateRegionalLines: [(String, EuroCents)]
        var partners: [Partner]
        var closedOn: CalendarDate?
        var firstRijkPayment: CalendarDate?

        init(_ record: DealRecord) {
            let types = Dictionary(record.partners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            func isRijk(_ line: FinanceLine) -> Bool { types[line.partnerID]?.type.isRijk == true }
            let commitmentLines = record.financeLines.filter { $0.kind == .commitment }
            commitments = FinanceTotals(commitmentLines, isRijk: isRijk)
            let rijkLines = commitmentLines.filter(isRijk)
            rijkCommitmentYears = Dictionary(grouping: rijkLines, by: \.year).mapValues {
                $0.reduce(EuroCents.zero) { $0 + $1.amount }
            }
            knownRijkContribution = record.deal.rijkContribution
            if let known = record.deal.rijkContribution {
                rijkContribution = known
                rijkContributionSource = "Rijksbijdrage (portefeuille)"
            } else if !rijkLines.isEmpty {
                rijkContribution = commitments.rijk
                rijkContributionSource = "Rijksbijdrage (toezeggingen van ministeries)"
            } else {
                rijkContribution = nil
                rijkContributionSource = "Rijksbijdrage"
            }
            let regionalLines = commitmentLines.filter { !isRijk($0) }
            regionalCommitmentCount = regionalLines.count
            privateRegionalLines = regionalLines.filter { $0.sector == .privateMoney }.map {
                (types[$0.partnerID]?.organisation ?? $0.partnerID, $0.amount)
            }
            partners = record.partners
            closedOn = record.deal.closedOn
            firstRijkPayment = record.financeLines.filter { $0.kind == .realisation && isRijk($0) }
                .compactMap(\.date).min()
        }

        var regional: EuroCents { commitments.regional }
    }

    private static let noRijkAmount =
        "de Rijksbijdrage is onbekend en er zijn geen toezeggingen van ministeries vastgelegd"
    private static let noRegionalCommitments = "er zijn geen toezeggingen van regionale partners vastgelegd"

    private static func evaluate(_ rule: InstrumentRule, _ facts: Facts) -> Outcome {
        let parameter = { (name: String) in rule.parameters[name] ?? 0 }
        switch rule.id {
        case .oneOff:
            // "Eenmalig" means not structural: one contribution for the deal, which may be
            // committed and paid over several years, not a contribution that recurs. What the
            // data can show is ministries committing more than the deal's one contribution.
            guard !facts.rijkCommitmentYears.isEmpty else {
                return .unchecked("er zijn geen toezeggingen van ministeries vastgelegd")
            }
            let years = facts.rijkCommitmentYears.keys.sorted()
            let committed = years.reduce(EuroCents.zero) { $0 + facts.rijkCommitmentYears[$1]! }
            let spread = years.count == 1 ? "in \(years[0])" : "over \(years.count) jaren (\(years[0])–\(years.last!))"
            guard let contribution = facts.knownRijkContribution else {
                return .met("de toezeggingen van het Rijk vormen één bijdrage van \(committed.formatted), \(spread)")
            }
            guard committed > contribution else {
                return .met(
                    "de toezeggingen van het Rijk (\(committed.formatted), \(spread)) passen binnen de eenmalige Rijksbijdrage van \(contribution.formatted)"
                )
            }
            return .broken(
                "De toezeggingen van het Rijk (\(committed.formatted)) zijn hoger dan de eenmalige Rijksbijdrage van \(contribution.formatted); wat erbovenop komt, is een tweede of terugkerende bijdrage.",
                years.map { .amount("Toezegging Rijk \($0)", facts.rijkCommitmentYears[$0]!) }
                    + [
                        .amount("Toezeggingen Rijk samen", committed),
                        .amount("Eenmalige Rijksbijdrage (portefeuille)", contribution),
                    ])

        case .maximumRijkShare:
            guard let rijk = facts.rijkContribution else { return .unchecked(noRijkAmount) }
            guard facts.regionalCommitmentCount > 0 else { return .unchecked(noRegionalCommitments) }
            let total = rijk + facts.regional
            let share = Share(part: rijk, whole: total)
            let maximum = parameter("maximumProcent")
            let figures: [RuleFigure] = [
                .amount(facts.rijkContributionSource, rijk), .amount("Regionale toezeggingen", facts.regional),
                .amount("Totaal van de deal", total), .text("Aandeel Rijk", share.percentText),
                .text("Maximum aandeel Rijk", "\(maximum) %"),
            ]
            guard share.isAtMost(percent: maximum) else {
                return .broken(
                    "Het Rijk draagt \(share.percentText) van de deal bij; dat is meer dan \(maximum) %.", figures)
            }
            return .met("aandeel Rijk \(share.percentText) van \(total.formatted)")

        case .contributionRange:
            guard let rijk = facts.rijkContribution else { return .unchecked(noRijkAmount) }
            let minimum = EuroCents(cents: parameter("minimumCent"))
            let maximum = EuroCents(cents: parameter("maximumCent"))
            let figures: [RuleFigure] = [
                .amount(facts.rijkContributionSource, rijk), .amount("Minimum", minimum), .amount("Maximum", maximum),
            ]
            if rijk < minimum {
                return .broken(
                    "De Rijksbijdrage van \(rijk.formatted) is lager dan het minimum van \(minimum.formatted).", figures
                )
            }
            if rijk > maximum {
                return .broken(
                    "De Rijksbijdrage van \(rijk.formatted) is hoger dan het maximum van \(maximum.formatted).", figures
                )
            }
            return .met("Rijksbijdrage \(rijk.formatted)")

        case .regionalAtLeastRijk:
            guard let rijk = facts.rijkContribution else { return .unchecked(noRijkAmount) }
            guard facts.regionalCommitmentCount > 0 else { return .unchecked(noRegionalCommitments) }
            guard facts.regional >= rijk else {
                return .broken(
                    "Het regionale deel (\(facts.regional.formatted)) is kleiner dan de Rijksbijdrage (\(rijk.formatted)).",
                    [
                        .amount(facts.rijkContributionSource, rijk), .amount("Regionale toezeggingen", facts.regional),
                        .amount("Tekort regionaal deel", rijk - facts.regional),
                    ])
            }
            return .met("regionaal deel \(facts.regional.formatted) tegenover Rijksbijdrage \(rijk.formatted)")

        case .publicMoneyOnly:
            guard facts.regionalCommitmentCount > 0 else { return .unchecked(noRegionalCommitments) }
            guard facts.privateRegionalLines.isEmpty else {
                let total = facts.privateRegionalLines.reduce(EuroCents.zero) { $0 + $1.1 }
                return .broken(
                    "Het regionale deel bevat \(total.formatted) privaat geld; in deze tranche telt alleen publiek geld.",
                    facts.privateRegionalLines.map { .amount("Privaat: \($0.0)", $0.1) }
                        + [.amount("Privaat geld in het regionale deel", total)])
            }
            return .met("het regionale deel is geheel publiek (\(facts.regional.formatted))")

        case .appropriateCofinancing:
            guard let rijk = facts.rijkContribution else { return .unchecked(noRijkAmount) }
            guard facts.regionalCommitmentCount > 0 else { return .unchecked(noRegionalCommitments) }
            let total = rijk + facts.regional
            let share = Share(part: facts.regional, whole: total)
            let startingPoint = parameter("uitgangspuntProcent")
            guard share.isAtLeast(percent: startingPoint) else {
                return .broken(
                    "Het regionale deel is \(share.percentText) van de deal, minder dan het uitgangspunt van \(startingPoint) %; de cofinanciering moet passend zijn bij de opgaven en de draagkracht van de regio.",
                    [
                        .amount(facts.rijkContributionSource, rijk), .amount("Regionale toezeggingen", facts.regional),
                        .text("Aandeel regio", share.percentText), .text("Uitgangspunt", "\(startingPoint) %"),
                    ])
            }
            return .met("regionaal deel \(share.percentText), publiek en privaat, in geld en in natura")

        case .regionalTreasurer:
            guard !facts.partners.isEmpty else { return .unchecked("er zijn geen partners vastgelegd") }
            let treasurers = facts.partners.filter { $0.roles.contains(.regionalTreasurer) }
            guard treasurers.count == 1 else {
                return .broken(
                    treasurers.isEmpty
                        ? "Geen partner heeft de rol regiokassier; er moet precies één zijn."
                        : "\(treasurers.count) partners hebben de rol regiokassier; er mag er één zijn.",
                    [.text("Aantal regiokassiers", String(treasurers.count))]
                        + treasurers.map { .text("Regiokassier", "\($0.organisation) (\($0.type.code))") })
            }
            let treasurer = treasurers[0]
            if treasurer.type == .waterBoard || !treasurer.type.isPublicRegionalAuthority {
                return .broken(
                    treasurer.type == .waterBoard
                        ? "De regiokassier \(treasurer.organisation) is een waterschap; dat mag niet."
                        : "De regiokassier \(treasurer.organisation) is geen publieke regionale partner (\(treasurer.type.code)); toegestaan: provincie, gemeente, wgr-verband.",
                    [.text("Regiokassier", "\(treasurer.organisation) (\(treasurer.type.code))")])
            }
            return .met("regiokassier \(treasurer.organisation) (\(treasurer.type.code))")

        case .paymentDeadline:
            guard let closed = facts.closedOn else { return .unchecked("de datum van sluiten van de deal is onbekend") }
            guard let paid = facts.firstRijkPayment else {
                return .unchecked("er is geen gedateerde realisatie van het Rijk vastgelegd")
            }
            let weeks = parameter("weken")
            let days = closed.days(to: paid)
            guard Int64(days) <= weeks * 7 else {
                return .broken(
                    "Het Rijk betaalde \(days) dagen na het sluiten van de deal; de termijn is \(weeks) weken (\(weeks * 7) dagen).",
                    [
                        .text("Deal gesloten", closed.dutchText), .text("Eerste betaling Rijk", paid.dutchText),
                        .text("Dagen", String(days)), .text("Termijn", "\(weeks * 7) dagen"),
                    ])
            }
            return .met("betaald \(days) dagen na het sluiten")
        }
    }
}
