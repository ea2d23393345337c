import Foundation
import VliegwielCore
import VliegwielStorage

/// The three kinds of entries of a learning log; the raw value is the form's path segment.
public enum LearningEntryKind: String, Sendable, Hashable, CaseIterable {
    case lessons = "lessen"
    case decisions = "besluiten"
    case changes = "wijzigingen"

    /// Singular, for messages and field ids: `les`, `besluit`, `wijziging`.
    var singular: String {
        switch self {
        case .lessons: "les"
        case .decisions: "besluit"
        case .changes: "wijziging"
        }
    }
}

/// The learning log as chains, for the learning-log page and for the evaluation dossier:
/// each decision with the lessons it follows from and the changes that carry it out, each
/// change linked to what it changed, and the lessons no decision follows from yet.
/// Build it with ``init(log:context:arrangementID:)`` or ``load(id:from:)``
/// and render it with the partial `learningchains` (`{{#section}}{{>learningchains}}{{/section}}`).
struct LearningLogSection: Sendable {
    struct LessonView: Sendable {
        var anchor: String
        var id: String
        var date: String
        var text: String
        var learnedBy: String
        var source: String
    }

    struct DecisionView: Sendable {
        var anchor: String
        var id: String
        var date: String
        var text: String
        var decidedBy: String
    }

    struct ChangeView: Sendable {
        var anchor: String
        var id: String
        var date: String
        var text: String
        /// `Profielversie 2`, `Bijdragegraafversie 2`, `Indicator banen-jongeren`, `Anders`.
        var targetLabel: String
        /// Where what changed can be seen; `nil` for `anders`.
        var targetHref: String?
        /// The version's date, author and reason, or the description of `anders`.
        var targetDetail: String?
    }

    struct ChainView: Sendable {
        var number: Int
        var headingID: String
        var lessons: [LessonView]
        var decision: DecisionView
        var changes: [ChangeView]
    }

    /// One entry of the log on the timeline: its date, what it is and a link to it in its chain.
    struct TimelineItem: Sendable {
        var isoDate: String
        var date: String
        var kind: String
        var who: String
        var href: String
    }

    var isFictional: Bool
    var isEmpty: Bool
    /// Every lesson, decision and change by date, oldest first (usability review: "no timeline
    /// view"); on one day a lesson before its decision before its change.
    var timeline: [TimelineItem]
    /// `3 lessen, 1 besluit, 2 wijzigingen`.
    var counts: String
    var chains: [ChainView]
    var openLessons: [LessonView]
    var pageHref: String

