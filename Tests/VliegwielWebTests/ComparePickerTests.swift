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

/// The comparison's choice (issue 16 item 5): searchable with a plain GET form that keeps what
/// is ticked, grouped by family and tranche, with a submit button above the list as well.
@Suite struct ComparePickerTests {
    static let twente = SearchWebTests.twente
    static let zwolle = SearchWebTests.zwolle

    // MARK: The comparison's choice

    @Test func theChoiceIsSearchableAndKeepsWhatIsTicked() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let response = try await client.get("/vergelijken?arrangementen=regio-deal&zoek=twente&zoeken=1")
            #expect(response.status == .ok)
            let page = response.text
            // No comparison yet: the list is searched, the ticked choice kept.
            #expect(!page.contains("<h2>Naast elkaar</h2>"))
            #expect(page.contains("<legend>Gekozen</legend>"))
            #expect(page.contains("id=\"arrangement-regio-deal\" name=\"arrangementen\" value=\"regio-deal\" checked"))
            #expect(page.contains("id=\"arrangement-\(Self.twente)\" name=\"arrangementen\" value=\"\(Self.twente)\">"))
            #expect(!page.contains("value=\"\(Self.zwolle)\""))
            #expect(page.contains("<legend>Uit de praktijk: Regio Deals, tranche 4</legend>"))
            #expect(page.contains("3 van de "), "how many of the list match: two Regio Deals and a Woondeal")
            #expect(page.contains("value=\"woondeal-twente\""))
            #expect(page.contains("<input type=\"search\" id=\"zoek-keuze\" name=\"zoek\" value=\"twente\""))
            #expect(page.contains("href=\"/vergelijken?arrangementen=regio-deal&amp;zoeken=1\">Toon de hele lijst</a>"))
            // Search comes first in the form (Enter searches), then a submit button above the list.
            let search = try #require(page.range(of: "name=\"zoeken\" value=\"1\""))
            let top = try #require(page.range(of: "<p><button type=\"submit\">Vergelijk</button></p>"))
            let list = try #require(page.range(of: "<fieldset>"))
            #expect(search.lowerBound < top.lowerBound && top.lowerBound < list.lowerBound)
        }
    }

    @Test func theChoiceIsGroupedByFamilyAndTranche() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let page = try await client.get("/vergelijken").text
            #expect(page.contains("<legend>Referentievarianten uit het essay: Deal</legend>"))
            #expect(page.contains("<legend>Referentievarianten uit het essay: Nationaal Programma</legend>"))
            for tranche in PortfolioDeal.tranches {
                #expect(page.contains("<legend>Uit de praktijk: Regio Deals, tranche \(tranche)</legend>"))
            }
            #expect(page.contains("<legend>Uit de praktijk: andere arrangementen</legend>"))
            #expect(!page.contains("<legend>Gekozen</legend>"))
            // The demo deal is not a real Regio Deal of a tranche.
            let other = try #require(page.range(of: "<legend>Uit de praktijk: andere arrangementen</legend>"))
            #expect(page[other.upperBound...].contains("value=\"fictief-regio-deal-voorbeeld\""))
            // Comparing still works, with the chosen ones in their order.
            let result = try await client.get("/vergelijken?arrangementen=woondeal&arrangementen=regio-deal").text
            #expect(result.contains("<h2>Naast elkaar</h2>"))
        }
    }
}
