import VliegwielCore

/// Choosing arrangements and seeing them side by side.
struct ComparePage: Sendable {
    struct Option: Sendable {
        var id: String
        var name: String
        var isChecked: Bool
        var fieldID: String
    }

    struct ElementRows: Sendable {
        struct Row: Sendable {
            struct Cell: Sendable {
                var text: String
                var quotes: [String]
            }

            var label: String
            var status: String
            var statusClass: String
            var cells: [Cell]
        }

        var label: String
        var question: String
        var rows: [Row]
        /// Rows left out because they do not differ (with "alleen verschillen").
        var hiddenCount = 0
    }

    /// How many of an element's dimensions differ, are equal or cannot be compared, and the
    /// variation score for whoever wants the arithmetic.
    struct VariationRow: Sendable {
        var label: String
        var differing: Int
        var equal: Int
        var notComparable: Int
        var total: Int
        var variation: String
        var cumulative: String
    }

    /// How the result is shown (`?weergave=verschillen`, `?weergave=zonder-citaten`).
    struct Display: Sendable {
        var onlyDifferences = false
        var hidesQuotes = false
    }

    struct NearestGroup: Sendable {
        var name: String
        var references: [NearestView]
    }

    struct OptionGroup: Sendable {
        var label: String
        var options: [Option]
        /// The group of what is ticked already, shown whatever the search.
        var isChosen = false
    }

    /// The search in the list of choices (`?zoek=`).
    struct Filter: Sendable {
        var text: String
        /// "12 van de 94 arrangementen bevatten ‘zeeland’."
        var summary: String
        /// The whole list again, with the ticked choices kept.
        var showAllHref: String
    }

    var layout: Layout
    var groups: [OptionGroup]
    var errors: [FieldError]
    var hasErrors: Bool
    var hasResult: Bool
    var columns: [String]
    var elements: [ElementRows]
    var variationChart: HTML
    var variationRows: [VariationRow]
    var display = Display()
    /// The arrangements compared, in order, for the display form's hidden fields.
    var compared: [String] = []
    var nearest: [NearestGroup]
    /// What to do next when one arrangement is chosen.
    var prompt: String? = nil
    /// The search in the list, when one was made.
    var filter: Filter? = nil
}

/// The design form (ex ante): one step per element.
struct DesignPage: Sendable {
    typealias Option = FormOption

    struct Field: Sendable {
        var name: String
        var fieldID: String
        var label: String
        var hint: String
        var options: [Option]
        var isFreeText: Bool
        /// One choice at most: radio buttons, with "nog niet vastgelegd" as the last.
        var isExclusive = false
        var value: String
        var error: String?
        /// What each choice means, by the reference variants that have it in the essay.
        var examples: [Example] = []
    }

    /// One choice as the essay shows it: the reference variants with it and, for one of them,
    /// the essay's own words with their place (usability review: "no explanation of options").
    struct Example: Sendable {
        var label: String
        /// "Regio Deal, Woondeal"; empty when no reference variant has the choice.
        var variants: String
        var variantName: String
        var quote: String
        var citation: String
        /// How the quote gives the choice, when not literally ("interpretatie", "algemene uitspraak").
        var status: String?
    }

    struct Step: Sendable {
        var number: Int
        var label: String
        var question: String
        var chapter: String
        var fields: [Field]
    }

    struct TextField: Sendable {
        var value: String
        var error: String?
    }

    var layout: Layout
    var errors: [FieldError]
    var hasErrors: Bool
    var action: String
    /// Where "Advies tonen zonder opslaan" sends the form, by GET.
    var adviceAction: String
    var id: TextField
    var name: TextField
    var source: TextField
    var summary: TextField
    var familyError: String?
    var variantError: String?
    var families: [Option]
    var variants: [Option]
    var steps: [Step]
    /// Where "Keuzes overnemen" sends the form, by GET, to fill it in from a reference variant.
    var startAction: String = SiteURL.design.path
    /// The reference variants to start from, the chosen one selected.
    var startOptions: [Option] = []
    /// The reference variant the choices were just taken from.
    var startedFrom: String? = nil
    /// Who may save, said before the form is filled in (usability review: input lost to a 401).
    var saving: EditAccess = .allowed
}

/// Changing design choices of an arrangement and seeing the difference.
struct WhatIfPage: Sendable {
    struct Option: Sendable {
        var code: String
        var label: String
        var isSelected: Bool
    }

    struct Field: Sendable {
        var name: String
        var fieldID: String
        var label: String
        var current: String
        var options: [Option]
        var isFreeText: Bool
        var value: String
    }

    struct Group: Sendable {
        var label: String
        var fields: [Field]
    }

    struct Shift: Sendable {
        var label: String
        var before: String
        var after: String
        var change: String
    }

    struct Change: Sendable {
        var label: String
        var before: String
        var after: String
    }

    var layout: Layout
    var arrangements: [Option]
    var selectedName: String?
    var groups: [Group]
    var errors: [FieldError]
    var hasErrors: Bool
    var hasResult: Bool
    var changes: [Change]
    var shifts: [Shift]
    var dominantBefore: String
    var dominantAfter: String
    var consequencesAdded: [String]
    var consequencesRemoved: [String]
    var approachesAdded: [String]
    var approachesRemoved: [String]
    var temporalChanged: Bool
    var arrangementID: String
    /// The perspectives' points before and after the change, as bars (usability review: the
    /// chart showed only "after").
    var chart: HTML = .empty
}
