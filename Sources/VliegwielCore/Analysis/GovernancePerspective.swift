/// The four perspectives on government steering of the NSOB model (essay §5.1).
public enum GovernancePerspective: String, Vocabulary {
    /// Traditional public administration: laws and rules.
    case lawful = "rechtmatige-overheid"
    /// New public management: performance indicators and efficiency.
    case performing = "presterende-overheid"
    /// Network governance: working in networks with shared interests.
    case networking = "netwerkende-overheid"
    /// Societal resilience: supporting initiatives from society.
    case responsive = "responsieve-overheid"

    public var label: String {
        switch self {
        case .lawful: "Rechtmatige overheid"
        case .performing: "Presterende overheid"
        case .networking: "Netwerkende overheid"
        case .responsive: "Responsieve overheid"
        }
    }

    /// The name the essay uses (§5.1).
    public var essayName: String {
        switch self {
        case .lawful: "traditional public administration"
        case .performing: "new public management"
        case .networking: "network governance"
        case .responsive: "societal resilience"
        }
    }

    /// The values at the centre of the perspective, in the essay's words (§5.1).
    public var values: [String] {
        switch self {
        case .lawful: ["rechtmatigheid", "rechtsgelijkheid", "rechtszekerheid"]
        case .performing: ["doeltreffendheid", "doelmatigheid"]
        case .networking: ["draagvlak", "legitimiteit"]
        case .responsive: ["autonomie"]
        }
    }
}

/// How strongly a perspective shows in a profile: an ordinal band, because the essay
/// characterises mixes ("een delicate mix van sturing van boven en beweging van onderop", §5.1)
/// but gives nothing that supports a two-digit percentage (docs/analyse.md).
public enum PerspectiveBand: String, Vocabulary, Comparable {
    /// The perspective with the most points (more than one when they tie).
    case dominant = "dominant"
    /// Not the largest, but at least a fifth of the points: it calls for its own evaluation.
    case substantial = "substantieel"
    /// Some features push toward it, less than a fifth of the points.
    case limited = "beperkt"
    /// No coded feature pushes toward it.
    case absent = "afwezig"

    public var label: String { rawValue }

    /// The share of the points from which a perspective is at least substantial. An even
    /// share of four would be a quarter; below a fifth a perspective is a minor note.
    public static let substantialShare = 0.2

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! > allCases.firstIndex(of: rhs)!
    }
}

/// One profile feature's push toward a perspective, with why.
public struct PerspectiveContribution: Sendable, Hashable, Encodable {
    public var perspective: GovernancePerspective
    public var dimensionID: String
    public var code: String
    /// 3: the essay names the feature as defining the perspective; 2: a strong sign of it;
    /// 1: a supporting sign. A value the source gives as an exception ("in sommige gevallen")
    /// counts for half, rounded down. Only the ratios matter: the weights are normalized.
    public var points: Int
    public var reason: String
    public var citation: String

    enum CodingKeys: String, CodingKey {
        case perspective = "perspectief"
        case dimensionID = "dimensie"
        case code = "waarde"
        case points = "punten"
        case reason = "reden"
        case citation = "bron"
    }
}

/// A tension between the dominant perspective and the values of another, which the
/// design must answer (§5.3).
public struct PerspectiveTension: Sendable, Hashable, Encodable {
    /// Why the tension is there.
    public enum Basis: String, Sendable, Hashable, Encodable {
        /// Every intergovernmental result-oriented collaboration is an instrument of network
        /// governance and so "per definitie op enige mate van spanning staan met waarden uit
        /// andere perspectieven" (§5.3).
        case byDefinition = "per-definitie"
        /// The profile's own dominant perspective meets the values of another.
        case dominant = "dominant-perspectief"
    }

    /// The perspective whose steering meets the other's values.
    public var from: GovernancePerspective
    public var with: GovernancePerspective
    public var basis: Basis
    public var values: [String]
    public var question: String
    public var citation: String

    enum CodingKeys: String, CodingKey {
        case from = "vanuit"
        case basis = "grond"
        case with = "met"
        case values = "waarden"
        case question = "ontwerpvraag"
        case citation = "bron"
    }
}

