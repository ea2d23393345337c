import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SnapshotTesting
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage
import VliegwielWeb

/// The indicator page and API through the router, on the shipped catalogue and portfolio
/// with the fictional demo indicators seeded.
@Suite struct IndicatorWebTests {
    static let demo = "fictief-regio-deal-voorbeeld"

    static func application() async throws -> TestApplication {
        try await TestApplication([.catalogue, .portfolio, .fictionalExamples])
    }

    @Test func thePageShowsBothKindsApartWithChartsAndTables() async throws {
        try await Self.application().test(.router) { client in
            let response = try await client.get("/arrangementen/\(Self.demo)/indicatoren")
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(page.contains("<h3 id=\"programma-indicatoren\">Programma-indicatoren</h3>"))
            #expect(page.contains("<h3 id=\"contextindicatoren\">Contextindicatoren: brede welvaart in de regio</h3>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">2024</th><td>160</td><td>152</td><td><span class=\"status-sign\" aria-hidden=\"true\">✗</span> niet gehaald</td></tr>"
                ))
            #expect(page.contains("<h5>Vergelijking met de overige regio's (context, geen effect van de deal)</h5>"))
            #expect(page.contains("<svg class=\"chart\" role=\"img\" aria-labelledby=\"context-1-trend-title"))
            #expect(page.contains("Het zijn geen CBS-cijfers"))
            #expect(!page.contains("<script"))
            assertSnapshot(of: page, as: .lines, named: "indicatoren")
            let arrangement = String(buffer: try await client.get("/arrangementen/\(Self.demo)").body)
            #expect(
                arrangement.contains(
                    "<a href=\"/arrangementen/\(Self.demo)/indicatoren\">Indicatoren: programma en context</a>"))
            let reference = String(buffer: try await client.get("/arrangementen/regio-deal").body)
            #expect(!reference.contains("/indicatoren"))
            #expect(try await client.get("/arrangementen/bestaat-niet/indicatoren").status == .notFound)
        }
    }

    @Test func theAPIGivesTheReportAndPagedObservations() async throws {
        try await Self.application().test(.router) { client in
            let report = try await client.get("/api/v1/arrangementen/\(Self.demo)/indicatoren")
            #expect(report.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: report.body)) as? [String: Any])
            #expect(body["regios"] as? [String] == ["FX0001", "FX0002"])
            let context = try #require(body["contextIndicatoren"] as? [[String: Any]])
            #expect(context.count == 3)
            let list = try await client.get(
                "/api/v1/contextindicatoren?regio=FX0001&maat=Werkloosheid_1&paginaGrootte=4&pagina=2")
            #expect(list.status == .ok)
            let page = try #require(try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [String: Any])
            #expect(page["aantal"] as? Int == 6)
            let observations = try #require(page["waarnemingen"] as? [[String: Any]])
            #expect(observations.map { $0["periode"] as? String } == ["2022JJ00", "2023JJ00"])
            let links = try #require(page["_links"] as? [String: [String: String]])
            #expect(
                links["prev"]?["href"]
                    == "/api/v1/contextindicatoren?maat=Werkloosheid_1&regio=FX0001&pagina=1&paginaGrootte=4")
            #expect(links["next"] == nil)
            let bad = try await client.get("/api/v1/contextindicatoren?regio=Utrecht&periode=2021XX00&pagina=0")
            #expect(bad.status == .badRequest)
            #expect(bad.headers[.contentType] == "application/problem+json")
            let problem = try #require(try JSONSerialization.jsonObject(with: Data(buffer: bad.body)) as? [String: Any])
            let names = (problem["invalidParams"] as? [[String: String]])?.map { $0["name"] }
            #expect(names == ["regio", "periode", "pagina"])
            #expect(try await client.get("/api/v1/arrangementen/bestaat-niet/indicatoren").status == .notFound)
        }
    }
}
