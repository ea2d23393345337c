import VliegwielCore

/// The home page: what the product is for, the three elements, where to start.
struct HomePage: Sendable {
    struct ElementIntro: Sendable {
        var label: String
        var question: String
        var chapter: String
    }

    var layout: Layout
    var elements: [ElementIntro]
    var referenceCount: Int
    var practiceCount: Int
    var catalogueHref: String
    var compareHref: String
    var designHref: String
    var whatIfHref: String
    var exampleHref: String
    /// The three roles' ways in: designing (ex ante), running (ex durante), judging (ex post).
    var roles: [Role] = []

    struct Role: Sendable {
        var title: String
        var phase: String
        var intro: String
        var links: [Link]
    }

    struct Link: Sendable {
        var label: String
        var href: String
        var text: String
    }
}

/// The catalogue: all arrangements, filterable by family and kind.
struct CataloguePage: Sendable {
    struct Option: Sendable {
        var code: String
        var label: String
        var isSelected: Bool
    }

    struct Row: Sendable {
        var name: String
        var href: String
        var family: String
        var kind: String
        /// The reference variant by its name, linked (usability review: the slug `regio-deal`).
        var variant: String
        var variantHref: String?
        /// A deal's tranche and the provinces its area names, where known; nil for an
        /// arrangement that is not a deal of the portfolio.
        var tranche: String?
        var provinces: String?
        /// A deal's Rijksbijdrage, "onbekend" when no source gives it.
        var amount: String? = nil
    }

    var layout: Layout
    var referenceCount = 0
    var families: [Option]
    var kinds: [Option]
    var rows: [Row]
    var count: Int
    var total: Int
}

/// One arrangement: profile, consequences, perspective, temporal matrix, evaluation.
struct ArrangementPage: Sendable {
    var layout: Layout
    var id: String
    var name: String
    var family: String
    var kind: String
    var summary: String?
    /// The first three sources; a real deal's others are listed with its sourced facts.
    var sources: [SourceLine]
    var moreSources: Int?
    var isSaved: Bool
    var isReference: Bool
    var variantName: String?
    var variantHref: String?
    /// The profile's sections, rendered with the analysis (``AnalysisHTML``).
    var analysis: AnalysisHTML
    /// The portfolio record, for a deal of the Regio Deals portfolio.
    var deal: DealSection?
    /// The sourced facts of a real deal of another family (a City Deal, a Woondeal), which has
    /// no portfolio record.
    var curated: CuratedFactsView? = nil
    var whatIfHref: String
    var compareHref: String
    /// Shown once the profile has changed (issue 6, item 5).
    var history: HistorySection? = nil
    /// The arrangement's learning log (issue 6, item 4).
    var learningLogHref: String? = nil
    /// The arrangement's indicator page, when it has indicators (issue 6, item 3).
    var indicatorsHref: String? = nil
    /// The arrangement's contribution graph page, when it has a graph (issue 6, items 1 and 2).
    var contributionHref: String? = nil
    /// The printable evaluation dossier (issue 6, item 6).
    var dossierHref: String? = nil
    /// The outcomes recorded for QCA (issue 16 item 9).
    var qcaOutcomesHref: String? = nil
    /// An unsaved design's advice (issue 16 item 2): nothing is stored, and the page leads back
    /// to the form, filled in.
    var preview: DesignPreview? = nil
    /// Whether any design choice is stated: without one the page shows one notice instead of a
    /// computed perspective, consequences and evaluation (issue 16 item 3; usability review:
    /// a 25/25/25/25 chart and advice that recommends everything).
    var hasProfile = true
}

/// The advice on a design that is not saved: where the form is, filled in, and who may save it.
struct DesignPreview: Sendable {
    var formHref: String
    var saving: EditAccess
}

/// The accessibility statement.
struct AccessibilityPage: Sendable {
    var layout: Layout
}

/// The glossary: every term with its plain meaning, and the essay's words for the essay's terms.
struct GlossaryPage: Sendable {
    struct Entry: Sendable {
        var anchor: String
        var word: String
        var meaning: String
        /// The essay's section and its own sentence, for a term of the essay.
        var section: String?
        var quote: String?
    }

    struct Group: Sendable {
        var anchor: String
        var title: String
        var intro: String
        var entries: [Entry]
    }

    var layout: Layout
    var groups: [Group]
}

/// An error page for people (the API answers with problem+json instead).
struct ErrorPage: Sendable {
    var layout: Layout
    var status: Int
    var message: String
    /// A refused form's fields, each linked from the summary and shown again with what was typed.
    var refusedFields: [Field] = []
    var keptFields: [Field] = []
    /// The ways forward: logging in and back (401), one's own account and role (403), the
    /// catalogue and the portfolio.
    var loginHref: String?
    var accountHref: String?
    var catalogueHref = ""
    var portfolioHref = ""
    var searchHref = ""
    /// On a 404, a search for the words of the address that was not found (usability review:
    /// no "bedoelde u"): `/arrangementen/regio-deal-twente` suggests "regio deal twente".
    var suggestion: (words: String, href: String)? = nil

    /// The words of the last part of `path` (hyphens and underscores as spaces), when it has
    /// letters; `nil` otherwise.
    static func searchWords(path: String) -> String? {
        let last = path.split(separator: "/").last.map { String($0).removingPercentEncoding ?? String($0) } ?? ""
        let words = last.split { $0 == "-" || $0 == "_" || $0 == "." || $0 == "+" || $0 == " " }
            .filter { $0.contains(where: \.isLetter) }
        guard !words.isEmpty, last.count <= 100 else { return nil }
        return words.joined(separator: " ")
    }

    /// The heading: what happened, in plain Dutch, not the status code.
    static func title(_ status: Int) -> String {
        switch status {
        case 400: "De invoer klopt niet"
        case 401: "Eerst inloggen"
        case 403: "Dit mag u niet"
        case 404: "Deze pagina bestaat niet"
        case 405: "Dit kan op deze pagina niet"
        case 409: "Iemand anders was u voor"
        case 413: "Dit is te veel om te versturen"
        case 415, 406: "Dit formaat kan Vliegwiel niet lezen"
        case 429: "Even wachten"
        case 503: "Vliegwiel is even niet beschikbaar"
        default: status >= 500 ? "Er ging iets mis aan onze kant" : "Dit lukte niet"
        }
    }

    struct Field: Sendable {
        var id: String
        var name: String
        var text: String
        var reason: String?
        var rows: Int
    }
}

extension ArrangementPage {
    /// A source, linked when it is a public source's address.
    struct SourceLine: Sendable {
        var text: String
        var href: String?

        init(_ source: SourceReference) {
            text = source.locator.isEmpty ? source.title : "\(source.title) — \(source.locator)"
            href = source.title.hasPrefix("https://") || source.title.hasPrefix("http://") ? source.title : nil
        }
    }
}
