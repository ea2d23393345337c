/// Where an evaluation approach comes from: the essay, or Vliegwiel's elaboration of it.
///
/// The essay names the need for evaluation that fits network governance but says "er is nog
/// altijd weinig instrumentarium ontwikkeld" (§5.1); it names none of the methods that
/// Vliegwiel adds for it. Those carry their own literature, not an essay section.
public enum ApproachOrigin: String, Sendable, Hashable, Encodable, CaseIterable {
    /// The essay names the approach or its ingredients.
    case essay = "essay"
    /// Vliegwiel's elaboration, with its own literature.
    case elaboration = "uitwerking-vliegwiel"

    public var label: String {
        switch self {
        case .essay: "uit het essay"
        case .elaboration: "uitwerking van Vliegwiel, niet uit het essay"
        }
    }
}

/// An evaluation approach and when it fits: "evaluatiesystematiek volgt sturingssystematiek" (§5.1).
public struct EvaluationApproach: Sendable, Hashable, Encodable, Identifiable {
    public var id: String
    public var name: String
    public var perspective: GovernancePerspective
    public var description: String
    public var questions: [String]
    public var evidence: [String]
    public var exAnte: String
    public var exDurante: String
    public var exPost: String
    /// The essay's section for an approach from the essay; for an elaboration, the label
    /// "uitwerking van Vliegwiel, niet uit het essay" and the literature it rests on.
    public var citation: String
    public var origin: ApproachOrigin = .essay

    enum CodingKeys: String, CodingKey {
        case id
        case name = "naam"
        case perspective = "perspectief"
        case description = "omschrijving"
        case questions = "vragen"
        case evidence = "bewijs"
        case exAnte, exDurante, exPost
        case citation = "bron"
        case origin = "herkomst"
    }

    /// The citation of an elaboration: its label and its literature.
    static func elaboration(_ literature: String) -> String {
        "\(ApproachOrigin.elaboration.label): \(literature)"
    }
}

/// Whether an approach fits a profile, and why.
public struct ApproachFit: Sendable, Hashable, Encodable {
    public var approach: EvaluationApproach
    public var fits: Bool
    public var reasons: [String]

    enum CodingKeys: String, CodingKey {
        case approach = "aanpak"
        case fits = "past"
        case reasons = "redenen"
    }
}

/// A kind of indicator the evaluation needs.
public struct IndicatorKind: Sendable, Hashable, Encodable {
    /// `programma` (the arrangement controls it) or `context` (brede welvaart; no arrangement controls it).
    public var kind: String
    public var description: String

    enum CodingKeys: String, CodingKey {
        case kind = "soort"
        case description = "omschrijving"
    }
}

/// A point the evaluation must settle beside its approaches: when to measure, what counts
/// when effects land elsewhere, what the temporal cell asks of the measurement.
public struct EvaluationConsideration: Sendable, Hashable, Encodable, Identifiable {
    public var id: String
    public var title: String
    public var text: String
    public var citation: String

    enum CodingKeys: String, CodingKey {
        case id
        case title = "titel"
        case text = "tekst"
        case citation = "bron"
    }
}

/// The evaluation that fits a profile's governance form (§5.1–5.2).
public struct EvaluationDesign: Sendable, Hashable, Encodable {
    /// Every approach, fitting ones first, each with the reasons it fits or does not.
    public var assessments: [ApproachFit]
    public var questions: [String]
    public var indicatorKinds: [IndicatorKind]
    public var evidence: [String]
    public var exAnte: [String]
    public var exDurante: [String]
    public var exPost: [String]
    /// Timing, spill-over, the temporal cell and design-and-adjust (§3.1, §5.3, §5.4).
    public var considerations: [EvaluationConsideration]

    enum CodingKeys: String, CodingKey {
        case considerations = "aandachtspunten"
        case assessments = "aanpakken"
        case questions = "evaluatievragen"
        case indicatorKinds = "indicatoren"
        case evidence = "bewijs"
        case exAnte, exDurante, exPost
    }

    public var fitting: [EvaluationApproach] { assessments.filter(\.fits).map(\.approach) }
    public var notFitting: [ApproachFit] { assessments.filter { !$0.fits } }

