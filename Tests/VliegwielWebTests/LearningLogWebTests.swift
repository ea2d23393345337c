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

/// A web application on a fresh in-memory database seeded as `Installation.open` seeds it:
/// the catalogue, the portfolio (with the demo deal's profile versions), its contribution
/// graph and its learning log.
struct LearningLogFixture {
    let app: TestApplication
    var stores: Stores { app.stores }

    init() async throws { app = try await TestApplication([.catalogue, .portfolio, .fictionalExamples]) }

    /// Runs `body` with a signed-in beheerder's client (``SignedInTestClient``).
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await app.test(.router, body)
    }
}

@Suite struct LearningLogWebTests {
    static let demo = "/arrangementen/fictief-regio-deal-voorbeeld"

    @Test func theDemoPageShowsTheChainWithLinksToWhatChanged() async throws {
        try await LearningLogFixture().test { client in
            let response = try await client.get(Self.demo + "/leerlog")
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("<h1>Leerlog van Regio Deal Vliegwielvallei (fictief voorbeeld)</h1>"))
            #expect(page.contains("<h3 id=\"keten-1\">Keten 1: les → besluit → wijziging</h3>"))
            #expect(
                page.contains(
                    "<a href=\"/arrangementen/fictief-regio-deal-voorbeeld#profielversie-2\">Profielversie 2</a> (20 oktober 2025 · Programmabureau Vliegwielvallei (fictief) · "
                ))
            #expect(
                page.contains(
                    "<a href=\"/arrangementen/fictief-regio-deal-voorbeeld/bijdragegraaf?versie=2\">Bijdragegraafversie 2</a> (6 oktober 2025 · Evaluator Vallei (fictief) · "
                ))
            #expect(page.contains("<h3 id=\"lessen-zonder-besluit\">Lessen zonder besluit</h3>"))
            #expect(page.contains("<strong class=\"fictional\">fictief voorbeeld</strong>"))
            assertSnapshot(of: page, as: .lines, named: "leerlog")
        }
    }

    /// The timeline lists every entry of the log once, by date, each linked to its place in its
    /// chain (usability review: "no timeline view").
    @Test func theTimelineListsEveryEntryByDateLinkedToItsChain() async throws {
        let fixture = try await LearningLogFixture()
        let log = try await fixture.stores.learningLog.log(of: "fictief-regio-deal-voorbeeld")
        try await fixture.test { client in
            let page = try await client.get(Self.demo + "/leerlog").text
            let start = try #require(page.range(of: #"<ol class="timeline">"#))
            let end = try #require(page.range(of: "</ol>", range: start.upperBound..<page.endIndex))
            let timeline = String(page[start.upperBound..<end.lowerBound])
            let dates =
                log.lessons.map { ($0.id, $0.date) } + log.decisions.map { ($0.id, $0.date) }
                + log.changes.map { ($0.id, $0.date) }
            #expect(timeline.components(separatedBy: "<li>").count - 1 == dates.count)
            var shown: [CalendarDate] = []
            for line in timeline.components(separatedBy: "<li>").dropFirst() {
                let id = try #require(dates.first { line.contains(##"<a href="#leerlog-\##($0.0)">"##) })
                #expect(line.contains(#"<time datetime="\#(id.1)">\#(id.1.dutchText)</time>"#))
                shown.append(id.1)
            }
            #expect(shown == shown.sorted())
            #expect(page.contains(##"<li><a href="#tijdlijn">Tijdlijn</a></li>"##))
        }
    }

    @Test func theArrangementPageLinksToTheLogAndTheHistorySaysWhyVersionTwoCame() async throws {
        try await LearningLogFixture().test { client in
            let page = try await client.get(Self.demo).text
            #expect(
                page.contains(
                    "<a href=\"/arrangementen/fictief-regio-deal-voorbeeld/leerlog\">Leerlog: les → besluit → wijziging</a>"
                ))
            #expect(page.contains("<li id=\"profielversie-2\">versie 2 · "))
            #expect(
                page.contains(
                    " — <a href=\"/arrangementen/fictief-regio-deal-voorbeeld/leerlog#leerlog-wijziging-rol-rijk-aan-tafel\">volgt uit besluit 1 oktober 2025 (Stuurgroep Regio Deal Vliegwielvallei (fictief)), les 30 september 2025 (Hogeschool Vallei (fictief)), les 30 september 2025 (Evaluator Vallei (fictief))</a></li>"
                ))
            #expect(page.contains("<li id=\"profielversie-1\">versie 1 · "))
        }
    }

    @Test func aLessonAddedByTheFormIsStoredAndShownAfterARedirect() async throws {
        let fixture = try await LearningLogFixture()
        try await fixture.test { client in
            let response = try await client.postForm(
                Self.demo + "/leerlog/lessen",
                [
                    ("datum", "2025-12-01"), ("les", "Jongeren willen vaker een stage (fictief)"),
                    ("door", "Evaluator Vallei (fictief)"), ("bron", "Gesprekken (fictief)"),
                ])
            #expect(response.status == .seeOther)
            #expect(
                response.headers[.location]
                    == "/arrangementen/fictief-regio-deal-voorbeeld/leerlog?toegevoegd=lessen#leerlog-les-jongeren-willen-vaker-een-stage"
            )
            let page = try await client.get(Self.demo + "/leerlog?toegevoegd=lessen").text
            #expect(page.contains("De les is toegevoegd aan het leerlog."))
            #expect(page.contains("id=\"leerlog-les-jongeren-willen-vaker-een-stage\""))
        }
        #expect(try await fixture.stores.learningLog.log(of: "fictief-regio-deal-voorbeeld").lessons.count == 4)
    }

    @Test func aBadChangeShowsEveryErrorLinkedToItsFieldAndStoresNothing() async throws {
        let fixture = try await LearningLogFixture()
        try await fixture.test { client in
            let response = try await client.postForm(
                Self.demo + "/leerlog/wijzigingen",
                [("datum", "1-10-2025"), ("wijziging", " "), ("betreft", "anders")])
            #expect(response.status == .badRequest)
            let page = response.text
            #expect(page.contains("<div class=\"error-summary\" role=\"alert\""))
            #expect(page.contains("<a href=\"#wijziging-datum\">Wijziging: Datum: "))
            #expect(
                page.contains(
                    "<a href=\"#wijziging-wijziging\">Wijziging: Wat veranderde er?: ontbreekt; wat veranderde er?</a>")
            )
            #expect(
                page.contains(
                    "<a href=\"#wijziging-besluiten\">Wijziging: Voert de besluiten uit: noem ten minste één besluit"))
            #expect(
                page.contains(
                    "<a href=\"#wijziging-betreftTekst\">Wijziging: Indicator of omschrijving: ontbreekt; zeg in woorden wat er veranderde</a>"
                ))
            #expect(page.contains("id=\"wijziging-datum\" name=\"datum\" value=\"1-10-2025\""))
            #expect(page.contains("aria-invalid=\"true\""))
            assertSnapshot(of: page, as: .lines, named: "leerlog-fout")
        }
        #expect(try await fixture.stores.learningLog.log(of: "fictief-regio-deal-voorbeeld").changes.count == 2)
    }

    @Test func theAPIGivesTheLogAndAddsEntriesOrListsEveryInvalidField() async throws {
        let fixture = try await LearningLogFixture()
        try await fixture.test { client in
            let read = try await client.get("/api/v1/arrangementen/fictief-regio-deal-voorbeeld/leerlog")
            #expect(read.status == .ok)
            let body = try read.json()
            #expect(body["lessenZonderBesluit"] as? [String] == ["les-zorgpost-onbekend"])
            #expect((body["wijzigingen"] as? [[String: Any]])?.count == 2)

            let bad = try await client.post(
                "/api/v1/arrangementen/fictief-regio-deal-voorbeeld/leerlog",
                json: """
                    {"besluiten": [{"datum": "2025-11-20", "besluit": "", "door": "Stuurgroep", "lessen": ["nee"]}],
                     "wijzigingen": [{"datum": "2025-11-21", "wijziging": "W", "besluiten": ["besluit-stuurgroep-na-eindevaluatie"],
                                      "betreft": {"soort": "bijdragegraafversie", "versie": 5}}]}
                    """)
            #expect(bad.status == .badRequest)
            #expect(bad.headers[.contentType] == "application/problem+json")
            #expect(
                (try bad.json()["invalidParams"] as? [[String: String]])?.map { "\($0["name"]!): \($0["reason"]!)" }
                    == [
                        "besluiten[0].besluit: ontbreekt; wat is er besloten?",
                        "besluiten[0].lessen[0]: onbekende les 'nee'; lessen: les-stages-bouwen-netwerk, les-regio-wil-tafel-voorzitten, les-zorgpost-onbekend",
                        "wijzigingen[0].betreft.versie: bijdragegraafversie 5 bestaat niet; versies: 1, 2",
                    ])

            let good = try await client.post(
                "/api/v1/arrangementen/fictief-regio-deal-voorbeeld/leerlog",
                json: """
                    {"besluiten": [{"id": "besluit-zorgpost", "datum": "2025-11-20", "besluit": "Zorgpost bekend maken (fictief)",
                                    "door": "Stuurgroep (fictief)", "lessen": ["les-zorgpost-onbekend"]}]}
                    """)
            #expect(good.status == .created)
            #expect(good.headers[.location] == "/api/v1/arrangementen/fictief-regio-deal-voorbeeld/leerlog")
            #expect(try good.json()["lessenZonderBesluit"] as? [String] == [])
            let unknown = try await client.get("/api/v1/arrangementen/niets/leerlog")
            #expect(unknown.status == .notFound)
        }
        #expect(try await fixture.stores.learningLog.log(of: "fictief-regio-deal-voorbeeld").decisions.count == 2)
    }
}
