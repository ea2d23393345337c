// The fixed vocabularies of the profile's dimensions (framework §2; essay §2–§4).
// Raw values are the Dutch codes used in files, the API and the interface; see
// docs/catalogusformaat.md for the table and docs/glossary.md for the terms.

/// Whether and how a layer of government takes part (essay §2.1–2.3, column
/// "deelnemende bestuurslagen"). Ordered from absent to leading.
public enum LayerPresence: String, Vocabulary, Comparable {
    case absent = "afwezig"
    case sometimes = "soms"
    case present = "aanwezig"
    case leading = "leidend"

    public var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// How many ministries take part on behalf of the Rijk (§2.1 "verschillende ministeries").
public enum MinistryCount: String, Vocabulary {
    case none = "geen"
    case one = "een"
    case several = "meerdere"
}

/// Diversity of the societal parties (§2.1–2.3, column "maatschappelijke partijen").
public enum PartyDiversity: String, Vocabulary {
    case none = "geen"
    case limited = "beperkt"
    case broad = "breed"
    case veryBroad = "zeer-breed"
}

/// Whether the societal parties are mainly public, private or mixed.
public enum SectorEmphasis: String, Vocabulary {
    case publicSector = "publiek"
    case mixed = "gemengd"
    case privateSector = "privaat"
}

/// Whether residents (inwoners) take part.
public enum ResidentInvolvement: String, Vocabulary {
    case involved = "betrokken"
    case notInvolved = "niet-betrokken"
}

/// The role of science and knowledge institutions (§2.1–2.3, column
/// "wetenschap en kennisinstellingen"). Ordered from none to contract party.
public enum KnowledgeRole: String, Vocabulary {
    case none = "geen"
    case knowledgeInput = "kennisinbreng"
    case boardSeat = "zetel-in-bestuur"
    case contractParty = "contractpartij"
}

/// The wording of the goal (§3.1–3.3, column "bewoording van het doel"), from
/// broad "bijdragen aan" to specific with targets (§3.4).
public enum GoalWording: String, Vocabulary {
    case contributeTo = "bijdragen-aan"
    case thematic = "thematisch"
    case specific = "specifiek"
    case targets = "streefwaarden"
}

/// How the arrangement ends (§3.1–3.3, column "beoogde looptijd en afronding").
public enum Completion: String, Vocabulary {
    case impulseEnds = "impuls-eindigt"
    case innovationClosed = "innovatie-gesloten"
    case targetsByDate = "doelen-op-datum"
    case programmeEnd = "programma-einde"
    case none = "geen"
}

/// Temporary or structural: of the instrument, and of the intended effect (§5.3).
public enum Horizon: String, Vocabulary {
    case temporary = "tijdelijk"
    case structural = "structureel"
}

/// The Rijk's money (§3.1–3.3, column "financiën").
public enum RijkFunding: String, Vocabulary {
    case none = "geen"
    case viaFunds = "via-fondsen"
    case oneOffImpulse = "eenmalige-impuls"
    case programmeBudget = "programmabudget"
    case subsidyScheme = "subsidieregeling"
    case structural = "structureel"
}

/// Who cofinances (§3.1–3.3, column "financiën").
public enum Cofinancing: String, Vocabulary {
    case none = "geen"
    case regionAndRijk = "regio-en-rijk"
    case multiParty = "meerpartijen"
}

/// What counts as a result (§3.1–3.3, column "resultaatbegrip").
public enum ResultConcept: String, Vocabulary {
    case learningAndMovement = "leren-en-beweging"
    case innovations = "innovaties"
    case contributingProjects = "projecten-bijdragend"
    case performanceAgreements = "prestatieafspraken"
    /// Tasks laid down in law, such as a Veiligheidsregio's (§4.3, vn. 73).
    case statutoryTasks = "wettelijke-taken"
    /// The execution of public tasks, statutory or not: "ligt de nadruk op de uitvoering van
    /// publieke taken" (§3.4), e.g. a Metropoolregio's infrastructure projects (§3.3, vn. 51).
    case publicTasks = "publieke-taken"
    case networkBuilding = "netwerkopbouw"
    /// A programme that supports others in reaching their own goals: "of juist de verschillende
    /// gemeenten en provincies ondersteunt bij het behalen van doelen" (§3.4), as the NP RES.
    case supporting = "ondersteunend"

