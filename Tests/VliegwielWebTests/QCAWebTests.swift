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

/// The QCA page and API of issue 8 through the router, on the shipped catalogue with
/// outcomes recorded for four reference variants.
@Suite struct QCAWebTests {
    struct Fixture {
        let application: TestApplication

        /// - Parameter outcomes: `(arrangement, name, value, source)` recorded before the start.
        init(outcomes: [(String, String, Double, String)] = Self.standard) async throws {
            let stores = Stores(sqlite: try AppDatabase())
            try await ShippedData.load(
                into: stores, catalogue: try BundledCatalogue.arrangements(), parts: [.catalogue])
            for (id, name, value, source) in outcomes {
                try await stores.qcaOutcomes.record(
                    try QCARecordedOutcome(arrangementID: id, name: name, value: value, source: source))
            }
            application = try await TestApplication(stores: stores)
        }

        static let standard: [(String, String, Double, String)] = [
            ("regio-deal", "VOORTGEZET", 1, "Evaluatie Regio Deals"),
            ("city-deal", "VOORTGEZET", 1, "Evaluatie City Deals"),
            ("town-deal", "VOORTGEZET", 1, "Evaluatie Town Deals"),
            ("nplv", "VOORTGEZET", 0, "Evaluatie NPLV"),
            ("nprz", "VOORTGEZET", 0, "Evaluatie NPRZ"),
        ]