    public init(_ profile: Profile, mix: PerspectiveMix? = nil) {
        let mix = mix ?? PerspectiveMix(profile)
        var fits: [ApproachFit] = []
        for approach in EvaluationApproach.all {
            let (fit, reasons) = Self.assess(approach, profile: profile, mix: mix)
            fits.append(ApproachFit(approach: approach, fits: fit, reasons: reasons))
        }
        assessments = fits.filter(\.fits) + fits.filter { !$0.fits }
        let fitting = fits.filter(\.fits).map(\.approach)
        questions = Self.unique(fitting.flatMap(\.questions))
        evidence = Self.unique(fitting.flatMap(\.evidence))
        exAnte = fitting.map(\.exAnte)
        exDurante = fitting.map(\.exDurante)
        exPost = fitting.map(\.exPost)
        considerations = Self.considerations(for: profile, mix: mix)
        var kinds: [IndicatorKind] = []
        if fitting.contains(where: { $0.perspective == .performing || $0.id == "bijdrage-analyse" }) {
            kinds.append(
                IndicatorKind(
                    kind: "programma",
                    description:
                        "Programma-indicatoren die het arrangement zelf beïnvloedt: output en directe uitkomsten van projecten, met nulmeting, streefwaarde en bron."
                ))
        }
        if fitting.contains(where: { $0.id == "brede-welvaart-context" }) {
            kinds.append(
                IndicatorKind(
                    kind: "context",
                    description:
                        "Contextindicatoren van brede welvaart in de regio (CBS): gevolgd als context van de samenwerking, niet toegerekend als effect van het arrangement."
                ))
        }
        indicatorKinds = kinds
    }

    /// What the evaluation must settle beside its approaches, where the essay says so.
    static func considerations(for profile: Profile, mix: PerspectiveMix) -> [EvaluationConsideration] {
        var result: [EvaluationConsideration] = []
        if ConsequenceCondition.temporaryImpulse.triggers(in: profile, mix: mix) != nil {
            result.append(
                EvaluationConsideration(
                    id: "moment-na-de-impuls", title: "Wanneer evalueren: de impuls, niet het bredere doel",
                    text:
                        "De looptijd gaat over de impuls, niet over het maatschappelijke doel: het essay zegt dat die looptijd „gaat slechts over de looptijd van de impuls die de deal moet bieden, niet over het realiseren van het bredere maatschappelijke doel”. Beoordeel aan het eind van de looptijd wat de impuls deed (de samenwerking, de losgemaakte investeringen, de beweging) en plan een latere meting voor het bredere doel.",
                    citation: "§3.1"))
        }
        if profile.resultOrientation.goal.contains(.contributeTo) {
            result.append(
                EvaluationConsideration(
                    id: "effect-elders", title: "Effecten buiten de regio",
                    text:
                        "Een bijdrage kan elders landen: het essay noemt verpleegkundigen die in de regio zijn opgeleid en zich „vervolgens toch in een andere regio vestigen” en vraagt: „betekent dat dan een falen van de Regio Deal?” Spreek vooraf af hoe zulke uitstraling naar andere regio's meetelt, en volg haar waar dat kan.",
                    citation: "§3.1"))
        }
        let position = TemporalPosition(profile)
        if let cell = position.cell {
            let question =
                switch (cell.instrument, cell.effect) {
                case (.structural, .structural):
                    "Volg of de samenwerking scherp blijft of indut omdat het geld toch wel komt."
                case (.temporary, .structural):
                    "Meet of het effect blijft na afloop, en volg of opeenvolgende tijdelijke interventies tot onrust en vertraging leiden."
                case (.structural, .temporary):
                    "Beoordeel de doelmatigheid van de blijvende inspanning en hoe afhankelijk de partners van het Rijk worden."
                case (.temporary, .temporary):
                    "Meet na afloop of het effect standhoudt of verdampt nu de interventie is geëindigd."
                }
            result.append(
                EvaluationConsideration(
                    id: "temporele-cel", title: "Wat de tijdshorizon vraagt van de meting",
                    text:
                        "Instrument \(cell.instrument.code), beoogd effect \(cell.effect.code). Het risico van deze combinatie is „\(cell.risk.trimmingCharacters(in: ["."]))”. \(question) Het essay vraagt deze afweging expliciet te maken „in de meting en verantwoording van de prestaties”.",
                    citation: "§5.3"))
        } else {
            result.append(
                EvaluationConsideration(
                    id: "temporele-cel", title: "Wat de tijdshorizon vraagt van de meting",
                    text:
                        "De horizon van instrument of effect ligt niet vast. Leg in het evaluatieontwerp vast over welke termijn het effect wordt gemeten: de horizon van het instrument hoeft niet gelijk te zijn aan die van het effect, en het essay vraagt die afweging expliciet te maken „in de meting en verantwoording van de prestaties”.",
                    citation: "§5.3"))
        }
        result.append(
            EvaluationConsideration(
                id: "ontwerpen-en-bijstellen", title: "Ex ante en ex durante: ook ontwerpen en bijstellen",
                text:
                    "Het essay waardeert „ex post in evaluatie, en ex ante en ex durante in het ontwerpen en bijstellen van samenwerkingen”: toets een wijziging van het ontwerp vooraf met wat-als, en volg tijdens de uitvoering waar de praktijk van het ontwerp afwijkt (drift).",
                citation: "§5.4"))
        return result
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }

