// The real Regio Deals as curated from public sources (docs/portefeuille-bronbestanden.md):
// every fact with the address of its source and the source's own words. Pure values; the
// files are read in VliegwielInterchange.

/// The words of a public source and its address.
public struct SourceQuote: Sendable, Hashable, Codable {
    /// The source's address (`https://…`).
    public var address: String
    /// The source's own words, verbatim (may be shortened with "…").
    public var quote: String

    public init(address: String, quote: String) {
        self.address = address
        self.quote = quote
    }

    enum CodingKeys: String, CodingKey {
        case address = "bron"
        case quote = "citaat"
    }

    /// "address — “quote”", the form stored where only one text field is available.
    public var text: String { quote.isEmpty ? address : "\(address) — “\(quote)”" }

    /// Reads ``text`` back; `nil` for a source text that does not start with an address.
    public init?(text: String) {
        guard text.hasPrefix("https://") || text.hasPrefix("http://") else { return nil }
        guard let separator = text.range(of: " — ") else {
            self.init(address: text, quote: "")
            return
        }
        var quote = String(text[separator.upperBound...])
        if quote.hasPrefix("“"), quote.hasSuffix("”") { quote = String(quote.dropFirst().dropLast()) }
        self.init(address: String(text[..<separator.lowerBound]), quote: quote)
    }
}

/// A text (a name, a goal) with its source.
public struct SourcedText: Sendable, Hashable, Codable {
    public var text: String
    public var address: String
    public var quote: String?

    public init(text: String, address: String, quote: String? = nil) {
        self.text = text
        self.address = address
        self.quote = quote
    }

    enum CodingKeys: String, CodingKey {
        case text = "tekst"
        case address = "bron"
        case quote = "citaat"
    }
}

/// A day with its source.
public struct SourcedDate: Sendable, Hashable, Codable {
    public var date: String
    public var address: String
    public var quote: String

    enum CodingKeys: String, CodingKey {
        case date = "datum"
        case address = "bron"
        case quote = "citaat"
    }

    public var day: CalendarDate? { CalendarDate(iso: date) }
}

/// The years of a deal's term, with its source.
public struct SourcedTerm: Sendable, Hashable, Codable {
    public var from: Int?
    public var to: Int?
    public var address: String
    public var quote: String

    enum CodingKeys: String, CodingKey {
        case from = "van"
        case to = "tot"
        case address = "bron"
        case quote = "citaat"
    }
}

/// An amount in € million as a source states it.
public struct SourcedAmount: Sendable, Hashable, Codable {
    /// Millions as decimal text with a point (`"22.5"`).
    public var millions: String
    public var address: String
    public var quote: String
    /// How the amount follows from the quote when it is not literal (`Interpretatie: …`).
    public var note: String?

    public init(millions: String, address: String, quote: String, note: String? = nil) {
        self.millions = millions
        self.address = address
        self.quote = quote
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case millions = "bedragMln"
        case address = "bron"
        case quote = "citaat"
        case note = "toelichting"
    }

    /// The amount in cents, or `nil` when ``millions`` is not a positive decimal.
    public var amount: EuroCents? {
        guard let value = EuroCents(decimal: millions, unit: 1_000_000), value.cents > 0 else { return nil }
        return value
    }
}

/// The area of a deal as CBS region codes of 2025.
public struct CuratedRegion: Sendable, Hashable, Codable {
    /// `GMxxxx` codes.
    public var municipalities: [String]
    /// `PVxx` codes.
    public var provinces: [String]
    public var address: String
    public var quote: String
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case municipalities = "gemeenten"
        case provinces = "provincies"
        case address = "bron"
        case quote = "citaat"
        case note = "toelichting"
    }

    public init(
        municipalities: [String], provinces: [String], address: String, quote: String, note: String? = nil
    ) {
        self.municipalities = municipalities
        self.provinces = provinces
        self.address = address
        self.quote = quote
        self.note = note
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        municipalities = try container.decodeIfPresent([String].self, forKey: .municipalities) ?? []
        provinces = try container.decodeIfPresent([String].self, forKey: .provinces) ?? []
        address = try container.decodeIfPresent(String.self, forKey: .address) ?? ""
        quote = try container.decodeIfPresent(String.self, forKey: .quote) ?? ""
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }

    /// Every code, gemeenten first.
    public var codes: [String] { municipalities + provinces }
}

/// What a party does in a deal according to its sources. `ondertekenaar` (signs the
/// agreement) is stored as the portfolio's `convenantpartner`; the other codes are the
/// portfolio's own ``PartnerRole`` codes.
public enum CuratedRole {
    public static let signatory = "ondertekenaar"

    /// The portfolio role for a code of the files, or `nil` for an unknown code.
    public static func partnerRole(_ code: String) -> PartnerRole? {
        code == signatory ? .covenantPartner : PartnerRole(code: code)
    }

    /// Every code a file may use.
    public static var allowedCodes: String { ([signatory] + PartnerRole.allCases.map(\.code)).joined(separator: ", ") }
}

/// A party named by the sources of a deal.
public struct CuratedParty: Sendable, Hashable, Codable {
    public var id: String
    public var organisation: String
    public var type: String
    public var roles: [String]
    public var joinedOn: String?
    public var leftOn: String?
    public var address: String
    public var quote: String

