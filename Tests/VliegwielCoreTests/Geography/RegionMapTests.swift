import Foundation
import Testing
import VliegwielCore

/// The map of issue 16 item 4: reading GeoJSON, the projection, the path data, the deals per
/// region and the codes that cannot be drawn, the choropleth's classes.
@Suite struct RegionMapTests {
    static let geoJSON = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"statcode":"GM0001","statnaam":"Eén"},
         "geometry":{"type":"Polygon","coordinates":[[[5.0,52.0],[5.1,52.0],[5.1,52.1],[5.0,52.0]]]}},
        {"type":"Feature","properties":{"statcode":"PV01","statnaam":"Twee"},
         "geometry":{"type":"MultiPolygon","coordinates":[[[[4.0,51.0],[4.5,51.0],[4.5,51.5],[4.0,51.0]]],
           [[[6.0,53.0],[6.2,53.0],[6.2,53.2],[6.0,53.0]],[[6.05,53.05],[6.1,53.05],[6.1,53.1],[6.05,53.05]]]]}}
        ]}
        """

    @Test func polygonsAndMultiPolygonsAreReadWithCodeNameAndEveryRing() throws {
        let regions = try GeoJSONRegions.read(Data(Self.geoJSON.utf8), source: "test.geojson")
        #expect(regions.map(\.code) == ["GM0001", "PV01"])
        #expect(regions.map(\.name) == ["Eén", "Twee"])
        #expect(regions[0].rings.count == 1 && regions[0].rings[0].count == 4)
        // Two polygons, the second with a hole: three rings.
        #expect(regions[1].rings.count == 3)
        #expect(regions[1].rings[2][0] == GeoPoint(longitude: 6.05, latitude: 53.05))
    }

    @Test func aGeometryOtherThanAPolygonIsRefusedWithTheFile() {
        let point = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statcode":"GM0001","statnaam":"X"},
             "geometry":{"type":"Point","coordinates":[5.0,52.0]}}]}
            """
        do {
            _ = try GeoJSONRegions.read(Data(point.utf8), source: "punt.geojson")
            Issue.record("a Point was read as a region")
        } catch {
            #expect(error.issues.first?.source == "punt.geojson")
            #expect(error.issues.first?.message.contains("verwacht Polygon of MultiPolygon") == true)
        }
    }

    @Test func theProjectionFitsTheBoxAndShrinksLongitudeByTheCosineOf52Point2() {
        let projection = MapProjection(longitudes: 4...6, latitudes: 51...53, width: 204, margin: 2)
        let factor = cos(52.2 * Double.pi / 180)
        // 200 units for 2 degrees of longitude at 52.2°: a degree of latitude is 100 / cos(52.2°).
        #expect(abs(projection.scale - 100 / factor) < 1e-9)
        #expect(projection.height == Int((2 * 100 / factor + 4).rounded(.up)))
        let northWest = projection.project(GeoPoint(longitude: 4, latitude: 53))
        #expect(northWest == (2, 2))
        let southEast = projection.project(GeoPoint(longitude: 6, latitude: 51))
        #expect(abs(southEast.x - 202) < 1e-9)
        #expect(abs(southEast.y - (2 + 2 * 100 / factor)) < 1e-9)
        // North is up: a point further north has a smaller y.
        #expect(projection.project(GeoPoint(longitude: 5, latitude: 52.5)).y < southEast.y)
    }

    @Test func pathDataIsRoundedRelativeAndLeavesOutRepeatedAndClosingPoints() {
        let projection = MapProjection(longitudes: 0...1, latitudes: 0...1, width: 12, margin: 1)
        // One unit is 0.1 degree of longitude; y units are 0.1 × cos(52.2°) degrees of latitude.
        let factor = cos(52.2 * Double.pi / 180)
        func point(_ x: Double, _ y: Double) -> GeoPoint {
            GeoPoint(longitude: (x - 1) / 10, latitude: 1 - (y - 1) * factor / 10)
        }
        let ring = [point(1, 1), point(5, 1), point(5.2, 1.1), point(5, 4), point(1, 4), point(1, 1)]
        #expect(SVGPathData.data([ring], in: projection) == "M1 1l4 0 0 3-4 0z")
        // A ring that rounds to fewer than three points goes, unless it is the only one.
        let speck = [point(8, 8), point(8.2, 8.1), point(8.1, 8.2), point(8, 8)]
        #expect(SVGPathData.data([ring, speck], in: projection) == "M1 1l4 0 0 3-4 0z")
        #expect(SVGPathData.data([speck], in: projection) == "M8 8z")
        #expect(SVGPathData.data([], in: projection) == "")
    }

    @Test func aDealsAreaIsItsGemeentenOrElseItsProvincies() {
        let both = MapDeal(id: "a", name: "A", tranche: 1, regions: ["PV23", "gm0193", "GM0193 ", "GM0148"])
        #expect(both.area == ["GM0193", "GM0148"])
        let province = MapDeal(id: "b", name: "B", tranche: 2, regions: ["PV25"])
        #expect(province.area == ["PV25"])
        #expect(MapDeal(id: "c", name: "C", tranche: 3, regions: []).area.isEmpty)
    }

    @Test func dealsAreGroupedByEveryCodeTheyNameEachOnce() {
        let zwolle3 = MapDeal(id: "z3", name: "Zwolle", tranche: 3, regions: ["GM0193", "PV23", "GM0193"])
        let zwolle5 = MapDeal(id: "z5", name: "Zwolle", tranche: 5, regions: ["GM0193"])
        let veluwe = MapDeal(id: "v", name: "Veluwe", tranche: 3, regions: ["PV25"])
        let grouped = RegionDeals([zwolle3, zwolle5, veluwe])
        #expect(grouped.deals(in: "GM0193").map(\.id) == ["z3", "z5"])
        #expect(grouped.deals(in: "gm0193 ").map(\.id) == ["z3", "z5"])
        #expect(grouped.deals(in: "PV23").map(\.id) == ["z3"])
        #expect(grouped.deals(in: "GM0363").isEmpty)
        // The area counts a provincie only for a deal without gemeenten.
        #expect(grouped.byArea["PV23"] == nil)
        #expect(grouped.byArea["PV25"]?.map(\.id) == ["v"])
    }

    @Test func everyCodeThatCannotBeDrawnIsListedWithItsReasonAndDeals() {
        let deals = [
            MapDeal(id: "d", name: "Demo", tranche: 5, isFictional: true, regions: ["FX0001", "FX0002"]),
            MapDeal(id: "o", name: "Oud", tranche: 2, regions: ["GM0003", "GM0193", "CR17", "NL01", "Amsterdam"]),
            MapDeal(id: "p", name: "Ook oud", tranche: 4, regions: ["GM0003"]),
        ]
        let undrawn = RegionDeals(deals).undrawn(drawable: ["GM0193", "PV23"])
        #expect(undrawn.map(\.code) == ["AMSTERDAM", "CR17", "FX0001", "FX0002", "GM0003", "NL01"])
        #expect(
            undrawn.map(\.reason) == [.notACode, .otherKind, .fictional, .fictional, .notIn2025, .otherKind])
        #expect(undrawn.first { $0.code == "GM0003" }?.deals.map(\.id) == ["o", "p"])
        #expect(UndrawnRegion.Reason.notIn2025.text.contains("zet een oude code niet zelf om"))
        #expect(
            RegionDeals(deals).undrawn(drawable: ["GM0193", "GM0003", "CR17", "NL01", "FX0001", "FX0002", "AMSTERDAM"])
                .isEmpty)
    }

    @Test func theChoroplethHasEqualClassesFromTheSmallestToTheLargestValue() throws {
        let scale = try #require(ChoroplethScale(values: [10, 20, 30, 60], classes: 5))
        #expect(scale.bounds == [10, 20, 30, 40, 50, 60])
        #expect(scale.classIndex(of: 10) == 0)
        #expect(scale.classIndex(of: 19.9) == 0)
        #expect(scale.classIndex(of: 20) == 1)
        #expect(scale.classIndex(of: 59) == 4)
        #expect(scale.classIndex(of: 60) == 4)
        #expect(scale.range(of: 2) == (30, 40))
        let same = try #require(ChoroplethScale(values: [7, 7], classes: 5))
        #expect(same.classes == 1 && same.classIndex(of: 7) == 0)
        #expect(ChoroplethScale(values: [], classes: 5) == nil)
    }
}