    private static func assess(
        _ approach: EvaluationApproach, profile: Profile, mix: PerspectiveMix
    ) -> (Bool, [String]) {
        func has(_ id: String, _ codes: String...) -> Bool {
            ProfileDimension.named(id)!.reading(of: profile).codes.contains { codes.contains($0) }
        }
        func band(_ perspective: GovernancePerspective) -> String { mix.band(of: perspective).label }
        let substantial = mix.isSubstantial(approach.perspective)
        let perspectiveReason =
            "het perspectief \(approach.perspective.label.lowercased()) is \(band(approach.perspective)) in de sturing"
        var reasons: [String] = []
        var fits = substantial
        if substantial { reasons.append(perspectiveReason) }

        switch approach.id {
        case "rechtmatigheid":
            if has(
                "resultaatgericht.rijksgeld", "eenmalige-impuls", "programmabudget", "subsidieregeling", "structureel")
            {
                fits = true
                reasons.append("er gaat geld van het Rijk in om, dat rechtmatig moet zijn besteed en verantwoord")
            }
            if has("resultaatgericht.resultaatbegrip", "wettelijke-taken") {
                fits = true
                reasons.append("het resultaat is de uitvoering van wettelijke taken, volgens de wet en onder toezicht")
            }
        case "indicatoren-en-streefwaarden":
            if has("resultaatgericht.doel", "streefwaarden")
                || has("resultaatgericht.resultaatbegrip", "prestatieafspraken")
            {
                fits = true
                reasons.append("er zijn specifieke doelen met streefwaarden of prestatieafspraken, die te meten zijn")
            }
        case "lineaire-toerekening":
            let broad = has("resultaatgericht.doel", "bijdragen-aan", "thematisch")
            let network = mix.isSubstantial(.networking)
            let supporting = has("resultaatgericht.resultaatbegrip", "ondersteunend")
            fits = !broad && !network && !supporting && has("resultaatgericht.doel", "specifiek", "streefwaarden")
            reasons = []
            if broad { reasons.append("het doel is breed ('bijdragen aan'): de bijdrage is vooraf niet te definiëren") }
            if supporting {
                reasons.append(
                    "het programma ondersteunt anderen bij hun eigen doelen: het resultaat hangt af van hoe zij hun voortgang beoordelen (§3.4)"
                )
            }
            if network {
                reasons.append(
                    "netwerksturing is \(band(.networking)) in de sturing: een interventie leidt via deeleffecten en voorwaarden, samen met interventies van anderen, tot resultaat — eerder circulair dan lineair"
                )
            }
            if fits { reasons.append("het doel is specifiek en de sturing is niet in de eerste plaats een netwerk") }
        case "contrafeitische-vergelijking":
            let measurable =
                has("resultaatgericht.doel", "specifiek", "streefwaarden")
                || has("resultaatgericht.resultaatbegrip", "prestatieafspraken")
            let broad = has("resultaatgericht.doel", "bijdragen-aan")
            fits = measurable && !broad
            reasons = []
            if fits {
                reasons.append(
                    "het doel is specifiek en meetbaar: het gezamenlijke effect is te schatten tegen regio's zonder arrangement, zonder toe te rekenen aan één partij"
                )
            } else if broad {
                reasons.append(
                    "het doel is 'bijdragen aan' een beweging: er is geen uitkomstmaat die zich vooraf laat vastleggen (§3.1)"
                )
            } else {
                reasons.append("er is geen specifiek, meetbaar doel om te vergelijken")
            }
        case "veranderingstheorie", "bijdrage-analyse", "brede-welvaart-context":
            if has("resultaatgericht.doel", "bijdragen-aan") {
                fits = true
                reasons.append(
                    "het doel is 'bijdragen aan': de bijdrage moet aannemelijk worden gemaakt, niet toegerekend")
            }
        case "netwerkkwaliteit":
            if has("resultaatgericht.monitoring", "inspectie") {
                fits = true
                reasons.append(
                    "de inspectie toetst ook netwerk en samenwerking, naast operationele prestaties (§3.3)")
            }
            if has("resultaatgericht.resultaatbegrip", "netwerkopbouw") {
                fits = true
                reasons.append("netwerkopbouw is zelf een beoogd resultaat")
            }
            if has("resultaatgericht.resultaatbegrip", "ondersteunend") {
                fits = true
                reasons.append(
                    "het programma ondersteunt en verbindt anderen: de kwaliteit van die ondersteuning is het resultaat"
                )
            }
        case "input-output-outcome":
            if has("resultaatgericht.resultaatbegrip", "publieke-taken") {
                fits = true
                reasons.append(
                    "publieke taken met resultaten die in cijfers tegen de uitgaven te meten zijn (§3.3, vn. 51)")
            }
        case "lerende-evaluatie":
            if has("resultaatgericht.resultaatbegrip", "leren-en-beweging") {
                fits = true
                reasons.append("leren en beweging gelden als resultaat")
            }
        case "outcome-harvesting":
            if has("resultaatgericht.doelbepaling", "partners") && profile.servesSocietalInitiators {
                fits = true
                reasons.append(
                    "de partners, met initiatiefnemers uit de samenleving, bepalen zelf de beoogde resultaten, die vooraf niet vastliggen"
                )
            }
        case "doelmatigheid-zonder-toerekening":
            // §5.2: instruments that "naast doeltreffendheid en doelmatigheid ook oog hebben voor
            // andere waarden"; the Rekenkamer's critique as "een zoektocht naar hoe dan toch
            // doelmatigheid is vast te stellen als netwerkend werken de sturingsvorm is".
            let network = mix.isSubstantial(.networking)
            fits = network
            reasons = []
            if network {
                reasons.append(
                    "netwerksturing is \(band(.networking)) in de sturing: doeltreffendheid en doelmatigheid blijven gevraagd, naast andere waarden, maar worden vastgesteld zonder lineaire toerekening"
                )
            } else {
                reasons.append(
                    "netwerksturing is maar \(band(.networking)) in de sturing: doelmatigheid kan met input, output en outcome worden vastgesteld"
                )
            }
        case "voortzetting-na-financiering":
            // Only after a temporary impulse of the Rijk (§1.4, §3): a structural collaboration
            // without Rijk money, such as a Regionale Uitvoeringsdienst, has no impulse to outlast.
            let impulse = ConsequenceCondition.temporaryImpulse.triggers(in: profile, mix: mix) != nil
            fits = impulse
            reasons = []
            if impulse {
                reasons.append(
                    "een tijdelijke impuls is bedoeld als vliegwiel: de samenwerking moet standhouden als de impuls eindigt"
                )
            } else {
                reasons.append("er is geen tijdelijke impuls van het Rijk die de samenwerking moet overleven")
            }
        default:
            break
        }
        if !fits && reasons.isEmpty { reasons.append(perspectiveReason) }
        return (fits, reasons)
    }
}