/// The mix of governance perspectives a profile expresses: weights summing to 1, each
/// explained feature by feature. Perspectives stack and mix rather than exclude each other (§5.1).
public struct PerspectiveMix: Sendable, Hashable, Encodable {
    public struct Weight: Sendable, Hashable, Encodable {
        public var perspective: GovernancePerspective
        /// The share of the points: used to place the band, not presented as a measurement.
        public var weight: Double
        public var band: PerspectiveBand
        public var points: Int
        public var contributions: [PerspectiveContribution]

        enum CodingKeys: String, CodingKey {
            case perspective = "perspectief"
            case band
            case weight = "gewicht"
            case points = "punten"
            case contributions = "bijdragen"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(perspective, forKey: .perspective)
            try container.encode(band.code, forKey: .band)
            try container.encode(rounded(weight), forKey: .weight)
            try container.encode(points, forKey: .points)
            try container.encode(contributions, forKey: .contributions)
        }
    }

    /// All four perspectives, in the essay's order.
    public var weights: [Weight]
    /// The perspective(s) with the most points; empty when no coded feature gives any.
    public var dominant: [GovernancePerspective]
    public var tensions: [PerspectiveTension]

    enum CodingKeys: String, CodingKey {
        case weights = "gewichten"
        case dominant = "dominant"
        case tensions = "spanningen"
    }

    public func weight(of perspective: GovernancePerspective) -> Double {
        weights.first { $0.perspective == perspective }!.weight
    }

    public func band(of perspective: GovernancePerspective) -> PerspectiveBand {
        weights.first { $0.perspective == perspective }!.band
    }

    /// Whether the perspective is dominant or substantial: a part of the mix that is
    /// evaluated on its own terms.
    public func isSubstantial(_ perspective: GovernancePerspective) -> Bool {
        band(of: perspective) >= .substantial
    }

    public init(_ profile: Profile) {
        let contributions = PerspectiveRules.contributions(for: profile)
        let total = contributions.map(\.points).reduce(0, +)
        let byPerspective = Dictionary(grouping: contributions, by: \.perspective)
        let pointsOf = byPerspective.mapValues { $0.map(\.points).reduce(0, +) }
        let maximum = pointsOf.values.max() ?? 0
        weights = GovernancePerspective.allCases.map { perspective in
            let own = byPerspective[perspective] ?? []
            let points = pointsOf[perspective] ?? 0
            // Without any stated feature there is nothing to weigh: the four count equally.
            let weight = total == 0 ? 0.25 : Double(points) / Double(total)
            let band: PerspectiveBand =
                points == 0
                ? .absent
                : points == maximum ? .dominant : weight >= PerspectiveBand.substantialShare ? .substantial : .limited
            return Weight(perspective: perspective, weight: weight, band: band, points: points, contributions: own)
        }
        dominant = weights.filter { $0.band == .dominant }.map(\.perspective)
        tensions = PerspectiveRules.tensions(dominant: dominant)
    }
}

extension GovernancePerspective: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The documented table behind the weights: which feature pushes toward which perspective,
/// by how much and why. See docs/analyse.md.
enum PerspectiveRules {
    /// For whom the Rijk's supporting or following role works: societal resilience is about
    /// "initiatiefnemers uit bedrijfsleven, maatschappelijk middenveld en de brede samenleving"
    /// (§5.1), not about co-governments such as the gemeenten of a Metropoolregio.
    private enum Scope {
        /// Always.
        case always
        /// Only when the arrangement serves societal initiators (``Profile/servesSocietalInitiators``).
        case societalInitiators
        /// Only when it does not: the Rijk then follows or supports co-governments.
        case coGovernments

        func holds(for profile: Profile) -> Bool {
            switch self {
            case .always: true
            case .societalInitiators: profile.servesSocietalInitiators
            case .coGovernments: !profile.servesSocietalInitiators
            }
        }
    }

    private struct Rule {
        var perspective: GovernancePerspective
        var dimensionID: String
        var code: String
        var points: Int
        var reason: String
        var citation: String
        var scope: Scope = .always
    }