    public var label: String {
        switch self {
        case .statutoryTasks: "wettelijke taken"
        case .publicTasks: "publieke taken"
        case .supporting: "ondersteunen en faciliteren van anderen"
        default: rawValue.replacingOccurrences(of: "-", with: " ")
        }
    }
}

/// Who sets the intended results (§3.1: "door de betrokken partijen zelf, soms wel in
/// samenspraak met het Rijk of na goedkeuring door het Rijk").
public enum TargetSetter: String, Vocabulary {
    case rijk = "rijk"
    case joint = "gezamenlijk"
    case partners = "partners"
    case partnersWithRijkApproval = "partners-goedkeuring-rijk"
    case law = "wet"
}

/// How results are monitored (§3.1–3.3).
public enum Monitoring: String, Vocabulary {
    case selfMonitoring = "zelf"
    case programme = "programma"
    case externalParty = "externe-partij"
    case inspectorate = "inspectie"
    case planningAndControl = "planning-en-control"
    case index = "index"
    /// The source says the results are monitored but not by whom (§3.1, vn. 39: "De relatie
    /// tussen de Rijksbijdrage en de resultaten wordt gemonitord").
    case monitoredByUnstated = "gemonitord"

    public var label: String {
        switch self {
        case .monitoredByUnstated: "gemonitord, door wie niet vermeld"
        default: rawValue.replacingOccurrences(of: "-", with: " ")
        }
    }
}

/// Whether results are shared publicly (§3.1).
public enum Publicity: String, Vocabulary {
    case shared = "openbaar"
    case notShared = "niet-openbaar"
}

/// The composition of the parties over time (§4.1–4.3, column "samenstelling partijen").
public enum Composition: String, Vocabulary {
    case fixed = "vast"
    case baseWithNewcomers = "basis-met-nieuwkomers"
    case fluid = "vloeiend"
    case growingNetwork = "groeiend-netwerk"
}

/// Who takes the initiative (§4.1–4.3, column "initiatiefnemer").
public enum Initiator: String, Vocabulary {
    case rijk = "rijk"
    case region = "regio"
    case cities = "steden"
    case municipalities = "gemeenten"
    case decentralAndPrivate = "decentraal-en-privaat"
    case umbrellaBodies = "koepels"
    case law = "wet"
}

/// The Rijk's role (§1.3, §4.1–4.3, column "rol rijk").
public enum RijkRole: String, Vocabulary {
    case superior = "bovengeschikt"
    case coordinate = "nevengeschikt"
    case subordinate = "ondergeschikt"
    case frameworkSetting = "kaderstellend"
}

/// Yes or no.
public enum YesNo: String, Vocabulary {
    case yes = "ja"
    case no = "nee"
}

// MARK: - The essay's lenses that the first profile lacked (issue 12, review §9)

/// The preposition of the relation between Rijk and regio (§1.2, "voorzetselgevoeligheid"):
/// the Rijk works *met* the regio — as equals, somewhat superior, or joining a regio that
/// leads — or *voor* the regio — without asking anything back, patronising, or caring.
public enum Preposition: String, Vocabulary {
    case withAsEquals = "met-gelijkwaardig"
    case withAsSuperior = "met-bovengeschikt"
    case withRegionLeading = "met-regio-trekt"
    case forWithoutObligation = "voor-vrijblijvend"
    case forPatronising = "voor-bevoogdend"
    case forCaring = "voor-zorgzaam"

