import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielCore
import VliegwielWeb

/// The JSON API under /api/v1 (issue 4), following the Dutch API design rules.
@Suite struct APITests {
    static let newArrangement = """
        {"id": "api-deal", "naam": "API-deal (fictief voorbeeld)", "familie": "deal", "soort": "praktijk",
         "variant": "regio-deal", "bronnen": [{"titel": "Fictief voorbeeld", "verwijzing": ""}],
         "profiel": {
           "interbestuurlijk": {"bestuurslagen": {"rijk": {"nietVermeld": "n.v.t."}, "provincie": {"nietVermeld": "n.v.t."},
             "gemeente": {"nietVermeld": "n.v.t."}, "waterschap": {"nietVermeld": "n.v.t."}},
             "ministeries": {"nietVermeld": "n.v.t."},
             "maatschappelijkePartijen": {"diversiteit": {"nietVermeld": "n.v.t."}, "nadruk": {"nietVermeld": "n.v.t."},
               "inwoners": {"nietVermeld": "n.v.t."}},
             "kennisinstellingen": {"nietVermeld": "n.v.t."}},
           "resultaatgericht": {"doel": {"waarden": [{"waarde": "streefwaarden", "citaat": "100 woningen", "bron": "notitie"}]},
             "looptijd": {"nietVermeld": "n.v.t."}, "afronding": {"nietVermeld": "n.v.t."},
             "horizonInstrument": {"nietVermeld": "n.v.t."}, "horizonEffect": {"nietVermeld": "n.v.t."},
             "rijksgeld": {"nietVermeld": "n.v.t."}, "cofinanciering": {"nietVermeld": "n.v.t."},
             "maximumAandeelRijk": {"nietVermeld": "n.v.t."}, "resultaatbegrip": {"nietVermeld": "n.v.t."},
             "doelbepaling": {"nietVermeld": "n.v.t."}, "monitoring": {"nietVermeld": "n.v.t."},
             "openbaarheid": {"nietVermeld": "n.v.t."}},
           "samenwerkend": {"samenstelling": {"nietVermeld": "n.v.t."}, "initiatiefInstrument": {"nietVermeld": "n.v.t."},
             "initiatiefVoorstel": {"nietVermeld": "n.v.t."}, "rolRijk": {"nietVermeld": "n.v.t."},
             "dealmaker": {"nietVermeld": "n.v.t."}, "deelnameVerplicht": {"nietVermeld": "n.v.t."}}}}
        """

