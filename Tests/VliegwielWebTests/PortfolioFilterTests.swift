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

/// The portfolio's filters (issue 16 item 5): tranche, province, theme and term as GET
/// parameters; the list, the totals and the map follow; "x van y deals" and "Filters wissen".
@Suite struct PortfolioFilterTests {
    static let twente = SearchWebTests.twente

    // MARK: The portfolio's filters

    /// The real Regio Deals of the shipped sources.
    static func curated() throws -> [CuratedDeal] {
        try CuratedPortfolioFiles.bundled().entries.map(\.deal).filter(\.isRegioDeal)
    }

    @Test func filteringByTrancheCountsXOfYAndOffersToClear() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let all = try await client.get("/portefeuille").text
            #expect(all.contains("<p role=\"status\">81 deals; "))
            #expect(!all.contains("Filters wissen"))
            let page = try await client.get("/portefeuille?tranche=3").text
            #expect(page.contains("<p role=\"status\">14 van 81 deals; "))
            #expect(page.contains("<a href=\"/portefeuille\">Filters wissen</a>"))
            #expect(page.contains("Gebieden van de gekozen deals (tranche 3)"))
        }
    }

    @Test func filteringByProvinceTakesTheDealsWhoseAreaNamesIt() async throws {
        let zeeland = try Self.curated().filter { $0.region?.provinces.contains("PV29") == true }
        #expect(!zeeland.isEmpty)
        try await WebFixture(seedsPortfolio: true).test { client in
            let response = try await client.get("/portefeuille?provincie=PV29")
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("<p role=\"status\">\(zeeland.count) van 81 deals; "))
            for deal in zeeland { #expect(page.contains("<a href=\"/arrangementen/\(deal.id)\">"), "\(deal.id)") }
            #expect(!page.contains("<a href=\"/arrangementen/\(Self.twente)\">"))
            #expect(page.contains("<option value=\"PV29\" selected>Zeeland (\(zeeland.count) deals)</option>"))
            #expect(page.contains("Gebieden van de gekozen deals (met de gekozen filters)"))
            #expect(!page.contains("aria-label=\"Enschede: "), "the map shows only the chosen deals' areas")
            // Combined with a tranche: both hold.
            let both = try await client.get("/portefeuille?provincie=PV29&tranche=1").text
            let expected = zeeland.filter { $0.tranche == 1 }.count
            #expect(both.contains("<p role=\"status\">\(expected) van 81 deals; "))
            // A code that is no province is an error at its field, not an empty list.
            let wrong = try await client.get("/portefeuille?provincie=GM0363")
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("<a href=\"#filter-provincie\">Provincie: "))
        }
    }

    @Test func filteringByTermUsesTheSourcesLastYear() async throws {
        let year = Calendar(identifier: .gregorian).dateComponents(
            in: TimeZone(identifier: "Europe/Amsterdam")!, from: Date()
        ).year!
        let deals = try Self.curated()
        let ended = deals.filter { ($0.term?.to).map { $0 < year } ?? false }.count
        let unknown = deals.filter { $0.term?.to == nil }.count
        #expect(ended > 0 && unknown > 0)
        try await WebFixture(seedsPortfolio: true).test { client in
            let endedPage = try await client.get("/portefeuille?looptijd=afgelopen").text
            #expect(endedPage.contains("<p role=\"status\">\(ended) van 81 deals; "))
            let unknownPage = try await client.get("/portefeuille?looptijd=onbekend").text
            #expect(unknownPage.contains("<p role=\"status\">\(unknown) van 81 deals; "))
            let wrong = try await client.get("/portefeuille?looptijd=morgen")
            #expect(wrong.status == .badRequest)
        }
    }

    @Test func aThemeIsOfferedOnlyWhereOneIsRecorded() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            // No real deal records a project with a theme: the form says so, without a choice.
            let page = try await client.get("/portefeuille").text
            #expect(page.contains("Thema: bij geen van deze deals vastgelegd."))
            #expect(!page.contains("id=\"filter-thema\" name=\"thema\""))
            // With the fictional deal, whose projects have themes, the choice is there.
            let demo = try await client.get("/portefeuille?metVoorbeeld=true&thema=wonen").text
            #expect(demo.contains("<option value=\"wonen\" selected>Wonen (1 deal)</option>"))
            #expect(demo.contains("<p role=\"status\">1 van 82 deals; "))
        }
    }

    @Test func anEmptyFilterResultOffersToClearTheFilters() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let page = try await client.get("/portefeuille?tranche=1&naam=qqxyzzy").text
            #expect(page.contains("<p role=\"status\">Geen van de 81 deals past bij deze filters.</p>"))
            #expect(!page.contains("de som van 0 bekende bedragen"))
            #expect(page.contains("Geen deals voldoen aan deze keuze. <a href=\"/portefeuille\">Wis de filters</a>"))
        }
    }

    @Test func colouringTheMapKeepsTheFilters() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let page = try await client.get("/portefeuille?tranche=3&provincie=PV25").text
            guard page.contains("id=\"kaart-indicator-keuze\"") else { return }
            #expect(page.contains("<input type=\"hidden\" name=\"tranche\" value=\"3\">"))
            #expect(page.contains("<input type=\"hidden\" name=\"provincie\" value=\"PV25\">"))
        }
    }
}