    private static let rules: [Rule] = [
        // Rechtmatige overheid: "wetten en regels en waarden van rechtmatigheid" (§5.1).
        Rule(
            perspective: .lawful, dimensionID: "resultaatgericht.resultaatbegrip", code: "wettelijke-taken", points: 3,
            reason: "resultaat is het uitvoeren van wettelijke taken", citation: "§5.1, §3.3"),
        Rule(
            perspective: .lawful, dimensionID: "resultaatgericht.resultaatbegrip", code: "publieke-taken", points: 1,
            reason: "resultaat is de uitvoering van publieke taken door een formeel verband, verantwoord via toezicht",
            citation: "§3.3, §3.4"),
        Rule(
            perspective: .lawful, dimensionID: "resultaatgericht.doelbepaling", code: "wet", points: 2,
            reason: "de wet bepaalt de doelen", citation: "§5.1"),
        Rule(
            perspective: .lawful, dimensionID: "samenwerkend.initiatiefInstrument", code: "wet", points: 2,
            reason: "het verband komt voort uit wet- en regelgeving", citation: "§2.3, §4.3"),
        Rule(
            perspective: .lawful, dimensionID: "samenwerkend.rolRijk", code: "kaderstellend", points: 2,
            reason: "het Rijk stelt de wettelijke kaders waarbinnen partijen autonoom handelen", citation: "§4.3"),
        Rule(
            perspective: .lawful, dimensionID: "resultaatgericht.monitoring", code: "inspectie", points: 1,
            reason: "een inspectie toetst de taakuitvoering", citation: "§3.3"),
        Rule(
            perspective: .lawful, dimensionID: "samenwerkend.deelnameVerplicht", code: "ja", points: 1,
            reason: "deelname is verplicht", citation: "§4.1"),
        // Rules and hierarchy also where the Rijk tests proposals against its requirements and
        // has "het laatste woord" (§4.1, vn. 62), and where conditions come with its money: the
        // perspectives stack (§5.1), and §5.3 names "wettelijke borging" as the tension.
        Rule(
            perspective: .lawful, dimensionID: "samenwerkend.rolRijk", code: "bovengeschikt", points: 1,
            reason: "het Rijk toetst voorstellen aan eisen en heeft het laatste woord", citation: "§4.1"),
        Rule(
            perspective: .lawful, dimensionID: "resultaatgericht.doelbepaling", code: "partners-goedkeuring-rijk",
            points: 1, reason: "de doelen gelden pas na goedkeuring door het Rijk", citation: "§3.1, §4.1"),
        Rule(
            perspective: .lawful, dimensionID: "resultaatgericht.rijksgeld", code: "eenmalige-impuls", points: 1,
            reason: "het geld van het Rijk wordt aan eisen getoetst en moet rechtmatig worden besteed en verantwoord",
            citation: "§4.1"),
        Rule(
            perspective: .lawful, dimensionID: "resultaatgericht.rijksgeld", code: "programmabudget", points: 1,
            reason: "investeringen vanuit het Rijk moeten rechtmatig worden besteed en verantwoord", citation: "§4.2"),
        Rule(
            perspective: .lawful, dimensionID: "resultaatgericht.rijksgeld", code: "subsidieregeling", points: 1,
            reason: "subsidie wordt verleend onder voorwaarden en moet rechtmatig worden verantwoord",
            citation: "§3.3, §4.2"),

        // Presterende overheid: "prestatie-indicatoren … input en output tegen elkaar af te zetten" (§5.1).
        Rule(
            perspective: .performing, dimensionID: "resultaatgericht.doel", code: "streefwaarden", points: 3,
            reason: "het doel is vastgelegd in streefwaarden", citation: "§5.1, §3.4"),
        Rule(
            perspective: .performing, dimensionID: "resultaatgericht.resultaatbegrip", code: "prestatieafspraken",
            points: 3, reason: "resultaat is het nakomen van prestatieafspraken", citation: "§5.1, §3.4"),
        Rule(
            perspective: .performing, dimensionID: "resultaatgericht.resultaatbegrip", code: "publieke-taken",
            points: 2,
            reason:
                "resultaat is de uitvoering van publieke taken, waarvan uitgaven en resultaten in cijfers te meten zijn",
            citation: "§3.3, §3.4, §5.1"),
        Rule(
            perspective: .performing, dimensionID: "resultaatgericht.doel", code: "specifiek", points: 2,
            reason: "het doel is specifiek geformuleerd", citation: "§3.4"),
        Rule(
            perspective: .performing, dimensionID: "resultaatgericht.doelbepaling", code: "rijk", points: 2,
            reason: "het Rijk bepaalt vooraf wat een goed resultaat is", citation: "§3.4"),
        Rule(
            perspective: .performing, dimensionID: "samenwerkend.rolRijk", code: "bovengeschikt", points: 1,
            reason: "het Rijk toetst en beoordeelt als bovengeschikte partij", citation: "§4.1"),
        Rule(
            perspective: .performing, dimensionID: "resultaatgericht.resultaatbegrip", code: "projecten-bijdragend",
            points: 1, reason: "resultaat wordt gezocht in projecten, die te tellen zijn", citation: "§3.1, §5"),
        Rule(
            perspective: .performing, dimensionID: "resultaatgericht.monitoring", code: "planning-en-control",
            points: 1, reason: "verantwoording via de planning-en-controlcyclus", citation: "§3.3"),
        Rule(
            perspective: .performing, dimensionID: "resultaatgericht.monitoring", code: "index", points: 1,
            reason: "voortgang wordt gemeten met een index of meerjarige monitor", citation: "§3.4"),
        Rule(
            perspective: .performing, dimensionID: "resultaatgericht.monitoring", code: "externe-partij", points: 1,
            reason: "een externe partij monitort de resultaten", citation: "§3.2"),
        Rule(
            perspective: .performing, dimensionID: "resultaatgericht.monitoring", code: "gemonitord", points: 1,
            reason: "de resultaten worden gemonitord", citation: "§5.1, §3.1"),
        Rule(
            perspective: .performing, dimensionID: "resultaatgericht.rijksgeld", code: "programmabudget", points: 1,
            reason: "een programmabudget van het Rijk moet worden verantwoord", citation: "§4.2"),
        Rule(
            perspective: .performing, dimensionID: "resultaatgericht.rijksgeld", code: "subsidieregeling", points: 1,
            reason: "subsidie van het Rijk moet worden verantwoord", citation: "§3.3, §4.2"),

        // Netwerkende overheid: "in netwerken samen te werken … Draagvlak en legitimiteit" (§5.1).
        Rule(
            perspective: .networking, dimensionID: "samenwerkend.rolRijk", code: "nevengeschikt", points: 2,
            reason: "het Rijk werkt als gelijkwaardige partner naast de regio", citation: "§4.1, §5.1"),
        Rule(
            perspective: .networking, dimensionID: "resultaatgericht.doel", code: "bijdragen-aan", points: 2,
            reason: "het doel is 'bijdragen aan' een beweging, niet vooraf gedefinieerd", citation: "§3.1"),
        Rule(
            perspective: .networking, dimensionID: "resultaatgericht.doel", code: "thematisch", points: 1,
            reason: "het doel is breed, rond thema's", citation: "§3.4"),
        Rule(
            perspective: .networking, dimensionID: "resultaatgericht.resultaatbegrip", code: "leren-en-beweging",
            points: 2, reason: "leren en beweging gelden als resultaat", citation: "§3.1, §5.1"),
        Rule(
            perspective: .networking, dimensionID: "resultaatgericht.resultaatbegrip", code: "netwerkopbouw",
            points: 2, reason: "het opbouwen van een netwerk is het resultaat", citation: "§3.3"),
        Rule(
            perspective: .networking, dimensionID: "resultaatgericht.resultaatbegrip", code: "ondersteunend",
            points: 2,
            reason: "het programma ondersteunt medeoverheden bij hun eigen doelen; zij beoordelen hun eigen voortgang",
            citation: "§3.4"),
        Rule(
            perspective: .networking, dimensionID: "resultaatgericht.doelbepaling", code: "gezamenlijk", points: 2,
            reason: "de doelen worden gezamenlijk bepaald", citation: "§3.1"),
        Rule(
            perspective: .networking, dimensionID: "resultaatgericht.doelbepaling", code: "partners-goedkeuring-rijk",
            points: 1, reason: "de partners bepalen de doelen, het Rijk keurt goed", citation: "§3.1"),
        Rule(
            perspective: .networking, dimensionID: "samenwerkend.dealmaker", code: "ja", points: 2,
            reason: "een dealmaker van het Rijk verbindt partijen", citation: "§4.1"),
        Rule(
            perspective: .networking, dimensionID: "interbestuurlijk.maatschappelijkePartijen.diversiteit",
            code: "zeer-breed", points: 2, reason: "een zeer brede kring maatschappelijke partijen", citation: "§2.4"),
        Rule(
            perspective: .networking, dimensionID: "interbestuurlijk.maatschappelijkePartijen.diversiteit",
            code: "breed", points: 1, reason: "een brede kring maatschappelijke partijen", citation: "§2.4"),
        Rule(
            perspective: .networking, dimensionID: "resultaatgericht.cofinanciering", code: "regio-en-rijk", points: 1,
            reason: "Rijk en regio financieren samen", citation: "§1.1"),
        Rule(
            perspective: .networking, dimensionID: "resultaatgericht.cofinanciering", code: "meerpartijen", points: 1,
            reason: "meerdere partijen financieren samen", citation: "§1.1, §3.1"),
        Rule(
            perspective: .networking, dimensionID: "samenwerkend.samenstelling", code: "basis-met-nieuwkomers",
            points: 1, reason: "nieuwe partijen sluiten aan bij een basis", citation: "§4.1"),
        Rule(
            perspective: .networking, dimensionID: "samenwerkend.samenstelling", code: "groeiend-netwerk", points: 1,
            reason: "het netwerk groeit", citation: "§4.3"),
        Rule(
            perspective: .networking, dimensionID: "samenwerkend.samenstelling", code: "vloeiend", points: 1,
            reason: "partijen treden toe en uit", citation: "§4.4"),

        // Responsieve overheid: "initiatiefnemers uit bedrijfsleven, maatschappelijk middenveld en de
        // brede samenleving ondersteunen … autonomie" (§5.1). A Rijk that follows or supports
        // co-governments is not that: those features count toward the network instead.
        Rule(
            perspective: .responsive, dimensionID: "samenwerkend.rolRijk", code: "ondergeschikt", points: 2,
            reason: "het Rijk is ondersteunend en dienend aan initiatiefnemers uit de samenleving",
            citation: "§4.1, §5.1", scope: .societalInitiators),
        Rule(
            perspective: .networking, dimensionID: "samenwerkend.rolRijk", code: "ondergeschikt", points: 1,
            reason:
                "het Rijk is ondersteunend aan medeoverheden, als partner in hun netwerk; dat is geen ondersteuning van initiatiefnemers uit de samenleving",
            citation: "§4.1, §4.3, §5.1", scope: .coGovernments),
        Rule(
            perspective: .responsive, dimensionID: "samenwerkend.initiatiefVoorstel", code: "decentraal-en-privaat",
            points: 2, reason: "het initiatief komt van decentrale en private partijen", citation: "§4.1, §5.1"),
        Rule(
            perspective: .responsive, dimensionID: "samenwerkend.initiatiefVoorstel", code: "regio", points: 1,
            reason: "het initiatief voor het voorstel komt uit de regio, met initiatiefnemers uit de samenleving",
            citation: "§4.1, §5.1", scope: .societalInitiators),
        Rule(
            perspective: .responsive, dimensionID: "samenwerkend.initiatiefVoorstel", code: "gemeenten", points: 1,
            reason: "het initiatief komt van gemeenten, met initiatiefnemers uit de samenleving",
            citation: "§4.3, §5.1", scope: .societalInitiators),
        Rule(
            perspective: .responsive, dimensionID: "samenwerkend.initiatiefVoorstel", code: "steden", points: 1,
            reason: "het initiatief komt van de steden, met initiatiefnemers uit de samenleving",
            citation: "§4.1, §5.1", scope: .societalInitiators),
        Rule(
            perspective: .networking, dimensionID: "samenwerkend.initiatiefVoorstel", code: "regio", points: 1,
            reason: "het voorstel komt van onderop, van medeoverheden in de regio ('beweging van onderop')",
            citation: "§4.1, §5.1", scope: .coGovernments),
        Rule(
            perspective: .networking, dimensionID: "samenwerkend.initiatiefVoorstel", code: "gemeenten", points: 1,
            reason: "het initiatief komt van onderop, van gemeenten", citation: "§4.3, §5.1", scope: .coGovernments),
        Rule(
            perspective: .networking, dimensionID: "samenwerkend.initiatiefVoorstel", code: "steden", points: 1,
            reason: "het initiatief komt van onderop, van de steden", citation: "§4.1, §5.1", scope: .coGovernments),
        Rule(
            perspective: .responsive, dimensionID: "resultaatgericht.doelbepaling", code: "partners", points: 2,
            reason: "de partners, met initiatiefnemers uit de samenleving, bepalen zelf welke resultaten zij nastreven",
            citation: "§3.1, §5.1", scope: .societalInitiators),
        Rule(
            perspective: .networking, dimensionID: "resultaatgericht.doelbepaling", code: "partners", points: 1,
            reason: "medeoverheden bepalen in hun samenwerkingsverband zelf de doelen (decentrale zelfsturing)",
            citation: "§2.3, §3.3, §4.3", scope: .coGovernments),
        Rule(
            perspective: .responsive, dimensionID: "resultaatgericht.monitoring", code: "zelf", points: 1,
            reason: "de partijen, met initiatiefnemers uit de samenleving, monitoren en evalueren zelf",
            citation: "§3.1, §5.1", scope: .societalInitiators),
        Rule(
            perspective: .responsive, dimensionID: "interbestuurlijk.maatschappelijkePartijen.inwoners",
            code: "betrokken", points: 1, reason: "inwoners doen mee", citation: "§2.2, §5.1"),
    ]

