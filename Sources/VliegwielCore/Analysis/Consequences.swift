/// A condition on a profile under which a consequence follows.
public indirect enum ConsequenceCondition: Sendable, Hashable {
    /// The dimension is stated and holds at least one of the codes.
    case includesAny(String, [String])
    /// At least this many layers of government take part.
    case layersAtLeast(Int)
    /// The intended term is at least this many years (an open end does not count).
    case termAtLeast(Int)
    /// The given perspective dominates the profile's perspective mix.
    case dominantPerspective(GovernancePerspective)
    /// The perspective is at least substantial (dominant or substantieel, ties included).
    case substantialPerspective(GovernancePerspective)
    /// The dimension holds none of the codes (also when it is not stated): for rules whose
    /// passage excludes a case, such as a supporting programme (§3.4).
    case excludesAll(String, [String])
    /// At least one of the conditions holds.
    case anyOf([ConsequenceCondition])
    /// All of the conditions hold.
    case allOf([ConsequenceCondition])

    /// A temporary instrument that gives an impulse, as deals do (§1.4: "het bieden van een
    /// impuls … tijdelijk van aard (1-8 jaar) … bedoeld als vliegwiel"): the instrument is
    /// temporary and its end is the end of the impulse, or the Rijk's money is a one-off impulse.
    /// Nationale Programma's (ending with the programme) and structural collaborations are not.
    static let temporaryImpulse: ConsequenceCondition = .allOf([
        .includesAny("resultaatgericht.horizonInstrument", ["tijdelijk"]),
        .anyOf([
            .includesAny("resultaatgericht.afronding", ["impuls-eindigt", "innovatie-gesloten"]),
            .includesAny("resultaatgericht.rijksgeld", ["eenmalige-impuls"]),
        ]),
    ])

    /// Money of the Rijk that is tested against requirements or must be accounted for (§4.1–4.3):
    /// not general structural funding, not money through funds.
    static let testedRijkMoney: ConsequenceCondition = .includesAny(
        "resultaatgericht.rijksgeld", ["eenmalige-impuls", "programmabudget", "subsidieregeling"])

    /// The profile features that satisfy the condition, or `nil` when it does not hold.
    func triggers(in profile: Profile, mix: PerspectiveMix) -> [ConsequenceTrigger]? {
        switch self {
        case .includesAny(let id, let codes):
            guard let dimension = ProfileDimension.named(id) else { return nil }
            let reading = dimension.reading(of: profile)
            let matching = reading.entries.filter { codes.contains($0.code) }
            guard !matching.isEmpty else { return nil }
            return [
                ConsequenceTrigger(
                    dimensionID: id, label: dimension.label, codes: matching.map(\.code),
                    description: "\(dimension.label): \(matching.map(\.label).joined(separator: " én "))")
            ]
        case .layersAtLeast(let count):
            let layers = ProfileDimension.all.filter { $0.id.hasPrefix("interbestuurlijk.bestuurslagen.") }
                .filter { $0.reading(of: profile).codes.contains { $0 != LayerPresence.absent.code } }
            guard layers.count >= count else { return nil }
            return [
                ConsequenceTrigger(
                    dimensionID: "interbestuurlijk.bestuurslagen", label: "Deelnemende bestuurslagen",
                    codes: layers.map { String($0.id.split(separator: ".").last!) },
                    description:
                        "Deelnemende bestuurslagen: \(layers.map { $0.label.lowercased() }.joined(separator: ", ")) (\(layers.count))"
                )
            ]
        case .termAtLeast(let years):
            let terms = profile.resultOrientation.term.values.compactMap(\.maximumYears)
            guard let longest = terms.max(), longest >= years else { return nil }
            return [
                ConsequenceTrigger(
                    dimensionID: "resultaatgericht.looptijd", label: "Beoogde looptijd",
                    codes: profile.resultOrientation.term.values.map(\.code),
                    description: "Beoogde looptijd: tot \(longest) jaar")
            ]
        case .dominantPerspective(let perspective):
            guard mix.dominant == [perspective] else { return nil }
            return [
                ConsequenceTrigger(
                    dimensionID: "sturingsperspectief", label: "Dominant sturingsperspectief",
                    codes: [perspective.code],
                    description:
                        "Dominant sturingsperspectief: \(perspective.label.lowercased()) (\(mix.weights.first { $0.perspective == perspective }!.points) punten)"
                )
            ]
        case .substantialPerspective(let perspective):
            guard mix.isSubstantial(perspective) else { return nil }
            let weight = mix.weights.first { $0.perspective == perspective }!
            return [
                ConsequenceTrigger(
                    dimensionID: "sturingsperspectief", label: "Sturingsperspectief", codes: [perspective.code],
                    description:
                        "Sturingsperspectief: \(perspective.label.lowercased()) is \(weight.band.label) (\(weight.points) punten)"
                )
            ]
        case .excludesAll(let id, let codes):
            guard let dimension = ProfileDimension.named(id) else { return nil }
            let held = dimension.codes(in: profile) ?? []
            return held.contains(where: codes.contains) ? nil : []
        case .anyOf(let conditions):
            let satisfied = conditions.compactMap { $0.triggers(in: profile, mix: mix) }
            return satisfied.isEmpty ? nil : satisfied.flatMap { $0 }
        case .allOf(let conditions):
            var triggers: [ConsequenceTrigger] = []
            for condition in conditions {
                guard let satisfied = condition.triggers(in: profile, mix: mix) else { return nil }
                triggers += satisfied
            }
            return triggers
        }
    }
}

