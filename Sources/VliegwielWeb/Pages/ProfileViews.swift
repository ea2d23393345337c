import VliegwielCore

/// The profile, element by element, as the pages show it.
struct ElementView: Sendable {
    struct DimensionView: Sendable {
        struct Entry: Sendable {
            var label: String
            var quote: String
            var citation: String
            /// The citation as a link, when it is a public source's address (a real deal's).
            var citationHref: String?
            var note: String?
            /// "letterlijk", "interpretatie", "algemene uitspraak" where the coding was judged.
            var status: String?
            /// The dimension above that cites the very same words from the same place, when
            /// one does: the page then refers to it instead of quoting it again (usability
            /// review: the Regio Deal page showed one quote four times in a row).
            var sameAs: (label: String, anchor: String)?
            /// A choice made in a design on the website: its "quote" is the choice itself, not
            /// anyone's words, so the page shows it as a choice with its source, not as a quote
            /// (usability review: pseudo-quotes "Ontwerpkeuze: aanwezig").
            var isDesignChoice: Bool { DesignForm.isChoiceQuote(quote) }
        }

        var label: String
        var path: String
        /// The `id` of the dimension's term on the page.
        var anchor: String { "dimensie-" + path.replacingOccurrences(of: ".", with: "-") }
        var summary: String
        var notStated: String?
        var entries: [Entry]
    }

    var label: String
    var question: String
    var chapter: String
    var anchor: String
    var dimensions: [DimensionView]

    /// The element's entry in the glossary.
    var term: GlossaryTerm? { GlossaryTerm(rawValue: anchor) }

    static func all(for profile: Profile, t: UIText) -> [ElementView] {
        var elements = ProfileElement.allCases.map { element in
            ElementView(
                label: element.label, question: element.question, chapter: element.chapter, anchor: element.code,
                dimensions: ProfileDimension.of(element).map { dimension in
                    let reading = dimension.reading(of: profile)
                    // Nobody recorded it (a choice left open in a design) is not the source being
                    // silent: one word each (issue 16 item 7), and the reason is not said twice.
                    let isNotRecorded = reading.notStatedReason.map(Absence.isNotRecorded(reason:)) ?? false
                    return DimensionView(
                        label: dimension.label, path: dimension.id,
                        summary: reading.isStated
                            ? reading.entries.map(\.label).joined(separator: " én ")
                            : isNotRecorded ? Absence.notRecorded : t.notStated,
                        notStated: isNotRecorded ? nil : reading.notStatedReason,
                        entries: reading.entries.map {
                            .init(
                                label: $0.label, quote: $0.quote, citation: $0.citation,
                                citationHref: $0.citation.hasPrefix("https://") || $0.citation.hasPrefix("http://")
                                    ? $0.citation : nil,
                                note: $0.note, status: $0.status?.label)
                        })
                })
        }
        var quoted: [String: (label: String, anchor: String)] = [:]
        for e in elements.indices {
            for d in elements[e].dimensions.indices {
                let dimension = elements[e].dimensions[d]
                for i in dimension.entries.indices {
                    let entry = dimension.entries[i]
                    let key = entry.quote + "\u{0}" + entry.citation
                    if let first = quoted[key], !entry.isDesignChoice {
                        elements[e].dimensions[d].entries[i].sameAs = first
                    } else if !entry.quote.isEmpty, !entry.isDesignChoice {
                        quoted[key] = (dimension.label, dimension.anchor)
                    }
                }
            }
        }
        return elements
    }
}

/// The advice on a profile, as the pages show it.
struct AdviceView: Sendable {
    struct ConsequenceView: Sendable {
        var id: String
        var title: String
        var triggers: [String]
        var consequence: String
        var advice: String
        var citation: String
    }

    struct WeightView: Sendable {
        var label: String
        var essayName: String
        var band: String
        var points: String
        var isDominant: Bool
        var contributions: [String]
        /// The perspective's entry in the glossary.
        var term: GlossaryTerm?
    }

    struct TensionView: Sendable {
        var from: String
        var byDefinition: Bool
        var with: String
        var values: String
        var question: String
        var citation: String
    }

    struct TemporalRow: Sendable {
        struct Cell: Sendable {
            var opportunity: String
            var risk: String
            var isCurrent: Bool
        }

        var instrument: String
        var cells: [Cell]
    }

    struct ApproachView: Sendable {
        var name: String
        var description: String
        var reasons: String
        var citation: String
    }

