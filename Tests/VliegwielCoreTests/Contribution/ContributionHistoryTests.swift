import Foundation
import Testing
import VliegwielCore

/// Versions of a contribution graph: every change kept, any two compared (issue 6, item 1).
@Suite struct ContributionHistoryTests {
    typealias F = ContributionFixture

    static var first: ContributionGraph {
        F.graph(
            [
                F.node("a", .intervention), F.node("d", .partialEffect), F.node("u", .outcome),
                F.node("weg", .condition),
            ],
            [
                F.link("a", "d", .weak, evidence: [EvidenceItem(what: "Oud", source: "B", date: F.day("2024-01-01"))]),
                F.link("d", "u", rivals: ["R1", "R2"]), F.link("a", "weg"),
            ])
    }

    static var second: ContributionGraph {
        var graph = first
        graph.nodes.removeAll { $0.id == "weg" }
        graph.links.removeAll { $0.id == "a-weg" }
        graph.nodes[1].label = "Deeleffect"
        graph.nodes[1].kind = .condition
        graph.nodes.append(F.node("i", .thirdPartyIntervention))
        graph.links[0].evidenceStrength = .strong
        graph.links[0].evidence = [EvidenceItem(what: "Nieuw", source: "B", date: F.day("2025-01-01"))]
        graph.links[1].from = "a"
        graph.links[1].rivalExplanations = ["R2", "R3"]
        graph.links.append(F.link("i", "u"))
        return graph
    }

    static var history: ContributionGraphHistory {
        var history = ContributionGraphHistory(arrangementID: F.arrangementID)
        try! history.record(first, on: F.day("2024-03-01"), author: "Evaluator", reason: "Eerste versie")
        try! history.record(second, on: F.day("2024-09-01"), author: "Evaluator", reason: "Na de tussenevaluatie")
        return history
    }

    @Test func everyChangeIsANewVersionAndNothingIsLost() throws {
        var history = Self.history
        #expect(history.versions.map(\.number) == [1, 2])
        #expect(history.version(1)?.graph == Self.first)
        #expect(history.current?.graph == Self.second)
        var third = Self.second
        third.links[0].assumption = "anders"
        let version = try history.record(third, on: F.day("2024-09-01"), author: "Ander", reason: "Scherper")
        #expect(version.number == 3)
        #expect(history.versions.map(\.graph) == [Self.first, Self.second, third])
        #expect(history.versions.map(\.reason) == ["Eerste versie", "Na de tussenevaluatie", "Scherper"])
        #expect(history.issues.isEmpty)
    }