/// A profile feature that made a consequence fire: always shown with it.
public struct ConsequenceTrigger: Sendable, Hashable, Encodable {
    public var dimensionID: String
    public var label: String
    public var codes: [String]
    /// "Rol van het Rijk: bovengeschikt én nevengeschikt".
    public var description: String

    enum CodingKeys: String, CodingKey {
        case dimensionID = "dimensie"
        case label
        case codes = "waarden"
        case description = "omschrijving"
    }
}

/// A predictable consequence of design choices, with the passage it rests on.
public struct ConsequenceRule: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    /// All must hold for the rule to fire.
    public var conditions: [ConsequenceCondition]
    /// What follows, in Dutch.
    public var consequence: String
    /// What the designer or evaluator can do about it, in Dutch.
    public var advice: String
    public var citation: String
}

/// A consequence that follows for a profile, with the features that make it follow.
public struct Consequence: Sendable, Hashable, Encodable, Identifiable {
    public var id: String
    public var title: String
    public var consequence: String
    public var advice: String
    public var citation: String
    public var triggers: [ConsequenceTrigger]

    /// "Omdat Rol van het Rijk: bovengeschikt én nevengeschikt; …: <gevolg>".
    public var explanation: String {
        "Vanwege \(triggers.map(\.description).joined(separator: "; ")): \(consequence)"
    }

    enum CodingKeys: String, CodingKey {
        case id
        case title = "titel"
        case consequence = "gevolg"
        case advice = "advies"
        case citation = "bron"
        case triggers = "aanleidingen"
        case explanation = "uitleg"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(consequence, forKey: .consequence)
        try container.encode(advice, forKey: .advice)
        try container.encode(citation, forKey: .citation)
        try container.encode(triggers, forKey: .triggers)
        try container.encode(explanation, forKey: .explanation)
    }
}

extension ConsequenceRule {
    /// The consequences that follow for `profile`, in the rule base's order.
    public static func consequences(for profile: Profile, mix: PerspectiveMix? = nil) -> [Consequence] {
        let mix = mix ?? PerspectiveMix(profile)
        return all.compactMap { rule in
            var triggers: [ConsequenceTrigger] = []
            for condition in rule.conditions {
                guard let satisfied = condition.triggers(in: profile, mix: mix) else { return nil }
                triggers += satisfied.filter { !triggers.contains($0) }
            }
            return Consequence(
                id: rule.id, title: rule.title, consequence: rule.consequence, advice: rule.advice,
                citation: rule.citation, triggers: triggers)
        }
    }

