/// One chain of the log: a decision with the lessons it follows from and the changes that
/// carry it out — lesson → decision → change.
public struct LearningChain: Sendable, Hashable {
    public var lessons: [LearningLesson]
    public var decision: LearningDecision
    /// Empty while the decision is not carried out yet.
    public var changes: [LearningChange]
}

/// From a lesson forward: the decisions that follow from it and the changes that carry those out.
public struct LearningLessonTrace: Sendable, Hashable {
    public var lesson: LearningLesson
    public var decisions: [LearningDecision]
    public var changes: [LearningChange]
}

/// From a change back: the decisions it carries out and the lessons those follow from.
public struct LearningChangeTrace: Sendable, Hashable {
    public var change: LearningChange
    public var decisions: [LearningDecision]
    public var lessons: [LearningLesson]
}

extension LearningLog {
    /// The decisions that follow from lesson `id`, oldest first.
    public func decisions(following lessonID: String) -> [LearningDecision] {
        decisions.filter { $0.lessonIDs.contains(lessonID) }
    }

    /// The changes that carry out decision `id`, oldest first.
    public func changes(carryingOut decisionID: String) -> [LearningChange] {
        changes.filter { $0.decisionIDs.contains(decisionID) }
    }

    /// Every chain, one per decision, oldest decision first.
    public var chains: [LearningChain] {
        decisions.map { decision in
            LearningChain(
                lessons: lessons.filter { decision.lessonIDs.contains($0.id) }, decision: decision,
                changes: changes(carryingOut: decision.id))
        }
    }

    /// The lessons that no decision follows from yet: learned, not yet acted on.
    public var openLessons: [LearningLesson] {
        let used = Set(decisions.flatMap(\.lessonIDs))
        return lessons.filter { !used.contains($0.id) }
    }

    /// Forward from lesson `id` to its decisions and their changes; `nil` for an unknown lesson.
    public func trace(fromLesson id: String) -> LearningLessonTrace? {
        guard let lesson = lesson(id) else { return nil }
        let decisions = decisions(following: id)
        let decisionIDs = Set(decisions.map(\.id))
        return LearningLessonTrace(
            lesson: lesson, decisions: decisions,
            changes: changes.filter { !decisionIDs.isDisjoint(with: $0.decisionIDs) })
    }

    /// Back from change `id` to its decisions and their lessons; `nil` for an unknown change.
    public func trace(fromChange id: String) -> LearningChangeTrace? {
        guard let change = change(id) else { return nil }
        let decisions = decisions.filter { change.decisionIDs.contains($0.id) }
        let lessonIDs = Set(decisions.flatMap(\.lessonIDs))
        return LearningChangeTrace(
            change: change, decisions: decisions, lessons: lessons.filter { lessonIDs.contains($0.id) })
    }

    /// Back from what was changed — profile version 2, graph version 2, an indicator — to the
    /// changes that changed it, each with its decisions and lessons; empty when the log does
    /// not say why it changed.
    public func traces(to target: LearningChangeTarget) -> [LearningChangeTrace] {
        changes.filter { $0.target == target }.compactMap { trace(fromChange: $0.id) }
    }
}

/// The learning log as the CLI's `--formaat json` and the API present it: the entries, and
/// the chains and open lessons by id, so a program can follow the links both ways.
public struct LearningLogDocument: Sendable, Hashable, Encodable {
    public struct Chain: Sendable, Hashable, Encodable {
        public var decision: String
        public var lessons: [String]
        public var changes: [String]

        enum CodingKeys: String, CodingKey {
            case decision = "besluit"
            case lessons = "lessen"
            case changes = "wijzigingen"
        }
    }

    public var log: LearningLog

    public init(_ log: LearningLog) { self.log = log }

    enum CodingKeys: String, CodingKey {
        case arrangementID = "arrangement"
        case isFictional = "fictief"
        case lessons = "lessen"
        case decisions = "besluiten"
        case changes = "wijzigingen"
        case chains = "ketens"
        case openLessons = "lessenZonderBesluit"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(log.arrangementID, forKey: .arrangementID)
        try container.encode(log.isFictional, forKey: .isFictional)
        try container.encode(log.lessons, forKey: .lessons)
        try container.encode(log.decisions, forKey: .decisions)
        try container.encode(log.changes, forKey: .changes)
        try container.encode(
            log.chains.map {
                Chain(decision: $0.decision.id, lessons: $0.lessons.map(\.id), changes: $0.changes.map(\.id))
            }, forKey: .chains)
        try container.encode(log.openLessons.map(\.id), forKey: .openLessons)
    }
}
