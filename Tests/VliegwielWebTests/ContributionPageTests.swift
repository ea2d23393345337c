import Foundation
import Hummingbird
import HummingbirdTesting
import SnapshotTesting
import Testing
import VliegwielCore

/// The contribution graph page `/arrangementen/{id}/bijdragegraaf` on the demo deal's
/// fictional example graph (two versions).
@Suite struct ContributionPageTests {
    static let page = "/arrangementen/fictief-regio-deal-voorbeeld/bijdragegraaf"

    @Test func theCurrentVersionShowsGraphAnalysisChangesAndStories() async throws {
        try await ContributionWebTests.application().test(.router) { client in
            let response = try await client.get(Self.page)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("<h1>Bijdragegraaf</h1>"))
            #expect(html.contains("fictief voorbeeld"))
            #expect(html.contains("Versie 2 van 2 · 6 oktober 2025 · Evaluator Vallei (fictief)"))
            // The diagram has a text alternative and one path per link; the table lists them too.
            #expect(
                html.contains(
                    "<svg class=\"graph\" role=\"group\" aria-labelledby=\"bijdragegraaf-title bijdragegraaf-desc\""))
            let graph = try #require(ContributionGraphHistory.fictionalExample.current?.graph)
            #expect(html.components(separatedBy: "class=\"graph-link\"").count - 1 == graph.links.count)
            for link in graph.links {
                #expect(
                    html.contains(
                        "<tr id=\"schakel-\(link.id)\"><th scope=\"row\">\(graph.node(link.from)!.label)</th>"))
            }
            // Every node in the figure links to its row, and the row to each of its links' evidence
            // (usability review: "nodes are not clickable to their evidence").
            for node in graph.nodes {
                #expect(html.contains("<a href=\"#knoop-\(node.id)\" aria-label=\""))
                let row = try #require(html.range(of: "<tr id=\"knoop-\(node.id)\">"))
                let end = try #require(html.range(of: "</tr>", range: row.upperBound..<html.endIndex))
                let cells = String(html[row.upperBound..<end.lowerBound])
                let own = graph.links.filter { $0.from == node.id || $0.to == node.id }
                #expect(cells.components(separatedBy: "<a href=\"#schakel-").count - 1 == own.count)
                for link in own { #expect(cells.contains("<a href=\"#schakel-\(link.id)\">")) }
            }
            // The analysis: the dead-end intervention and the third-party dependence.
            #expect(html.contains("Interventie die geen uitkomst bereikt: "))
            #expect(html.contains("hangt ook af van"))
            // What changed since version 1, and one Mayne story per outcome.
            #expect(html.contains("<h2 id=\"wijzigingen\">Wat veranderde sinds versie 1</h2>"))
            let zorgpost = try #require(graph.node("zorgpost"))
            #expect(html.contains("Knoop erbij: \(zorgpost.label) (interventie)"))
            let stages = try #require(graph.links.first { $0.id == "stages-netwerk" })
            #expect(
                html.contains(
                    "<li>Schakel gewijzigd: \(graph.node(stages.from)!.label) → \(graph.node(stages.to)!.label)<ul><li>Bewijskracht: geen bewijs → redelijk bewijs</li>"
                ))
            let outcomes = graph.nodes.filter { $0.kind == .outcome }
            #expect(html.components(separatedBy: "<section aria-labelledby=\"verhaal-").count - 1 == outcomes.count)
            // No share of an outcome in percentages anywhere (the SVG's width is no share).
            #expect(!html.contains("%"))
        }
    }

    @Test func anEarlierVersionHasNoChangesSectionAndLinksToTheOther() async throws {
        try await ContributionWebTests.application().test(.router) { client in
            let html = try await client.get(Self.page + "?versie=1").text
            #expect(html.contains("Versie 1 van 2 · 15 januari 2024"))
            #expect(!html.contains("id=\"wijzigingen\""))
            #expect(html.contains("<a href=\"\(Self.page)?versie=2\">versie 2 · 6 oktober 2025"))
        }
    }

    @Test func badVersionsAndUnknownArrangementsAreExplained() async throws {
        try await ContributionWebTests.application().test(.router) { client in
            let missing = try await client.get(Self.page + "?versie=7")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("Versie 7 van de bijdragegraaf bestaat niet; er zijn 2 versie(s)."))
            let bad = try await client.get(Self.page + "?versie=twee")
            #expect(bad.status == .badRequest)
            #expect(
                bad.text.contains("versie: &#39;twee&#39; is geen versienummer")
                    || bad.text.contains("versie: 'twee' is geen versienummer"))
            #expect(try await client.get("/arrangementen/bestaat-niet/bijdragegraaf").status == .notFound)
        }
    }

    @Test func anArrangementWithoutGraphSaysHowToAddOne() async throws {
        try await ContributionWebTests.application().test(.router) { client in
            let html = try await client.get("/arrangementen/regio-deal-3-zwolle/bijdragegraaf").text
            #expect(html.contains("Voor dit arrangement is nog geen bijdragegraaf vastgelegd."))
            #expect(!html.contains("<svg"))
        }
    }

    @Test func snapshot() async throws {
        try await ContributionWebTests.application().test(.router) { client in
            let html = try await client.get(Self.page).text
            assertSnapshot(of: html, as: .lines, named: "bijdragegraaf")
        }
    }
}