extension EvaluationApproach {
    /// The approaches of the four perspectives (framework §3.5; essay §5.1–5.2).
    public static let all: [EvaluationApproach] = [
        EvaluationApproach(
            id: "rechtmatigheid", name: "Rechtmatigheid en naleving", perspective: .lawful,
            description:
                "Toetst of middelen en taken volgens wet- en regelgeving en de gemaakte afspraken zijn besteed en uitgevoerd.",
            questions: ["Zijn de middelen rechtmatig besteed en volgens de regels van het instrument verantwoord?"],
            evidence: [
                "verantwoordingsinformatie: jaarrekening en, bij een specifieke uitkering, SiSa (\(ApproachOrigin.elaboration.label): art. 17a Financiële-verhoudingswet)",
                "toets aan de regels van het instrument",
            ],
            exAnte: "Leg vast welke regels gelden en hoe de besteding wordt verantwoord.",
            exDurante: "Volg besteding en naleving per jaar.",
            exPost: "Stel vast of middelen rechtmatig zijn besteed.", citation: "§5.1, §5.3"),
        EvaluationApproach(
            id: "indicatoren-en-streefwaarden", name: "Indicatoren, nulmeting en streefwaarden",
            perspective: .performing,
            description: "Meet prestaties op vooraf vastgelegde indicatoren tegen een nulmeting en streefwaarden.",
            questions: ["Zijn de afgesproken streefwaarden binnen de looptijd gehaald?"],
            evidence: ["nulmeting", "streefwaarden per periode", "gerealiseerde waarden met bron"],
            exAnte: "Leg indicatoren, nulmeting en streefwaarden per periode vast.",
            exDurante: "Monitor de indicatoren periodiek tegen de streefwaarden.",
            exPost: "Vergelijk de realisatie met de streefwaarden.", citation: "§5.1, §3.2, §3.4"),
        EvaluationApproach(
            id: "input-output-outcome", name: "Input, throughput, output en outcome; doelmatigheid",
            perspective: .performing,
            description:
                "Brengt ingezette middelen, activiteiten, output en outcome met elkaar in verband en vraagt naar doelmatigheid.",
            questions: ["Staan de ingezette middelen in verhouding tot de bereikte output en outcome?"],
            evidence: ["financiële realisatie per programmalijn", "output per project"],
            exAnte: "Beschrijf de keten van middelen naar beoogde outcome.",
            exDurante: "Registreer middelen en output per project en programmalijn.",
            exPost: "Beoordeel doeltreffendheid en doelmatigheid.", citation: "§5.1, §5.2"),
        EvaluationApproach(
            id: "doelmatigheid-zonder-toerekening",
            name: "Doeltreffendheid en doelmatigheid zonder lineaire toerekening",
            perspective: .performing,
            description:
                "Stelt ook bij netwerksturing vast wat de middelen opleverden, zonder een deel van de uitkomst aan één partij toe te rekenen: kosten per gerealiseerde programma-output en de regionale investeringen die de Rijksbijdrage losmaakte.",
            questions: [
                "Wat kostte elke gerealiseerde programma-output (project, voorziening, deelnemer), en staat dat in verhouding tot vergelijkbare aanpakken?",
                "Welke regionale investeringen, publiek en privaat, maakte de bijdrage van het Rijk los (het vliegwiel)?",
            ],
            evidence: [
                "financiële realisatie per programmalijn en project", "gerealiseerde output per project",
                "toezeggingen en realisaties van regionale partners naast die van het Rijk",
            ],
            exAnte:
                "Leg per programmalijn vast welke output wordt beoogd en welke regionale middelen de bijdrage moet losmaken.",
            exDurante: "Registreer kosten, output en regionale toezeggingen en realisaties per project.",
            exPost:
                "Beoordeel kosten per output en het vliegwieleffect, naast het bijdrageverhaal en de andere waarden van de samenwerking.",
            citation: "§5.2, §5.1, §1.1"),
        EvaluationApproach(
            id: "lineaire-toerekening", name: "Lineaire toerekening (interventie A → resultaat B)",
            perspective: .performing,
            description:
                "Veronderstelt een directe, aantoonbare, lineaire relatie tussen een interventie en een resultaat en rekent het resultaat toe.",
            questions: ["Welk deel van het resultaat is toe te rekenen aan de interventie?"],
            evidence: ["een directe keten van interventie naar resultaat, per partij of project toegerekend"],
            exAnte: "Leg per interventie vast welk deel van het resultaat zij moet opleveren.",
            exDurante: "Registreer per interventie de bereikte resultaten.",
            exPost: "Reken het resultaat toe aan de interventies.", citation: "§5.1"),
        EvaluationApproach(
            id: "contrafeitische-vergelijking", name: "Contrafeitische vergelijking met regio's zonder arrangement",
            perspective: .performing,
            description:
                "Schat het gezamenlijke effect op een meetbaar doel door de regio te vergelijken met vergelijkbare regio's zonder het arrangement. Dat is iets anders dan lineaire toerekening: het rekent niets toe aan één partij of project.",
            questions: [
                "Ontwikkelde het doel zich in de regio anders dan in vergelijkbare regio's zonder arrangement?"
            ],
            evidence: [
                "een meetbare uitkomst met nulmeting", "dezelfde uitkomst in vergelijkbare regio's zonder arrangement",
            ],
            exAnte: "Kies de uitkomstmaat en de vergelijkingsregio's voordat het arrangement start.",
            exDurante: "Volg de uitkomst in de regio en in de vergelijkingsregio's, en noteer wat elders gebeurt.",
            exPost: "Schat het verschil en beschrijf wat het gezamenlijke effect kan verklaren.",
            citation: EvaluationApproach.elaboration(
                "Abadie, Diamond en Hainmueller (2010), 'Synthetic control methods for comparative case studies', Journal of the American Statistical Association 105(490); het essay wijst lineaire toerekening af (§5.1), niet een vergelijking met regio's zonder arrangement"
            ), origin: .elaboration),
        EvaluationApproach(
            id: "veranderingstheorie", name: "Veranderingstheorie (theory of change)", perspective: .networking,
            description:
                "Maakt vooraf expliciet via welke deeleffecten en voorwaarden de interventies, samen met die van anderen, moeten bijdragen aan de beoogde uitkomsten.",
            questions: [
                "Via welke deeleffecten en voorwaarden moeten de interventies bijdragen aan de beoogde uitkomsten?"
            ],
            evidence: ["de veranderingstheorie met haar aannames per schakel"],
            exAnte: "Stel met de partners de veranderingstheorie op, met de aannames per schakel.",
            exDurante: "Herijk de veranderingstheorie als de praktijk anders loopt.",
            exPost: "Toets de veranderingstheorie aan wat er is gebeurd.",
            citation: EvaluationApproach.elaboration(
                "Weiss (1995), 'Nothing as practical as good theory'; Funnell en Rogers (2011), Purposeful Program Theory; in antwoord op de A→D→V→B-keten van §5.1"
            ), origin: .elaboration),
        EvaluationApproach(
            id: "bijdrage-analyse", name: "Bijdrage-analyse (contribution analysis, Mayne)", perspective: .networking,
            description:
                "Maakt aannemelijk óf en hoe het arrangement heeft bijgedragen, schakel voor schakel met bewijs en met de andere verklaringen, zonder een percentage toe te rekenen.",
            questions: [
                "Is het aannemelijk dat het arrangement heeft bijgedragen aan de uitkomsten, en via welke schakels?",
                "Welke andere verklaringen zijn er, zoals interventies van derden en contextfactoren?",
            ],
            evidence: ["bewijs per schakel met zijn sterkte", "rivaliserende verklaringen"],
            exAnte: "Bepaal welk bewijs per schakel nodig is.",
            exDurante: "Verzamel bewijs per schakel en noteer rivaliserende verklaringen.",
            exPost: "Schrijf per uitkomst het bijdrageverhaal.",
            citation: EvaluationApproach.elaboration(
                "Mayne (2001), 'Addressing attribution through contribution analysis', Canadian Journal of Program Evaluation 16(1); Mayne (2012), 'Contribution analysis: Coming of age?', Evaluation 18(3)"
            ), origin: .elaboration),
        EvaluationApproach(
            id: "netwerkkwaliteit", name: "Proces- en netwerkkwaliteit", perspective: .networking,
            description:
                "Beoordeelt de kwaliteit van de samenwerking: wie verbonden is, draagvlak, vertrouwen, uitwisseling.",
            questions: ["Welke nieuwe verbindingen tussen partijen zijn ontstaan, en houden die stand?"],
            evidence: ["samenstelling van de partners in de tijd", "interviews met partners"],
            exAnte: "Leg vast hoe de kwaliteit van de samenwerking wordt gevolgd.",
            exDurante: "Volg toe- en uittreden en de kwaliteit van het overleg.",
            exPost: "Beoordeel wat de samenwerking heeft opgeleverd als netwerk.", citation: "§5.1, §4.4"),
        EvaluationApproach(
            id: "lerende-evaluatie", name: "Lerende evaluatie", perspective: .networking,
            description:
                "Maakt leren onderdeel van de uitvoering: lessen worden vastgelegd, gedeeld en leiden tot bijsturing.",
            questions: ["Wat is er geleerd, is dat gedeeld, en tot welke bijsturing heeft het geleid?"],
            evidence: ["leerlog met lessen, besluiten en wijzigingen"],
            exAnte: "Spreek af hoe lessen worden vastgelegd en openbaar gedeeld.",
            exDurante: "Houd een leerlog bij van les naar besluit naar wijziging.",
            exPost: "Beoordeel het leervermogen en wat anderen ervan kunnen leren.", citation: "§5.1, §3.1"),
        EvaluationApproach(
            id: "brede-welvaart-context", name: "Contextmonitoring van brede welvaart, zonder toerekening",
            perspective: .networking,
            description:
                "Volgt de brede welvaart in de regio als context van de samenwerking, gescheiden van de programma-indicatoren en zonder die ontwikkeling toe te rekenen.",
            questions: ["Hoe ontwikkelt de brede welvaart zich in de regio, en in regio's zonder arrangement?"],
            evidence: ["CBS Monitor Brede Welvaart per regio en jaar"],
            exAnte: "Kies de thema's van brede welvaart waarop de opgave betrekking heeft.",
            exDurante: "Volg de regionale cijfers jaarlijks als context.",
            exPost: "Beschrijf de ontwikkeling als context van het bijdrageverhaal, niet als effect.",
            citation: EvaluationApproach.elaboration(
                "CBS, Monitor Brede Welvaart en de regionale Monitor Brede Welvaart; aanleiding: de Algemene Rekenkamer mist hoe brede welvaart zich in regio's met een deal ontwikkelde (§5)"
            ), origin: .elaboration),
        EvaluationApproach(
            id: "outcome-harvesting", name: "Outcome harvesting", perspective: .responsive,
            description:
                "Verzamelt achteraf welke veranderingen zijn opgetreden bij partijen en gaat na hoe het arrangement eraan bijdroeg.",
            questions: [
                "Welke veranderingen zijn opgetreden bij partijen en in de samenleving, en hoe droeg het arrangement eraan bij?"
            ],
            evidence: ["beschreven uitkomsten, gevalideerd bij betrokkenen"],
            exAnte: "Spreek af dat uitkomsten worden verzameld.",
            exDurante: "Verzamel uitkomsten doorlopend bij partners en initiatiefnemers.",
            exPost: "Valideer en analyseer de verzamelde uitkomsten.",
            citation: EvaluationApproach.elaboration(
                "Wilson-Grau en Britt (2012), Outcome Harvesting, Ford Foundation; Wilson-Grau (2019), Outcome Harvesting: Principles, Steps, and Evaluation Applications"
            ), origin: .elaboration),
        EvaluationApproach(
            id: "voortzetting-na-financiering", name: "Voortzetting en autonomie na de financiering",
            perspective: .responsive,
            description:
                "Gaat na of de samenwerking en haar resultaten standhouden als de impuls of de financiering eindigt.",
            questions: ["Houdt de samenwerking stand na de impuls van het Rijk, en op eigen kracht?"],
            evidence: ["samenwerkingen en financiering na afloop"],
            exAnte: "Beschrijf hoe de samenwerking na afloop verder moet.",
            exDurante: "Volg of partners eigen middelen en verantwoordelijkheid overnemen.",
            exPost: "Stel vast of de samenwerking na afloop standhoudt.", citation: "§1.4, §3"),
    ]
}