    @Test func listsTheArrangementsWithLinksAndVersionHeaders() async throws {
        try await WebFixture().test { client in
            let response = try await client.get("/api/v1/arrangementen")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.headers[HTTPField.Name("API-Version")!] == "1.3.0")
            #expect(response.headers[.cacheControl] == "no-store")
            let body = try response.json()
            #expect(body["aantal"] as? Int == 14)
            let first = (body["arrangementen"] as? [[String: Any]])?.first
            #expect(first?["id"] as? String == "regio-deal")
            #expect(
                ((first?["_links"] as? [String: Any])?["advies"] as? [String: String])?["href"]
                    == "/api/v1/arrangementen/regio-deal/advies")
        }
    }

    @Test func filtersAndRefusesUnknownFilterValuesWithProblemJSON() async throws {
        try await WebFixture().test { client in
            let deals = try await client.get("/api/v1/arrangementen?familie=deal").json()
            #expect(deals["aantal"] as? Int == 5)
            let bad = try await client.get("/api/v1/arrangementen?familie=club&soort=fout")
            #expect(bad.status == .badRequest)
            #expect(bad.headers[.contentType] == "application/problem+json")
            let problem = try bad.json()
            #expect(problem["status"] as? Int == 400)
            #expect((problem["invalidParams"] as? [[String: String]])?.map { $0["name"]! } == ["familie", "soort"])
        }
    }

    @Test func getsOneArrangementInTheInterchangeForm() async throws {
        try await WebFixture().test { client in
            let body = try await client.get("/api/v1/arrangementen/woondeal").json()
            #expect(body["naam"] as? String == "Woondeal")
            #expect((body["profiel"] as? [String: Any])?["samenwerkend"] != nil)
            let missing = try await client.get("/api/v1/arrangementen/niets")
            #expect(missing.status == .notFound)
            #expect(try missing.json()["detail"] as? String == "Er is geen arrangement met id 'niets'.")
        }
    }

    /// An id no arrangement or deal item can have is invalid input (400), not unknown (404): the
    /// Dutch API design rules, linter rule nlgov:problem-invalid-input.
    @Test func anIllFormedIdIs400NamingTheParameter() async throws {
        try await WebFixture().test { client in
            let id = try await client.get("/api/v1/arrangementen/Niet%20Goed/advies")
            #expect(id.status == .badRequest)
            let reason = "'Niet Goed' is geen geldige id; gebruik kleine letters en cijfers met losse streepjes"
            #expect((try id.json()["invalidParams"] as? [[String: String]]) == [["name": "id", "reason": reason]])
            let unknownRoute = try await client.get("/api/v1/arrangementen/Niet%20Goed/onbekend")
            #expect(unknownRoute.status == .notFound)
        }
    }

    @Test func aTrailingSlashIs404ProblemJSON() async throws {
        try await WebFixture().test { client in
            let response = try await client.get("/api/v1/arrangementen/")
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func anUnsupportedAcceptIs406() async throws {
        try await WebFixture().test { client in
            let response = try await client.get("/api/v1/arrangementen", accept: "text/html")
            #expect(response.status == .notAcceptable)
            #expect(try response.json()["title"] as? String == "Niet aanvaardbaar formaat")
            let response1 = try await client.get("/api/v1/arrangementen", accept: "application/json;q=0.9")
            #expect(response1.status == .ok)
        }
    }

    @Test func adviceOfAnArrangementAndOfAnUnsavedProfile() async throws {
        try await WebFixture().test { client in
            let advice = try await client.get("/api/v1/arrangementen/regio-deal/advies").json()
            let perspective = (advice["advies"] as? [String: Any])?["sturingsperspectief"] as? [String: Any]
            #expect(perspective?["dominant"] as? [String] == ["netwerkende-overheid"])
            let profile = try await client.get("/api/v1/arrangementen/woondeal").json()["profiel"]!
            let body = String(decoding: try JSONSerialization.data(withJSONObject: ["profiel": profile]), as: UTF8.self)
            let unsaved = try await client.post("/api/v1/adviezen", json: body)
            #expect(unsaved.status == .ok)
            let nearest = try unsaved.json()["dichtstbijzijndeReferenties"] as? [[String: Any]]
            #expect(nearest?.first?["variant"] as? String == "woondeal")
            #expect(nearest?.first?["afstand"] as? Double == 0)
        }
    }

    @Test func comparisonsNeedTwoKnownArrangements() async throws {
        try await WebFixture().test { client in
            let good = try await client.get("/api/v1/vergelijkingen?arrangementen=regio-deal,city-deal")
            #expect(good.status == .ok)
            let elements =
                (try good.json()["vergelijking"] as? [String: Any])?["variatiePerElement"] as? [[String: Any]]
            #expect(
                elements?.map { $0["element"] as! String } == ["interbestuurlijk", "resultaatgericht", "samenwerkend"])
            let bad = try await client.get("/api/v1/vergelijkingen?arrangementen=niets")
            #expect(bad.status == .badRequest)
            #expect(
                (try bad.json()["invalidParams"] as? [[String: String]])?.map { $0["reason"]! } == [
                    "onbekend arrangement 'niets'", "geef ten minste twee ids, gescheiden door komma's",
                ])
        }
    }

    @Test func createsAnArrangementAndRefusesADuplicate() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let created = try await client.post("/api/v1/arrangementen", json: Self.newArrangement)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.headers[.location] == "/api/v1/arrangementen/api-deal")
            let response2 = try await client.get("/api/v1/arrangementen/api-deal")
            #expect(response2.status == .ok)
            let again = try await client.post("/api/v1/arrangementen", json: Self.newArrangement)
            #expect(again.status == .conflict)
        }
        #expect(try await fixture.store.allArrangements().count == 15)
    }

    @Test func badInputListsEveryInvalidFieldAndStoresNothing() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let bad = Self.newArrangement.replacingOccurrences(
                of: "\"familie\": \"deal\"", with: "\"familie\": \"club\""
            )
            .replacingOccurrences(of: "\"waarde\": \"streefwaarden\"", with: "\"waarde\": \"veel\"")
            .replacingOccurrences(of: "\"id\": \"api-deal\"", with: "\"id\": \"API deal\"")
            let response = try await client.post("/api/v1/arrangementen", json: bad)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let names = (try response.json()["invalidParams"] as? [[String: String]])?.map { $0["name"]! }.sorted()
            #expect(names == ["familie", "id", "profiel.resultaatgericht.doel.waarden[0].waarde"])
        }
        #expect(try await fixture.store.allArrangements().count == 14)
    }

    @Test func theWrongMediaTypeIs415AndMalformedJSONIs400() async throws {
        try await WebFixture().test { client in
            let wrongType = try await client.post("/api/v1/arrangementen", json: "id=x", contentType: "text/plain")
            #expect(wrongType.status == .unsupportedMediaType)
            let malformed = try await client.post("/api/v1/arrangementen", json: "{\"id\": ")
            #expect(malformed.status == .badRequest)
            #expect(try malformed.json()["detail"] as? String == "De invoer bevat 1 fout(en); zie invalidParams.")
        }
    }

    @Test func whatIfReportsTheShiftAndEveryUnknownDimension() async throws {
        try await WebFixture().test { client in
            let good = try await client.post(
                "/api/v1/wat-als",
                json: #"{"arrangement": "regio-deal", "wijzigingen": {"resultaatgericht.doel": ["streefwaarden"]}}"#)
            #expect(good.status == .ok)
            let shifts = try good.json()["gewichtsverschuivingen"] as? [[String: Any]]
            let performing = shifts?.first { $0["perspectief"] as? String == "presterende-overheid" }
            #expect((performing?["verschil"] as? Double ?? 0) > 0)
            let bad = try await client.post(
                "/api/v1/wat-als", json: #"{"arrangement": "niets", "wijzigingen": {"kleur": ["rood"]}}"#)
            #expect(bad.status == .badRequest)
            #expect(
                (try bad.json()["invalidParams"] as? [[String: String]])?.map { $0["name"]! } == [
                    "wijzigingen.kleur", "arrangement",
                ])
        }
    }

    /// Found by the schemathesis run (Tests/Python/test_fuzz.py): an empty filter (`?familie=`,
    /// as a form sends it) means no filter, and the document now says so with `allowEmptyValue`.
    @Test func anEmptyFilterMeansNoFilterAsTheDocumentSays() async throws {
        try await WebFixture().test { client in
            let all = try await client.get("/api/v1/arrangementen").json()
            let empty = try await client.get("/api/v1/arrangementen?familie=&soort=")
            #expect(empty.status == .ok)
            #expect(try empty.json()["aantal"] as? Int == all["aantal"] as? Int)
            let document = try await client.get("/api/v1/openapi.json").json()
            let paths = document["paths"] as? [String: [String: Any]]
            let list = (paths?["/arrangementen"]?["get"] as? [String: Any])?["parameters"] as? [[String: Any]]
            #expect(list?.map { $0["allowEmptyValue"] as? Bool } == [true, true])
        }
    }

    /// Issue 7 item 6: a body over the limit is 413 problem+json, refused on its declared
    /// length before it is read, also by a route that reads no body; nothing changes.
    /// (Bodies without a length: PageTests and Tests/Python/test_limits.py.)
    @Test func aBodyOverTheLimitIsRefusedWith413() async throws {
        try await WebFixture().test { client in
            let size = 1_048_577
            let body = ByteBuffer(repeating: UInt8(ascii: " "), count: size)
            let response = try await client.execute(
                uri: "/api/v1/arrangementen", method: .post, headers: [.contentType: "application/json"], body: body)
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.json()
            #expect(problem["title"] as? String == "Verzoek te groot")
            #expect(problem["detail"] as? String == "De inhoud is groter dan 1024 kB.")
            let delete = try await client.execute(uri: "/api/v1/arrangementen/woondeal", method: .delete, body: body)
            #expect(delete.status == .contentTooLarge)
            #expect(try await client.get("/api/v1/arrangementen/woondeal").status == .ok)
        }
    }

    /// Found by the schemathesis run (Tests/Python/test_fuzz.py): a method a path does not have
    /// was 404, as if the path did not exist; now 405 with the methods it has in `Allow`, also
    /// for a method the server implements nowhere (QUERY); HEAD, which was 404 too, answers as GET.
    @Test func anotherMethodOnAKnownPathIs405WithAllow() async throws {
        try await WebFixture().test { client in
            let trace = try await client.execute(uri: "/api/v1/arrangementen", method: .trace)
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "GET, HEAD, POST")
            #expect(trace.headers[.contentType] == "application/problem+json")
            #expect(try trace.json()["status"] as? Int == 405)
            let query = try await client.execute(uri: "/api/v1/wat-als", method: HTTPRequest.Method("QUERY")!)
            #expect(query.status == .methodNotAllowed)
            #expect(query.headers[.allow] == "POST")
            let put = try await client.execute(uri: "/api/v1/vergelijkingen", method: .put)
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "GET, HEAD")
            let page = try await client.execute(uri: "/catalogus", method: .patch)
            #expect(page.status == .methodNotAllowed)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(try await client.execute(uri: "/api/v1/onbekend", method: .delete).status == .notFound)
            // HEAD answers as GET, without the body.
            let head = try await client.execute(uri: "/catalogus", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
        }
    }

    /// Found by the schemathesis run: the deal items refuse a field they do not know (400, see
    /// PortfolioWebTests), and the document now says so with `additionalProperties: false`.
    @Test func theDocumentSaysADealItemTakesNoOtherFields() async throws {
        try await WebFixture().test { client in
            let document = try await client.get("/api/v1/openapi.json").json()
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]]
            for name in ["Partner", "Financieringsregel", "Programmalijn", "Project"] {
                #expect(schemas?[name]?["additionalProperties"] as? Bool == false, "\(name)")
                #expect(schemas?[name + "Wijziging"]?["additionalProperties"] as? Bool == false, "\(name)Wijziging")
            }
        }
    }

    @Test func theOpenAPIDocumentIsServedWithContactAndVersion() async throws {
        try await WebFixture().test { client in
            let document = try await client.get("/api/v1/openapi.json").json()
            let info = document["info"] as? [String: Any]
            #expect(info?["version"] as? String == "1.3.0")
            #expect((info?["contact"] as? [String: String])?["name"] == "Vliegwiel")
            #expect(
                (document["paths"] as? [String: Any])?.keys.sorted() == [
                    "/adviezen", "/arrangementen", "/arrangementen/{id}", "/arrangementen/{id}/advies",
                    "/arrangementen/{id}/bijdragegraaf", "/arrangementen/{id}/dossier",
                    "/arrangementen/{id}/financiering", "/arrangementen/{id}/financiering/{item}",
                    "/arrangementen/{id}/iati", "/arrangementen/{id}/indicatoren", "/arrangementen/{id}/leerlog",
                    "/arrangementen/{id}/partners", "/arrangementen/{id}/partners/{item}",
                    "/arrangementen/{id}/profieldrift", "/arrangementen/{id}/profielversies",
                    "/arrangementen/{id}/programmalijnen", "/arrangementen/{id}/programmalijnen/{item}",
                    "/arrangementen/{id}/projecten", "/arrangementen/{id}/projecten/{item}",
                    "/arrangementen/{id}/rekenbladen/dossier", "/arrangementen/{id}/rekenbladen/financiering",
                    "/arrangementen/{id}/rekenbladen/indicatoren", "/arrangementen/{id}/toetsing",
                    "/catalogus", "/contextindicatoren", "/openapi.json", "/portefeuille", "/portefeuille/iati",
                    "/portefeuille/rekenblad", "/portefeuille/verslag", "/qca-analyses",
                    "/vergelijkingen", "/wat-als",
                ])
        }
    }

    /// The documentation page is made from the served document: one section per operation, each
    /// with its example request, and the page is linked from every page's footer.
    @Test func theDocumentationPageShowsEveryOperationOfTheDocument() async throws {
        try await WebFixture().test { client in
            let document = try await client.get("/api/v1/openapi.json").json()
            let methods: Set<String> = ["get", "post", "put", "patch", "delete"]
            let operations = (document["paths"] as? [String: [String: Any]] ?? [:]).flatMap { path, item in
                item.keys.filter(methods.contains).map { "\($0.uppercased()) /api/v1\(path)" }
            }
            let page = try await client.get("/api-documentatie").text
            #expect(operations.count > 30)
            for operation in operations {
                #expect(page.contains(#"<code>\#(operation)</code></h3>"#), "\(operation) ontbreekt")
            }
            #expect(page.components(separatedBy: #"<section class="api-operation""#).count - 1 == operations.count)
            #expect(page.components(separatedBy: "Voorbeeld van een verzoek").count - 1 == operations.count)
            #expect(page.contains("application/problem+json"))
            #expect(page.contains("Authorization: Bearer vw_…"))
            let home = try await client.get("/").text
            #expect(home.contains(#"<a href="/api-documentatie">API-documentatie</a>"#))
        }
    }
}