    /// The features of `profile` that push toward a perspective. A dimension counts once per
    /// perspective however many values it holds: of its values that push toward the same
    /// perspective only the strongest counts (the essay's "zowel … als …" describes one choice,
    /// not several). A value given as an exception counts for half, rounded down.
    static func contributions(for profile: Profile) -> [PerspectiveContribution] {
        var strongest: [String: (order: Int, contribution: PerspectiveContribution)] = [:]
        for (order, rule) in rules.enumerated() where rule.scope.holds(for: profile) {
            guard let dimension = ProfileDimension.named(rule.dimensionID),
                let entry = dimension.reading(of: profile).entries.first(where: { $0.code == rule.code })
            else { continue }
            var contribution = PerspectiveContribution(
                perspective: rule.perspective, dimensionID: rule.dimensionID, code: rule.code, points: rule.points,
                reason: rule.reason, citation: rule.citation)
            if entry.isException {
                contribution.points = rule.points / 2
                contribution.reason +=
                    " (een uitzondering, niet de regel: telt voor de helft van \(rule.points), naar beneden afgerond)"
            }
            let key = "\(rule.perspective.rawValue) \(rule.dimensionID)"
            if let kept = strongest[key], kept.contribution.points >= contribution.points { continue }
            strongest[key] = (strongest[key]?.order ?? order, contribution)
        }
        var result = strongest.values.sorted { $0.order < $1.order }.map(\.contribution)
        // Many layers of government working together is itself network governance (§2.4, §5.1).
        let layers = profile.participatingLayerCount
        if layers >= 3 {
            result.append(
                PerspectiveContribution(
                    perspective: .networking, dimensionID: "interbestuurlijk.bestuurslagen", code: "\(layers)-lagen",
                    points: 1, reason: "\(layers) bestuurslagen werken samen", citation: "§2.4"))
        }
        return result
    }

