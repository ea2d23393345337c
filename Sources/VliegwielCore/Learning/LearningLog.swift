import Foundation

// The learning log of an arrangement (issue 6 item 4; docs/leerlog.md). The essay asks for
// evaluation that looks at "leervermogen" and at "het uitwisselen van ervaringen en lessen"
// (§5.1), and for choices that are "niet in beton gegoten" but are weighed again while a deal
// runs (§5.2; "ex durante", §5.4). The log records that learning as three kinds of dated
// entries — a lesson, the decision that follows from it, the change that carries the
// decision out — linked so the chain reads both ways: from a lesson to what it changed, and
// from a change (profile version 2) back to why.

/// What was learned, when, by whom, and where it stands.
public struct LearningLesson: Sendable, Hashable, Codable, Identifiable {
    /// A slug, unique within the log (`les-talent-blijft-bindt-jongeren`).
    public var id: String
    public var date: CalendarDate
    /// What was learned, in words.
    public var text: String
    /// Who learned it: a person, an evaluator, a meeting.
    public var learnedBy: String
    /// Where it stands: an evaluation, a report, minutes.
    public var source: String

    public init(id: String, date: CalendarDate, text: String, learnedBy: String, source: String) {
        self.id = id
        self.date = date
        self.text = text
        self.learnedBy = learnedBy
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case id
        case date = "datum"
        case text = "les"
        case learnedBy = "door"
        case source = "bron"
    }

    /// Missing texts decode as empty, so that validation names every one of them at once.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        date = try container.learningDate(forKey: .date, decoder: decoder)
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        learnedBy = try container.decodeIfPresent(String.self, forKey: .learnedBy) ?? ""
        source = try container.decodeIfPresent(String.self, forKey: .source) ?? ""
    }
}

/// What was decided, when, by whom or which body, and the lessons it follows from.
public struct LearningDecision: Sendable, Hashable, Codable, Identifiable {
    /// A slug, unique within the log.
    public var id: String
    public var date: CalendarDate
    /// What was decided, in words.
    public var text: String
    /// Who decided: a person or a body (`Stuurgroep`).
    public var decidedBy: String
    /// The ids of the lessons the decision follows from; at least one.
    public var lessonIDs: [String]

    public init(id: String, date: CalendarDate, text: String, decidedBy: String, lessonIDs: [String]) {
        self.id = id
        self.date = date
        self.text = text
        self.decidedBy = decidedBy
        self.lessonIDs = lessonIDs
    }

    enum CodingKeys: String, CodingKey {
        case id
        case date = "datum"
        case text = "besluit"
        case decidedBy = "door"
        case lessonIDs = "lessen"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        date = try container.learningDate(forKey: .date, decoder: decoder)
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        decidedBy = try container.decodeIfPresent(String.self, forKey: .decidedBy) ?? ""
        lessonIDs = try container.decodeIfPresent([String].self, forKey: .lessonIDs) ?? []
    }
}

/// What a change changed: a version of the arrangement's profile, a version of its
/// contribution graph, an indicator, or something else, described in words.
public enum LearningChangeTarget: Sendable, Hashable, Codable {
    /// Version `number` of the arrangement's profile (its profile history).
    case profileVersion(Int)
    /// Version `number` of the arrangement's contribution graph.
    case graphVersion(Int)
    /// An indicator, by its id.
    case indicator(String)
    /// Anything else, in words (a project stopped, a meeting rhythm changed).
    case other(String)

    /// The kinds, as written in files: `profielversie`, `bijdragegraafversie`, `indicator`, `anders`.
    public enum Kind: String, Vocabulary, Codable {
        case profileVersion = "profielversie"
        case graphVersion = "bijdragegraafversie"
        case indicator = "indicator"
        case other = "anders"
    }

    public var kind: Kind {
        switch self {
        case .profileVersion: .profileVersion
        case .graphVersion: .graphVersion
        case .indicator: .indicator
        case .other: .other
        }
    }

