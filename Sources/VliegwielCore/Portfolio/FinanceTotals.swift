/// The totals of one kind of amount (commitments or realisations), split so that every
/// split adds up to the total to the cent (JSON keys are the API's).
public struct FinanceTotals: Sendable, Hashable, Encodable {
    public var totaalCent: Int64 = 0
    /// Money of `ministerie` partners.
    public var rijkCent: Int64 = 0
    /// Money of every other partner; `rijkCent + regioCent == totaalCent`.
    public var regioCent: Int64 = 0
    public var regioPubliekCent: Int64 = 0
    public var regioPrivaatCent: Int64 = 0
    public var geldCent: Int64 = 0
    public var naturaCent: Int64 = 0

    public init() {}

    init(_ lines: [FinanceLine], isRijk: (FinanceLine) -> Bool) {
        for line in lines {
            let cents = line.amount.cents
            totaalCent += cents
            if isRijk(line) {
                rijkCent += cents
            } else {
                regioCent += cents
                if line.sector == .publicMoney { regioPubliekCent += cents } else { regioPrivaatCent += cents }
            }
            if line.form == .money { geldCent += cents } else { naturaCent += cents }
        }
    }

    public var total: EuroCents { EuroCents(cents: totaalCent) }
    public var rijk: EuroCents { EuroCents(cents: rijkCent) }
    public var regional: EuroCents { EuroCents(cents: regioCent) }

    /// The Rijk's share of the total, exact.
    public var rijkShare: Share { Share(part: rijk, whole: total) }
    /// The region's share of the total, exact.
    public var regionalShare: Share { Share(part: regional, whole: total) }

    /// Divides `amount` between Rijk and region in the proportion of these totals, so that
    /// the two parts add up to `amount` exactly (largest remainder; see ``EuroCents/allocated(over:)``).
    public func split(_ amount: EuroCents) -> (rijk: EuroCents, regional: EuroCents) {
        let parts = amount.allocated(over: [rijkCent, regioCent])
        return (parts[0], parts[1])
    }

    enum CodingKeys: String, CodingKey {
        case totaalCent, rijkCent, regioCent, regioPubliekCent, regioPrivaatCent, geldCent, naturaCent
        case totaal, aandeelRijk, aandeelRegio
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(totaalCent, forKey: .totaalCent)
        try container.encode(total.formatted, forKey: .totaal)
        try container.encode(rijkCent, forKey: .rijkCent)
        try container.encode(regioCent, forKey: .regioCent)
        try container.encode(regioPubliekCent, forKey: .regioPubliekCent)
        try container.encode(regioPrivaatCent, forKey: .regioPrivaatCent)
        try container.encode(geldCent, forKey: .geldCent)
        try container.encode(naturaCent, forKey: .naturaCent)
        try container.encode(rijkShare, forKey: .aandeelRijk)
        try container.encode(regionalShare, forKey: .aandeelRegio)
    }
}

/// Commitments and realisations of one group (a partner, a programme line, a year).
public struct FinanceGroup: Sendable, Hashable, Encodable {
    /// The partner or programme line id, or the year; `null` for money not earmarked to a line.
    public var sleutel: String?
    /// The organisation or the programme line's name; "niet toegewezen" for money not earmarked.
    public var naam: String
    public var toezeggingCent: Int64
    public var realisatieCent: Int64

    public func encode(to encoder: any Encoder) throws {
        enum Keys: String, CodingKey { case sleutel, naam, toezeggingCent, realisatieCent }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(sleutel, forKey: .sleutel)
        try container.encode(naam, forKey: .naam)
        try container.encode(toezeggingCent, forKey: .toezeggingCent)
        try container.encode(realisatieCent, forKey: .realisatieCent)
    }
}

/// The money of one deal: totals of commitments and realisations, and the same per partner,
/// per programme line and per year. Every breakdown adds up to the totals.
public struct FinanceSummary: Sendable, Hashable, Encodable {
    public var toezeggingen: FinanceTotals
    public var realisaties: FinanceTotals
    /// Per partner, in the order of the record's partners (only partners with amounts).
    public var perPartner: [FinanceGroup]
    /// Per programme line in the record's order, then money not earmarked (`sleutel` null).
    public var perProgrammalijn: [FinanceGroup]
    /// Per year, ascending.
    public var perJaar: [FinanceGroup]

    public init(_ record: DealRecord) {
        let types = Dictionary(record.partners.map { ($0.id, $0.type) }, uniquingKeysWith: { first, _ in first })
        let isRijk: (FinanceLine) -> Bool = { types[$0.partnerID]?.isRijk == true }
        let lines = record.financeLines
        toezeggingen = FinanceTotals(lines.filter { $0.kind == .commitment }, isRijk: isRijk)
        realisaties = FinanceTotals(lines.filter { $0.kind == .realisation }, isRijk: isRijk)

        func group(_ key: String?, _ name: String, _ members: [FinanceLine]) -> FinanceGroup {
            func sum(_ kind: FinanceKind) -> Int64 {
                members.filter { $0.kind == kind }.reduce(0) { $0 + $1.amount.cents }
            }
            return FinanceGroup(
                sleutel: key, naam: name, toezeggingCent: sum(.commitment), realisatieCent: sum(.realisation))
        }
        perPartner = record.partners.compactMap { partner in
            let members = lines.filter { $0.partnerID == partner.id }
            return members.isEmpty ? nil : group(partner.id, partner.organisation, members)
        }
        var byLine = record.programmeLines.map { line in
            group(line.id, line.name, lines.filter { $0.programmeLineID == line.id })
        }
        let lineIDs = Set(record.programmeLines.map(\.id))
        let unassigned = lines.filter { $0.programmeLineID.map { !lineIDs.contains($0) } ?? true }
        if !unassigned.isEmpty { byLine.append(group(nil, "niet toegewezen", unassigned)) }
        perProgrammalijn = byLine
        perJaar = Set(lines.map(\.year)).sorted().map { year in
            group(String(year), String(year), lines.filter { $0.year == year })
        }
    }
}
