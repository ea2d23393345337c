/// A Regio Deal in the portfolio: its tranche, the Rijk's contribution and where those
/// facts come from. The arrangement with the same id holds its name and profile.
public struct PortfolioDeal: Sendable, Hashable, Codable, Identifiable {
    /// The id of the arrangement (`regio-deal-3-zwolle`).
    public var id: String
    public var name: String
    /// The tranche of the Regio Deals (1–6).
    public var tranche: Int
    /// The Rijk's contribution; `nil` when no source gave it (shown as "onbekend", never 0).
    public var rijkContribution: EuroCents?
    /// The public source of the tranche and the amount.
    public var source: String
    /// The day the deal was closed (the convenant signed), when known.
    public var closedOn: CalendarDate?
    /// Whether the deal is the fictional demo deal.
    public var isFictional: Bool

    public init(
        id: String, name: String, tranche: Int, rijkContribution: EuroCents?, source: String,
        closedOn: CalendarDate? = nil, isFictional: Bool = false
    ) {
        self.id = id
        self.name = name
        self.tranche = tranche
        self.rijkContribution = rijkContribution
        self.source = source
        self.closedOn = closedOn
        self.isFictional = isFictional
    }

    public static let tranches = 1...6

    enum CodingKeys: String, CodingKey {
        case id
        case name = "naam"
        case tranche
        case rijkContribution = "rijkbijdrageCent"
        case source = "bron"
        case closedOn = "gesloten"
        case isFictional = "fictief"
    }
}

/// An organisation taking part in a deal, over time.
public struct Partner: Sendable, Hashable, Codable, Identifiable {
    /// A slug, unique within the deal (`gemeente-zwolle`).
    public var id: String
    public var organisation: String
    public var type: OrganisationType
    public var roles: [PartnerRole]
    /// The first day the partner takes part; `nil` when it took part from the start.
    public var joinedOn: CalendarDate?
    /// The day the partner left (no longer part from that day on); `nil` while it takes part.
    public var leftOn: CalendarDate?
    /// Where the fact comes from (a convenant, a report).
    public var source: String?

    public init(
        id: String, organisation: String, type: OrganisationType, roles: [PartnerRole],
        joinedOn: CalendarDate? = nil, leftOn: CalendarDate? = nil, source: String? = nil
    ) {
        self.id = id
        self.organisation = organisation
        self.type = type
        self.roles = roles
        self.joinedOn = joinedOn
        self.leftOn = leftOn
        self.source = source
    }

    /// Whether the partner takes part on `date`.
    public func takesPart(on date: CalendarDate) -> Bool {
        (joinedOn.map { $0 <= date } ?? true) && (leftOn.map { date < $0 } ?? true)
    }

    enum CodingKeys: String, CodingKey {
        case id
        case organisation = "organisatie"
        case type
        case roles = "rollen"
        case joinedOn = "toegetreden"
        case leftOn = "uitgetreden"
        case source = "bron"
    }
}

/// One amount promised or spent by one partner.
public struct FinanceLine: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    /// The id of the partner whose money it is; a `ministerie` partner makes it Rijk money.
    public var partnerID: String
    /// The programme line it is for, when it is earmarked.
    public var programmeLineID: String?
    public var year: Int
    public var kind: FinanceKind
    public var sector: FinanceSector
    public var form: FinanceForm
    public var amount: EuroCents
    /// The day of payment (for a realisation), when known.
    public var date: CalendarDate?
    public var description: String?
    public var source: String?

    public init(
        id: String, partnerID: String, programmeLineID: String? = nil, year: Int, kind: FinanceKind,
        sector: FinanceSector, form: FinanceForm, amount: EuroCents, date: CalendarDate? = nil,
        description: String? = nil, source: String? = nil
    ) {
        self.id = id
        self.partnerID = partnerID
        self.programmeLineID = programmeLineID
        self.year = year
        self.kind = kind
        self.sector = sector
        self.form = form
        self.amount = amount
        self.date = date
        self.description = description
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case id
        case partnerID = "partner"
        case programmeLineID = "programmalijn"
        case year = "jaar"
        case kind = "soort"
        case sector
        case form = "vorm"
        case amount = "bedragCent"
        case date = "datum"
        case description = "omschrijving"
        case source = "bron"
    }
}

