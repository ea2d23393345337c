/// The interface's own words, in one place. Vliegwiel speaks Dutch only: the English view
/// translated only the frame (usability review), and issue 16 item 7 allowed removing it.
struct UIText: Sendable {
    var siteName = "Vliegwiel"
    var tagline: String
    var skipLink: String
    var navigationLabel: String
    var navHome: String
    var navCatalogue: String
    var navCompare: String
    var navDesign: String
    var navWhatIf: String
    var navPortfolio: String
    var navReport: String
    var breadcrumbLabel: String
    /// The link to sign in, or to one's account when signed in (the page does not know which).
    var account: String
    var footerAccessibility: String
    var footerAPI: String
    var footerSource: String
    var elements: String
    var consequences: String
    var triggers: String
    var advice: String
    var source: String
    var perspective: String
    var dominant: String
    var tensions: String
    var temporal: String
    var instrument: String
    var effect: String
    var opportunity: String
    var risk: String
    var evaluation: String
    var fits: String
    var doesNotFit: String
    var questions: String
    var indicators: String
    var notStated: String
    var note: String
    var filter: String
    var family: String
    var kind: String
    var all: String
    var compareAction: String
    var nearest: String
    var distance: String
    var variation: String
    var cumulative: String
    var save: String
    /// The design form's second button: the advice, nothing stored.
    var adviceWithoutSaving: String
    /// What the comparison page asks before anything is chosen.
    var compareIntro: String
    var errorSummaryTitle: String
    var unchanged: String
    var showDifference: String
    var dataTable: String
    /// The name of a table's scroll container when the table has no caption.
    var table: String
    var band: String
    var referenceVariants: String
    var ownArrangements: String
    var changeChoice: String
    /// The header's search field: its (visually hidden) label and its button.
    var searchLabel: String
    var searchButton: String

    static let dutch = UIText(
        tagline: "Ontwerpen, volgen en waarderen van interbestuurlijk resultaatgericht samenwerken",
        skipLink: "Direct naar de inhoud", navigationLabel: "Hoofdmenu", navHome: "Home", navCatalogue: "Catalogus",
        navCompare: "Vergelijken", navDesign: "Ontwerpen", navWhatIf: "Wat als", navPortfolio: "Portefeuille",
        navReport: "Verslag", breadcrumbLabel: "Kruimelpad",
        account: "Inloggen",
        footerAccessibility: "Toegankelijkheid",
        footerAPI: "API-documentatie",
        footerSource: "Naar het essay ‘Waarderen van variatie’ (NSOB, 2024)", elements: "Profiel",
        consequences: "Voorspelbare gevolgen", triggers: "Aanleiding", advice: "Advies", source: "Bron",
        perspective: "Sturingsperspectief", dominant: "Dominant",
        tensions: "Spanningen die het ontwerp moet beantwoorden",
        temporal: "Tijdelijk en structureel", instrument: "Instrument", effect: "Beoogd effect", opportunity: "Kans",
        risk: "Risico", evaluation: "Evaluatieontwerp", fits: "Past", doesNotFit: "Past niet",
        questions: "Evaluatievragen",
        indicators: "Indicatoren", notStated: "niet vermeld", note: "Toelichting", filter: "Filteren",
        family: "Familie", kind: "Soort", all: "Alle", compareAction: "Vergelijk",
        nearest: "Dichtstbijzijnde referentievarianten",
        distance: "afstand", variation: "Variatie", cumulative: "Cumulatief", save: "Opslaan en advies tonen",
        adviceWithoutSaving: "Advies tonen zonder opslaan",
        compareIntro:
            "Kies twee of meer arrangementen: de referentievarianten uit het essay, of deals en eigen ontwerpen. U ziet per element waarin ze verschillen.",
        errorSummaryTitle: "Controleer de volgende velden", unchanged: "ongewijzigd",
        showDifference: "Toon het verschil",
        dataTable: "De cijfers van de grafiek", table: "Tabel", band: "Band",
        referenceVariants: "Referentievarianten uit het essay",
        ownArrangements: "Uit de praktijk", changeChoice: "Kies andere arrangementen",
        searchLabel: "Zoeken in Vliegwiel", searchButton: "Zoek")

}
