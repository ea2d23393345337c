// The fixed vocabularies of the portfolio (issue 5; docs/portefeuille.md). Raw values
// are the Dutch codes of files, CSV columns and the API; the Swift cases are English.

/// The kind of organisation a partner is.
public enum OrganisationType: String, Vocabulary, Codable {
    case ministry = "ministerie"
    case province = "provincie"
    case municipality = "gemeente"
    case waterBoard = "waterschap"
    case jointArrangement = "wgr-verband"
    case societalOrganisation = "maatschappelijke-organisatie"
    case company = "bedrijf"
    case knowledgeInstitution = "kennisinstelling"
    case educationalInstitution = "onderwijsinstelling"
    case residentsInitiative = "inwonersinitiatief"
    case other = "overig"

    /// Whether the organisation is part of the Rijk (a ministry).
    public var isRijk: Bool { self == .ministry }

    /// The public regional partners of the Besluit SPUK Regio Deals (Stb. 2024, 219):
    /// provincie, gemeente, WGR-verband and waterschap.
    public var isPublicRegionalAuthority: Bool {
        [.province, .municipality, .jointArrangement, .waterBoard].contains(self)
    }
}

/// What a partner does in a deal.
public enum PartnerRole: String, Vocabulary, Codable {
    case applicant = "indiener"
    case covenantPartner = "convenantpartner"
    case regionalTreasurer = "regiokassier"
    case implementer = "uitvoerder"
    case funder = "financier"
    case knowledgePartner = "kennispartner"
    case dealmaker = "dealmaker"
    /// Supports the deal with a declaration or letter of support, without signing it.
    case supporter = "steunverklaring"
    /// Leads the region's side (penvoerder, trekker of the application).
    case lead = "trekker"
    /// Named by a source as involved, without a formal role.
    case involved = "betrokken"
}

/// Whether an amount is promised or spent.
public enum FinanceKind: String, Vocabulary, Codable {
    case commitment = "toezegging"
    case realisation = "realisatie"
}

/// Public or private money.
public enum FinanceSector: String, Vocabulary, Codable {
    case publicMoney = "publiek"
    case privateMoney = "privaat"
}

/// Money or a contribution in kind (hours, premises, equipment).
public enum FinanceForm: String, Vocabulary, Codable {
    case money = "geld"
    case inKind = "natura"
}

/// Where a project stands.
public enum ProjectStatus: String, Vocabulary, Codable {
    case planned = "voorbereiding"
    case running = "lopend"
    case completed = "afgerond"
    case stopped = "gestopt"
}

/// The themes and capitals of the CBS Monitor Brede Welvaart (regio-deals.md): the eight
/// themes of *hier en nu* and the four capitals of *later*.
public enum WellbeingTheme: String, Vocabulary, Codable {
    case subjectiveWellbeing = "subjectief-welzijn"
    case materialWelfare = "materiele-welvaart"
    case health = "gezondheid"
    case workAndLeisure = "arbeid-en-vrije-tijd"
    case housing = "wonen"
    case society = "samenleving"
    case safety = "veiligheid"
    case environment = "milieu"
    case economicCapital = "economisch-kapitaal"
    case naturalCapital = "natuurlijk-kapitaal"
    case humanCapital = "menselijk-kapitaal"
    case socialCapital = "sociaal-kapitaal"

    public var label: String {
        switch self {
        case .subjectiveWellbeing: "Subjectief welzijn"
        case .materialWelfare: "Materiële welvaart"
        case .health: "Gezondheid"
        case .workAndLeisure: "Arbeid en vrije tijd"
        case .housing: "Wonen"
        case .society: "Samenleving"
        case .safety: "Veiligheid"
        case .environment: "Milieu"
        case .economicCapital: "Economisch kapitaal"
        case .naturalCapital: "Natuurlijk kapitaal"
        case .humanCapital: "Menselijk kapitaal"
        case .socialCapital: "Sociaal kapitaal"
        }
    }

    /// The CBS dimension: `hier-en-nu` for the themes, `later` for the capitals.
    public var dimension: String {
        switch self {
        case .economicCapital, .naturalCapital, .humanCapital, .socialCapital: "later"
        default: "hier-en-nu"
        }
    }
}
