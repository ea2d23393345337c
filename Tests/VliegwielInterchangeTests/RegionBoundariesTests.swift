import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange

/// The shipped boundaries (CBS/PDOK gebiedsindelingen 2025) as the map draws them.
@Suite struct RegionBoundariesTests {
    @Test func everyGemeenteAndProvincieOf2025IsDrawable() throws {
        let map = try RegionBoundaries.bundled()
        #expect(map.municipalities.count == 342)
        #expect(map.provinces.count == 12)
        #expect(map.shapes["GM0363"]?.name == "Amsterdam")
        #expect(map.shapes["PV27"]?.name == "Noord-Holland")
        #expect(map.shapes.values.allSatisfy { $0.path.hasPrefix("M") && $0.path.hasSuffix("z") })
        // Fitted to 440 units wide; the Netherlands is a little taller than wide at 52.2°.
        #expect(map.width == 440 && (500...540).contains(map.height))
        // Every code the CBS list of 2025 has, the boundaries have (and the other way round).
        let listed = Set(try CuratedPortfolioFiles.regions().keys)
        #expect(listed == Set(map.shapes.keys))
    }

    @Test func thePathsStaySmallEnoughToSendOnAPage() throws {
        let map = try RegionBoundaries.bundled()
        // The 342 gemeenten in whole units: about 6,400 points. A change that made coordinates
        // finer would let the portfolio page grow by far more than the map is worth.
        let gemeenten = map.municipalities.map(\.path.utf8.count).reduce(0, +)
        let provincies = map.provinces.map(\.path.utf8.count).reduce(0, +)
        #expect(gemeenten < 40_000)
        #expect(provincies < 8_000)
    }

    @Test func everyRegionCodeOfTheCuratedDealsIsOnTheMap() throws {
        let map = try RegionBoundaries.bundled()
        let portfolio = try CuratedPortfolioFiles.bundled()
        let deals = portfolio.entries.map {
            MapDeal(id: $0.deal.id, name: $0.deal.id, tranche: $0.deal.tranche, regions: $0.deal.region?.codes ?? [])
        }
        #expect(RegionDeals(deals).undrawn(drawable: Set(map.shapes.keys)).map(\.code) == [])
    }

    @Test func theShippedFilesAreTheCopiesTheREADMEDescribesWithTheirCredit() throws {
        // Byte counts of the README's integrity table: the files are copied unmodified.
        let gemeenten = try Data(contentsOf: try RegionBoundaries.url("gemeente_2025", extension: "geojson"))
        let provincies = try Data(contentsOf: try RegionBoundaries.url("provincie_2025", extension: "geojson"))
        #expect(gemeenten.count == 186_612)
        #expect(provincies.count == 26_993)
        let readme = try String(contentsOf: try RegionBoundaries.url("README", extension: "md"), encoding: .utf8)
        #expect(readme.contains("\"\(RegionBoundaries.attribution)\""))
        #expect(readme.contains(RegionBoundaries.licence))
    }
}
