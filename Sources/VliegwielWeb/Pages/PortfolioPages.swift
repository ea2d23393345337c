import VliegwielCore
import VliegwielInterchange

/// The Regio Deals portfolio: deals per tranche, the Rijk's totals, filters and a chart.
struct PortfolioPage: Sendable {
    struct Option: Sendable {
        var code: String
        var label: String
        var isSelected: Bool
    }

    struct DealRow: Sendable {
        var name: String
        var href: String
        var tranche: Int
        var amount: String
        var isUnknown: Bool
        var source: String
        /// The source's address when the source is "address — “quote”" (a curated real deal).
        var sourceHref: String?
        var isFictional: Bool
    }

    struct Group: Sendable {
        var title: String
        var headingID: String
        var summary: String
        var rows: [DealRow]
        /// A table per tranche needs no tranche column (usability review: a column repeating
        /// "1"); a table of deals from several tranches does.
        var showsTranche: Bool { Set(rows.map(\.tranche)).count > 1 }
    }

    struct TrancheRow: Sendable {
        var label: String
        var dealCount: Int
        var knownCount: Int
        var unknownCount: Int
        var total: String
    }

    var layout: Layout
    var action: String
    var errors: [FieldError]
    var hasErrors: Bool
    var tranches: [Option]
    var amounts: [Option]
    var sortOrders: [Option]
    var name: String
    var trancheError: String?
    var amountError: String?
    var sortError: String?
    var dealCount: Int
    var knownCount: Int
    var unknownCount: Int
    var total: String
    var hasDeals: Bool
    var groups: [Group]
    var trancheRows: [TrancheRow]
    var chart: HTML
    /// The map of the chosen deals' regions; `nil` when the boundaries are missing.
    var map: PortfolioMapSection?
    var demo: DealRow?
    /// The whole portfolio as JSON, as spreadsheet files and as IATI activities.
    var downloads: [Download]
    var facets: Facets

    /// The filters by province, theme and term (issue 16 item 5) and what they leave.
    struct Facets: Sendable {
        var provinces: [Option]
        /// How many deals name no province, when any.
        var provinceNote: String?
        var provinceError: String?
        /// Empty when no deal records a theme; ``themeNote`` says so then.
        var themes: [Option]
        var themeNote: String?
        var themeError: String?
        var terms: [Option]
        var termError: String?
        /// The deals the filters choose from ("x van y deals").
        var totalCount: Int
        var isFiltered: Bool
        var clearHref: String
    }
}

/// What the portfolio knows about one deal, shown on its arrangement page.
struct DealSection: Sendable {
    struct Fact: Sendable {
        var label: String
        var value: String
        var isUnknown: Bool
        /// The label's entry in the glossary, when it has one.
        var term: GlossaryTerm? = nil
    }

    struct FindingView: Sendable {
        var title: String
        var rule: String
        var severity: String
        var message: String
        var figures: [String]
        var source: String
    }

    struct OutcomeView: Sendable {
        var title: String
        var reason: String
        var source: String
    }

    struct PartnerRow: Sendable {
        var organisation: String
        var type: String
        var roles: String
        var joined: String
        var left: String
        var source: String
        var sourceHref: String?
    }

    struct ChangeRow: Sendable {
        var date: String
        var organisation: String
        var change: String
    }

    struct MoneyRow: Sendable {
        var label: String
        var commitments: String
        var realisations: String
    }

    struct MoneyTable: Sendable {
        var caption: String
        var keyHeader: String
        var rows: [MoneyRow]
    }

    struct ProjectRow: Sendable {
        var name: String
        /// Named apart from the line's, so that a project without one never shows the line's.
        var projectNote: String?
        var status: String
        var lead: String
        var partners: String
        var budget: String
        var period: String
        var themes: String
        var source: String?
    }

    struct LineView: Sendable {
        var name: String
        var lineNote: String?
        var projects: [ProjectRow]
    }

    /// One recorded item with the form that deletes it.
    struct ItemRow: Sendable {
        var collection: DealCollection
        var kind: String
        var text: String
        var id: String
        var editHref: String
        /// The page that asks whether to delete it (the deletion itself is the form there).
        var deleteHref: String
        /// What the change link and the delete button say to a screen reader: "partner Gemeente Zwolle".
        var itemLabel: String
    }