    enum CodingKeys: String, CodingKey {
        case id
        case organisation = "organisatie"
        case type
        case roles = "rollen"
        case joinedOn = "toegetreden"
        case leftOn = "uitgetreden"
        case address = "bron"
        case quote = "citaat"
    }

    /// The party as a partner of the portfolio, or `nil` when a code is unknown.
    public var partner: Partner? {
        guard let type = OrganisationType(code: type) else { return nil }
        let roles = roles.compactMap(CuratedRole.partnerRole)
        guard roles.count == self.roles.count else { return nil }
        var unique: [PartnerRole] = []
        for role in roles where !unique.contains(role) { unique.append(role) }
        return Partner(
            id: id, organisation: organisation, type: type, roles: unique,
            joinedOn: joinedOn.flatMap(CalendarDate.init(iso:)), leftOn: leftOn.flatMap(CalendarDate.init(iso:)),
            source: SourceQuote(address: address, quote: quote).text)
    }
}

/// A programme line (pijler, opgave) as a source names it.
public struct CuratedProgrammeLine: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var address: String
    public var quote: String?

    enum CodingKeys: String, CodingKey {
        case id
        case name = "naam"
        case address = "bron"
        case quote = "citaat"
    }
}

/// A later deal's statement that it continues an earlier one.
public struct CuratedContinuation: Sendable, Hashable, Codable {
    /// The id of the earlier deal.
    public var dealID: String
    public var address: String
    public var quote: String

    public init(dealID: String, address: String, quote: String) {
        self.dealID = dealID
        self.address = address
        self.quote = quote
    }

    enum CodingKeys: String, CodingKey {
        case dealID = "deal"
        case address = "bron"
        case quote = "citaat"
    }
}

/// One real Regio Deal with its sourced facts and its profile.
public struct CuratedDeal: Sendable, Hashable {
    public var id: String
    /// The reference variant the deal belongs to: `regio-deal`, or `city-deal` and `woondeal`
    /// for the other deal families of the dataset.
    public var variantID: String
    /// The tranche of a Regio Deal (1–6); 0 for a deal of another family.
    public var tranche: Int
    /// The name in the ministry's tranche list.
    public var listName: String
    public var officialName: SourcedText?
    public var signed: SourcedDate?
    public var term: SourcedTerm?
    /// Every source that states the Rijk's contribution; more than one amount is a conflict.
    public var rijkContributions: [SourcedAmount]
    public var totalInvestment: SourcedAmount?
    public var region: CuratedRegion?
    public var parties: [CuratedParty]
    public var goals: [SourcedText]
    public var programmeLines: [CuratedProgrammeLine]
    public var continues: CuratedContinuation?
    /// The design profile; dimensions the sources are silent on are not stated, with a reason.
    public var profile: Profile
    /// What was looked for and not found.
    public var notFound: [String]

    public init(
        id: String, tranche: Int, listName: String, officialName: SourcedText? = nil, signed: SourcedDate? = nil,
        term: SourcedTerm? = nil, rijkContributions: [SourcedAmount] = [], totalInvestment: SourcedAmount? = nil,
        region: CuratedRegion? = nil, parties: [CuratedParty] = [], goals: [SourcedText] = [],
        programmeLines: [CuratedProgrammeLine] = [], continues: CuratedContinuation? = nil, profile: Profile,
        notFound: [String] = [], variantID: String = "regio-deal"
    ) {
        self.id = id
        self.variantID = variantID
        self.tranche = tranche
        self.listName = listName
        self.officialName = officialName
        self.signed = signed
        self.term = term
        self.rijkContributions = rijkContributions
        self.totalInvestment = totalInvestment
        self.region = region
        self.parties = parties
        self.goals = goals
        self.programmeLines = programmeLines
        self.continues = continues
        self.profile = profile
        self.notFound = notFound
    }

    /// Whether the deal is a Regio Deal of the portfolio (with a tranche and a record).
    public var isRegioDeal: Bool { variantID == "regio-deal" }

    /// The amount used for totals: the first source's (the primary source), or `nil`.
    public var rijkContribution: EuroCents? { rijkContributions.first?.amount }

    /// Whether the sources state different amounts for the Rijk's contribution.
    public var hasAmountConflict: Bool {
        Set(rijkContributions.compactMap { $0.amount?.cents }).count > 1
    }

    /// The number of profile dimensions the sources state.
    public var statedDimensionCount: Int { profile.statedDimensionCount }
    public var hasStatedDimension: Bool { profile.hasStatedDimension }

    /// Every distinct source address of the deal, in order of first use.
    public var addresses: [String] {
        var all: [String] = []
        all += officialName.map { [$0.address] } ?? []
        all += signed.map { [$0.address] } ?? []
        all += term.map { [$0.address] } ?? []
        all += rijkContributions.map(\.address)
        all += totalInvestment.map { [$0.address] } ?? []
        all += region.map { [$0.address] } ?? []
        all += parties.map(\.address)
        all += goals.map(\.address)
        all += programmeLines.map(\.address)
        all += continues.map { [$0.address] } ?? []
        for dimension in ProfileDimension.all { all += dimension.reading(of: profile).entries.map(\.citation) }
        var seen: Set<String> = []
        return all.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