    @Test func aRefusedVersionNamesEveryProblemAndChangesNothing() {
        var history = Self.history
        var other = Self.second
        other.arrangementID = "andere"
        other.links[0].assumption = ""
        #expect {
            try history.record(other, on: F.day("2024-08-31"), author: " ", reason: "")
        } throws: { error in
            (error as? ValidationFailure)?.issues.map { "\($0.field): \($0.message)" } == [
                "schakels[0].aanname: ontbreekt; zeg in woorden waarom deze schakel werkt",
                "arrangement: de graaf hoort bij 'andere', deze geschiedenis bij 'test-arrangement'",
                "datum: 2024-08-31 ligt voor versie 2 (2024-09-01)",
                "auteur: ontbreekt; wie wijzigde?",
                "reden: ontbreekt; waarom?",
            ]
        }
        #expect {
            try history.record(Self.second, on: F.day("2024-10-01"), author: "A", reason: "B")
        } throws: { error in
            (error as? ValidationFailure)?.issues.map(\.description) == [
                "test-arrangement: graaf: niets gewijzigd ten opzichte van versie 2"
            ]
        }
        #expect(history == Self.history)
    }

    @Test func theDiffNamesWhatWasAddedRemovedAndChanged() throws {
        let diff = try #require(Self.history.diff(from: 1, to: 2))
        #expect(diff.fromVersion == 1 && diff.toVersion == 2)
        #expect(diff.graphChanges.isEmpty)
        #expect(diff.addedNodes.map(\.id) == ["i"])
        #expect(diff.removedNodes.map(\.id) == ["weg"])
        #expect(diff.changedNodes.map(\.id) == ["d"])
        #expect(
            diff.changedNodes[0].changes == [
                FieldChange(field: "soort", before: "deeleffect", after: "voorwaarde"),
                FieldChange(field: "naam", before: "d", after: "Deeleffect"),
            ])
        #expect(diff.addedLinks.map(\.id) == ["i-u"])
        #expect(diff.removedLinks.map(\.id) == ["a-weg"])
        #expect(diff.changedLinks.map(\.id) == ["a-d", "d-u"])
        #expect(
            diff.changedLinks[0].changes == [
                FieldChange(field: "bewijskracht", before: "zwak", after: "sterk"),
                FieldChange(field: "bewijs", before: "Oud (B, 1 januari 2024)", after: nil),
                FieldChange(field: "bewijs", before: nil, after: "Nieuw (B, 1 januari 2025)"),
            ])
        #expect(
            diff.changedLinks[1].changes == [
                FieldChange(field: "van", before: "d", after: "a"),
                FieldChange(field: "rivaliserendeVerklaringen", before: "R1", after: nil),
                FieldChange(field: "rivaliserendeVerklaringen", before: nil, after: "R3"),
            ])
        #expect(!diff.isEmpty)
    }

    @Test func theDiffBackwardsIsTheMirrorAndAVersionAgainstItselfIsEmpty() throws {
        let history = Self.history
        let back = try #require(history.diff(from: 2, to: 1))
        #expect(back.addedNodes.map(\.id) == ["weg"])
        #expect(back.removedNodes.map(\.id) == ["i"])
        #expect(back.changedLinks[0].changes[0] == FieldChange(field: "bewijskracht", before: "sterk", after: "zwak"))
        #expect(history.diff(from: 2, to: 2)?.isEmpty == true)
        #expect(history.diff(from: 1, to: 3) == nil)
    }

    @Test func theDiffEncodesWithDutchKeys() throws {
        var after = Self.first
        after.links[0].evidenceStrength = .reasonable
        after.isFictional = true
        let diff = ContributionGraphDiff(from: Self.first, to: after, fromVersion: 1, toVersion: 2)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(
            String(decoding: try encoder.encode(diff), as: UTF8.self)
                == #"{"graaf":[{"na":"true","veld":"fictief","voor":"false"}],"knopenGewijzigd":[],"knopenToegevoegd":[],"#
                + #""knopenVerwijderd":[],"naarVersie":2,"schakelsGewijzigd":[{"id":"a-d","wijzigingen":[{"na":"redelijk","veld":"bewijskracht","voor":"zwak"}]}],"#
                + #""schakelsToegevoegd":[],"schakelsVerwijderd":[],"vanVersie":1}"#)
    }

    @Test func aHistoryRoundTripsThroughJSONWithoutLoss() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for history in [Self.history, ContributionGraphHistory.fictionalExample] {
            let data = try encoder.encode(history)
            let decoded = try JSONDecoder().decode(ContributionGraphHistory.self, from: data)
            #expect(decoded == history)
            #expect(try encoder.encode(decoded) == data)
        }
    }

    @Test func aHistoryReadFromAFileIsChecked() throws {
        let json =
            #"{"arrangement":"deal","versies":["#
            + #"{"versie":1,"datum":"2024-05-01","auteur":"A","reden":"R","graaf":{"arrangement":"deal"}},"#
            + #"{"versie":3,"datum":"2024-04-01","auteur":"","reden":"R","graaf":{"arrangement":"ander","#
            + #""knopen":[{"id":"a","soort":"interventie","naam":""}]}}]}"#
        let history = try JSONDecoder().decode(ContributionGraphHistory.self, from: Data(json.utf8))
        #expect(
            history.issues.map { "\($0.field): \($0.message)" } == [
                "versies[1].versie: is 3; verwacht 2",
                "versies[1].datum: 2024-04-01 ligt voor de vorige versie (2024-05-01)",
                "versies[1].auteur: ontbreekt",
                "versies[1].graaf.arrangement: is 'ander'; verwacht 'deal'",
                "versies[1].graaf.knopen[0].naam: ontbreekt of is leeg",
            ])
    }
}
