import Testing
import VliegwielCore
import VliegwielInterchange

/// The fictional example graph fits the shipped fictional demo deal: its projects and themes.
@Suite struct ContributionDemoDealTests {
    @Test func theExampleBelongsToTheShippedDemoDeal() throws {
        let record = try BundledPortfolio.demoDeal().record
        #expect(record.deal.isFictional)
        for version in ContributionGraphHistory.fictionalExample.versions {
            let graph = version.graph
            #expect(graph.arrangementID == BundledPortfolio.demoID)
            #expect(graph.issues(attachingTo: record.deal).isEmpty)
            let projects = Dictionary(uniqueKeysWithValues: record.projects.map { ($0.id, $0) })
            for node in graph.nodes where node.kind == .intervention {
                let projectID = try #require(node.projectID)
                let project = try #require(projects[projectID])
                #expect(project.name.hasSuffix("(fictief)"))
            }
            let themes = Set(record.projects.flatMap(\.themes))
            for node in graph.nodes where node.kind == .outcome {
                let theme = try #require(node.theme)
                #expect(themes.contains(theme), "\(node.id)")
            }
        }
    }
}