    /// The rule base: the essay's predictable consequences of design choices (framework §3.2).
    public static let all: [ConsequenceRule] = [
        ConsequenceRule(
            id: "veel-partijen-complexiteit", title: "Veel partijen en bestuurslagen maken de samenwerking complexer",
            conditions: [
                .layersAtLeast(3),
                .includesAny("interbestuurlijk.maatschappelijkePartijen.diversiteit", ["breed", "zeer-breed"]),
            ],
            consequence:
                "meer complexiteit en meer afstemming; de samenwerking wordt gezamenlijk gestuurd en de invloed die het Rijk kan hebben wordt kleiner.",
            advice:
                "Maak vooraf afspraken over de gezamenlijke sturing en over wat het Rijk wel en niet kan bepalen; begroot tijd voor afstemming.",
            citation: "§2.4"),
        ConsequenceRule(
            id: "toe-en-uittreden-vertrouwen", title: "Toe- en uittreden vraagt steeds opnieuw om vertrouwen",
            conditions: [.includesAny("samenwerkend.samenstelling", ["vloeiend", "groeiend-netwerk"])],
            consequence:
                "toe- en uittredende partijen maken de samenwerking complexer: verhoudingen moeten zich opnieuw zetten en vertrouwen moet worden opgebouwd.",
            advice:
                "Leg vast hoe nieuwe partijen instappen en hoe verhoudingen opnieuw worden gezet; volg de samenstelling in de tijd.",
            citation: "§4.4"),
        ConsequenceRule(
            id: "brede-doelen-geen-lineaire-toerekening",
            title: "Brede doelen zonder vooraf bepaald succes: lineaire toerekening werkt niet",
            conditions: [
                .includesAny("resultaatgericht.doel", ["bijdragen-aan"]),
                .includesAny(
                    "resultaatgericht.resultaatbegrip",
                    ["leren-en-beweging", "projecten-bijdragend", "innovaties", "netwerkopbouw"]),
            ],
            consequence:
                "wat precies de bijdrage is en wanneer die voldoende is, wordt niet vooraf gedefinieerd; een evaluatie die een directe, lineaire relatie tussen interventie en resultaat zoekt, zal 'bijdrage onduidelijk' rapporteren, zoals de Algemene Rekenkamer in mei 2024 deed.",
            advice:
                "Leg vooraf een veranderingstheorie vast en evalueer met bijdrage-analyse en context-monitoring van brede welvaart in plaats van met toerekening.",
            citation: "§3.1, §5, §5.1"),
        ConsequenceRule(
            id: "dubbele-rol-rijk", title: "Dubbele rollen van het Rijk verwarren partners",
            conditions: [
                .includesAny("samenwerkend.rolRijk", ["bovengeschikt"]),
                .includesAny("samenwerkend.rolRijk", ["nevengeschikt", "ondergeschikt"]),
                .includesAny(
                    "resultaatgericht.rijksgeld",
                    ["eenmalige-impuls", "programmabudget", "subsidieregeling", "structureel", "via-fondsen"]),
            ],
            consequence:
                "het Rijk toetst geld aan eisen (bovenschikking) en is tegelijk partner; zulke dubbele rollen maken de samenwerking voor regionale partners niet altijd duidelijk en zorgen volgens het PBL soms voor verwarring over de verhoudingen.",
            advice:
                "Maak expliciet wanneer het Rijk beoordelaar is en wanneer partner, en wie in welke rol spreekt (bijvoorbeeld beoordelaars naast dealmakers).",
            citation: "§1.2, §4.1"),
        ConsequenceRule(
            id: "netwerksturing-spanning-andere-waarden",
            title: "Netwerksturing staat op spanning met waarden uit andere perspectieven",
            // "per definitie" (§5.3): also where network governance ties with another perspective.
            conditions: [.substantialPerspective(.networking)],
            consequence:
                "als instrument van de samenwerkende overheid staat het per definitie op enige spanning met rechtmatigheid, wettelijke borging en verantwoording van doelmatigheid; die spanning moet in het ontwerp recht worden gedaan.",
            advice:
                "Ontwerp passende vormen van financieringsverantwoording en regel de wettelijke borging; zie de spanningen bij het sturingsperspectief.",
            citation: "§5.3"),
        ConsequenceRule(
            id: "lange-horizon-kennis-en-herijking",
            title: "Een lange horizon vraagt om kennis en periodieke herijking",
            // The essay says this of Nationale Programma's (§2.2, §3.2), which run 11 to 20 years
            // (NP RES and NPG 2019–2030); the "13-30 jaar" of §1.4 is contradicted by its own
            // tables. Longer than any deal (1–8 years, §1.4) is the essay's own boundary.
            conditions: [.termAtLeast(9)],
            consequence:
                "lange-termijndoelen brengen veel onzekerheid mee; daarom wordt veel gebruik gemaakt van wetenschappelijke inzichten en experts, en wordt periodiek bijgehouden of de plannen nog samenhangen met de beoogde resultaten.",
            advice:
                "Organiseer een kennispoule of een vaste plek voor experts en plan momenten waarop plannen tegen resultaten worden herijkt.",
            citation: "§2.2, §3.2"),
        ConsequenceRule(
            id: "leren-vraagt-openbaar-delen", title: "Leren als resultaat vraagt om openbaar delen",
            conditions: [.includesAny("resultaatgericht.resultaatbegrip", ["leren-en-beweging"])],
            consequence:
                "het leereffect is een belangrijk onderdeel van het resultaat; daarvoor moeten de uitkomsten openbaar gemaakt en breder gedeeld kunnen worden, zodat anderen kunnen leren.",
            advice: "Spreek vooraf af dat uitkomsten en leerervaringen openbaar worden gedeeld, en hoe.",
            citation: "§3.1"),
        ConsequenceRule(
            id: "na-de-impuls-de-samenwerking-vasthouden",
            title: "Na een tijdelijke impuls is het vasthouden van de samenwerking de uitdaging",
            // The essay says this of deals, whose term is the term of an impulse (§1.4, §3.1), not
            // of Nationale Programma's or structural collaborations.
            conditions: [.temporaryImpulse],
            consequence:
                "de deal biedt een tijdelijke impuls die nadrukkelijk bedoeld is als vliegwiel: de samenwerking moet zelf standhouden als de impuls eindigt; als de deal afloopt, is de uitdaging de ontstane samenwerkingen vast te houden.",
            advice:
                "Plan vanaf het begin hoe de samenwerking na de impuls doorgaat, en evalueer ex post of zij standhoudt.",
            citation: "§1.4, §3"),
        ConsequenceRule(
            id: "uitvoeringstaken-verantwoording-via-cyclus",
            title: "Uitvoeringstaken worden verantwoord via planning en control of toezicht",
            conditions: [.includesAny("resultaatgericht.resultaatbegrip", ["wettelijke-taken", "publieke-taken"])],
            consequence:
                "bij verbanden met formele uitvoeringstaken loopt de verantwoording via de planning-en-controlcyclus, toezichthouders of een inspectie; de nadruk ligt op de uitvoering van publieke taken.",
            advice:
                "Sluit de evaluatie aan op de jaarverslagen en het toezicht dat er al is; vraag daarnaast naar doelmatigheid.",
            citation: "§3.3, §3.4"),
        ConsequenceRule(
            id: "netwerkopbouw-weinig-criteria", title: "Voor netwerkopbouw bestaan weinig beoordelingscriteria",
            conditions: [.includesAny("resultaatgericht.resultaatbegrip", ["netwerkopbouw"])],
            consequence:
                "als het doel ook netwerkopbouw en het verbinden van partijen is, bestaan daarvoor weinig specifieke beoordelingscriteria.",
            advice:
                "Ontwikkel vooraf met de partners criteria voor de kwaliteit van het netwerk (wie is verbonden, wat wordt uitgewisseld) en volg die.",
            citation: "§3.3"),
        ConsequenceRule(
            id: "ondersteunend-programma-eigen-voortgang",
            title: "Een ondersteunend programma hangt af van hoe de ondersteunden hun voortgang beoordelen",
            conditions: [
                .anyOf([
                    .includesAny("resultaatgericht.resultaatbegrip", ["ondersteunend"]),
                    .includesAny("resultaatgericht.aanpak", ["ondersteunend"]),
                ])
            ],
            consequence:
                "het programma pakt de opgave niet zelf aan maar ondersteunt de gemeenten, provincies en regio's bij het behalen van hun doelen; het resultaat is afhankelijk van hoe zij hun eigen voortgang beoordelen, en kan niet concreet worden getoetst aan nagekomen prestatieafspraken.",
            advice:
                "Evalueer wat de ondersteuning de partijen opleverde (kaders, kennis, weggenomen belemmeringen) en neem hun eigen voortgangsbeoordeling op, in plaats van hen aan vooraf vastgelegde prestaties te houden.",
            citation: "§3.4, §3.2"),
        ConsequenceRule(
            id: "rijksafspraken-top-down",
            title: "Door het Rijk vastgelegde afspraken maken de opdracht top-down",
            // The lesser learning effect follows from agreements the Rijk sets ("Woondeals kennen
            // hierdoor een ander resultaatbegrip", §3.1), not from mandatory participation: a
            // Veiligheidsregio acts "binnen de kaders van de wet autonoom" (§4.3).
            conditions: [
                .includesAny("resultaatgericht.doelbepaling", ["rijk"]),
                .includesAny("resultaatgericht.doel", ["streefwaarden"]),
            ],
            consequence:
                "het gaat om een concrete top-down opdracht vanuit doelstellingen van het Rijk, met afspraken waarop bestuurders kunnen worden aangesproken; het resultaat is meetbaar gemaakt en het leereffect speelt een minder grote rol.",
            advice:
                "Concretiseer de opdracht in overleg naar wat haalbaar is voor de deelnemers, maak de afspraken toetsbaar en spreek expliciet af wat er wél geleerd en gedeeld wordt.",
            citation: "§3.1, §4.1, §4.4"),
        ConsequenceRule(
            id: "specifieke-doelen-meetbaar", title: "Specifieke doelen maken resultaten meetbaar",
            conditions: [
                .anyOf([
                    .includesAny("resultaatgericht.doel", ["streefwaarden"]),
                    .includesAny("resultaatgericht.resultaatbegrip", ["prestatieafspraken"]),
                ])
            ],
            consequence:
                "het resultaat is meetbaar gemaakt; bij de resultaatmeting kan concreet getoetst worden of prestatieafspraken zijn nagekomen.",
            advice: "Leg nulmeting, streefwaarden per periode en de bron van elke indicator vooraf vast.",
            citation: "§3.1, §3.4"),
        ConsequenceRule(
            id: "dealmaker-verbindt", title: "Een dealmaker verbindt partijen en neemt knelpunten weg",
            conditions: [.includesAny("samenwerkend.dealmaker", ["ja"])],
            consequence:
                "dealmakers verbinden partijen, stimuleren kennisuitwisseling en weten de weg in Den Haag, zodat knelpunten in beleid of regelgeving kunnen worden weggenomen.",
            advice:
                "Maak de rol van de dealmaker naast die van de beoordelaars van het Rijk expliciet voor alle partners.",
            citation: "§4.1"),
        ConsequenceRule(
            id: "specifieke-doelen-ontwerp-vooraf",
            title: "Specifieke doelen vragen een groot ontwerpproces vooraf en een meerjarige monitor",
            // Said of Nationale Programma's "in tegenstellingen tot deals" (§3.4); the NP RES, which
            // supports the regions instead of setting the results, is the essay's exception.
            conditions: [
                .includesAny("resultaatgericht.doel", ["specifiek", "streefwaarden"]),
                .includesAny("resultaatgericht.afronding", ["programma-einde"]),
                .excludesAll("resultaatgericht.resultaatbegrip", ["ondersteunend"]),
            ],
            consequence:
                "specifiek beschreven doelen vragen een groot denk- en ontwerpproces vooraf, waarin vaak het Rijk bepaalt wat als resultaat telt; dat werkt door in resultaatbegrip en resultaatmeting: er wordt gerapporteerd met een meerjarige monitor of een index.",
            advice:
                "Begroot tijd voor het ontwerp vooraf, leg vast wie de resultaatdefinities bepaalt en richt de monitor of index in vóór de start (nulmeting, indicatoren, wie meet).",
            citation: "§3.4"),
        ConsequenceRule(
            id: "resultaatverantwoordelijk-rijk-geen-nevenschikking",
            title: "Een Rijk dat resultaatverantwoordelijke is, is geen gelijkwaardige partner",
            conditions: [
                .includesAny("resultaatgericht.resultaatverantwoordelijke", ["rijk"]),
                .anyOf([
                    .includesAny("samenwerkend.rolRijk", ["nevengeschikt"]),
                    .includesAny("samenwerkend.voorzetsel", ["met-gelijkwaardig"]),
                ]),
            ],
            consequence:
                "als het Rijk middelen toekent en resultaatverantwoordelijke is, is er volgens de ROB geen gelijkwaardig partnerschap; samenwerken in de uitvoering heeft dan vooral een bovengeschikte betekenis, en het Rijk werkt eerder vóór dan mét de regio.",
            advice:
                "Benoem wie voor welk resultaat verantwoordelijk is, en presenteer de samenwerking niet als gelijkwaardig als het Rijk op het resultaat wordt aangesproken.",
            citation: "§1.2, §4.2"),
        ConsequenceRule(
            id: "voor-de-regio-bevoogdend", title: "Een gunst van het Rijk kan bevoogdend worden",
            conditions: [.includesAny("samenwerkend.voorzetsel", ["voor-bevoogdend"])],
            consequence:
                "werkt het Rijk bevoogdend vóór de regio, dan kan zijn (financiële) gunst een legitimatie worden om meer zeggenschap te nemen en besluiten te nemen waarvan het Rijk vindt dat die het beste zijn voor de regio; het voorzetsel bepaalt de sturingsrol van het Rijk en hoe naar zijn verantwoordelijkheid wordt gekeken.",
            advice:
                "Maak expliciet welke besluiten het Rijk zich voorbehoudt en waarom, en ga na of de rol van het Rijk en de doelbepaling dat ook laten zien.",
            citation: "§1.2"),
        ConsequenceRule(
            id: "met-de-regio-regio-trekt",
            title: "Als de regio trekt, verhoudt het Rijk zich tot de regionale dynamiek",
            conditions: [.includesAny("samenwerkend.voorzetsel", ["met-regio-trekt"])],
            consequence:
                "als ‘met’ betekent dat het Rijk met de regio mag meedoen, is de regio trekker en moet het Rijk zich verhouden tot de dynamiek in de regio.",
            advice:
                "Laat het initiatief voor voorstellen echt bij de regio liggen en laat de rol van het Rijk meebewegen met de regionale agenda.",
            citation: "§1.2"),
        ConsequenceRule(
            id: "gelijkwaardig-bedoeld-niet-zo-ervaren",
            title: "Gelijkwaardig bedoeld, maar het Rijk is ook bovengeschikt",
            // Said of the Regio Deals (§1.2); for the national programmes §4.2 describes their own mix.
            conditions: [
                .temporaryImpulse,
                .includesAny("samenwerkend.voorzetsel", ["met-gelijkwaardig"]),
                .includesAny("samenwerkend.rolRijk", ["bovengeschikt"]),
            ],
            consequence:
                "wie de relatie als een gelijkwaardig ‘met’ presenteert terwijl het Rijk ook bovengeschikt is, krijgt partners die de samenwerking niet alleen als gelijkwaardig ervaren; volgens het PBL kan er door de ingebouwde hiërarchie tussen bestuurslagen ook geen gelijkwaardige relatie zijn.",
            advice:
                "Kies een voorzetsel dat bij de rollen past, of benoem de bovengeschikte momenten (toetsing, het laatste woord) openlijk naast het partnerschap.",
            citation: "§1.2"),
        ConsequenceRule(
            id: "ondergeschikt-rijk-bepaalt-doelen",
            title: "Ontwerpcontrole: een ondergeschikt Rijk legt geen doelen op",
            conditions: [
                .includesAny("samenwerkend.rolRijk", ["ondergeschikt"]),
                .includesAny("resultaatgericht.doelbepaling", ["rijk"]),
            ],
            consequence:
                "het profiel spreekt zichzelf tegen: volgens het essay blijkt een ondergeschikte rol van het Rijk juist uit een resultaatbegrip zonder opgelegde prestatieafspraken, met gezamenlijk gedefinieerde resultaten; bepaalt het Rijk de doelen, dan is de rol op dat punt niet ondergeschikt (interpretatie).",
            advice:
                "Herzie de codering of het ontwerp: laat de doelen gezamenlijk of door de partners bepalen, of benoem de rol van het Rijk als bovengeschikt.",
            citation: "§4.1"),
        ConsequenceRule(
            id: "veel-themas-brede-coalitie", title: "Een gebied met veel thema's leidt tot een brede coalitie",
            conditions: [.temporaryImpulse, .includesAny("resultaatgericht.aardOpgave", ["gebiedsgericht"])],
            consequence:
                "staat een gebied centraal en komen er veel verschillende thema's aan bod, dan leidt dat tot samenwerking tussen een breed aantal partijen die zich in de ambities herkennen, zoals in de Regio Deal Zuid- en Oost-Drenthe.",
            advice:
                "Reken op een brede coalitie en de afstemming die daarbij hoort; is de kring van partijen smal, ga dan na of alle thema's gedragen worden.",
            citation: "§1.1, §2.1"),
        ConsequenceRule(
            id: "innovatie-kennisinstellingen-als-partner", title: "Innovatie brengt kennisinstellingen aan tafel",
            conditions: [
                .temporaryImpulse,
                .anyOf([
                    .includesAny("resultaatgericht.resultaatbegrip", ["innovaties"]),
                    .includesAny("resultaatgericht.afronding", ["innovatie-gesloten"]),
                ]),
            ],
            consequence:
                "waar een deal om innovatie draait, zijn kennisinstellingen regelmatig medeondertekenaar en samenwerkingspartner, en is hun betrokkenheid hoog.",
            advice:
                "Betrek kennisinstellingen als partner of ondertekenaar; doen zij niet mee, ga dan na of er een partij ontbreekt.",
            citation: "§2.1"),
        ConsequenceRule(
            id: "nieuwe-samenstelling-rijk-faciliteert", title: "Een nieuwe samenstelling vraagt een faciliterend Rijk",
            conditions: [.temporaryImpulse],
            consequence:
                "deals brengen vaak partijen samen die elkaar wel kennen, maar niet in deze samenstelling, met dit thema en deze doelstellingen; het Rijk is daarom veelal betrokken om de samenwerking te stimuleren, kennis te delen of te faciliteren.",
            advice:
                "Leg vast wat het Rijk faciliteert, en plan dat die rol kleiner kan worden als de regio het gesprek zelf voert.",
            citation: "§2.1"),
        ConsequenceRule(
            id: "omelet-geen-toerekening-per-financier",
            title: "Bij meerdere financiers is een bijdrage niet apart toe te rekenen",
            // The omelet (§5.1): several suppliers, each with a supervisor who wants its own egg's
            // share shown; not for public or statutory tasks, whose spending is measured in figures.
            conditions: [
                .includesAny("resultaatgericht.cofinanciering", ["regio-en-rijk", "meerpartijen"]),
                .testedRijkMoney,
                .includesAny(
                    "resultaatgericht.resultaatbegrip",
                    [
                        "projecten-bijdragend", "leren-en-beweging", "innovaties", "netwerkopbouw", "ondersteunend",
                        "prestatieafspraken",
                    ]),
            ],
            consequence:
                "financieren meerdere partijen mee en moet het geld van het Rijk verantwoord worden, dan wil elke financier zijn eigen bijdrage aantonen; dat gaat niet, omdat het resultaat uit samenhangende interventies voortkomt — niet doordat er slecht gewerkt is, maar door de aard van deze samenwerking.",
            advice:
                "Spreek vooraf met alle financiers af dat over het gezamenlijke resultaat wordt verantwoord, en vraag per financier verantwoording over besteding en rechtmatigheid.",
            citation: "§5.1"),
        ConsequenceRule(
            id: "tijdelijke-impuls-te-kort-te-klein",
            title: "Op een tijdelijke impuls volgt de kritiek ‘te kort en te klein’",
            // The critique is of Regio Deals (§5.4): a temporary impulse for an area with a lasting aim.
            conditions: [
                .temporaryImpulse,
                .includesAny("resultaatgericht.horizonEffect", ["structureel"]),
                .includesAny("resultaatgericht.rijksgeld", ["eenmalige-impuls"]),
                .includesAny("resultaatgericht.aardOpgave", ["gebiedsgericht"]),
            ],
            consequence:
                "een tijdelijke, eenmalige bijdrage met een blijvend beoogd effect krijgt de kritiek dat de samenwerking wel waardevol is, maar van te korte duur en te geringe omvang voor blijvend effect; het essay noemt de eis dat instrument en effect dezelfde horizon hebben een analogie-redenering, en zegt dat permanent maken niet per se tot meer structurele verandering leidt.",
            advice:
                "Maak in ontwerp en verantwoording expliciet hoe de tijdelijke impuls tot blijvend effect moet leiden; een structurele opvolger bouwt voort op de successen van de deal in plaats van haar te vervangen.",
            citation: "§5.3, §5.4"),
        ConsequenceRule(
            id: "structurele-zelfsturing-rijk-minimaal", title: "Bij decentrale zelfsturing stuurt het Rijk minimaal",
            conditions: [
                .includesAny("resultaatgericht.horizonInstrument", ["structureel"]),
                .anyOf([
                    .includesAny("interbestuurlijk.bestuurslagen.rijk", ["afwezig"]),
                    .includesAny("resultaatgericht.doelbepaling", ["partners"]),
                ]),
            ],
            consequence:
                "in een zelfsturend structureel verband is sturing vanuit het Rijk minimaal: financiële bijdragen of meedenken met plannen; het Rijk heeft geen verankerde positie in het verband.",
            advice:
                "Verwacht van het Rijk geen sturing op resultaat en evalueer via de eigen verantwoording van het verband; wie meer invloed van het Rijk wil, kiest een ander instrument.",
            citation: "§2.3, §4.3"),
        ConsequenceRule(
            id: "impuls-niet-afrekenen-op-breed-doel",
            title: "De looptijd van een deal is die van de impuls, niet die van het doel",
            conditions: [.temporaryImpulse, .includesAny("resultaatgericht.doel", ["bijdragen-aan", "thematisch"])],
            consequence:
                "de looptijd van de deal gaat slechts over de impuls die de deal moet bieden, niet over het realiseren van het bredere maatschappelijke doel; aan het eind van de looptijd hoeft dat doel dus nog niet bereikt te zijn (interpretatie).",
            advice:
                "Toets eerst of het instrument past bij het doel in de beoogde looptijd; beoordeel bij afloop de impuls en volg het brede doel daarna verder, in plaats van de deal erop af te rekenen.",
            citation: "§1.3, §3.1"),
        ConsequenceRule(
            id: "regio-zelf-afgebakend", title: "De regio bakent zichzelf af",
            conditions: [.temporaryImpulse, .includesAny("samenwerkend.initiatiefVoorstel", ["regio"])],
            consequence:
                "regionale partners bepalen zelf wat onder de regio wordt verstaan en welke opgaven centraal staan; er zijn dus geen vaste grenzen tussen regio's, en actoren kunnen in meerdere deals meedoen.",
            advice:
                "Leg per deal vast welk gebied en welke partijen erbij horen, en houd bij monitoring en bij het vergelijken van regio's rekening met overlap tussen deals.",
            citation: "§1.1"),
        ConsequenceRule(
            id: "geen-projectplan-vooraf", title: "Gezamenlijk bepaalde doelen passen niet in een projectplan vooraf",
            conditions: [
                .temporaryImpulse,
                .includesAny(
                    "resultaatgericht.doelbepaling", ["partners", "gezamenlijk", "partners-goedkeuring-rijk"]),
            ],
            consequence:
                "omdat het Rijk de doelen niet alleen kan bepalen, is de weg naar de maatschappelijke verandering vooraf niet nauwkeurig uitgestippeld; een projectplan met doorlooptijden en uit te voeren acties past dan niet.",
            advice:
                "Vraag geen vooraf uitgestippeld projectplan, maar spreek af hoe de partners samen bepalen wat kan bijdragen, en evalueer op die keuzes.",
            citation: "§3.1"),
        ConsequenceRule(
            id: "rijksgeld-getoetst-bovengeschikt",
            title: "Getoetst geld van het Rijk maakt het Rijk (ook) bovengeschikt",
            conditions: [.testedRijkMoney],
            consequence:
                "stelt het Rijk middelen ter beschikking die aan eisen worden getoetst of verantwoord moeten worden, dan neemt het daarmee een bovengeschikte rol aan, ook als het verder partner is.",
            advice:
                "Benoem die toetsende rol naast de partnerrol, en leg vast aan welke eisen wordt getoetst en welke verantwoording wordt gevraagd.",
            citation: "§4.1, §4.2, §4.3"),
        ConsequenceRule(
            id: "doelmatigheid-alsnog-vaststellen", title: "Doelmatigheid vraagt hier ander instrumentarium",
            conditions: [
                .testedRijkMoney,
                .includesAny(
                    "resultaatgericht.resultaatbegrip",
                    ["projecten-bijdragend", "leren-en-beweging", "innovaties", "netwerkopbouw", "ondersteunend"]),
            ],
            consequence:
                "bij netwerkend werken met geld van het Rijk is doelmatigheid met de bekende instrumenten van New Public Management maar beperkt vast te stellen; er is ander instrumentarium nodig om haar alsnog vast te stellen — naast doeltreffendheid en andere waarden, niet in plaats daarvan.",
            advice:
                "Laat doelmatigheid niet uit het evaluatieontwerp vallen: neem een aanpak op die haar vaststelt zonder lineaire toerekening (zie het evaluatieontwerp).",
            citation: "§5.2"),
        ConsequenceRule(
            id: "doorwerking-buiten-de-deal", title: "Wat een deal oplevert, kan buiten de deal neerslaan",
            conditions: [
                .temporaryImpulse,
                .includesAny("resultaatgericht.resultaatbegrip", ["innovaties", "leren-en-beweging"]),
            ],
            consequence:
                "lessen en innovaties uit een deal kunnen doorwerken buiten de deal: in landelijk beleid (zoals bij Foodvalley) of via navolging elders; het essay vraagt ook of effecten die in een andere regio terechtkomen een falen van de deal zijn.",
            advice:
                "Neem doorwerking in beleid van het Rijk en navolging elders op in de evaluatie, en meet effecten niet alleen binnen de regiogrenzen.",
            citation: "§3.1, §4"),
        ConsequenceRule(
            id: "rijksbijdrage-als-vliegwiel", title: "De bijdrage van het Rijk is een vliegwiel voor de regio",
            conditions: [
                .includesAny("resultaatgericht.rijksgeld", ["eenmalige-impuls"]),
                .includesAny("resultaatgericht.cofinanciering", ["regio-en-rijk", "meerpartijen"]),
            ],
            consequence:
                "de financiële bijdrage van het Rijk is vooral bedoeld als vliegwiel voor investeringen vanuit de regio zelf; uiteindelijk moet de bijdrage grotendeels overbodig worden.",
            advice:
                "Volg de regionale investeringen die de bijdrage losmaakt, en wat er na de bijdrage overeind blijft.",
            citation: "§1.1, §1.4"),
    ]
}