    var consequences: [ConsequenceView]
    var weights: [WeightView]
    var dominant: String
    var tensions: [TensionView]
    var temporalRows: [TemporalRow]
    var temporalQuestion: String?
    var temporalConclusion = TemporalPosition.conclusion
    var fitting: [ApproachView]
    var notFitting: [ApproachView]
    var questions: [String]
    var indicators: [IndicatorKindView]
    var exAnte: [String]
    var exDurante: [String]
    var exPost: [String]
    var considerations: [ConsiderationView]

    struct ConsiderationView: Sendable {
        var title: String
        var text: String
        var citation: String
    }

    init(_ advice: Advice, t: UIText) {
        consequences = advice.consequences.map {
            ConsequenceView(
                id: $0.id, title: $0.title, triggers: $0.triggers.map(\.description),
                consequence: $0.consequence.prefix(1).uppercased() + $0.consequence.dropFirst(),
                advice: $0.advice, citation: $0.citation)
        }
        let mix = advice.perspectives
        weights = mix.weights.map { weight in
            WeightView(
                label: weight.perspective.label, essayName: weight.perspective.essayName,
                band: weight.band.label, points: weight.points == 1 ? "1 punt" : "\(weight.points) punten",
                isDominant: mix.dominant.contains(weight.perspective),
                contributions: weight.contributions.map { "+\($0.points) \($0.reason) (\($0.citation))" },
                term: GlossaryTerm(rawValue: weight.perspective.rawValue))
        }
        dominant =
            mix.dominant.isEmpty
            ? "geen: er is nog niets gecodeerd dat naar een perspectief wijst"
            : mix.dominant.map(\.label).joined(separator: ", ")
        tensions = mix.tensions.map {
            TensionView(
                from: $0.from.label.lowercased(), byDefinition: $0.basis == .byDefinition,
                with: $0.with.label.lowercased(), values: $0.values.joined(separator: ", "), question: $0.question,
                citation: $0.citation)
        }
        let current = Set(advice.temporal.cells.count == 1 ? advice.temporal.cells : [])
        temporalRows = [Horizon.structural, .temporary].map { instrument in
            TemporalRow(
                instrument: instrument.code,
                cells: [Horizon.structural, .temporary].map { effect in
                    let cell = TemporalCell.cell(instrument: instrument, effect: effect)
                    return .init(opportunity: cell.opportunity, risk: cell.risk, isCurrent: current.contains(cell))
                })
        }
        temporalQuestion = advice.temporal.openQuestion
        let describe: (ApproachFit) -> ApproachView = {
            ApproachView(
                name: $0.approach.name, description: $0.approach.description,
                reasons: $0.reasons.joined(separator: "; "), citation: $0.approach.citation)
        }
        fitting = advice.evaluation.assessments.filter(\.fits).map(describe)
        notFitting = advice.evaluation.notFitting.map(describe)
        questions = advice.evaluation.questions
        indicators = advice.evaluation.indicatorKinds.map { IndicatorKindView($0) }
        exAnte = advice.evaluation.exAnte
        exDurante = advice.evaluation.exDurante
        exPost = advice.evaluation.exPost
        considerations = advice.evaluation.considerations.map {
            ConsiderationView(title: $0.title, text: $0.text, citation: $0.citation)
        }
    }
}

/// A kind of indicator the evaluation asks for, with its label instead of its key
/// (`programma`, `context`; usability review: raw keys in the text).
struct IndicatorKindView: Sendable {
    var label: String
    var term: GlossaryTerm?
    var description: String

    init(_ kind: IndicatorKind) {
        switch kind.kind {
        case "programma": (label, term) = ("Programma-indicatoren", .programmaIndicator)
        case "context": (label, term) = ("Contextindicatoren", .contextindicator)
        default: (label, term) = (kind.kind.prefix(1).uppercased() + kind.kind.dropFirst(), nil)
        }
        description = kind.description
    }
}

/// A reference variant near a profile.
struct NearestView: Sendable {
    var name: String
    var href: String
    var distance: String
    var differences: String

    static func all(_ distances: [ProfileDistance]) -> [NearestView] {
        distances.map {
            NearestView(
                name: $0.name, href: SiteURL.arrangement($0.variantID).href(),
                distance: Format.decimal($0.distance),
                differences: $0.differences.prefix(4).map(\.label).joined(separator: ", "))
        }
    }
}