    struct ActionLink: Sendable {
        var label: String
        var href: String
    }

    var isFictional: Bool
    var notice: String?
    /// The button that puts back what this visitor just deleted, while it can.
    var undo: Undo?
    var facts: [Fact]
    var ruleSet: String
    var findings: [FindingView]
    var met: [OutcomeView]
    var notChecked: [OutcomeView]
    var notApplicable: [OutcomeView]
    var today: String
    var partners: [PartnerRow]
    /// Whether no partner at all is recorded (not just none on this day).
    var hasNoPartnerRecorded: Bool
    var changesPeriod: String?
    var changes: [ChangeRow]
    var suggestion: String?
    /// The form that writes the suggestion into the profile.
    var acceptAction: String
    var hasFinance: Bool
    /// The finance lines as spreadsheet files (the API's `rekenbladen/financiering`).
    var financeDownloads: [Download] = []
    /// The deal as an IATI 2.03 activity (the API's `iati`), or why IATI cannot express it.
    var iati: Result<Download, IATIExport.Omission>? = nil
    var totals: [MoneyRow]
    var breakdowns: [MoneyTable]
    var lines: [LineView]
    var themeSummary: [String]
    var actions: [ActionLink]
    var imports: [ActionLink]
    var items: [ItemRow]
    var portfolioHref: String
    /// The sourced facts of a real deal, when the curated dataset has the deal.
    var curated: CuratedFactsView? = nil
    /// Whether this visitor may change the deal: its forms and edit links only then.
    var editing: EditAccess = .allowed
    /// The deal's own area on the map of the Netherlands, when it has region codes.
    var map: DealMapSection? = nil
    /// The summary at the top; the arrangement page sets it from the page's one snapshot.
    var inShort: InShort? = nil
}

/// A form that adds one item to a deal: the same accessible pattern as the design form.
struct DealFormPage: Sendable {
    typealias Option = FormOption

    struct Field: Sendable {
        var name: String
        var fieldID: String
        var label: String
        var hint: String?
        var value: String
        var error: String?
        var isText: Bool
        /// A text field for a date: `type="date"`.
        var isDate = false
        var isTextarea: Bool
        var isSelect: Bool
        var isCheckboxes: Bool
        var options: [Option]
        /// The ids of the hint and the error, for `aria-describedby`; `nil` when neither.
        var describedBy: String?
    }

    var layout: Layout
    var title: String
    var intro: String
    var dealName: String
    var dealHref: String
    var isFictional: Bool
    var errors: [FieldError]
    var hasErrors: Bool
    var action: String
    var fields: [Field]
    var submitLabel: String
    /// The revision of the deal's record the form was filled from (an edit form only): sent back
    /// in a hidden field, so that a change made by someone else in between is not overwritten.
    var revision: String? = nil
    /// Who may save, said before the form is filled in.
    var editing: EditAccess = .allowed
}

/// Partners, finance lines or projects read from CSV text pasted into a form: the same
/// columns and all-or-nothing rule as the CLI import, without a file upload.
struct CSVImportPage: Sendable {
    var layout: Layout
    var title: String
    var dealName: String
    var dealHref: String
    var isFictional: Bool
    var requiredColumns: String
    var optionalColumns: String
    var example: String
    var errors: [FieldError]
    var hasErrors: Bool
    var action: String
    var text: String
    var fieldErrors: [String]
    /// Who may save, said before the form is filled in.
    var editing: EditAccess = .allowed
}

/// The facts of a real deal from its public sources (docs/portefeuille-bronbestanden.md),
/// each with a link to its source.
struct CuratedFactsView: Sendable {
    struct Line: Sendable {
        var label: String
        var value: String
        var href: String?
        var quote: String?
        var note: String? = nil
    }

    struct DealLink: Sendable {
        var name: String
        var href: String
        var quote: String
        var source: String
    }