    public var label: String {
        switch self {
        case .withAsEquals: "met de regio, als gelijkwaardige partners"
        case .withAsSuperior: "met de regio, met een enigszins bovengeschikt Rijk"
        case .withRegionLeading: "met de regio, die trekt; het Rijk doet mee"
        case .forWithoutObligation: "voor de regio, vrijblijvend"
        case .forPatronising: "voor de regio, bevoogdend"
        case .forCaring: "voor de regio, zorgzaam"
        }
    }
}

/// Who is responsible for the result (§1.2: the ROB's "Het Rijk … is resultaatverantwoordelijke";
/// §4.2, §4.3), a fact apart from the Rijk's role in the collaboration.
public enum ResultResponsibility: String, Vocabulary {
    case rijk = "rijk"
    case joint = "gezamenlijk"
    case decentralPartners = "decentrale-partners"
    case collaborationBody = "samenwerkingsverband"
    /// The Rijk for the system, the executing bodies for the tasks (§4.3, vn. 77).
    case rijkForTheSystem = "rijk-stelsel"

    public var label: String {
        switch self {
        case .rijk: "het Rijk"
        case .joint: "Rijk en partners samen"
        case .decentralPartners: "de decentrale partners"
        case .collaborationBody: "het samenwerkingsverband zelf"
        case .rijkForTheSystem: "het Rijk voor het stelsel, de uitvoerders voor de taken"
        }
    }
}

/// The organisation and legal basis of the collaboration (§1.4, §2.2, §3.3, §4.3).
public enum OrganisationForm: String, Vocabulary {
    case covenant = "convenant"
    case administrativeAgreements = "bestuurlijke-afspraken"
    case programmeOrganisation = "programmaorganisatie"
    case jointArrangement = "gemeenschappelijke-regeling"
    case statutoryBasis = "wettelijke-grondslag"
    case network = "netwerk"

    public var label: String {
        switch self {
        case .covenant: "convenant"
        case .administrativeAgreements: "bestuurlijke afspraken"
        case .programmeOrganisation: "programmaorganisatie"
        case .jointArrangement: "gemeenschappelijke regeling"
        case .statutoryBasis: "wettelijke grondslag"
        case .network: "netwerk zonder vaste organisatie"
        }
    }
}

/// The nature of the opgave (§1.1): a theme, an area, or a large societal task beyond areas.
public enum TaskNature: String, Vocabulary {
    case thematic = "thematisch"
    case areaBased = "gebiedsgericht"
    case beyondAreas = "gebiedsoverstijgend"

    public var label: String {
        switch self {
        case .thematic: "een thema staat centraal"
        case .areaBased: "een gebied staat centraal"
        case .beyondAreas: "een grote maatschappelijke opgave die gebieden overstijgt"
        }
    }
}

/// The approach (§3.4): "Het maakt verschil of … het programma een resultaatgerichte aanpak heeft
/// of een lerende aanpak … of juist de verschillende gemeenten en provincies ondersteunt", and
/// for structural collaborations the execution of public tasks or the building of a network.
public enum Approach: String, Vocabulary {
    case resultDriven = "resultaatgericht"
    case learning = "lerend"
    case supporting = "ondersteunend"
    case taskExecution = "taakuitvoerend"
    case networkBuilding = "netwerkopbouwend"

    public var label: String {
        switch self {
        case .resultDriven: "resultaatgerichte aanpak"
        case .learning: "lerende aanpak"
        case .supporting: "ondersteunende aanpak"
        case .taskExecution: "uitvoering van publieke taken"
        case .networkBuilding: "netwerkopbouw en verbinding"
        }
    }
}

/// The reason a lens reads as not stated in a profile recorded before the lens existed.
public enum Lens {
    public static let notYetCoded =
        "Niet gecodeerd: deze lens uit het essay bestond nog niet in Vliegwiel toen dit profiel werd vastgelegd; een ontwerpkeuze om expliciet te maken."
}