    /// `profielversie 2`, `bijdragegraafversie 2`, `indicator banen-jongeren`, `anders: …`, in Dutch.
    public var summary: String {
        switch self {
        case .profileVersion(let number): "profielversie \(number)"
        case .graphVersion(let number): "bijdragegraafversie \(number)"
        case .indicator(let id): "indicator \(id)"
        case .other(let text): "anders: \(text)"
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind = "soort"
        case version = "versie"
        case indicator
        case description = "omschrijving"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decodeIfPresent(String.self, forKey: .kind)
        guard let code, let kind = Kind(code: code) else {
            try decoder.report(
                code == nil
                    ? "ontbreekt; toegestaan: \(Kind.allowedCodes)"
                    : "onbekende soort '\(code!)'; toegestaan: \(Kind.allowedCodes)",
                at: container.codingPath + [CodingKeys.kind])
            // Never stored: the problem above refuses the entry; no second message on `betreft`.
            self = .other("(onbekende soort)")
            return
        }
        switch kind {
        case .profileVersion, .graphVersion:
            guard let number = try container.decodeIfPresent(Int.self, forKey: .version) else {
                try decoder.report(
                    "ontbreekt; geef het versienummer (1, 2, …)", at: container.codingPath + [CodingKeys.version])
                self = kind == .profileVersion ? .profileVersion(1) : .graphVersion(1)
                return
            }
            self = kind == .profileVersion ? .profileVersion(number) : .graphVersion(number)
        case .indicator: self = .indicator(try container.decodeIfPresent(String.self, forKey: .indicator) ?? "")
        case .other: self = .other(try container.decodeIfPresent(String.self, forKey: .description) ?? "")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .profileVersion(let number), .graphVersion(let number): try container.encode(number, forKey: .version)
        case .indicator(let id): try container.encode(id, forKey: .indicator)
        case .other(let text): try container.encode(text, forKey: .description)
        }
    }
}

/// What changed, when, the decisions it carries out, and what it changed.
public struct LearningChange: Sendable, Hashable, Codable, Identifiable {
    /// A slug, unique within the log.
    public var id: String
    public var date: CalendarDate
    /// What changed, in words.
    public var text: String
    /// The ids of the decisions the change carries out; at least one.
    public var decisionIDs: [String]
    public var target: LearningChangeTarget

    public init(id: String, date: CalendarDate, text: String, decisionIDs: [String], target: LearningChangeTarget) {
        self.id = id
        self.date = date
        self.text = text
        self.decisionIDs = decisionIDs
        self.target = target
    }

    enum CodingKeys: String, CodingKey {
        case id
        case date = "datum"
        case text = "wijziging"
        case decisionIDs = "besluiten"
        case target = "betreft"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        date = try container.learningDate(forKey: .date, decoder: decoder)
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        decisionIDs = try container.decodeIfPresent([String].self, forKey: .decisionIDs) ?? []
        if let target = try container.decodeIfPresent(LearningChangeTarget.self, forKey: .target) {
            self.target = target
        } else {
            try decoder.report(
                "ontbreekt; zeg wat er veranderde: soort \(LearningChangeTarget.Kind.allowedCodes)",
                at: container.codingPath + [CodingKeys.target])
            target = .other("(ontbreekt)")
        }
    }
}

/// Entries to add to a learning log: from a file, a form or the API. An entry without an id
/// gets one made from its text when it is added (``LearningLog/appending(_:context:)``).
public struct LearningLogEntries: Sendable, Hashable, Codable {
    /// The arrangement the entries are meant for, when they say so (a file does; a form does not).
    public var arrangementID: String?
    /// Whether the entries are made up; fictional entries never reach a real arrangement.
    public var isFictional: Bool
    public var lessons: [LearningLesson]
    public var decisions: [LearningDecision]
    public var changes: [LearningChange]

