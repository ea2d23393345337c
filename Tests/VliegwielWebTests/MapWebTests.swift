import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SnapshotTesting
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage
import VliegwielWeb

/// The map of the Netherlands (issue 16 item 4) on the portfolio page, on a deal's page and on
/// the page of one region, on the shipped portfolio.
@Suite struct MapWebTests {
    /// A context table with a figure for Zwolle (two years), Kampen and Assen, and one for
    /// Appingedam (GM0003), a gemeente merged into Eemsdelta in 2021 that the 2025 map lacks.
    static func importContext(into fixture: WebFixture) async throws {
        let rows: [(String, Int, Double)] = [
            ("GM0193", 2022, 3.0), ("GM0193", 2023, 4.0), ("GM0166", 2023, 6.0), ("GM0106", 2023, 9.0),
            ("GM0003", 2023, 5.0), ("PV23", 2023, 5.5),
        ]
        let table = ContextTable(
            id: "KAART01", title: "Kaarttabel", source: "CBS StatLine, tabel KAART01",
            measures: [ContextMeasure(code: "W_1", name: "Werkloosheid", unit: "%")])
        try await fixture.app.stores.indicators.importContext(table) { store in
            for (code, year, value) in rows {
                try store(
                    ContextObservation(
                        tableID: "KAART01", measure: "W_1", region: RegionCode(code)!,
                        period: IndicatorPeriod(year: year), value: value))
            }
            return (rows.count, [])
        }
    }

