import Foundation
import Testing
import VliegwielCore

@Suite struct LearningLogTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    static let lesson = LearningLesson(
        id: "les-stages", date: day("2025-09-30"), text: "Stages bouwen een netwerk", learnedBy: "Hogeschool",
        source: "Eindevaluatie")
    static let secondLesson = LearningLesson(
        id: "les-tafel", date: day("2025-09-30"), text: "De regio wil de tafel voorzitten", learnedBy: "Evaluator",
        source: "Eindevaluatie, hoofdstuk 5")
    static let openLesson = LearningLesson(
        id: "les-zorgpost", date: day("2025-11-15"), text: "De zorgpost is onbekend", learnedBy: "Dorpsraad",
        source: "Verslag dorpsavond")
    static let decision = LearningDecision(
        id: "besluit-stuurgroep", date: day("2025-10-01"), text: "Theorie bijstellen, regio zit voor",
        decidedBy: "Stuurgroep", lessonIDs: ["les-stages", "les-tafel"])
    static let graphChange = LearningChange(
        id: "wijziging-graaf", date: day("2025-10-06"), text: "Schakel stages → netwerk redelijk",
        decisionIDs: ["besluit-stuurgroep"], target: .graphVersion(2))
    static let profileChange = LearningChange(
        id: "wijziging-profiel", date: day("2025-10-20"), text: "Rol Rijk ondergeschikt",
        decisionIDs: ["besluit-stuurgroep"], target: .profileVersion(2))

    static let context = LearningLogContext(
        profileVersions: [
            .init(number: 1, date: day("2023-06-01"), author: "Programmabureau", reason: "Convenant"),
            .init(number: 2, date: day("2025-10-20"), author: "Programmabureau", reason: "Stuurgroepbesluit"),
        ],
        graphVersions: [
            .init(number: 1, date: day("2024-01-15"), author: "Evaluator", reason: "Eerste"),
            .init(number: 2, date: day("2025-10-06"), author: "Evaluator", reason: "Na de eindevaluatie"),
        ],
        indicatorIDs: ["banen-jongeren"])

    static func fullLog() throws -> LearningLog {
        try LearningLog(arrangementID: "deal").appending(
            LearningLogEntries(
                lessons: [openLesson, lesson, secondLesson], decisions: [decision],
                changes: [profileChange, graphChange]),
            context: context)
    }

    @Test func aFullChainReadsForwardFromTheLesson() throws {
        let log = try Self.fullLog()
        let trace = try #require(log.trace(fromLesson: "les-stages"))
        #expect(trace.decisions.map(\.id) == ["besluit-stuurgroep"])
        #expect(trace.changes.map(\.id) == ["wijziging-graaf", "wijziging-profiel"])
        #expect(log.trace(fromLesson: "les-zorgpost")?.decisions == [])
        #expect(log.trace(fromLesson: "onbekend") == nil)
    }

    @Test func profileVersionTwoTracesBackToItsDecisionAndLessons() throws {
        let log = try Self.fullLog()
        let traces = log.traces(to: .profileVersion(2))
        #expect(traces.map(\.change.id) == ["wijziging-profiel"])
        #expect(traces.first?.decisions.map(\.id) == ["besluit-stuurgroep"])
        #expect(traces.first?.lessons.map(\.id) == ["les-stages", "les-tafel"])
        #expect(log.traces(to: .profileVersion(1)).isEmpty)
        #expect(log.traces(to: .graphVersion(2)).map(\.change.id) == ["wijziging-graaf"])
    }

    @Test func entriesAreKeptOldestFirstAndChainsPerDecision() throws {
        let log = try Self.fullLog()
        #expect(log.lessons.map(\.id) == ["les-stages", "les-tafel", "les-zorgpost"])
        #expect(log.changes.map(\.id) == ["wijziging-graaf", "wijziging-profiel"])
        #expect(log.chains.count == 1)
        #expect(log.chains[0].lessons.map(\.id) == ["les-stages", "les-tafel"])
        #expect(log.chains[0].changes.map(\.id) == ["wijziging-graaf", "wijziging-profiel"])
        #expect(log.openLessons.map(\.id) == ["les-zorgpost"])
    }

    @Test func entriesAddedLaterMayLinkToStoredOnes() throws {
        let first = try LearningLog(arrangementID: "deal").appending(
            LearningLogEntries(lessons: [Self.lesson]), context: Self.context)
        let later = try first.appending(
            LearningLogEntries(
                decisions: [
                    LearningDecision(
                        id: "besluit-2", date: Self.day("2025-12-01"), text: "Meer stages", decidedBy: "Stuurgroep",
                        lessonIDs: ["les-stages"])
                ],
                changes: [
                    LearningChange(
                        id: "wijziging-indicator", date: Self.day("2025-12-02"), text: "Doel stages verhoogd",
                        decisionIDs: ["besluit-2"], target: .indicator("banen-jongeren"))
                ]), context: Self.context)
        #expect(later.trace(fromChange: "wijziging-indicator")?.lessons.map(\.id) == ["les-stages"])
        #expect(later.traces(to: .indicator("banen-jongeren")).count == 1)
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let existing = try LearningLog(arrangementID: "deal").appending(
            LearningLogEntries(lessons: [Self.lesson]), context: Self.context)
        let entries = LearningLogEntries(
            arrangementID: "andere-deal", isFictional: true,
            lessons: [
                LearningLesson(id: "les-stages", date: Self.day("2025-01-01"), text: " ", learnedBy: "", source: ""),
                LearningLesson(id: "Les 2", date: Self.day("2025-12-01"), text: "Laat", learnedBy: "X", source: "Y"),
            ],
            decisions: [
                LearningDecision(
                    id: "besluit-vroeg", date: Self.day("2025-09-01"), text: "", decidedBy: " ",
                    lessonIDs: ["les-stages", "les-onbekend", "les-stages"]),
                LearningDecision(
                    id: "besluit-leeg", date: Self.day("2025-09-01"), text: "X", decidedBy: "Y", lessonIDs: []),
            ],
            changes: [
                LearningChange(
                    id: "wijziging-vroeg", date: Self.day("2025-08-01"), text: "",
                    decisionIDs: ["besluit-vroeg", "nee"],
                    target: .profileVersion(3)),
                LearningChange(
                    id: "wijziging-graaf", date: Self.day("2025-10-01"), text: "X", decisionIDs: [],
                    target: .graphVersion(0)),
                LearningChange(
                    id: "wijziging-indicator", date: Self.day("2025-10-01"), text: "X", decisionIDs: ["besluit-leeg"],
                    target: .indicator("onbekend")),
                LearningChange(
                    id: "wijziging-anders", date: Self.day("2025-10-01"), text: "X", decisionIDs: ["besluit-leeg"],
                    target: .other(" ")),
            ])
        let failure = try #require(throws: ValidationFailure.self) {
            try existing.appending(entries, context: Self.context)
        }
        #expect(
            failure.issues.map { "\($0.field): \($0.message)" } == [
                "arrangement: de regels horen bij 'andere-deal', dit leerlog bij 'deal'",
                "fictief: fictieve regels horen nooit in het leerlog van een echt arrangement",
                "lessen[0].id: 'les-stages' bestaat al in het leerlog; kies een andere id",
                "lessen[0].les: ontbreekt; wat is er geleerd?",
                "lessen[0].door: ontbreekt; wie leerde dit?",
                "lessen[0].bron: ontbreekt; noem de bron (een evaluatie, een verslag, een gesprek)",
                "lessen[1].id: 'Les 2' is geen geldige id; gebruik kleine letters en cijfers met losse streepjes",
                "besluiten[0].besluit: ontbreekt; wat is er besloten?",
                "besluiten[0].door: ontbreekt; wie of welk orgaan besloot?",
                "besluiten[0].datum: 2025-09-01 ligt voor les 'les-stages' (2025-09-30); een besluit volgt op zijn lessen",
                "besluiten[0].lessen[1]: onbekende les 'les-onbekend'; lessen: les-stages, Les 2",
                "besluiten[0].lessen[2]: les 'les-stages' staat er al",
                "besluiten[1].lessen: noem ten minste één les waaruit het besluit volgt; lessen: les-stages, Les 2",
                "wijzigingen[0].wijziging: ontbreekt; wat veranderde er?",
                "wijzigingen[0].datum: 2025-08-01 ligt voor besluit 'besluit-vroeg' (2025-09-01); een wijziging volgt op haar besluit",
                "wijzigingen[0].besluiten[1]: onbekend besluit 'nee'; besluiten: besluit-vroeg, besluit-leeg",
                "wijzigingen[0].betreft.versie: profielversie 3 bestaat niet; versies: 1, 2",
                "wijzigingen[1].besluiten: noem ten minste één besluit dat de wijziging uitvoert; besluiten: besluit-vroeg, besluit-leeg",
                "wijzigingen[1].betreft.versie: 0 is geen versienummer; versies tellen vanaf 1",
                "wijzigingen[2].betreft.indicator: onbekende indicator 'onbekend'; indicatoren: banen-jongeren",
                "wijzigingen[3].betreft.omschrijving: ontbreekt; zeg in woorden wat er veranderde",
            ])
    }

    @Test func versionNumbersAreOnlyCheckedWhenTheVersionsAreKnown() throws {
        let entries = LearningLogEntries(
            lessons: [Self.lesson], decisions: [Self.decision.with(lessons: ["les-stages"])],
            changes: [
                LearningChange(
                    id: "wijziging", date: Self.day("2025-10-20"), text: "X", decisionIDs: ["besluit-stuurgroep"],
                    target: .profileVersion(9))
            ])
        let log = LearningLog(arrangementID: "deal")
        #expect(log.issues(adding: entries).isEmpty)
        #expect(
            log.issues(adding: entries, context: LearningLogContext(profileVersions: [])).map(\.message) == [
                "profielversie 9 bestaat niet; er is nog geen versie"
            ])
    }

    @Test func entriesWithoutAnIdGetAReadableUniqueOne() throws {
        let log = try LearningLog(arrangementID: "deal").appending(LearningLogEntries(lessons: [Self.lesson]))
        let entries = log.withIDs(
            LearningLogEntries(
                lessons: [
                    LearningLesson(
                        id: "", date: Self.day("2025-10-01"), text: "Stages bouwen één netwerk!", learnedBy: "X",
                        source: "Y"),
                    LearningLesson(
                        id: "", date: Self.day("2025-10-01"), text: "Stages bouwen één netwerk", learnedBy: "X",
                        source: "Y"),
                ],
                decisions: [
                    LearningDecision(
                        id: "", date: Self.day("2025-10-02"), text: "Regio zit de tafel voor, het Rijk sluit aan",
                        decidedBy: "Stuurgroep", lessonIDs: ["les-stages"])
                ]))
        #expect(entries.lessons.map(\.id) == ["les-stages-bouwen-een-netwerk", "les-stages-bouwen-een-netwerk-2"])
        #expect(entries.decisions.map(\.id) == ["besluit-regio-zit-de-tafel-voor"])
    }

    @Test func theFileFormatRoundTripsWithoutLoss() throws {
        let log = try Self.fullLog()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(log.entries)
        let decoded = try JSONDecoder().decode(LearningLogEntries.self, from: data)
        #expect(decoded == log.entries)
        let change = String(decoding: try encoder.encode(Self.profileChange), as: UTF8.self)
        #expect(
            change
                == #"{"besluiten":["besluit-stuurgroep"],"betreft":{"soort":"profielversie","versie":2},"datum":"2025-10-20","id":"wijziging-profiel","wijziging":"Rol Rijk ondergeschikt"}"#
        )
        let other = String(decoding: try encoder.encode(LearningChangeTarget.other("Tafel maandelijks")), as: UTF8.self)
        #expect(other == #"{"omschrijving":"Tafel maandelijks","soort":"anders"}"#)
    }

    @Test func theDocumentListsChainsAndOpenLessonsByID() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try #require(
            try JSONSerialization.jsonObject(with: encoder.encode(LearningLogDocument(Self.fullLog())))
                as? [String: Any])
        #expect(object["lessenZonderBesluit"] as? [String] == ["les-zorgpost"])
        let chains = try #require(object["ketens"] as? [[String: Any]])
        #expect(chains.count == 1)
        #expect(chains[0]["besluit"] as? String == "besluit-stuurgroep")
        #expect(chains[0]["lessen"] as? [String] == ["les-stages", "les-tafel"])
        #expect(chains[0]["wijzigingen"] as? [String] == ["wijziging-graaf", "wijziging-profiel"])
    }

    @Test func aStoredLogIsValidOnItsOwn() throws {
        #expect(try Self.fullLog().issues(context: Self.context).isEmpty)
    }
}

extension LearningDecision {
    fileprivate func with(lessons: [String]) -> LearningDecision {
        var decision = self
        decision.lessonIDs = lessons
        return decision
    }
}