/// A programme line of a deal: a theme under which projects run.
public struct ProgrammeLine: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?

    public init(id: String, name: String, description: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name = "naam"
        case description = "omschrijving"
    }
}

/// A project within a programme line.
public struct Project: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var programmeLineID: String
    /// The partner that leads the project.
    public var leadPartnerID: String?
    /// The other partners taking part.
    public var partnerIDs: [String]
    public var budget: EuroCents?
    public var startsOn: CalendarDate?
    public var endsOn: CalendarDate?
    public var status: ProjectStatus
    /// The brede-welvaart themes the project addresses.
    public var themes: [WellbeingTheme]
    public var source: String?

    public init(
        id: String, name: String, description: String? = nil, programmeLineID: String, leadPartnerID: String? = nil,
        partnerIDs: [String] = [], budget: EuroCents? = nil, startsOn: CalendarDate? = nil,
        endsOn: CalendarDate? = nil, status: ProjectStatus, themes: [WellbeingTheme] = [], source: String? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.programmeLineID = programmeLineID
        self.leadPartnerID = leadPartnerID
        self.partnerIDs = partnerIDs
        self.budget = budget
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.status = status
        self.themes = themes
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name = "naam"
        case description = "omschrijving"
        case programmeLineID = "programmalijn"
        case leadPartnerID = "trekker"
        case partnerIDs = "partners"
        case budget = "budgetCent"
        case startsOn = "start"
        case endsOn = "einde"
        case status
        case themes = "themas"
        case source = "bron"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        programmeLineID = try container.decode(String.self, forKey: .programmeLineID)
        leadPartnerID = try container.decodeIfPresent(String.self, forKey: .leadPartnerID)
        partnerIDs = try container.decodeIfPresent([String].self, forKey: .partnerIDs) ?? []
        budget = try container.decodeIfPresent(EuroCents.self, forKey: .budget)
        startsOn = try container.decodeIfPresent(CalendarDate.self, forKey: .startsOn)
        endsOn = try container.decodeIfPresent(CalendarDate.self, forKey: .endsOn)
        status = try container.decode(ProjectStatus.self, forKey: .status)
        themes = try container.decodeIfPresent([WellbeingTheme].self, forKey: .themes) ?? []
        source = try container.decodeIfPresent(String.self, forKey: .source)
    }
}

/// Everything the portfolio holds about one deal.
public struct DealRecord: Sendable, Hashable, Codable {
    public var deal: PortfolioDeal
    public var partners: [Partner]
    public var financeLines: [FinanceLine]
    public var programmeLines: [ProgrammeLine]
    public var projects: [Project]

    public init(
        deal: PortfolioDeal, partners: [Partner] = [], financeLines: [FinanceLine] = [],
        programmeLines: [ProgrammeLine] = [], projects: [Project] = []
    ) {
        self.deal = deal
        self.partners = partners
        self.financeLines = financeLines
        self.programmeLines = programmeLines
        self.projects = projects
    }

    public func partner(_ id: String) -> Partner? { partners.first { $0.id == id } }

    enum CodingKeys: String, CodingKey {
        case deal
        case partners
        case financeLines = "financiering"
        case programmeLines = "programmalijnen"
        case projects = "projecten"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        deal = try container.decode(PortfolioDeal.self, forKey: .deal)
        partners = try container.decodeIfPresent([Partner].self, forKey: .partners) ?? []
        financeLines = try container.decodeIfPresent([FinanceLine].self, forKey: .financeLines) ?? []
        programmeLines = try container.decodeIfPresent([ProgrammeLine].self, forKey: .programmeLines) ?? []
        projects = try container.decodeIfPresent([Project].self, forKey: .projects) ?? []
    }
}
