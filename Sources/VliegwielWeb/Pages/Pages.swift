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
        var variant: String
    }

    var layout: Layout
    var families: [Option]
    var kinds: [Option]
    var rows: [Row]
    var count: Int
    var total: Int
    var language: String
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
    var elements: [ElementView]
    var advice: AdviceView
    var nearest: [NearestView]
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
}

/// The accessibility statement.
struct AccessibilityPage: Sendable {
    var layout: Layout
}

/// An error page for people (the API answers with problem+json instead).
struct ErrorPage: Sendable {
    var layout: Layout
    var status: Int
    var message: String
    /// A refused form's fields, each linked from the summary and shown again with what was typed.
    var refusedFields: [Field] = []
    var keptFields: [Field] = []

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
