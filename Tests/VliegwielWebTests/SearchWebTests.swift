import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SnapshotTesting
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage
import VliegwielTestSupport

@testable import VliegwielWeb

/// The site's search (issue 16 item 5) over arrangements, deals, partners and programme lines,
/// with a plain GET form in the header of every page; case and accents do not matter.
@Suite struct SearchWebTests {
    static let twente = "regio-deal-4-twente"
    static let twenteEarlier = "regio-deal-2-twente"
    static let zwolle = "regio-deal-3-zwolle"

    /// The section of the results of one kind (`deals`, `partners`…), or "" when there is none.
    static func section(_ page: String, _ id: String) -> String {
        guard let start = page.range(of: "<section aria-labelledby=\"\(id)\">") else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "</section>")?.lowerBound ?? rest.endIndex)])
    }

    // MARK: The search

    @Test func aRealDealIsFoundByItsNameAndNothingUnrelatedIs() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let response = try await client.get("/zoeken?q=Twente")
            #expect(response.status == .ok)
            let page = response.text
            let deals = Self.section(page, "deals")
            #expect(deals.contains("<a href=\"/arrangementen/\(Self.twente)\">Twente</a>"))
            #expect(deals.contains("<a href=\"/arrangementen/\(Self.twenteEarlier)\">Twente</a>"))
            #expect(deals.contains("Regio Deal, tranche 4"))
            #expect(deals.contains("<mark>Twente</mark>"), "the context shows why it matched")
            #expect(!page.contains("/arrangementen/\(Self.zwolle)\""))
            // The partners that carry the name, each with the deals they take part in.
            let partners = Self.section(page, "partners")
            #expect(partners.contains("Stichting Twente Board"))
            #expect(partners.contains("/arrangementen/\(Self.twente)#partners"))
            #expect(partners.contains("— partner van Twente (tranche 4)</span>"))
            #expect(
                partners.contains(
                    "Deals: <a href=\"/arrangementen/\(Self.twenteEarlier)#partners\">Twente (tranche 2)</a>, "))
            #expect(!partners.contains("Provincie Overijssel"), "a partner of the deal, but not named Twente")
            #expect(page.contains("<title>Zoeken: Twente · Vliegwiel</title>"))
            #expect(page.contains("<input type=\"search\" id=\"zoekterm\" name=\"q\" value=\"Twente\""))
        }
    }

    @Test func caseAndAccentsDoNotMatter() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let accented = Self.section(try await client.get("/zoeken?q=Noordoost-Frysl%C3%A2n").text, "deals")
            let plain = Self.section(try await client.get("/zoeken?q=NOORDOOST+fryslan").text, "deals")
            #expect(accented.contains("/arrangementen/regio-deal-6-noordoost-fryslan\""))
            #expect(accented.contains("/arrangementen/regio-deal-2-noordoost-fryslan-holwerd-aan-zee\""))
            #expect(plain == accented)
            // The excerpt keeps the text as written and marks the match in it.
            #expect(plain.contains("<mark>Fryslân</mark>"))
            #expect(!plain.contains("Noardwest"), "another Frisian deal, without 'noordoost'")
        }
    }

    @Test func programmeLinesAndReferenceVariantsAreFound() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let lines = try await client.get("/zoeken?q=toegankelijkheid+van+de+zorg").text
            let found = Self.section(lines, "programmalijnen")
            #expect(
                found.contains(
                    "<a href=\"/arrangementen/\(Self.twente)#programmalijnen\">De toegankelijkheid van de zorg</a>"))
            #expect(found.contains("programmalijn van Twente (tranche 4)"))
            let variants = try await client.get("/zoeken?q=woondeal").text
            #expect(Self.section(variants, "referentievarianten").contains("<a href=\"/arrangementen/woondeal\">"))
        }
    }

    @Test func noResultOffersAWayForward() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let response = try await client.get("/zoeken?q=qqxyzzy")
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("<h2>Niets gevonden voor ‘qqxyzzy’</h2>"))
            #expect(page.contains("<a href=\"/catalogus\">De catalogus</a>"))
            #expect(page.contains("<a href=\"/portefeuille\">De portefeuille</a>"))
            #expect(!page.contains("<section aria-labelledby="))
            // Without a query: the form and what can be found, no results and no "niets gevonden".
            let empty = try await client.get("/zoeken").text
            #expect(empty.contains("<h1>Zoeken</h1>"))
            #expect(!empty.contains("Niets gevonden"))
            #expect(empty.contains("<title>Zoeken · Vliegwiel</title>"))
        }
    }

    @Test func everyPageHasTheSearchFieldAndTheSearchPageItsBreadcrumb() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            for path in ["/", "/catalogus", "/portefeuille", "/arrangementen/\(Self.twente)", "/vergelijken"] {
                let page = try await client.get(path).text
                #expect(
                    page.contains("<form class=\"site-search\" role=\"search\" method=\"get\" action=\"/zoeken\">"),
                    "\(path)")
                #expect(
                    page.contains("<label class=\"visually-hidden\" for=\"site-zoekveld\">Zoeken in Vliegwiel</label>"),
                    "\(path)")
            }
            let search = try await client.get("/zoeken?q=zwolle").text
            #expect(search.contains("<nav class=\"breadcrumbs\" aria-label=\"Kruimelpad\">"))
            #expect(search.contains("<li><a href=\"/\">Home</a></li><li aria-current=\"page\">Zoeken: zwolle</li>"))
        }
    }

    @Test func aPageThatDoesNotExistOffersTheSearch() async throws {
        try await WebFixture().test { client in
            let response = try await client.get("/bestaat-niet")
            #expect(response.status == .notFound)
            #expect(
                response.text.contains(
                    "<li><a href=\"/zoeken\">Zoeken</a> naar een arrangement, deal, partner of programmalijn.</li>"))
            #expect(response.text.contains("<form class=\"site-search\" role=\"search\""))
        }
    }

    @Test func theSearchPageSnapshot() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let page = try await client.get("/zoeken?q=twente").text
            assertSnapshot(of: page, as: .lines, named: "zoeken-twente")
        }
    }

    /// The cache keys on the query and the installation's version: a changed name shows at once.
    @Test func aSearchIsNeverAnsweredFromAStaleCache() async throws {
        let app = try await TestApplication([.catalogue], signedIn: false)
        @Sendable func arrangement(_ name: String) -> Arrangement {
            var arrangement = TestProfiles.arrangement("zoekproef")
            arrangement.name = name
            return arrangement
        }
        try await app.stores.arrangements.save([arrangement("Zoekproef Eerste (fictief)")], author: "T", reason: "r")
        try await app.test { client async throws in
            let first = try await client.get("/zoeken?q=zoekproef").text
            #expect(first.contains("Zoekproef Eerste (fictief)"))
            let again = try await client.get("/zoeken?q=zoekproef").text
            #expect(again == first)
            try await app.stores.arrangements.save(
                [arrangement("Zoekproef Tweede (fictief)")], author: "T", reason: "r")
            let second = try await client.get("/zoeken?q=zoekproef").text
            #expect(second.contains("Zoekproef Tweede (fictief)"))
            #expect(!second.contains("Zoekproef Eerste"))
            // Another query is another entry.
            let other = try await client.get("/zoeken?q=tweede+zoekproef").text
            #expect(other.contains("Zoekproef Tweede (fictief)"))
        }
    }

    @Test func theWordsOfTheQueryAreMatchedAndMarkedWithoutRegardForCaseOrAccent() {
        let search = SearchText("  ZEEUWS vlaanderen ")
        #expect(search.terms == ["zeeuws", "vlaanderen"])
        #expect(search.matches(["Regio Deal Zeeuws-Vlaanderen"]))
        #expect(search.matches(["Zeeuws", "Vlaanderen"]), "words may be in different fields")
        #expect(!search.matches(["Zeeuws"]))
        #expect(SearchText("ĲSSEL").matches(["IJsselland"]))
        #expect(SearchText("café").matches(["Cafe"]) && SearchText("cafe").matches(["Café"]))
        #expect(SearchText(" - ").isEmpty)
        let pieces = SearchText("fryslan").excerpt(of: "Noordoost-Fryslân en verder")
        #expect(
            pieces == [
                .init(text: "Noordoost-", isMatch: false), .init(text: "Fryslân", isMatch: true),
                .init(text: " en verder", isMatch: false),
            ])
    }
}
