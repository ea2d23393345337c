import Foundation
import Testing
import VliegwielCore

/// The analysis of contribution graphs built for the purpose (issue 6, item 2; docs/bijdrage.md).
@Suite struct ContributionAnalysisTests {
    typealias F = ContributionFixture

    func routes(_ reach: SourceReach) -> [String: [[String]]] {
        Dictionary(uniqueKeysWithValues: reach.outcomes.map { ($0.outcome, $0.paths.map(\.nodes)) })
    }

    @Test func unreachableOutcomesAndDeadEndInterventions() {
        let graph = F.graph(
            [
                F.node("a", .intervention), F.node("b", .intervention), F.node("c", .intervention),
                F.node("d", .partialEffect), F.node("u1", .outcome), F.node("u2", .outcome, theme: .housing),
                F.node("x", .contextFactor),
            ],
            [F.link("a", "d"), F.link("d", "u1"), F.link("c", "d"), F.link("x", "u2")])
        let analysis = ContributionAnalysis(graph)
        #expect(analysis.unreachedOutcomes == ["u2"])
        #expect(analysis.deadEndInterventions == ["b"])
        #expect(analysis.interventions.map(\.source) == ["a", "b", "c"])
        #expect(routes(analysis.interventions[0]) == ["u1": [["a", "d", "u1"]]])
        #expect(analysis.interventions[1].outcomes.isEmpty)
        #expect(routes(analysis.interventions[2]) == ["u1": [["c", "d", "u1"]]])
        #expect(analysis.interventionPaths(to: "u1").map(\.links) == [["a-d", "d-u1"], ["c-d", "d-u1"]])
        #expect(analysis.limitsReached.isEmpty)
    }

    @Test func weakestLinkPerPathIsTheLowestStrengthAndTheFirstOnATie() {
        let graph = F.graph(
            [F.node("a", .intervention), F.node("d", .partialEffect), F.node("v", .condition), F.node("u", .outcome)],
            [
                F.link("a", "d", .strong), F.link("d", "v", .weak), F.link("v", "u", .weak), F.link("a", "v", .none),
                F.link("d", "u", .strong),
            ])
        let paths = ContributionAnalysis(graph).interventionPaths(to: "u")
        #expect(paths.map(\.nodes) == [["a", "d", "v", "u"], ["a", "d", "u"], ["a", "v", "u"]])
        #expect(paths.map(\.weakestLink) == ["d-v", "a-d", "a-v"])
        #expect(paths.map(\.weakestStrength) == [.weak, .strong, .none])
    }

