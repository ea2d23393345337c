import Testing
import VliegwielCore

/// The fictional example graph of the fictional demo deal (issue 6, item 1; docs/bijdrage.md).
@Suite struct ContributionExampleTests {
    let history = ContributionGraphHistory.fictionalExample

    @Test func itHasTwoValidVersionsOfTheDemoDealOnly() {
        #expect(history.arrangementID == "fictief-regio-deal-voorbeeld")
        #expect(history.versions.map(\.number) == [1, 2])
        #expect(history.issues.isEmpty)
        #expect(history.versions.allSatisfy { $0.graph.isFictional })
        #expect(history.versions.allSatisfy { $0.author.contains("(fictief)") && $0.reason.contains("(fictief)") })
    }

    @Test func everyTextSaysItIsFictional() {
        for version in history.versions {
            let graph = version.graph
            #expect(graph.nodes.allSatisfy { $0.label.hasSuffix("(fictief)") })
            #expect(graph.links.allSatisfy { $0.assumption.hasSuffix("(fictief).") })
            #expect(graph.links.flatMap(\.rivalExplanations).allSatisfy { $0.hasSuffix("(fictief).") })
            #expect(
                graph.links.flatMap(\.evidence).allSatisfy {
                    $0.what.hasSuffix("(fictief)") && $0.source.hasSuffix("(fictief)")
                })
        }
    }

    @Test func itShowsEveryKindOfNodeACycleAndTwoOutcomes() throws {
        let graph = try #require(history.current?.graph)
        let kinds = graph.nodes.map(\.kind)
        #expect(kinds.filter { $0 == .intervention }.count == 3)
        #expect(kinds.filter { $0 == .outcome }.count == 2)
        for kind in ContributionNodeKind.allCases { #expect(kinds.contains(kind), "\(kind.code)") }
        let analysis = ContributionAnalysis(graph)
        #expect(analysis.feedbackLinks(from: "samenhang").map(\.id) == ["samenhang-ontmoeting"])
        #expect(analysis.deadEndInterventions == ["zorgpost"])
        #expect(analysis.unreachedOutcomes.isEmpty)
        #expect(analysis.dependencies.map(\.outcome) == ["werk-in-de-regio"])
        #expect(analysis.dependencies[0].thirdPartyInterventions == ["buslijn"])
        #expect(analysis.dependencies[0].contextFactors == ["krappe-arbeidsmarkt"])
        #expect(
            analysis.interventionPaths(to: "werk-in-de-regio").map(\.nodes) == [
                ["dorpshuizen", "ontmoeting", "netwerk", "werk-in-de-regio"],
                ["stages", "netwerk", "werk-in-de-regio"],
            ])
        #expect(
            analysis.interventionPaths(to: "werk-in-de-regio").map(\.weakestLink) == [
                "ontmoeting-netwerk", "netwerk-werk",
            ])
    }

    @Test func theSecondVersionRecordsTheEvaluation() throws {
        let diff = try #require(history.diff(from: 1, to: 2))
        #expect(diff.addedNodes.map(\.id) == ["zorgpost"])
        #expect(diff.removedNodes.isEmpty && diff.changedNodes.isEmpty)
        #expect(diff.addedLinks.isEmpty && diff.removedLinks.isEmpty)
        #expect(diff.changedLinks.map(\.id) == ["stages-netwerk", "netwerk-werk"])
        #expect(diff.changedLinks[0].changes.map(\.field) == ["bewijskracht", "bewijs"])
        #expect(
            diff.changedLinks[0].changes[0] == FieldChange(field: "bewijskracht", before: "geen", after: "redelijk"))
    }

    @Test func itNeverAttachesToARealDeal() {
        let graph = ContributionGraph.fictionalExampleSecondVersion
        let real = PortfolioDeal(
            id: "fictief-regio-deal-voorbeeld", name: "Echt", tranche: 1, rijkContribution: nil, source: "bron")
        #expect(graph.issues(attachingTo: real).map(\.field) == ["fictief"])
    }
}
