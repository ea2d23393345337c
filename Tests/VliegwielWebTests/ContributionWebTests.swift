import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage
import VliegwielWeb

/// `GET /api/v1/arrangementen/{id}/bijdragegraaf` through the router, on the shipped catalogue
/// and portfolio with the fictional example graph seeded.
@Suite struct ContributionWebTests {
    static let demo = "/api/v1/arrangementen/fictief-regio-deal-voorbeeld/bijdragegraaf"

    static func application() async throws -> TestApplication {
        try await TestApplication([.catalogue, .portfolio, .fictionalExamples])
    }

    @Test func theNewestVersionComesWithItsAnalysis() async throws {
        try await Self.application().test(.router) { client in
            let response = try await client.get(Self.demo)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let document = try response.json()
            #expect(document["arrangement"] as? String == "fictief-regio-deal-voorbeeld")
            #expect(document["aantalVersies"] as? Int == 2)
            let version = try #require(document["versie"] as? [String: Any])
            #expect(version["versie"] as? Int == 2)
            #expect(version["datum"] as? String == "2025-10-06")
            #expect(version["auteur"] as? String == "Evaluator Vallei (fictief)")
            let analysis = try #require(document["analyse"] as? [String: Any])
            #expect(analysis["interventiesZonderUitkomst"] as? [String] == ["zorgpost"])
            #expect(analysis["uitkomstenZonderInterventie"] as? [String] == [])
            #expect(analysis["padgrens"] as? Int == 10_000)
            let dependencies = try #require(analysis["afhankelijkVanDerden"] as? [[String: Any]])
            #expect(dependencies.map { $0["uitkomst"] as? String } == ["werk-in-de-regio"])
            #expect(dependencies.first?["interventiesVanDerden"] as? [String] == ["buslijn"])
            #expect(dependencies.first?["contextfactoren"] as? [String] == ["krappe-arbeidsmarkt"])
        }
    }

    @Test func anEarlierVersionByQuery() async throws {
        try await Self.application().test(.router) { client in
            let document = try await client.get(Self.demo + "?versie=1").json()
            let version = try #require(document["versie"] as? [String: Any])
            #expect(version["versie"] as? Int == 1)
            #expect((document["analyse"] as? [String: Any])?["interventiesZonderUitkomst"] as? [String] == [])
        }
    }

    @Test func problemsSayWhatIsWrong() async throws {
        try await Self.application().test(.router) { client in
            let cases: [(String, HTTPResponse.Status, String)] = [
                (
                    Self.demo + "?versie=3", .notFound,
                    "Arrangement 'fictief-regio-deal-voorbeeld' heeft geen versie 3 van de bijdragegraaf; versies: 1, 2."
                ),
                (Self.demo + "?versie=nul", .badRequest, "De zoekvraag is ongeldig."),
                (
                    "/api/v1/arrangementen/regio-deal/bijdragegraaf", .notFound,
                    "Arrangement 'regio-deal' heeft nog geen bijdragegraaf."
                ),
                (
                    "/api/v1/arrangementen/bestaat-niet/bijdragegraaf", .notFound,
                    "Er is geen arrangement met id 'bestaat-niet'."
                ),
            ]
            for (path, status, detail) in cases {
                let response = try await client.get(path)
                #expect(response.status == status)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(try response.json()["detail"] as? String == detail)
            }
            let invalid = try await client.get(Self.demo + "?versie=nul").json()
            #expect(
                (invalid["invalidParams"] as? [[String: String]]) == [
                    ["name": "versie", "reason": "'nul' is geen versienummer (1, 2, …)"]
                ])
            let xml = try await client.get(Self.demo, accept: "application/xml")
            #expect(xml.status == .notAcceptable)
        }
    }

    @Test func anArrangementWithoutAGraphIsNotFound() async throws {
        try await Self.application().test(.router) { client in
            let response = try await client.get("/api/v1/arrangementen/regio-deal/bijdragegraaf")
            #expect(response.status == .notFound)
            #expect(
                try response.json()["detail"] as? String == "Arrangement 'regio-deal' heeft nog geen bijdragegraaf.")
        }
    }
}