    @Test func evidenceStrengthIsOrdered() {
        #expect(EvidenceStrength.allCases.map(\.code) == ["geen", "zwak", "redelijk", "sterk"])
        #expect(
            EvidenceStrength.none < .weak && EvidenceStrength.weak < .reasonable
                && EvidenceStrength.reasonable < .strong)
        #expect(EvidenceStrength.allCases.filter(\.needsEvidence) == [.none, .weak])
    }

    @Test func outcomesDependingOnThirdPartiesAndContext() {
        let graph = F.graph(
            [
                F.node("a", .intervention), F.node("v", .condition), F.node("u1", .outcome),
                F.node("u2", .outcome), F.node("u3", .outcome), F.node("i", .thirdPartyIntervention),
                F.node("c", .contextFactor),
            ],
            [
                F.link("a", "v"), F.link("v", "u1"), F.link("i", "v"), F.link("c", "u2"), F.link("a", "u3"),
                F.link("c", "v"),
            ])
        let analysis = ContributionAnalysis(graph)
        let dependencies = analysis.dependencies.map { [$0.outcome] + $0.thirdPartyInterventions + $0.contextFactors }
        #expect(dependencies == [["u1", "i", "c"], ["u2", "c"]])
        #expect(analysis.dependencies[0].thirdPartyInterventions == ["i"])
        #expect(analysis.dependencies[0].contextFactors == ["c"])
        #expect(analysis.dependencies[1].thirdPartyInterventions.isEmpty)
        #expect(analysis.externalPaths(to: "u1").map(\.nodes) == [["i", "v", "u1"], ["c", "v", "u1"]])
        #expect(analysis.unreachedOutcomes == ["u2"])
        #expect(analysis.externalSources.map(\.source) == ["i", "c"])
        #expect(analysis.externalSources.map(\.kind) == [.thirdPartyIntervention, .contextFactor])
    }

    @Test func aCycleTerminatesWithEverySimplePathOnce() {
        let analysis = ContributionAnalysis(F.cycle)
        #expect(analysis.interventionPaths(to: "u").map(\.nodes) == [["a", "d", "v", "u"], ["a", "v", "u"]])
        #expect(analysis.interventionPaths(to: "u").map(\.links) == [["a-d", "d-v", "v-u"], ["a-v", "v-u"]])
        #expect(analysis.limitsReached.isEmpty)
        #expect(analysis.interventions[0].limitReached == false)
        #expect(analysis.feedbackLinks(from: "u").map(\.id) == ["u-d"])
    }

    @Test func thePathLimitIsReportedWhenHit() {
        // Followed from a: a→d, d→v, v→u (3); the next, a→v, is over the limit.
        let analysis = ContributionAnalysis(F.cycle, pathLimit: 3)
        #expect(analysis.pathLimit == 3)
        #expect(analysis.interventionPaths(to: "u").map(\.nodes) == [["a", "d", "v", "u"]])
        #expect(analysis.interventions[0].limitReached)
        #expect(analysis.limitsReached == ["a"])
        // Reachability stays exact.
        #expect(analysis.interventions[0].outcomes.map(\.outcome) == ["u"])
        #expect(analysis.unreachedOutcomes.isEmpty)
        // Seven paths are followed in all, so a limit of seven is not hit.
        #expect(ContributionAnalysis(F.cycle, pathLimit: 7).limitsReached.isEmpty)
        #expect(ContributionAnalysis(F.cycle, pathLimit: 6).limitsReached == ["a"])
    }

    @Test func aDenseCyclicGraphEndsAtTheDefaultLimit() {
        // Twelve conditions all linked to each other: billions of simple paths.
        let inner = (1...12).map { "v\($0)" }
        var links = [F.link("a", "v1")] + inner.map { F.link($0, "u") }
        for from in inner {
            for to in inner where to != from { links.append(F.link(from, to)) }
        }
        let graph = F.graph(
            [F.node("a", .intervention), F.node("u", .outcome)] + inner.map { F.node($0, .condition) }, links)
        #expect(graph.issues.isEmpty)
        let analysis = ContributionAnalysis(graph)
        #expect(analysis.limitsReached == ["a"])
        let paths = analysis.interventionPaths(to: "u")
        #expect(!paths.isEmpty && paths.count < ContributionAnalysis.defaultPathLimit)
        #expect(paths.allSatisfy { Set($0.nodes).count == $0.nodes.count })
    }

    @Test func theAnalysisEncodesWithDutchKeys() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let graph = F.graph(
            [F.node("a", .intervention), F.node("u", .outcome), F.node("c", .contextFactor)],
            [F.link("a", "u", .weak), F.link("c", "u")])
        let json = String(decoding: try encoder.encode(ContributionAnalysis(graph)), as: UTF8.self)
        #expect(
            json
                == #"{"afhankelijkVanDerden":[{"contextfactoren":["c"],"interventiesVanDerden":[],"uitkomst":"u"}],"#
                + #""derdenEnContext":[{"grensBereikt":false,"knoop":"c","soort":"contextfactor","uitkomsten":[{"paden":[{"knopen":["c","u"],"schakels":["c-u"],"zwaksteBewijskracht":"redelijk","zwaksteSchakel":"c-u"}],"uitkomst":"u"}]}],"#
                + #""grensBereikt":[],"interventies":[{"grensBereikt":false,"knoop":"a","soort":"interventie","uitkomsten":[{"paden":[{"knopen":["a","u"],"schakels":["a-u"],"zwaksteBewijskracht":"zwak","zwaksteSchakel":"a-u"}],"uitkomst":"u"}]}],"#
                + #""interventiesZonderUitkomst":[],"padgrens":10000,"uitkomstenZonderInterventie":[]}"#)
    }
}