    /// The tensions a profile's design must answer (§5.3): those of network governance with
    /// the values of traditional public administration and new public management, which every
    /// intergovernmental result-oriented collaboration has "per definitie" — "passende vormen
    /// van financieringsverantwoording" and "wettelijke borging en de uitwerking van wetten en
    /// regels" — and, where one perspective dominates the profile, its tensions with the others.
    static func tensions(dominant: [GovernancePerspective]) -> [PerspectiveTension] {
        var result = [GovernancePerspective.lawful, .performing].map { other in
            PerspectiveTension(
                from: .networking, with: other, basis: .byDefinition, values: other.values,
                question: question(.networking, other), citation: "§5.3")
        }
        if dominant.count == 1 {
            for other in GovernancePerspective.allCases where other != dominant[0] {
                guard !result.contains(where: { $0.from == dominant[0] && $0.with == other }) else { continue }
                result.append(
                    PerspectiveTension(
                        from: dominant[0], with: other, basis: .dominant, values: other.values,
                        question: question(dominant[0], other), citation: "§5.1, §5.3"))
            }
        }
        return result
    }

    private static func question(_ dominant: GovernancePerspective, _ other: GovernancePerspective) -> String {
        switch (dominant, other) {
        case (.networking, .lawful):
            "Hoe zijn wettelijke borging en de uitwerking van wetten en regels geregeld, nu de samenwerking vanuit het netwerk wordt gestuurd?"
        case (.networking, .performing):
            "Welke passende vorm van financieringsverantwoording laat doeltreffendheid en doelmatigheid zien zonder een lineaire toerekening te veinzen?"
        case (.networking, .responsive):
            "Laat de mix van sturing van boven en beweging van onderop de partners genoeg autonomie om zelf publieke waarde te maken?"
        case (.performing, .networking):
            "Laten vooraf vastgelegde prestaties genoeg ruimte voor draagvlak en voor gezamenlijk zoeken naar wat werkt?"
        case (.performing, .lawful):
            "Zijn de prestatieafspraken rechtmatig verankerd en gelijk voor alle partners?"
        case (.performing, .responsive):
            "Verdringen de streefwaarden het eigen initiatief en de autonomie van partners?"
        case (.lawful, .performing):
            "Wordt naast rechtmatigheid ook zichtbaar of de taken doeltreffend en doelmatig worden uitgevoerd?"
        case (.lawful, .networking):
            "Is er binnen de wettelijke kaders ruimte voor samenwerking met partners die niet in de wet zijn genoemd?"
        case (.lawful, .responsive):
            "Laten de kaders ruimte voor initiatieven van onderop?"
        case (.responsive, .lawful):
            "Hoe blijven rechtsgelijkheid en rechtszekerheid gewaarborgd als initiatiefnemers zelf de koers bepalen?"
        case (.responsive, .performing):
            "Hoe wordt verantwoord wat het geld oplevert als de partners zelf doelen en aanpak kiezen?"
        case (.responsive, .networking):
            "Hoe blijven de losse initiatieven verbonden tot een gedeelde aanpak met draagvlak?"
        default:
            "Hoe weegt het ontwerp de waarden van beide perspectieven?"
        }
    }
}

extension Profile {
    /// Whether the arrangement serves initiators from society — business, civil society or
    /// citizens — as societal resilience does (§5.1): the proposal comes from decentral and
    /// private parties, residents take part, or the societal parties are mainly private.
    public var servesSocietalInitiators: Bool {
        collaboration.proposalInitiative.contains(.decentralAndPrivate)
            || intergovernmental.residents.contains(.involved)
            || intergovernmental.sectorEmphasis.contains(.privateSector)
    }

    /// How many of the four layers of government take part (sometimes, present or leading).
    public var participatingLayerCount: Int {
        [
            intergovernmental.rijk, intergovernmental.province, intergovernmental.municipality,
            intergovernmental.waterBoard,
        ]
        .filter { $0.values.contains { $0 != .absent } }.count
    }
}