    public init(
        arrangementID: String? = nil, isFictional: Bool = false, lessons: [LearningLesson] = [],
        decisions: [LearningDecision] = [], changes: [LearningChange] = []
    ) {
        self.arrangementID = arrangementID
        self.isFictional = isFictional
        self.lessons = lessons
        self.decisions = decisions
        self.changes = changes
    }

    enum CodingKeys: String, CodingKey {
        case arrangementID = "arrangement"
        case isFictional = "fictief"
        case lessons = "lessen"
        case decisions = "besluiten"
        case changes = "wijzigingen"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        arrangementID = try container.decodeIfPresent(String.self, forKey: .arrangementID)
        isFictional = try container.decodeIfPresent(Bool.self, forKey: .isFictional) ?? false
        lessons = try container.decodeIfPresent([LearningLesson].self, forKey: .lessons) ?? []
        decisions = try container.decodeIfPresent([LearningDecision].self, forKey: .decisions) ?? []
        changes = try container.decodeIfPresent([LearningChange].self, forKey: .changes) ?? []
    }

    /// Whether there is nothing to add.
    public var isEmpty: Bool { lessons.isEmpty && decisions.isEmpty && changes.isEmpty }

    /// How many entries there are.
    public var count: Int { lessons.count + decisions.count + changes.count }
}

/// The learning log of one arrangement: lessons, decisions and changes, each oldest first.
/// Entries are only ever added; a stored entry is never changed or removed.
public struct LearningLog: Sendable, Hashable, Encodable {
    public let arrangementID: String
    /// Whether the log is made up for the demo (the fictional demo deal's log).
    public var isFictional: Bool
    public private(set) var lessons: [LearningLesson]
    public private(set) var decisions: [LearningDecision]
    public private(set) var changes: [LearningChange]

    /// An empty log.
    public init(arrangementID: String, isFictional: Bool = false) {
        self.arrangementID = arrangementID
        self.isFictional = isFictional
        lessons = []
        decisions = []
        changes = []
    }

    enum CodingKeys: String, CodingKey {
        case arrangementID = "arrangement"
        case isFictional = "fictief"
        case lessons = "lessen"
        case decisions = "besluiten"
        case changes = "wijzigingen"
    }

    /// Whether the log has no entries.
    public var isEmpty: Bool { lessons.isEmpty && decisions.isEmpty && changes.isEmpty }

    /// The whole log as entries, to validate it or to copy it into another store.
    public var entries: LearningLogEntries {
        LearningLogEntries(
            arrangementID: arrangementID, isFictional: isFictional, lessons: lessons, decisions: decisions,
            changes: changes)
    }

    public func lesson(_ id: String) -> LearningLesson? { lessons.first { $0.id == id } }
    public func decision(_ id: String) -> LearningDecision? { decisions.first { $0.id == id } }
    public func change(_ id: String) -> LearningChange? { changes.first { $0.id == id } }

    /// Every id in use, of any kind.
    public var ids: Set<String> { Set(lessons.map(\.id) + decisions.map(\.id) + changes.map(\.id)) }

    /// The log with `entries` added — ids made for the entries that have none — when the
    /// result has no problems; otherwise every problem at once, named by the entries' own
    /// paths (`besluiten[0].lessen[1]`), and the log unchanged.
    public func appending(
        _ entries: LearningLogEntries, context: LearningLogContext = LearningLogContext()
    ) throws(ValidationFailure) -> LearningLog {
        let entries = withIDs(entries)
        let found = issues(adding: entries, context: context)
        if !found.isEmpty { throw ValidationFailure(issues: found) }
        var log = self
        log.lessons = Self.sorted(lessons + entries.lessons)
        log.decisions = Self.sorted(decisions + entries.decisions)
        log.changes = Self.sorted(changes + entries.changes)
        return log
    }