    @Test func thePortfolioMapLinksEveryAreaWithItsNameAndNumberOfDeals() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let page = try await client.get("/portefeuille").text
            #expect(page.contains(#"<section aria-labelledby="kaart">"#))
            #expect(page.contains(#"<figure class="map-figure" aria-labelledby="kaart-deals-bijschrift">"#))
            #expect(page.contains(#"<svg class="map" viewBox="0 0 440 "#))
            // Zwolle is named by the deals of tranche 3 and 5; the link says so and leads to its deals.
            #expect(
                page.contains(
                    #"<a href="/portefeuille/regios/GM0193" aria-label="Zwolle: 2 deals"><title>Zwolle: 2 deals</title>"#
                ))
            #expect(page.contains(#"class="map-deals-2""#))
            // A provincie as a deal's whole area (the Veluwe deals name no gemeenten) is hatched.
            #expect(
                page.contains(
                    #"aria-label="Gelderland (provincie): "#))
            #expect(page.contains(#"fill="url(#kaart-deals-arcering)""#))
            // The legend in words, the table beside the map, the credit.
            #expect(page.contains("provincie als gebied (de bronnen noemen geen gemeenten)</li>"))
            #expect(page.contains("<summary>De kaart als tabel ("))
            #expect(
                page.contains(
                    #"<tr><th scope="row"><a href="/portefeuille/regios/GM0193">Zwolle</a> (GM0193)</th><td>gemeente</td><td class="number">2</td><td>3, 5</td></tr>"#
                ))
            #expect(page.contains("Grenzen: CBS/PDOK, gebiedsindelingen 2025 (<a href="))
            #expect(page.contains("CC BY 4.0</a>)"))
            // Deals without a code are named, not left out without a word; every curated code is of 2025.
            #expect(page.contains("77 van de 81 deals staan op de kaart. 4 deals zonder regiocode (hieronder)."))
            #expect(page.contains("Alle regiocodes van deze deals passen op de grenzen van 2025."))
            #expect(page.contains(#"<a href="/arrangementen/regio-deal-1-bes-eilanden">BES-eilanden</a>"#))
            #expect(!page.contains(#"id="niet-getekend""#))
            // No context table is imported: the page says so instead of showing an empty choice.
            #expect(page.contains("Er zijn (nog) geen contextindicatoren van CBS ingelezen"))
            #expect(!page.contains(#"name="indicator""#))
        }
    }

    @Test func theMapFollowsTheTrancheChosen() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let page = try await client.get("/portefeuille?tranche=3").text
            #expect(page.contains("Gebieden van de gekozen deals (tranche 3)"))
            #expect(page.contains(#"aria-label="Zwolle: 1 deal""#))
            #expect(!page.contains("regio-deal-1-bes-eilanden"))
        }
    }

    @Test func codesThatCannotBeDrawnAreCountedAndNamedWithTheirReason() async throws {
        let fixture = try await WebFixture(seedsPortfolio: true)
        // The demo deal's regions, as its shipped indicators record them: fictional codes.
        try await fixture.app.stores.indicators.save(
            ArrangementIndicators(
                arrangementID: "fictief-regio-deal-voorbeeld", isFictional: true,
                regions: [RegionCode("FX0001")!, RegionCode("FX0002")!]))
        try await fixture.test { client in
            let page = try await client.get("/portefeuille?metVoorbeeld=true").text
            #expect(page.contains("2 regiocodes konden niet getekend worden (hieronder, met de reden)."))
            #expect(page.contains(#"<h3 id="niet-getekend">Regiocodes die niet op de kaart staan (2)</h3>"#))
            #expect(
                page.contains(
                    #"<li><strong>FX0001</strong>: fictieve code van het voorbeeld: geen echt gebied. Genoemd door <a href="/arrangementen/fictief-regio-deal-voorbeeld">"#
                ))
            let demo = try await client.get("/arrangementen/fictief-regio-deal-voorbeeld").text
            #expect(demo.contains(#"<h3 id="kaart">Het gebied op de kaart</h3>"#))
            #expect(demo.contains("Geen van de regiocodes van deze deal staat op de kaart van 2025"))
            #expect(!demo.contains(#"<svg class="map""#))
            #expect(demo.contains("<li><strong>FX0002</strong>: fictieve code van het voorbeeld"))
        }
    }

    @Test func aDealPageDrawsItsOwnAreaWithLinksToTheRegions() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let page = try await client.get("/arrangementen/regio-deal-3-zwolle").text
            #expect(page.contains(#"<title id="kaart-deal-title">Kaart van Nederland: het gebied van Zwolle</title>"#))
            #expect(page.contains("Het gebied van Zwolle: 22 gemeenten."))
            #expect(
                page.contains(
                    #"<a href="/portefeuille/regios/GM0193" aria-label="Zwolle: alle deals in dit gebied">"#))
            // Only the deal's own gemeenten are drawn over the provinces, not all 342.
            #expect(page.components(separatedBy: "<a href=\"/portefeuille/regios/").count - 1 == 22 * 2)
            #expect(
                page.contains(
                    #"<tr><th scope="row"><a href="/portefeuille/regios/GM0193">Zwolle</a> (GM0193)</th><td>gemeente</td></tr>"#
                ))
            // A provincie-only deal is drawn as its provincie.
            let veluwe = try await client.get("/arrangementen/regio-deal-3-veluwe").text
            #expect(veluwe.contains("Het gebied van Veluwe: 1 provincie."))
            #expect(veluwe.contains(#"aria-label="Gelderland (provincie): alle deals in dit gebied""#))
        }
    }

    @Test func aRegionPageListsTheDealsThatNameIt() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let response = try await client.get("/portefeuille/regios/GM0193")
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("<h1>Zwolle <span class=\"aside\">(gemeente, GM0193)</span></h1>"))
            #expect(page.contains("De deals van de portefeuille die dit gebied noemen: 2 deals."))
            #expect(
                page.contains(
                    #"<tr><th scope="row"><a href="/arrangementen/regio-deal-3-zwolle">Zwolle</a></th><td>3</td></tr>"#)
            )
            #expect(
                page.contains(
                    #"<tr><th scope="row"><a href="/arrangementen/regio-deal-5-zwolle">Zwolle</a></th><td>5</td></tr>"#)
            )
            #expect(page.contains(#"<li><a href="/portefeuille">Portefeuille</a></li>"#))
            #expect(page.contains(#"<a href="/portefeuille#kaart">Terug naar de kaart van de portefeuille</a>"#))
            // Lower case is the same region; a 2025 region without deals says so.
            #expect(try await client.get("/portefeuille/regios/gm0193").text.contains("2 deals."))
            let assen = try await client.get("/portefeuille/regios/GM0106")
            #expect(assen.status == .ok)
            #expect(assen.text.contains("Geen deal van de portefeuille noemt dit gebied."))
            // An old code that no deal names, and text that is no code, are not pages.
            #expect(try await client.get("/portefeuille/regios/GM0003").status == .notFound)
            #expect(try await client.get("/portefeuille/regios/Zwolle").status == .notFound)
        }
    }

    @Test func aChosenContextIndicatorColoursTheMapWithALegendATableAndWhatIsLeftOut() async throws {
        let fixture = try await WebFixture(seedsPortfolio: true)
        try await Self.importContext(into: fixture)
        try await fixture.test { client in
            let plain = try await client.get("/portefeuille").text
            #expect(plain.contains(#"<option value="KAART01/W_1">Werkloosheid (Kaarttabel)</option>"#))
            #expect(!plain.contains(#"id="kaart-indicator""#))
            let page = try await client.get("/portefeuille?indicator=KAART01/W_1").text
            #expect(page.contains(#"<option value="KAART01/W_1" selected>"#))
            // The newest year, per gemeente (the provincie's figure is of another level).
            #expect(page.contains("Werkloosheid, 2023, per gemeente (CBS StatLine, tabel KAART01)."))
            // Equal classes from 4 to 9: Zwolle in the lowest, Kampen (6) in the third, Assen (no deal, no link) in the highest.
            #expect(page.contains("4,0 % tot 5,0 %</li>"))
            #expect(page.contains("8,0 % tot 9,0 %</li>"))
            #expect(
                page.contains(
                    #"<a href="/portefeuille/regios/GM0193" aria-label="Zwolle: 4,0 %; 2 deals"><title>Zwolle: 4,0 %; 2 deals</title><path"#
                ))
            #expect(page.contains(#"class="map-value-1"/></a>"#))
            #expect(page.contains(#"<g aria-hidden="true"><title>Assen: 9,0 %</title><path"#))
            #expect(page.contains("class=\"map-value-5\""))
            #expect(
                page.contains(#"aria-label="Kampen: 6,0 %; 2 deals"><title>Kampen: 6,0 %; 2 deals</title><path d=""#))
            #expect(page.contains("class=\"map-value-3\""))
            #expect(page.contains("class=\"map-value-none\" fill=\"url(#kaart-indicator-arcering)\""))
            // The old code is counted and named, not dropped.
            #expect(
                page.contains(
                    "1 gebied met een cijfer staat niet op de kaart, omdat de code niet voorkomt in de grenzen van 2025 (een oudere code of geen gemeente of provincie): GM0003."
                ))
            #expect(
                page.contains(
                    #"<td>gemeente</td><td class="number">4,0 %</td><td class="number">2</td></tr>"#))
            #expect(page.contains("<summary>De kaart als tabel (3 gebieden)</summary>"))
        }
    }

    @Test func anUnknownIndicatorIsAnErrorLinkedToTheChoice() async throws {
        let fixture = try await WebFixture(seedsPortfolio: true)
        try await Self.importContext(into: fixture)
        try await fixture.test { client in
            let response = try await client.get("/portefeuille?indicator=KAART01/BESTAAT-NIET")
            #expect(response.status == .badRequest)
            #expect(
                response.text.contains(
                    "<a href=\"#kaart-indicator-keuze\">Kleur de kaart naar: ‘KAART01/BESTAAT-NIET’ is geen ingelezen indicator"
                ))
            #expect(response.text.contains(#"aria-describedby="kaart-indicator-keuze-fout""#))
        }
    }

    @Test func snapshotOfARegionPage() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let page = try await client.get("/portefeuille/regios/PV25").text
            assertSnapshot(of: page, as: .lines, named: "regio-PV25")
        }
    }
}