/// A consequence of changing a design choice rather than of a profile as it is: it follows
/// when a what-if moves an arrangement from one kind of instrument to another.
public struct ConsequenceTransition: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    /// All must hold for the profile before the change.
    public var before: [ConsequenceCondition]
    /// All must hold for the profile after the change.
    public var after: [ConsequenceCondition]
    public var consequence: String
    public var advice: String
    public var citation: String

    /// The transitions that follow from changing `before` into `after`.
    public static func consequences(from before: Profile, to after: Profile) -> [Consequence] {
        let (mixBefore, mixAfter) = (PerspectiveMix(before), PerspectiveMix(after))
        return all.compactMap { transition in
            var triggers: [ConsequenceTrigger] = []
            for condition in transition.before {
                guard let satisfied = condition.triggers(in: before, mix: mixBefore) else { return nil }
                triggers += satisfied.map { $0.prefixed("Nu") }
            }
            for condition in transition.after {
                guard let satisfied = condition.triggers(in: after, mix: mixAfter) else { return nil }
                triggers += satisfied.map { $0.prefixed("Na de wijziging") }
            }
            return Consequence(
                id: transition.id, title: transition.title, consequence: transition.consequence,
                advice: transition.advice, citation: transition.citation, triggers: triggers)
        }
    }

    /// The essay's consequences of a change of instrument.
    public static let all: [ConsequenceTransition] = [
        ConsequenceTransition(
            id: "structurele-investeringsagenda-ander-instrument",
            title: "Een deal structureel maken is een ander instrument",
            // §5.4 is about turning Regio Deals into structural investment agendas: a change from
            // a temporary impulse to a structural instrument, not a state of a structural
            // collaboration such as a Metropoolregio.
            before: [.temporaryImpulse],
            after: [.includesAny("resultaatgericht.horizonInstrument", ["structureel"])],
            consequence:
                "een structurele vorm is daadwerkelijk een heel ander instrument: in structurele samenwerkingen heeft het Rijk doorgaans een relatief kleine rol. Zonder 'verdiend vertrouwen' dreigt een run op de gelden door samenwerkingsverbanden die nog in opbouw zijn, en het meten en attribueren van effecten blijft even lastig als bij de deal.",
            advice:
                "Vervang de tijdelijke vorm niet maar laat beide elkaar versterken: laat samenwerkingen eerst in een deal bewijzen dat zij werken en laat de structurele agenda voortbouwen op die successen.",
            citation: "§5.4")
    ]
}

extension ConsequenceTrigger {
    /// The trigger with its description prefixed, for a consequence of a change ("Nu: …").
    func prefixed(_ moment: String) -> ConsequenceTrigger {
        var trigger = self
        trigger.description = "\(moment): \(description)"
        return trigger
    }
}
