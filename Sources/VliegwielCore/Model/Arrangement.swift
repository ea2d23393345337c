/// A family of arrangements (essay §1.4).
public enum Family: String, Vocabulary {
    case deal = "deal"
    case nationalProgramme = "nationaal-programma"
    case structuralCollaboration = "structurele-samenwerking"
    case other = "overig"

    public var label: String {
        switch self {
        case .deal: "Deal"
        case .nationalProgramme: "Nationaal Programma"
        case .structuralCollaboration: "Structurele samenwerking"
        case .other: "Overig"
        }
    }
}

/// Whether an arrangement is a reference variant of the essay or a real instance.
public enum ArrangementKind: String, Vocabulary {
    case reference = "referentie"
    case practice = "praktijk"

    public var label: String {
        switch self {
        case .reference: "Referentievariant (essay)"
        case .practice: "Praktijk"
        }
    }
}

/// A source an arrangement's facts come from.
public struct SourceReference: Sendable, Hashable {
    public var title: String
    /// Section, page or address within the source.
    public var locator: String

    public init(title: String, locator: String) {
        self.title = title
        self.locator = locator
    }
}

/// An arrangement of interbestuurlijk resultaatgericht samenwerken: a reference variant
/// (a Regio Deal as the essay describes it) or a real one ("Regio Deal Foodvalley").
public struct Arrangement: Sendable, Hashable, Identifiable {
    /// A stable slug: lowercase letters and digits joined by single hyphens.
    public var id: String
    public var name: String
    public var family: Family
    public var kind: ArrangementKind
    /// The id of the reference variant this arrangement belongs to (its own id for a reference).
    public var variantID: String
    public var summary: String?
    public var sources: [SourceReference]
    public var profile: Profile

    public init(
        id: String, name: String, family: Family, kind: ArrangementKind, variantID: String,
        summary: String? = nil, sources: [SourceReference], profile: Profile
    ) {
        self.id = id
        self.name = name
        self.family = family
        self.kind = kind
        self.variantID = variantID
        self.summary = summary
        self.sources = sources
        self.profile = profile
    }
}

/// The ids of the essay's fourteen reference variants, in the essay's order.
public enum ReferenceVariant {
    public static let ids = [
        "regio-deal", "city-deal", "town-deal", "woondeal", "green-deal",
        "nplv", "np-res", "nprz", "npg",
        "metropoolregio", "veiligheidsregio", "onderwijsregio", "regionale-uitvoeringsdienst",
        "arbeidsmarktregio",
    ]
}