        func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
            try await application.test(.router, body)
        }
    }

    static let lipset = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("VliegwielCoreTests/Fixtures/QCA/LC.csv"), encoding: .utf8)

    static func body(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func theFormOffersTheRecordedOutcomesAndThePredefinedConditions() async throws {
        try await Fixture().test { client in
            let response = try await client.get("/qca")
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("<a href=\"/qca\" aria-current=\"page\">QCA</a>"))
            #expect(page.contains("<option value=\"VOORTGEZET\">VOORTGEZET</option>"))
            #expect(
                page.contains(
                    "<input type=\"checkbox\" id=\"veld-voorwaarde-COFIN\" name=\"voorwaarden\" value=\"COFIN\" checked> "
                        + "<label for=\"veld-voorwaarde-COFIN\">COFIN: Rijk cofinanciert "
                        + "<span class=\"aside\">(Cofinanciering: regio en rijk of meerpartijen)</span></label>"
                ))
            #expect(!page.contains(">Analyse van"))
            #expect(!page.contains("<script"))
            #expect(!page.contains("style="))
        }
        try await Fixture(outcomes: []).test { client in
            let page = try await client.get("/qca").text
            #expect(page.contains("Er zijn nog geen uitkomsten vastgelegd."))
        }
    }

    @Test func theWorkedExampleOnTheRealPortfolioIsLinkedWhenItsOutcomeIsRecorded() async throws {
        try await Fixture(outcomes: [("regio-deal", "VERVOLGDEAL", 1, "Test")]).test { client in
            let page = try await client.get("/qca").text
            #expect(
                page.contains(
                    "<a href=\"/qca?uitkomst=VERVOLGDEAL&amp;voorwaarden=SPECIFIEK&amp;voorwaarden=PROVINCIE"
                        + "&amp;voorwaarden=MEERPARTIJEN&amp;voorwaarden=GEMENGD\">"))
        }
        try await Fixture().test { client in
            let page = try await client.get("/qca").text
            #expect(!page.contains("uitkomst=VERVOLGDEAL"))
        }
    }

    @Test func anAnalysisShowsTheTableTheSolutionThePlotAndWhatIsLeftOut() async throws {
        try await Fixture().test { client in
            let response = try await client.get(
                "/qca?uitkomst=VOORTGEZET&voorwaarden=PRESTATIE&incl-drempel=0,8&min-gevallen=1&oplossing=spaarzaam")
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("<h2 id=\"resultaat\">Analyse van VOORTGEZET</h2>"))
            #expect(
                page.contains(
                    "<p>5 gevallen, 9 arrangementen weggelaten; inclusiedrempel 0,80, oplossing spaarzaam.</p>"))
            #expect(
                page.contains(
                    "<tbody><tr><th scope=\"row\">1</th><td>0</td><td>zonder PRESTATIE</td><td>1</td><td>3</td><td>1,000</td><td>1,000</td>"
                        + "<td>regio-deal, city-deal, town-deal</td></tr><tr><th scope=\"row\">2</th><td>1</td><td>met PRESTATIE</td><td>0</td>"
                        + "<td>2</td><td>0,000</td><td>0,000</td><td>nplv, nprz</td></tr></tbody>"))
            #expect(page.contains("<h4>M1: ~PRESTATIE</h4>"))
            #expect(page.contains("<p>Inclusie 1,000, PRI 1,000, dekking 1,000.</p>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">~PRESTATIE</th><td>1,000</td><td>1,000</td><td>1,000</td><td>1,000</td>"
                        + "<td>regio-deal, city-deal, town-deal</td></tr>"))
            #expect(!page.contains("Geen enkele rij haalt"))
            #expect(page.contains("<svg class=\"chart\" role=\"img\" aria-labelledby=\"qca-plot-title qca-plot-desc\""))
            #expect(page.contains("<title id=\"qca-plot-title\">Consistentie en dekking van VOORTGEZET</title>"))
            #expect(
                page.contains(
                    "<desc id=\"qca-plot-desc\">Elk punt is een term of model: M1 met dekking 1,000 en inclusie 1,000; "
                        + "~PRESTATIE met dekking 1,000 en inclusie 1,000.</desc>"))
            #expect(page.contains("<rect x=\"354.0\" y=\"14.0\" width=\"12\" height=\"12\" class=\"bar-dominant\"/>"))
            #expect(page.contains("<circle cx=\"360.0\" cy=\"20.0\" r=\"6\" class=\"bar\"/>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">M1: ~PRESTATIE</th><td>model</td><td>1,000</td><td>1,000</td></tr>"
                        + "<tr><th scope=\"row\">~PRESTATIE</th><td>term</td><td>1,000</td><td>1,000</td></tr>"))
            #expect(
                page.contains(
                    "<li><a href=\"/arrangementen/regio-deal\">Regio Deal</a>: uitkomst 1,00 (bron: Evaluatie Regio Deals); "
                        + "PRESTATIE = 0 (projecten bijdragend, leren en beweging; "))
            #expect(page.contains("<h3>Weggelaten (9)</h3>"))
            #expect(page.contains("<summary>Geen uitkomst VOORTGEZET vastgelegd: 9 arrangementen</summary>"))
            #expect(page.contains("<li><a href=\"/arrangementen/woondeal\">Woondeal</a></li>"))
            #expect(!page.contains("style="))
        }
        // Without a row above the cut-off there is no model, and no plot.
        try await Fixture().test { client in
            let page = try await client.get("/qca?uitkomst=VOORTGEZET&voorwaarden=COFIN").text
            #expect(page.contains("<p>Geen enkele rij haalt de inclusiedrempel: er is niets te minimaliseren.</p>"))
            #expect(!page.contains("<svg class=\"chart\""))
        }
    }

    @Test func badFormInputIsListedAndLinkedToTheFields() async throws {
        try await Fixture().test { client in
            let response = try await client.get(
                "/qca?uitkomst=VOORTGEZET&voorwaarden=XYZ&incl-drempel=2&oplossing=intermediair")
            #expect(response.status == .badRequest)
            let page = response.text
            #expect(page.contains("<div class=\"error-summary\" role=\"alert\""))
            #expect(
                page.contains(
                    "<li><a href=\"#veld-voorwaarde-REGIO\">Voorwaarden: onbekende voorwaarde &#39;XYZ&#39;; "
                        + "toegestaan: REGIO, COFIN, PRESTATIE, VAST, SPECIFIEK, PROVINCIE, MEERPARTIJEN, GEMENGD</a></li>"
                ))
            #expect(
                page.contains(
                    "<li><a href=\"#veld-incl-drempel\">Inclusiedrempel: moet een getal groter dan 0 en ten hoogste 1 zijn, niet &#39;2&#39;</a></li>"
                ))
            #expect(
                page.contains(
                    "<li><a href=\"#veld-verwachtingen\">Verwachtingen: verplicht bij de intermediaire oplossing, bijvoorbeeld &#39;A,B,~C&#39;</a></li>"
                ))
            let unknown = try await client.get("/qca?uitkomst=ONBEKEND&voorwaarden=REGIO")
            #expect(unknown.status == .badRequest)
            #expect(
                unknown.text.contains(
                    "<li><a href=\"#veld-uitkomst\">Uitkomst: geen uitkomst &#39;ONBEKEND&#39; vastgelegd; vastgelegd: VOORTGEZET</a></li>"
                ))
        }
    }

    @Test func theAPIAnalysesCSVText() async throws {
        try await Fixture().test { client in
            let response = try await client.post(
                "/api/v1/qca-analyses",
                json: Self.body(["gegevens": Self.lipset, "uitkomst": "SURV", "oplossing": "spaarzaam"]))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let document = try response.json()
            let models = try #require(document["modellen"] as? [[String: Any]])
            #expect(models.map { $0["formule"] as? String } == ["DEV*STB"])
            #expect(models[0]["inclusie"] as? Double == 1)
            #expect(models[0]["dekking"] as? Double == 1)
            #expect(document["gegevens"] == nil)
        }
    }

    @Test func theAPIAnalysesTheDatabaseWithTheSourceOfEveryValue() async throws {
        // NP RES states its cofinancing; the NPLV of the standard fixture does not.
        let outcomes = Fixture.standard.filter { $0.0 != "nplv" } + [("np-res", "VOORTGEZET", 0, "Evaluatie NP RES")]
        try await Fixture(outcomes: outcomes).test { client in
            let response = try await client.post(
                "/api/v1/qca-analyses",
                json: Self.body([
                    "bron": "database", "uitkomst": "VOORTGEZET", "oplossing": "spaarzaam",
                    "voorwaarden": [
                        [
                            "naam": "COFIN", "dimensie": "resultaatgericht.cofinanciering",
                            "codes": ["regio-en-rijk", "meerpartijen"],
                        ]
                    ],
                ]))
            #expect(response.status == .ok)
            let document = try response.json()
            #expect(document["aantalGevallen"] as? Int == 5)
            let data = try #require(document["gegevens"] as? [String: Any])
            let cases = try #require(data["gevallen"] as? [[String: Any]])
            #expect(
                cases.map { $0["arrangement"] as? String } == [
                    "regio-deal", "city-deal", "town-deal", "np-res", "nprz",
                ])
            #expect(cases[0]["uitkomstBron"] as? String == "Evaluatie Regio Deals")
            let left = try #require(data["weggelaten"] as? [[String: Any]])
            #expect(left.count == 9)
        }
    }

    @Test func theAPINamesEveryInvalidField() async throws {
        try await Fixture().test { client in
            let response = try await client.post(
                "/api/v1/qca-analyses",
                json: Self.body([
                    "bron": "database", "inclDrempel": 1.5, "minGevallen": 0, "oplossing": "snel", "extra": true,
                    "voorwaarden": [
                        ["naam": "REGIO", "dimensie": "samenwerkend.initiatiefVoorstel", "codes": ["regio", "baas"]],
                        ["naam": "V", "dimensie": "bestaat.niet", "codes": ["vast"]],
                    ],
                ]))
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.json()
            let invalid = try #require(problem["invalidParams"] as? [[String: String]])
            #expect(
                invalid.map { $0["name"]! } == [
                    "extra", "uitkomst", "inclDrempel", "minGevallen", "oplossing", "voorwaarden[0].codes",
                    "voorwaarden[1].dimensie",
                ])
            #expect(
                invalid[5]["reason"]
                    == "onbekende code 'baas' voor samenwerkend.initiatiefVoorstel; toegestaan: rijk, regio, steden, gemeenten, decentraal-en-privaat, koepels, wet"
            )
            let both = try await client.post(
                "/api/v1/qca-analyses", json: Self.body(["gegevens": "a,b\n", "bron": "database", "uitkomst": "Y"]))
            #expect(
                try both.json()["invalidParams"] as? [[String: String]] == [
                    ["name": "bron", "reason": "gebruik gegevens of bron, niet allebei"]
                ])
            let csv = try await client.post(
                "/api/v1/qca-analyses",
                json: Self.body(["gegevens": Self.lipset, "uitkomst": "SURV", "voorwaarden": ["DEV", "XYZ"]]))
            #expect(csv.status == .badRequest)
            let csvInvalid = try #require(try csv.json()["invalidParams"] as? [[String: String]])
            #expect(csvInvalid.first?["name"] == "voorwaarden")
            #expect(csvInvalid.first?["reason"]?.hasPrefix("kolom \"XYZ\" ontbreekt") == true)
        }
    }
}
