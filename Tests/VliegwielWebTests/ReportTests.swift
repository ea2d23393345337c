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
            // A dossier is for reading and printing: no editing forms or links (the header's
            // search is a GET form of every page, hidden in print).
            let main = try #require(html.range(of: "<main").map { html[$0.lowerBound...] })
            #expect(!main.contains("<form"))
            #expect(!html.contains("method=\"post\""))
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

    /// The rows of a Dutch CSV file (docs/exports.md): after the byte order mark, semicolons.
    static func dutchCSV(_ response: TestResponse) throws -> [[String]] {
        let bytes = Array(response.body.readableBytesView)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "geen byte order mark")
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        return try CSVReader(string: text, delimiter: ";").map { $0 }
    }

    @Test func theDossierAsCSVIsForDutchSpreadsheetsWithAmountsInEuros() async throws {
        try await Self.application().test(.router) { client in
            let response = try await client.get("/arrangementen/\(Self.demo)/dossier?formaat=csv")
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8; header=present")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"dossier-\(Self.demo).csv\"")
            let rows = try Self.dutchCSV(response)
            #expect(rows.first == ["Onderdeel", "Onderwerp", "Kenmerk", "Waarde", "Bron"])
            #expect(rows.allSatisfy { $0.count == 5 })
            #expect(rows.contains { $0[0] == "dossier" && $0[2] == "fictief" && $0[3] == "ja" })
            #expect(rows.contains { $0[0] == "profielversie" && $0[1] == "2" && $0[4] == "2025-10-20T00:00:00Z" })
            #expect(rows.contains { $0[0] == "profiel" && $0[1] == "samenwerkend.rolRijk" && $0[3] == "ondergeschikt" })
            // € 10 mln in euros with its unit, never 1000000000 cents (usability review).
            #expect(rows.contains { $0[0] == "deal" && $0[2] == "rijksbijdrage (euro)" && $0[3] == "10000000,00" })
            #expect(!rows.joined().contains { $0.contains("1000000000") })
            #expect(!rows.contains { $0[2].contains("cent") })
        }
    }

    @Test(
        "The dossier, the portfolio and the indicators come as ODS and XLSX files named for what they hold",
        arguments: [
            ("/arrangementen/\(demo)/dossier", "dossier-\(demo)"), ("/portefeuille/verslag", "portefeuille"),
            ("/arrangementen/\(demo)/indicatoren", "indicatoren-\(demo)"),
        ])
    func spreadsheetsOnTheSite(path: String, name: String) async throws {
        try await Self.application().test(.router) { client in
            for format in [SpreadsheetFormat.ods, .xlsx] {
                let response = try await client.get(path + "?formaat=" + format.rawValue)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == format.mediaType)
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"\(name).\(format.rawValue)\"")
                // A ZIP file; an ODS file names its type at byte 30 (the stored `mimetype`).
                let bytes = Array(response.body.readableBytesView)
                #expect(bytes.starts(with: Array("PK".utf8)))
                if format == .ods {
                    #expect(String(decoding: bytes[30..<84], as: UTF8.self).hasPrefix("mimetypeapplication/vnd.oasis"))
                }
            }
            let page = try await client.get(path).text
            #expect(page.contains(#"<a href="\#(path)?formaat=ods" download>ODS (LibreOffice, OpenOffice)</a>"#))
            #expect(page.contains(#"<a href="\#(path)?formaat=xlsx" download>Excel (XLSX)</a>"#))
        }
    }

    @Test func theAPIGivesTheSameSpreadsheetsAndRefusesWhatItCannotGive() async throws {
        try await Self.application().test(.router) { client in
            let portfolio = try await client.get("/api/v1/portefeuille/rekenblad?formaat=xlsx")
            #expect(portfolio.status == .ok)
            #expect(portfolio.headers[.contentType] == XLSXWriter.mediaType)
            // ODS when no format is asked for: the open standard.
            let finance = try await client.get("/api/v1/arrangementen/\(Self.demo)/rekenbladen/financiering")
            #expect(finance.headers[.contentType] == ODSWriter.mediaType)
            #expect(
                finance.headers[.contentDisposition] == "attachment; filename=\"financiering-\(Self.demo).ods\"")
            let csv = try await client.get(
                "/api/v1/arrangementen/\(Self.demo)/rekenbladen/financiering?formaat=csv", accept: "text/csv")
            let rows = try Self.dutchCSV(csv)
            #expect(rows.first?.contains("Bedrag (euro)") == true)
            #expect(rows.dropFirst().allSatisfy { $0[1] == "ja" })
            let bad = try await client.get("/api/v1/portefeuille/rekenblad?formaat=pdf")
            #expect(bad.status == .badRequest)
            #expect(try (bad.json()["invalidParams"] as? [[String: String]])?.first?["name"] == "formaat")
            let refused = try await client.get("/api/v1/portefeuille/rekenblad", accept: "application/json")
            #expect(refused.status == .notAcceptable)
            #expect(
                try await client.get("/api/v1/arrangementen/regio-deal/rekenbladen/financiering").status == .notFound)
            #expect(
                try await client.get("/api/v1/arrangementen/regio-deal/rekenbladen/dossier?formaat=xlsx").status == .ok)
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
                    "Van 82 deals (waarvan 1 deal fictief voorbeeld) is bij 66 deals (waarvan 1 fictief voorbeeld) het doel in het profiel vastgelegd"
                ))
            #expect(html.contains("Bij 16 deals is het doel in Vliegwiel nog niet vastgelegd"))
            // The one deal that follows anything is the fictional example, and the report says so.
            #expect(
                html.contains(
                    "1 deal (het fictieve voorbeeld) volgt programma-indicatoren (1 met streefwaarden); 1 deal (het fictieve voorbeeld) heeft een bijdragegraaf"
                ))
            #expect(html.contains("1 deal (het fictieve voorbeeld) houdt een leerlog bij."))
            // The page's JSON link gives a file, as its spreadsheets do (usability review).
            let download = try await client.get("/portefeuille/verslag?formaat=json")
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"verslag-portefeuille.json\"")
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
            // A summary of what is recorded over the real deals, counted from the JSON's rows, before
            // the per-deal table, which is folded (usability review: 80 rows of "niet vastgelegd").
            let real = deals.filter { $0["fictief"] as? Bool == false }
            #expect(real.count == 81)
            func summaryRow(_ label: String, _ recorded: ([String: Any]) -> Bool) -> String {
                let count = real.count(where: recorded)
                return
                    #"<tr><th scope="row">\#(label)</th><td class="number">\#(count) van \#(real.count)</td><td class="number">\#(real.count - count)</td></tr>"#
            }
            #expect(html.contains("Van de 81 echte deals; het fictieve voorbeeld telt niet mee</caption>"))
            #expect(html.contains(summaryRow("Doel vastgelegd") { !($0["doel"] is NSNull) && $0["doel"] != nil }))
            #expect(
                html.contains(summaryRow("Regio&#39;s vastgelegd") { ($0["regios"] as? [String])?.isEmpty == false }))
            #expect(html.contains(summaryRow("Rijksbijdrage bekend") { $0["rijksbijdrageCent"] is Int }))
            #expect(
                html.contains(
                    summaryRow("Programma-indicatoren vastgelegd") { ($0["programmaIndicatoren"] as? Int ?? 0) > 0 }))
            let summary = try #require(html.range(of: #"<h2 id="vastgelegd">"#))
            let table = try #require(html.range(of: "<details>\n<summary>De tabel per deal (82 rijen"))
            #expect(summary.lowerBound < table.lowerBound)
            let rows = try Self.dutchCSV(try await client.get("/portefeuille/verslag?formaat=csv"))
            #expect(rows.count == 83)
            #expect(rows[0].first == "Deal")
            #expect(rows[0][4] == "Rijksbijdrage (euro)")
        }
    }

    @Test func anUnknownFormatIsRefusedWithTheAllowedOnes() async throws {
        try await Self.application().test(.router) { client in
            let response = try await client.get("/portefeuille/verslag?formaat=pdf")
            #expect(response.status == .badRequest)
            #expect(response.text.contains("kies html, json, csv, ods of xlsx"))
            #expect(try await client.get("/arrangementen/bestaat-niet/dossier").status == .notFound)
        }
    }
}