    init(log: LearningLog, context: LearningLogContext, arrangementID id: String) {
        func lesson(_ lesson: LearningLesson) -> LessonView {
            LessonView(
                anchor: "leerlog-\(lesson.id)", id: lesson.id, date: lesson.date.dutchText, text: lesson.text,
                learnedBy: lesson.learnedBy, source: lesson.source)
        }
        func change(_ change: LearningChange) -> ChangeView {
            let target = Self.target(change.target, context: context, arrangementID: id)
            return ChangeView(
                anchor: "leerlog-\(change.id)", id: change.id, date: change.date.dutchText, text: change.text,
                targetLabel: target.label, targetHref: target.href, targetDetail: target.detail)
        }
        isFictional = log.isFictional
        isEmpty = log.isEmpty
        counts = [
            "\(log.lessons.count) \(log.lessons.count == 1 ? "les" : "lessen")",
            "\(log.decisions.count) \(log.decisions.count == 1 ? "besluit" : "besluiten")",
            "\(log.changes.count) \(log.changes.count == 1 ? "wijziging" : "wijzigingen")",
        ].joined(separator: ", ")
        chains = log.chains.enumerated().map { index, chain in
            ChainView(
                number: index + 1, headingID: "keten-\(index + 1)", lessons: chain.lessons.map(lesson),
                decision: DecisionView(
                    anchor: "leerlog-\(chain.decision.id)", id: chain.decision.id, date: chain.decision.date.dutchText,
                    text: chain.decision.text, decidedBy: chain.decision.decidedBy),
                changes: chain.changes.map(change))
        }
        openLessons = log.openLessons.map(lesson)
        pageHref = SiteURL.learningLog(id).href()
        let dated: [(CalendarDate, Int, TimelineItem)] =
            log.lessons.map { l in
                (
                    l.date, 0,
                    TimelineItem(
                        isoDate: l.date.description, date: l.date.dutchText, kind: "les", who: "van \(l.learnedBy)",
                        href: "#leerlog-\(l.id)")
                )
            }
            + log.decisions.map { d in
                (
                    d.date, 1,
                    TimelineItem(
                        isoDate: d.date.description, date: d.date.dutchText, kind: "besluit", who: "van \(d.decidedBy)",
                        href: "#leerlog-\(d.id)")
                )
            }
            + log.changes.map { c in
                (
                    c.date, 2,
                    TimelineItem(
                        isoDate: c.date.description, date: c.date.dutchText, kind: "wijziging",
                        who: "in \(Self.target(c.target, context: context, arrangementID: id).label)",
                        href: "#leerlog-\(c.id)")
                )
            }
        timeline = dated.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    /// The section of arrangement `id` read from `store`.
    static func load(id: String, from store: any LearningLogStore) async throws
        -> LearningLogSection
    {
        let log = try await store.log(of: id)
        let context = try await store.context(of: id)
        return LearningLogSection(log: log, context: context, arrangementID: id)
    }

    /// The label, link and detail of what a change changed.
    static func target(
        _ target: LearningChangeTarget, context: LearningLogContext, arrangementID id: String
    ) -> (label: String, href: String?, detail: String?) {
        func detail(_ version: LearningLogContext.KnownVersion?) -> String? {
            version.map { "\($0.date.dutchText) · \($0.author) · \($0.reason)" }
        }
        switch target {
        case .profileVersion(let number):
            return (
                "Profielversie \(number)", SiteURL.arrangement(id).href() + "#profielversie-\(number)",
                detail(context.profileVersion(number))
            )
        case .graphVersion(let number):
            return (
                "Bijdragegraafversie \(number)", SiteURL.contributionGraph(id, version: number).href(),
                detail(context.graphVersion(number))
            )
        case .indicator(let indicator):
            return ("Indicator \(indicator)", SiteURL.indicators(id).href(), nil)
        case .other(let text):
            return ("Anders", nil, text)
        }
    }
}

/// Why a profile version came about, for the history on the arrangement page: the change in
/// the learning log that names it, with its decision and lessons.
struct LearningLogReason: Sendable {
    var label: String
    var href: String
}

extension LearningLog {
    /// For each profile version the log names, a line and a link to its chain on the learning-log page.
    func reasons(forProfileVersionsOf id: String) -> [Int: LearningLogReason] {
        var reasons: [Int: LearningLogReason] = [:]
        for change in changes {
            guard case .profileVersion(let number) = change.target, reasons[number] == nil,
                let trace = trace(fromChange: change.id)
            else { continue }
            let decisions = trace.decisions.map { "besluit \($0.date.dutchText) (\($0.decidedBy))" }
            let lessons = trace.lessons.map { "les \($0.date.dutchText) (\($0.learnedBy))" }
            reasons[number] = LearningLogReason(
                label: "volgt uit " + (decisions + lessons).joined(separator: ", "),
                href: SiteURL.learningLog(id).href() + "#leerlog-\(change.id)")
        }
        return reasons
    }
}

/// One field of a learning-log form: the same accessible pattern as the deal forms.
struct LearningFormField: Sendable {
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
    var options: [FormOption]
    /// The ids of the hint and the error, for `aria-describedby`; `nil` when neither.
    var describedBy: String?
}

/// One of the three forms on the learning-log page.
struct LearningLogForm: Sendable {
    var headingID: String
    var title: String
    var intro: String
    var action: String
    var fields: [LearningFormField]
    var submitLabel: String
    /// Why the form cannot be used yet (no lessons to decide on, no decisions to carry out).
    var unavailable: String?
}

/// `/arrangementen/{id}/leerlog`: the chains and the forms that add to them.
struct LearningLogPage: Sendable {
    var layout: Layout
    var title: String
    var arrangementName: String
    var arrangementHref: String
    var apiHref: String
    var notice: String?
    var errors: [FieldError]
    var hasErrors: Bool
    var section: LearningLogSection
    var forms: [LearningLogForm]
    /// Whether this visitor may add to the log: the forms only then.
    var editing: EditAccess = .allowed
}

extension SitePages {
    /// The learning-log page of `arrangement`; `problems` are those of the form `failed`,
    /// whose submitted `values` are shown again.
    func learningLogPage(
        _ arrangement: Arrangement, log: LearningLog, context: LearningLogContext,
        query: [String: [String]] = [:], failed: LearningEntryKind? = nil, values: [String: [String]] = [:],
        problems: [ItemProblem] = [], place: PagePlace? = nil
    ) -> LearningLogPage {
        let id = arrangement.id
        let forms = LearningEntryKind.allCases.map { kind in
            LearningLogFormSpec.form(
                kind, log: log, context: context, arrangementID: id,
                values: kind == failed ? values : [:], problems: kind == failed ? problems : [])
        }
        let errors: [FieldError] =
            failed.map { kind in
                problems.map { problem in
                    let spec = LearningLogFormSpec.fields(kind, log: log, context: context).first {
                        $0.key == problem.key
                    }
                    return FieldError(
                        fieldID: "\(kind.singular)-\(spec?.key ?? LearningLogFormSpec.firstKey(kind))",
                        label: "\(kind.singular.capitalized): \(spec?.label ?? problem.key)", message: problem.message)
                }
            } ?? []
        var notice: String?
        if let added = query["toegevoegd"]?.first.flatMap(LearningEntryKind.init(rawValue:)) {
            notice = "De \(added.singular) is toegevoegd aan het leerlog."
        }
        let title = "Leerlog van \(arrangement.name)"
        return LearningLogPage(
            layout: layout(title, .learningLog(id), place: place), title: title,
            arrangementName: arrangement.name, arrangementHref: SiteURL.arrangement(id).href(),
            apiHref: APIURL.learningLog(id).path, notice: notice, errors: errors, hasErrors: !errors.isEmpty,
            section: LearningLogSection(log: log, context: context, arrangementID: id),
            forms: forms)
    }
}