    /// `entries` with an id made for each entry that has none: its kind and the first words
    /// of its text (`les-talent-blijft-bindt-jongeren`), with `-2`, `-3` … when taken.
    public func withIDs(_ entries: LearningLogEntries) -> LearningLogEntries {
        var taken = ids.union(entries.lessons.map(\.id) + entries.decisions.map(\.id) + entries.changes.map(\.id))
        func make(_ prefix: String, _ text: String) -> String {
            let base = Self.slug(prefix + " " + text)
            var candidate = base
            var number = 2
            while taken.contains(candidate) {
                candidate = "\(base)-\(number)"
                number += 1
            }
            taken.insert(candidate)
            return candidate
        }
        var entries = entries
        for index in entries.lessons.indices where entries.lessons[index].id.isEmpty {
            entries.lessons[index].id = make("les", entries.lessons[index].text)
        }
        for index in entries.decisions.indices where entries.decisions[index].id.isEmpty {
            entries.decisions[index].id = make("besluit", entries.decisions[index].text)
        }
        for index in entries.changes.indices where entries.changes[index].id.isEmpty {
            entries.changes[index].id = make("wijziging", entries.changes[index].text)
        }
        return entries
    }

    /// Lower case, accents folded, the first six words joined by hyphens, at most 60 characters.
    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "nl"))
            .lowercased()
        let words = folded.split { !(("a"..."z").contains($0) || ("0"..."9").contains($0)) }.prefix(6)
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? String(word) : slug + "-" + word
            if next.count > 60 { break }
            slug = next
        }
        return slug
    }

    private static func sorted<Entry: LearningEntry>(_ entries: [Entry]) -> [Entry] {
        // Stable by date: entries of one day keep the order they were added in.
        entries.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }
}

/// What every kind of entry has: an id and a date.
protocol LearningEntry {
    var id: String { get }
    var date: CalendarDate { get }
}

extension LearningLesson: LearningEntry {}
extension LearningDecision: LearningEntry {}
extension LearningChange: LearningEntry {}

/// What the log's links are checked against: the versions and indicators the arrangement has.
/// `nil` means not known here, so not checked.
public struct LearningLogContext: Sendable, Hashable {
    /// One version of the profile or of the contribution graph, as a change may name it.
    public struct KnownVersion: Sendable, Hashable {
        public var number: Int
        public var date: CalendarDate
        public var author: String
        public var reason: String

        public init(number: Int, date: CalendarDate, author: String, reason: String) {
            self.number = number
            self.date = date
            self.author = author
            self.reason = reason
        }
    }

    public var profileVersions: [KnownVersion]?
    public var graphVersions: [KnownVersion]?
    /// The ids of the arrangement's indicators.
    public var indicatorIDs: [String]?

    public init(
        profileVersions: [KnownVersion]? = nil, graphVersions: [KnownVersion]? = nil, indicatorIDs: [String]? = nil
    ) {
        self.profileVersions = profileVersions
        self.graphVersions = graphVersions
        self.indicatorIDs = indicatorIDs
    }

    /// The profile version `number`, when known.
    public func profileVersion(_ number: Int) -> KnownVersion? { profileVersions?.first { $0.number == number } }

    /// The graph version `number`, when known.
    public func graphVersion(_ number: Int) -> KnownVersion? { graphVersions?.first { $0.number == number } }
}

extension KeyedDecodingContainer where Key: CodingKey {
    /// A `JJJJ-MM-DD` date. A missing or wrong one is reported (every one, with a collector)
    /// and read as 1900-01-01, the earliest day, so that no order check adds a second message.
    fileprivate func learningDate(forKey key: Key, decoder: any Decoder) throws -> CalendarDate {
        let earliest = CalendarDate(year: 1900, month: 1, day: 1)!
        guard let text = try decodeIfPresent(String.self, forKey: key) else {
            try decoder.report("ontbreekt; schrijf JJJJ-MM-DD, bijvoorbeeld 2025-09-30", at: codingPath + [key])
            return earliest
        }
        guard let date = CalendarDate(iso: text) else {
            try decoder.report(
                "'\(text)' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2025-09-30", at: codingPath + [key])
            return earliest
        }
        return date
    }
}
