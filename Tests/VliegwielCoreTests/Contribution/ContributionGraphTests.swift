import Foundation
import Testing
import VliegwielCore

/// The contribution graph's validation and its interchange form (issue 6, item 1).
@Suite struct ContributionGraphTests {
    typealias F = ContributionFixture

    @Test func everyProblemIsReportedAtOnceWithItsField() {
        var project = F.node("d", .partialEffect, theme: .society)
        project.projectID = "p1"
        project.indicatorID = "ind-1"
        var noTheme = F.node("u", .outcome)
        noTheme.theme = nil
        var blankLabel = F.node("Bad Id", .condition)
        blankLabel.label = "  "
        var badLink = F.link("a", "x")
        badLink.assumption = " "
        let graph = F.graph(
            [F.node("a", .intervention), F.node("a", .partialEffect), blankLabel, noTheme, project],
            [
                badLink, F.link("u", "u"), F.link("u", "a"),
                F.link(
                    "a", "u", evidence: [EvidenceItem(what: "", source: " ", date: F.day("2024-01-01"))],
                    rivals: [""]),
                F.link("a", "u"), F.link("q", "u"),
            ])
        let known = "a, Bad Id, u, d"
        let issues = graph.issues.map { "\($0.field): \($0.message)" }
        #expect(
            issues == [
                "knopen[1].id: 'a' komt meer dan eens voor; ook bij knopen[0]",
                "knopen[2].id: 'Bad Id' is geen geldige id; gebruik kleine letters en cijfers met losse streepjes",
                "knopen[2].naam: ontbreekt of is leeg",
                "knopen[3].thema: een uitkomst hoort bij een brede-welvaartsthema of een indicator; toegestaan: "
                    + WellbeingTheme.allowedCodes,
                "knopen[4].project: alleen een interventie hoort bij een project; dit is een deeleffect",
                "knopen[4].thema: alleen een uitkomst heeft een thema",
                "knopen[4].indicator: alleen een uitkomst heeft een indicator",
                "schakels[0].naar: onbekende knoop 'x'; bekende knopen: \(known)",
                "schakels[0].aanname: ontbreekt; zeg in woorden waarom deze schakel werkt",
                "schakels[1].naar: een schakel van 'u' naar zichzelf; een knoop draagt niet aan zichzelf bij",
                "schakels[2].naar: een schakel kan niet naar een interventie wijzen ('a'); die is een beginpunt van de veranderingstheorie",
                "schakels[3].bewijs[0].wat: ontbreekt of is leeg",
                "schakels[3].bewijs[0].bron: ontbreekt; noem de bron",
                "schakels[3].rivaliserendeVerklaringen[0]: is leeg",
                "schakels[4].id: 'a-u' komt meer dan eens voor; ook bij schakels[3]",
                "schakels[4].naar: dezelfde schakel 'a' → 'u' als schakels[3]",
                "schakels[5].van: onbekende knoop 'q'; bekende knopen: \(known)",
            ])
        #expect(graph.issues.allSatisfy { $0.arrangementID == F.arrangementID })
        #expect(throws: ValidationFailure.self) { try graph.validated() }
    }

    @Test func anOutcomeMayFeedBackButNotIntoASource() {
        let feedback = F.graph(
            [
                F.node("a", .intervention), F.node("d", .partialEffect), F.node("u", .outcome),
                F.node("u2", .outcome), F.node("c", .contextFactor), F.node("i", .thirdPartyIntervention),
            ],
            [F.link("a", "d"), F.link("d", "u"), F.link("u", "d"), F.link("u", "u2"), F.link("c", "u")])
        #expect(feedback.issues.isEmpty)
        var intoSources = feedback
        intoSources.links += [F.link("u", "c"), F.link("u2", "i")]
        #expect(
            intoSources.issues.map(\.field) == ["schakels[5].naar", "schakels[6].naar"])
        #expect(
            intoSources.issues.map(\.message) == [
                "een schakel kan niet naar een contextfactor wijzen ('c'); die is een beginpunt van de veranderingstheorie",
                "een schakel kan niet naar een interventie-van-derden wijzen ('i'); die is een beginpunt van de veranderingstheorie",
            ])
    }

    @Test func anOutcomeMayNameAnIndicatorInsteadOfATheme() {
        var outcome = F.node("u", .outcome)
        outcome.theme = nil
        outcome.indicatorID = "werkloosheid-jongeren"
        #expect(F.graph([outcome], []).issues.isEmpty)
    }

    @Test func aFictionalGraphNeverAttachesToARealDeal() {
        let real = PortfolioDeal(id: F.arrangementID, name: "Echt", tranche: 1, rijkContribution: nil, source: "bron")
        var graph = F.cycle
        #expect(graph.issues(attachingTo: real).isEmpty)
        graph.isFictional = true
        #expect(
            graph.issues(attachingTo: real).map(\.description) == [
                "test-arrangement: fictief: een fictieve graaf hoort nooit bij een echte deal"
            ])
        var other = real
        other.id = "andere-deal"
        other.isFictional = true
        #expect(
            graph.issues(attachingTo: other).map(\.description) == [
                "andere-deal: arrangement: de graaf hoort bij 'test-arrangement', niet bij 'andere-deal'"
            ])
    }

    @Test func theGraphEncodesWithDutchKeys() throws {
        let graph = ContributionGraph(
            arrangementID: "deal",
            nodes: [
                ContributionNode(id: "a", kind: .intervention, label: "A", projectID: "project-a"),
                ContributionNode(id: "u", kind: .outcome, label: "U", theme: .housing, indicatorID: "woningen"),
            ],
            links: [
                ContributionLink(
                    id: "a-u", from: "a", to: "u", assumption: "omdat", evidenceStrength: .weak,
                    evidence: [EvidenceItem(what: "W", source: "B", date: F.day("2024-02-29"))],
                    rivalExplanations: ["R"])
            ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(graph), as: UTF8.self)
        #expect(
            json
                == #"{"arrangement":"deal","fictief":false,"knopen":[{"id":"a","naam":"A","project":"project-a","soort":"interventie"},"#
                + #"{"id":"u","indicator":"woningen","naam":"U","soort":"uitkomst","thema":"wonen"}],"#
                + #""schakels":[{"aanname":"omdat","bewijs":[{"bron":"B","datum":"2024-02-29","wat":"W"}],"bewijskracht":"zwak","id":"a-u","naar":"u","rivaliserendeVerklaringen":["R"],"van":"a"}]}"#
        )
        #expect(try JSONDecoder().decode(ContributionGraph.self, from: Data(json.utf8)) == graph)
    }

    @Test func missingListsDecodeAsEmpty() throws {
        let json =
            #"{"arrangement":"deal","knopen":[{"id":"a","soort":"interventie","naam":"A"}],"#
            + #""schakels":[{"id":"a-b","van":"a","naar":"b","aanname":"x","bewijskracht":"geen"}]}"#
        let graph = try JSONDecoder().decode(ContributionGraph.self, from: Data(json.utf8))
        #expect(graph.isFictional == false)
        #expect(graph.links[0].evidence.isEmpty && graph.links[0].rivalExplanations.isEmpty)
    }

    @Test func anUnknownCodeIsRefusedWhenDecoding() {
        let json = #"{"arrangement":"deal","knopen":[{"id":"a","soort":"actie","naam":"A"}]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ContributionGraph.self, from: Data(json.utf8)) }
    }
}
