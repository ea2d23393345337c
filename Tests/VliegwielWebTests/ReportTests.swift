import CSV
import Foundation
import Hummingbird
import HummingbirdTesting
import SnapshotTesting
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage
import VliegwielWeb

/// The evaluation dossier and the portfolio report (issue 6 item 6) on a database seeded as a
/// first start seeds it: catalogue, portfolio, contribution graph, indicators, learning log.
@Suite struct ReportTests {
    static let demo = "fictief-regio-deal-voorbeeld"

    static func application() async throws -> TestApplication {
        try await TestApplication([.catalogue, .portfolio, .fictionalExamples])
    }

    @Test func theDemoDossierHasEveryPartInOrder() async throws {
        try await Self.application().test(.router) { client in
            let response = try await client.get("/arrangementen/\(Self.demo)/dossier")
            #expect(response.status == .ok)
            let html = response.text
            let headings = [
                "<h1>Evaluatiedossier: Regio Deal Vliegwielvallei (fictief voorbeeld)</h1>",
                "id=\"profiel\"", "id=\"gevolgen\"", "<h2 id=\"profielgeschiedenis\">",
                "<h2 id=\"partners-en-geld\">", "<h2 id=\"bijdrage\">", "<h2 id=\"indicatoren\">",
                "<h2 id=\"leerlog\">",
            ]
            let positions = headings.map { html.range(of: $0)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil })
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
            #expect(html.contains("Rol van het Rijk: nevengeschikt → ondergeschikt"))
            #expect(html.contains("Bijdrageverhaal: Jongeren vinden werk in de regio (fictief)"))
            #expect(html.contains("fictief voorbeeld"))
            // A dossier is for reading and printing: no editing forms or links.
            #expect(!html.contains("<form"))
            #expect(!html.contains("Gegevens beheren"))
        }
    }

    @Test func theDossierAsJSONHoldsTheSameRecords() async throws {
        try await Self.application().test(.router) { client in
            let response = try await client.get("/arrangementen/\(Self.demo)/dossier?formaat=json")
            #expect(response.headers[.contentType] == "application/json")
            let json = try response.json()
            #expect((json["arrangement"] as? [String: Any])?["id"] as? String == Self.demo)
            #expect((json["profielversies"] as? [[String: Any]])?.map { $0["versie"] as? Int } == [1, 2])
            #expect((json["bijdrageverhalen"] as? [Any])?.count == 2)
            let log = try #require(json["leerlog"] as? [String: Any])
            #expect((log["lessen"] as? [Any])?.isEmpty == false)
            #expect((json["deal"] as? [String: Any]) != nil)
        }
    }

    @Test func theDossierAsCSVIsRFC4180WithISODates() async throws {
        try await Self.application().test(.router) { client in
            let response = try await client.get("/arrangementen/\(Self.demo)/dossier?formaat=csv")
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8; header=present")
            let text = response.text
            #expect(text.hasPrefix("onderdeel,onderwerp,kenmerk,waarde,bron\r\n"))
            #expect(text.hasSuffix("\r\n"))
            let rows = try CSVReader(string: text).map { $0 }
            #expect(rows.allSatisfy { $0.count == 5 })
            #expect(rows.contains { $0[0] == "profielversie" && $0[1] == "2" && $0[4] == "2025-10-20T00:00:00Z" })
            #expect(rows.contains { $0[0] == "profiel" && $0[1] == "samenwerkend.rolRijk" && $0[3] == "ondergeschikt" })
        }
    }

    @Test func thePortfolioReportAnswersTheRekenkamerAndSaysWhatIsUnknown() async throws {
        try await Self.application().test(.router) { client in
            let html = try await client.get("/portefeuille/verslag").text
            #expect(html.contains("<h2>Welke doelen heeft elke deal?</h2>"))
            #expect(html.contains("<h2>Wat wordt gevolgd, en hoe?</h2>"))
            #expect(
                html.contains("<h2>Welke deals liggen in regio&#39;s waar de brede welvaart onder druk staat?</h2>"))
            #expect(
                html.contains(
                    "Van 82 deals (waarvan 1 deal fictief voorbeeld) is bij 66 deals het doel in het profiel vastgelegd"
                ))
            #expect(html.contains("Bij 16 deals is het doel in Vliegwiel niet vastgelegd"))
            #expect(
                html.contains(
                    "1 deal volgt programma-indicatoren (1 met streefwaarden); 1 deal heeft een bijdragegraaf"))
            #expect(html.contains("1 deal houdt een leerlog bij."))
            let json = try await client.get("/portefeuille/verslag?formaat=json").json()
            let deals = try #require(json["deals"] as? [[String: Any]])
            #expect(deals.count == 82)
            let demo = try #require(deals.first { $0["deal"] as? String == Self.demo })
            #expect(demo["bijdragegraafVersies"] as? Int == 2)
            #expect(demo["profielversies"] as? Int == 2)
            #expect((demo["leerlogRegels"] as? Int ?? 0) >= 3)
            #expect((demo["programmaIndicatoren"] as? Int ?? 0) >= 2)
            let zwolle = try #require(deals.first { $0["deal"] as? String == "regio-deal-3-zwolle" })
            #expect(
                zwolle["onbekend"] as? [String] == ["geen programma-indicatoren vastgelegd"])
            // The area from the public sources (issue 13): CBS codes of 2025.
            #expect((zwolle["regios"] as? [String])?.contains("GM0193") == true)
            let csv = try await client.get("/portefeuille/verslag?formaat=csv").text
            let rows = try CSVReader(string: csv).map { $0 }
            #expect(rows.count == 83)
            #expect(rows[0].first == "deal")
        }
    }

    @Test func anUnknownFormatIsRefusedWithTheAllowedOnes() async throws {
        try await Self.application().test(.router) { client in
            let response = try await client.get("/portefeuille/verslag?formaat=pdf")
            #expect(response.status == .badRequest)
            #expect(response.text.contains("kies html, json of csv"))
            #expect(try await client.get("/arrangementen/bestaat-niet/dossier").status == .notFound)
        }
    }
}