    var facts: [Line]
    var amounts: [Line]
    var hasAmountConflict: Bool
    var regions: [String]
    var regionNote: String?
    var regionSource: String?
    var hasRegions: Bool
    var goals: [Line]
    var lines: [Line]
    var continues: DealLink?
    var continuedBy: [DealLink]
    var notFound: [String]
    var sources: [String]
    var sourceCount: Int
    var statedDimensions: Int
    var allDimensions: Int
}

/// The page that asks before an item of a deal is deleted (issue 16 item 2): deleting is a
/// form of its own, never a button beside the item, and the page says what deleting means.
struct DeleteConfirmationPage: Sendable {
    var layout: Layout
    var title: String
    /// "de partner Hogeschool Vallei (hogeschool-vallei)".
    var item: String
    var dealName: String
    var dealHref: String
    var isFictional: Bool
    /// The form's action: the same address, by POST.
    var action: String
    /// Back to the deal's list of items, nothing deleted.
    var cancelHref: String
    /// Who may delete: the button only then.
    var editing: EditAccess = .allowed
}

extension DealSection {
    /// "In het kort" for a deal (issue 16 item 3; usability review: no dashboard at the top of
    /// the demo deal): money committed against realised, the programme indicators' targets,
    /// and the latest lesson — each a count or a quote of what is recorded, with the way to
    /// the part of the page or the page that shows it whole. Nothing is judged here.
    struct InShort: Sendable {
        struct Money: Sendable {
            var committed: String
            var realised: String
            /// "62,50 %"; `nil` when nothing is committed (a share of nothing says nothing).
            var realisedShare: String?
            /// 0...100 for the bar, `nil` when nothing is committed.
            var barPercent: Int?
            /// The Rijk's share of what is committed and of what is realised; `nil` when that is nothing.
            var rijkShareCommitted: String?
            var rijkShareRealised: String?
            /// The Rijk's share of what is realised so far is larger than of what is committed
            /// (usability review: "80 % against 50 % not flagged"): the page says what the rule
            /// on the Rijk's maximum share checks.
            var rijkAheadInRealisations = false
        }

        struct Targets: Sendable {
            var indicatorCount: Int
            var met: Int
            var notMet: Int
            var noActual: Int
        }

        struct Lesson: Sendable {
            var date: String
            var text: String
        }

        var money: Money?
        var targets: Targets?
        var lesson: Lesson?
        var learningLogHref: String
        var indicatorsHref: String

        init(
            _ record: DealRecord, programme: [ProgrammeIndicator], log: LearningLog, learningLogHref: String,
            indicatorsHref: String
        ) {
            if !record.financeLines.isEmpty {
                let summary = FinanceSummary(record)
                let (committed, realised) = (summary.toezeggingen, summary.realisaties)
                money = Money(
                    committed: committed.total.formatted, realised: realised.total.formatted,
                    realisedShare: committed.totaalCent > 0
                        ? Share(part: realised.total, whole: committed.total).percentText : nil,
                    barPercent: committed.totaalCent > 0
                        ? Int(min(100, max(0, realised.totaalCent * 100 / committed.totaalCent))) : nil,
                    rijkShareCommitted: committed.totaalCent > 0 ? committed.rijkShare.percentText : nil,
                    rijkShareRealised: realised.totaalCent > 0 ? realised.rijkShare.percentText : nil,
                    rijkAheadInRealisations: committed.totaalCent > 0 && realised.totaalCent > 0
                        && realised.rijkShare.ratio > committed.rijkShare.ratio)
            }
            if !programme.isEmpty {
                let progress = programme.flatMap(\.progress)
                targets = Targets(
                    indicatorCount: programme.count, met: progress.count { $0.status == .met },
                    notMet: progress.count { $0.status == .notMet }, noActual: progress.count { $0.status == .noActual }
                )
            }
            lesson = log.lessons.max { $0.date < $1.date }.map { Lesson(date: $0.date.dutchText, text: $0.text) }
            self.learningLogHref = learningLogHref
            self.indicatorsHref = indicatorsHref
        }
    }
}

extension DealSection {
    /// "Ongedaan maken" after a deletion (issue 16 item 2): a form that posts the collection and
    /// the id; the server finds the item in the audit trail, so nothing else travels in the page.
    struct Undo: Sendable {
        var action: String
        var collection: String
        var itemID: String
    }
}
