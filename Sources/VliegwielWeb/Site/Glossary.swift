/// A term of the glossary on `/begrippen` (issue 16 item 7). Its raw value is the anchor, so a
/// page links a term with `SiteURL.glossary(.term)` and never writes `#…` by hand.
public enum GlossaryTerm: String, CaseIterable, Sendable {
    // The essay's words.
    case interbestuurlijk
    case resultaatgericht
    case samenwerkend
    case variant
    case familie
    case voorzetselgevoeligheid
    case sturingsperspectief
    case rechtmatigeOverheid = "rechtmatige-overheid"
    case presterendeOverheid = "presterende-overheid"
    case netwerkendeOverheid = "netwerkende-overheid"
    case responsieveOverheid = "responsieve-overheid"
    case netwerksturing
    case doeltreffendheid
    case doelmatigheid
    case evaluatieVolgtSturing = "evaluatie-volgt-sturing"
    case exAnteDurantePost = "ex-ante-durante-post"
    case deal
    // Vliegwiel's own words.
    case referentievariant
    case praktijk
    case ontwerpkeuze
    case profiel
    case afstand
    case tranche
    case programmalijn
    case programmaIndicator = "programma-indicator"
    case contextindicator
    case bijdragegraaf
    case leerlog
    case dossier
    case qca
    case inclusie
    case pri
    case dekking
    case redacteur
    case beheerder
    // The three kinds of absence (issue 16 item 7, "one word for each kind of absence").
    case nietVermeld = "niet-vermeld"
    case nogNietVastgelegd = "nog-niet-vastgelegd"
    case onbekend

    var anchor: String { rawValue }
}

/// One entry of the glossary: the word, what it means in plain Dutch, and where the word comes
/// from. An entry from the essay quotes it only with the essay's own words (a test holds every
/// quote against the text); the plain meaning is Vliegwiel's explanation, and says so.
struct GlossaryEntry: Sendable {
    enum Origin: Sendable {
        /// A word of the essay: the section, and the essay's own sentence about it.
        case essay(section: String, quote: String)
        /// A word of Vliegwiel itself.
        case product
    }

    var term: GlossaryTerm
    var word: String
    var meaning: String
    var origin: Origin
}

enum Glossary {
    static func entry(_ term: GlossaryTerm) -> GlossaryEntry {
        entries.first { $0.term == term }!
    }

    /// The groups of the page, each with its entries in reading order.
    static let groups: [(title: String, intro: String, terms: [GlossaryTerm])] = [
        (
            "Uit het essay",
            "Woorden uit het essay Waarderen van variatie (NSOB, 2024). Het citaat is van het essay; de uitleg ervoor is van Vliegwiel.",
            [
                .interbestuurlijk, .resultaatgericht, .samenwerkend, .variant, .familie, .deal,
                .voorzetselgevoeligheid, .sturingsperspectief, .rechtmatigeOverheid, .presterendeOverheid,
                .netwerkendeOverheid, .responsieveOverheid, .netwerksturing, .doeltreffendheid, .doelmatigheid,
                .evaluatieVolgtSturing, .exAnteDurantePost,
            ]
        ),
        (
            "Woorden van Vliegwiel",
            "Woorden die Vliegwiel zelf gebruikt voor wat het bijhoudt en berekent. Ze staan niet zo in het essay.",
            [
                .referentievariant, .praktijk, .ontwerpkeuze, .profiel, .afstand, .tranche, .programmalijn,
                .programmaIndicator, .contextindicator, .bijdragegraaf, .leerlog, .dossier, .qca, .inclusie, .pri,
                .dekking, .redacteur, .beheerder,
            ]
        ),
        (
            "Als iets ontbreekt",
            "Vliegwiel gebruikt drie woorden voor wat er niet staat, elk met één betekenis. Zo ziet u of de bron zwijgt, of niemand het nog heeft ingevoerd, of dat niemand het weet.",
            [.nietVermeld, .nogNietVastgelegd, .onbekend]
        ),
    ]

    static let entries: [GlossaryEntry] = [
        GlossaryEntry(
            term: .interbestuurlijk, word: "Interbestuurlijk",
            meaning:
                "Het eerste van de drie elementen: wie doet mee? Welke bestuurslagen (Rijk, provincie, gemeente, waterschap) en welke andere partijen.",
            origin: .essay(section: "§1.3", quote: "Dit gaat over de vraag ‘wie’ bij de samenwerking betrokken is.")),
        GlossaryEntry(
            term: .resultaatgericht, word: "Resultaatgericht",
            meaning:
                "Het tweede element: wat geldt als resultaat? Het doel, de looptijd, het geld en hoe resultaten worden gevolgd.",
            origin: .essay(
                section: "§1.3",
                quote:
                    "Resultaatgericht heeft betrekking op het behalen van het doel waarvoor de sturing wordt ingezet.")),
        GlossaryEntry(
            term: .samenwerkend, word: "Samenwerkend",
            meaning:
                "Het derde element: hoe werken de partijen samen? Wie neemt het initiatief, welke rol heeft het Rijk, mogen partijen in- en uittreden.",
            origin: .essay(
                section: "§1.3",
                quote:
                    "Als laatste gaat het element samenwerken over de onderlinge relatie tussen het Rijk en decentrale partijen."
            )),
        GlossaryEntry(
            term: .variant, word: "Variant, variatie",
            meaning:
                "Een vorm van samenwerking tussen overheden, zoals de Regio Deal of de Woondeal. De vormen lijken op elkaar maar verschillen in de drie elementen; die verschillen tellen op.",
            origin: .essay(
                section: "§1.3",
                quote:
                    "Zo bezien bestaat de soort of de vorm interbestuurlijk resultaatgericht samenwerken dus uit een veelheid aan variatie die ook weer sub-varianten kennen."
            )),
        GlossaryEntry(
            term: .familie, word: "Familie",
            meaning:
                "De groep waartoe een variant hoort: deals, Nationale Programma’s of structurele samenwerkingen. Vliegwiel kent daarnaast ‘overig’.",
            origin: .essay(
                section: "§1.4",
                quote:
                    "We betrekken in die reflectie specifiek: deals, Nationale Programma’s en structurele samenwerkingsverbanden."
            )),
        GlossaryEntry(
            term: .deal, word: "Deal",
            meaning:
                "Een tijdelijke afspraak tussen Rijk en regio die een impuls geeft aan een opgave, zoals een Regio Deal. In Vliegwiel heeft een deal in de portefeuille ook partners, geld, programmalijnen en projecten.",
            origin: .essay(
                section: "§1.4",
                quote:
                    "Deals kenmerken zich bijvoorbeeld door het bieden van een impuls voor de aanpak van een concrete maatschappelijke (gebiedsgerichte) opgave."
            )),
        GlossaryEntry(
            term: .voorzetselgevoeligheid, word: "Voorzetselgevoeligheid",
            meaning: "Of het Rijk mét de regio werkt, of vóór de regio. Het kleine woord zegt iets over de verhouding.",
            origin: .essay(
                section: "§1.3", quote: "al speelt ook hier een rol of het Rijk samenwerkt met of voor de regio.")),
        GlossaryEntry(
            term: .sturingsperspectief, word: "Sturingsperspectief",
            meaning:
                "Een manier waarop de overheid stuurt, met eigen waarden. Het essay gebruikt er vier (hieronder). Ze sluiten elkaar niet uit: een arrangement mengt ze. Vliegwiel laat zien welk perspectief de ontwerpkeuzes het meest dragen.",
            origin: .essay(
                section: "§5.1",
                quote:
                    "In het NSOB-model van perspectieven op overheidssturing worden vier perspectieven onderscheiden")),
        GlossaryEntry(
            term: .rechtmatigeOverheid, word: "Rechtmatige overheid",
            meaning: "Sturen met wetten en regels. In het essay: traditional public administration.",
            origin: .essay(
                section: "§5.1",
                quote:
                    "Maatschappelijke doelen worden hier gerealiseerd door het formuleren van wetten en regels en waarden van rechtmatigheid, rechtsgelijkheid en rechtszekerheid."
            )),
        GlossaryEntry(
            term: .presterendeOverheid, word: "Presterende overheid",
            meaning:
                "Sturen op afgesproken prestaties die worden gemeten. In het essay: new public management.",
            origin: .essay(
                section: "§5.1", quote: "wordt gestuurd op resultaten door prestatie-indicatoren te benoemen")),
        GlossaryEntry(
            term: .netwerkendeOverheid, word: "Netwerkende overheid",
            meaning:
                "De overheid als partner in een netwerk, met andere overheden en organisaties. In het essay: network governance. Volgens het essay zijn Regio Deals in de kern hiervan een vorm.",
            origin: .essay(
                section: "§5.1",
                quote:
                    "door in netwerken samen te werken met medeoverheden en maatschappelijke partners om vanuit gedeelde belangen tot verbetering te komen"
            )),
        GlossaryEntry(
            term: .responsieveOverheid, word: "Responsieve overheid",
            meaning:
                "De overheid steunt wat bedrijven, organisaties en inwoners zelf beginnen. In het essay: societal resilience.",
            origin: .essay(
                section: "§5.1",
                quote:
                    "kan de overheid initiatiefnemers uit bedrijfsleven, maatschappelijk middenveld en de brede samenleving ondersteunen in het zelf vormgeven van publieke waarde"
            )),
        GlossaryEntry(
            term: .netwerksturing, word: "Netwerksturing",
            meaning:
                "Sturen als netwerkende overheid. Een resultaat komt dan uit veel bijdragen samen, vaak later en langs omwegen, zodat niet vast te stellen is welk deel van welke bijdrage komt.",
            origin: .essay(section: "§5.1", quote: "Dat is eerder een circulaire relatie dan een lineaire.")),
        GlossaryEntry(
            term: .doeltreffendheid, word: "Doeltreffendheid",
            meaning:
                "Of het beoogde doel wordt bereikt, en in hoeverre dat door het beleid komt. (Het essay noemt het woord, maar legt het niet uit; dit is de gangbare betekenis in rijksevaluaties.)",
            origin: .essay(
                section: "§5.1", quote: "waarbij waarden van doeltreffendheid en doelmatigheid centraal staan")),
        GlossaryEntry(
            term: .doelmatigheid, word: "Doelmatigheid",
            meaning:
                "Of het resultaat met zo weinig mogelijk geld en moeite is bereikt. (Het essay noemt het woord, maar legt het niet uit; dit is de gangbare betekenis in rijksevaluaties.)",
            origin: .essay(
                section: "§5.2",
                quote:
                    "hoe dan toch doelmatigheid is vast te stellen als netwerkend werken de sturingsvorm is")),
        GlossaryEntry(
            term: .evaluatieVolgtSturing, word: "Evaluatiesystematiek volgt sturingssystematiek",
            meaning:
                "Evalueer een samenwerking op de manier die past bij hoe ze stuurt: een netwerk niet alleen met meetlatten voor prestaties.",
            origin: .essay(section: "§5.1", quote: "evaluatiesystematiek volgt sturingssystematiek.")),
        GlossaryEntry(
            term: .exAnteDurantePost, word: "Ex ante, ex durante, ex post",
            meaning: "Vooraf (bij het ontwerpen), tijdens (bij het bijstellen) en achteraf (bij het evalueren).",
            origin: .essay(
                section: "§5.4",
                quote:
                    "ex post in evaluatie, en ex ante en ex durante in het ontwerpen en bijstellen van samenwerkingen.")
        ),
        GlossaryEntry(
            term: .referentievariant, word: "Referentievariant",
            meaning:
                "Een variant zoals het essay hem beschrijft, bijvoorbeeld ‘de Regio Deal’ in het algemeen: elke ontwerpkeuze met het citaat uit het essay. Vliegwiel kent er veertien. Ze dienen om echte arrangementen mee te vergelijken.",
            origin: .product),
        GlossaryEntry(
            term: .praktijk, word: "Arrangement uit de praktijk",
            meaning:
                "Een echte samenwerking, zoals de Regio Deal Twente, met gegevens uit openbare bronnen; ook de fictieve voorbeelddeal. Elk hoort bij een referentievariant. Een ontwerp dat een gebruiker opsloeg heet ‘eigen ontwerp’.",
            origin: .product),
        GlossaryEntry(
            term: .ontwerpkeuze, word: "Ontwerpkeuze",
            meaning:
                "Eén keuze in de inrichting van een arrangement, zoals ‘rol van het Rijk’ of ‘looptijd’. Vliegwiel kent er 26, verdeeld over de drie elementen.",
            origin: .product),
        GlossaryEntry(
            term: .profiel, word: "Profiel",
            meaning: "Alle ontwerpkeuzes van één arrangement, elk met de bron waar ze vandaan komt.",
            origin: .product),
        GlossaryEntry(
            term: .afstand, word: "Afstand (tot een referentievariant)",
            meaning:
                "Hoeveel een profiel verschilt van een referentievariant: het gemiddelde verschil over de ontwerpkeuzes die bij allebei zijn vastgelegd, van 0 (gelijk) tot 1 (overal zo verschillend als kan). Een afstand van 0,22 is ongeveer: een vijfde van die keuzes helemaal anders, of meer keuzes een beetje anders. Een keuze die bij een van beide niet vermeld is, telt niet mee.",
            origin: .product),
        GlossaryEntry(
            term: .tranche, word: "Tranche",
            meaning:
                "Een ronde waarin het Rijk Regio Deals sloot en geld toekende. De portefeuille kent tranches 1 tot en met 6.",
            origin: .product),
        GlossaryEntry(
            term: .programmalijn, word: "Programmalijn",
            meaning: "Een thema binnen een deal waaronder projecten vallen, met een eigen doel en eigen geld.",
            origin: .product),
        GlossaryEntry(
            term: .programmaIndicator, word: "Programma-indicator",
            meaning:
                "Een meetbaar punt dat de deal zelf kan beïnvloeden, met een streefwaarde, zoals het aantal opgeleide verpleegkundigen.",
            origin: .product),
        GlossaryEntry(
            term: .contextindicator, word: "Contextindicator",
            meaning:
                "Een cijfer over de regio, zoals werkloosheid, dat ook door veel andere dingen verandert. Het beschrijft de omgeving van de deal; het zegt niet wat de deal opleverde.",
            origin: .product),
        GlossaryEntry(
            term: .bijdragegraaf, word: "Bijdragegraaf",
            meaning:
                "Een schema van hoe projecten via tussenstappen kunnen bijdragen aan een uitkomst, met per stap de aannames en het bewijs. Het toont bijdrage, geen toerekening.",
            origin: .product),
        GlossaryEntry(
            term: .leerlog, word: "Leerlog",
            meaning: "Wat een deal onderweg leerde, welk besluit daarop volgde en wat er daardoor veranderde.",
            origin: .product),
        GlossaryEntry(
            term: .dossier, word: "Evaluatiedossier",
            meaning:
                "Alles wat Vliegwiel over één arrangement weet op één afdrukbare pagina, ook als CSV en JSON, voor wie evalueert of controleert.",
            origin: .product),
        GlossaryEntry(
            term: .qca, word: "QCA",
            meaning:
                "Qualitative Comparative Analysis: een methode die nagaat welke combinaties van kenmerken samengaan met een uitkomst, over veel gevallen tegelijk.",
            origin: .product),
        GlossaryEntry(
            term: .inclusie, word: "Inclusie",
            meaning:
                "Bij QCA: hoe vaak de gevallen met een combinatie ook de uitkomst hebben, van 0 tot 1 (1 = altijd).",
            origin: .product),
        GlossaryEntry(
            term: .pri, word: "PRI",
            meaning:
                "Bij QCA: de inclusie, gecorrigeerd voor gevallen die tegelijk bij de uitkomst en bij het uitblijven ervan passen (proportionele vermindering van inconsistentie). Veel lager dan de inclusie betekent: de combinatie past ook bij het uitblijven.",
            origin: .product),
        GlossaryEntry(
            term: .dekking, word: "Dekking",
            meaning:
                "Bij QCA: welk deel van de gevallen mét de uitkomst een combinatie verklaart (0,25 = een kwart).",
            origin: .product),
        GlossaryEntry(
            term: .redacteur, word: "Redacteur",
            meaning:
                "Een account dat de gegevens van de eigen arrangementen mag wijzigen: partners, geld, indicatoren, het leerlog.",
            origin: .product),
        GlossaryEntry(
            term: .beheerder, word: "Beheerder",
            meaning:
                "Een account dat alles mag: nieuwe arrangementen opslaan, accounts beheren en het auditlogboek lezen.",
            origin: .product),
        GlossaryEntry(
            term: .nietVermeld, word: "Niet vermeld",
            meaning:
                "De bron zegt er niets over. Het essay of de openbare bron is gelezen, en die noemt deze ontwerpkeuze niet. Er staat bij waarom.",
            origin: .product),
        GlossaryEntry(
            term: .nogNietVastgelegd, word: "Nog niet vastgelegd",
            meaning:
                "Niemand heeft het nog in Vliegwiel ingevoerd. Het kan bestaan, maar Vliegwiel heeft het niet; wie de deal bijhoudt, kan het toevoegen.",
            origin: .product),
        GlossaryEntry(
            term: .onbekend, word: "Onbekend",
            meaning:
                "Een getal of uitkomst die niet te bepalen is uit wat er ligt, zoals een som met een ontbrekend bedrag of een vergelijking waarbij een kant niet vermeld is. Vliegwiel rekent dan niet door en zegt erbij waarom.",
            origin: .product),
    ]
}
