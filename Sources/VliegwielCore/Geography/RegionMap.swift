import Foundation

// The map of the Netherlands (issue 16 item 4): region outlines read from GeoJSON, projected
// and written as SVG path data once, and the deals grouped by the regions they name. Pure
// values and functions; the boundary files are read in VliegwielInterchange.

/// A point as GeoJSON gives it: longitude and latitude in degrees (WGS84).
public struct GeoPoint: Sendable, Hashable {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

/// One region of a boundary file: its CBS code, its name and its outline as closed rings.
/// Outer rings and holes are kept alike: drawn with even-odd filling, a hole stays empty.
public struct GeoRegion: Sendable, Hashable {
    public var code: String
    public var name: String
    public var rings: [[GeoPoint]]

    public init(code: String, name: String, rings: [[GeoPoint]]) {
        self.code = code
        self.name = name
        self.rings = rings
    }
}

/// Reads a GeoJSON FeatureCollection of `Polygon` and `MultiPolygon` features, each keyed by
/// `properties.statcode` and named by `properties.statnaam` (the CBS/PDOK gebiedsindelingen).
public enum GeoJSONRegions {
    public static func read(_ data: Data, source: String) throws(ValidationFailure) -> [GeoRegion] {
        let collection: Collection
        do {
            collection = try JSONDecoder().decode(Collection.self, from: data)
        } catch {
            throw ValidationFailure(issues: [
                ValidationIssue(source: source, field: "", message: "geen GeoJSON met gebieden: \(error)")
            ])
        }
        return collection.features.map { feature in
            GeoRegion(
                code: feature.properties.statcode, name: feature.properties.statnaam,
                rings: feature.geometry.polygons.flatMap { polygon in
                    polygon.map { ring in
                        ring.compactMap { pair in
                            pair.count >= 2 ? GeoPoint(longitude: pair[0], latitude: pair[1]) : nil
                        }
                    }
                })
        }
    }

    private struct Collection: Decodable { var features: [Feature] }
    private struct Feature: Decodable {
        var properties: Properties
        var geometry: Geometry
    }
    private struct Properties: Decodable {
        var statcode: String
        var statnaam: String
    }
    private struct Geometry: Decodable {
        var polygons: [[[[Double]]]]

        enum CodingKeys: String, CodingKey { case type, coordinates }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .type) {
            case "Polygon": polygons = [try container.decode([[[Double]]].self, forKey: .coordinates)]
            case "MultiPolygon": polygons = try container.decode([[[[Double]]]].self, forKey: .coordinates)
            case let other:
                throw DecodingError.dataCorruptedError(
                    forKey: .type, in: container,
                    debugDescription: "geometrie '\(other)': verwacht Polygon of MultiPolygon")
            }
        }
    }
}

/// A simple equirectangular projection for a country-level map: longitude scaled by the
/// cosine of 52.2° (the middle of the Netherlands), so that shapes keep about their true
/// proportions there; north up. Fitted to a bounding box with a margin, in SVG user units.
public struct MapProjection: Sendable, Hashable {
    public static let referenceLatitude = 52.2

    public let minLongitude: Double
    public let maxLatitude: Double
    /// User units per degree of latitude.
    public let scale: Double
    public let margin: Double
    /// The size of the drawing, whole units, margins included.
    public let width: Int
    public let height: Int

    private var xFactor: Double { cos(Self.referenceLatitude * .pi / 180) }

    /// Fits the box of `regions` into `width` units (margins included).
    public init(fitting regions: [GeoRegion], width: Int, margin: Double = 2) {
        let points = regions.lazy.flatMap(\.rings).flatMap { $0 }
        let longitudes = points.map(\.longitude)
        let latitudes = points.map(\.latitude)
        self.init(
            longitudes: (longitudes.min() ?? 0)...(longitudes.max() ?? 1),
            latitudes: (latitudes.min() ?? 0)...(latitudes.max() ?? 1), width: width, margin: margin)
    }

    public init(longitudes: ClosedRange<Double>, latitudes: ClosedRange<Double>, width: Int, margin: Double = 2) {
        minLongitude = longitudes.lowerBound
        maxLatitude = latitudes.upperBound
        self.margin = margin
        self.width = width
        let span = max(longitudes.upperBound - longitudes.lowerBound, 1e-9) * cos(Self.referenceLatitude * .pi / 180)
        scale = (Double(width) - 2 * margin) / span
        height = Int(((latitudes.upperBound - latitudes.lowerBound) * scale + 2 * margin).rounded(.up))
    }

    /// The point in user units: x to the east, y to the south.
    public func project(_ point: GeoPoint) -> (x: Double, y: Double) {
        (
            margin + (point.longitude - minLongitude) * xFactor * scale,
            margin + (maxLatitude - point.latitude) * scale
        )
    }
}

/// SVG path data for region outlines.
public enum SVGPathData {
    /// The outline of `rings` in whole units of `projection`: each ring an absolute move and
    /// relative lines, closed with `z`. Points that round onto the previous one are left out
    /// (this is the simplification: about one point per unit), and so is a ring that rounds
    /// to fewer than three points, unless no ring of the region would be left.
    public static func data(_ rings: [[GeoPoint]], in projection: MapProjection) -> String {
        let rounded = rings.map { ring -> [(Int, Int)] in
            var points: [(Int, Int)] = []
            for point in ring {
                let (x, y) = projection.project(point)
                let next = (Int(x.rounded()), Int(y.rounded()))
                if let last = points.last, last == next { continue }
                points.append(next)
            }
            if points.count > 1, let first = points.first, let last = points.last, first == last {
                points.removeLast()
            }
            return points
        }
        let kept = rounded.filter { $0.count >= 3 }
        let drawn = kept.isEmpty ? Array(rounded.filter { !$0.isEmpty }.prefix(1)) : kept
        var path = ""
        for ring in drawn {
            guard let first = ring.first else { continue }
            path += "M\(first.0) \(first.1)"
            var previous = first
            for (index, point) in ring.dropFirst().enumerated() {
                let dx = point.0 - previous.0
                let dy = point.1 - previous.1
                path += index == 0 ? "l" : (dx < 0 ? "" : " ")
                path += "\(dx)\(dy < 0 ? "" : " ")\(dy)"
                previous = point
            }
            path += "z"
        }
        return path
    }
}

/// A deal as the map needs it: what it is called, its tranche and the region codes of its area.
public struct MapDeal: Sendable, Hashable {
    public var id: String
    public var name: String
    public var tranche: Int
    public var isFictional: Bool
    /// CBS codes, gemeenten and provincies, as recorded.
    public var regions: [String]

    public init(id: String, name: String, tranche: Int, isFictional: Bool = false, regions: [String]) {
        self.id = id
        self.name = name
        self.tranche = tranche
        self.isFictional = isFictional
        self.regions = regions
    }

    /// The codes drawn as the deal's area: its gemeenten, or its provincies when it names no
    /// gemeente (a provincie that is a party is not the whole area of a deal that names gemeenten).
    public var area: [String] {
        let codes = Self.unique(regions)
        let municipalities = codes.filter { RegionCode($0)?.kind == .municipality }
        return municipalities.isEmpty ? codes.filter { RegionCode($0)?.kind != .municipality } : municipalities
    }

    static func unique(_ codes: [String]) -> [String] {
        var seen = Set<String>()
        return codes.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { seen.insert($0).inserted }
    }
}

/// A code that a deal names but that the map cannot draw, with the deals that name it and why.
public struct UndrawnRegion: Sendable, Hashable {
    public enum Reason: Sendable, Hashable, CaseIterable {
        /// `FX…`: a code of the fictional demo data, no real region.
        case fictional
        /// A COROP region or the whole country: the map has gemeenten and provincies only.
        case otherKind
        /// A gemeente or provincie code that the 2025 boundaries do not have: an older code
        /// (a municipal merger) or a mistake.
        case notIn2025
        /// Not a CBS region code at all.
        case notACode

        /// Why, in plain Dutch.
        public var text: String {
            switch self {
            case .fictional: "fictieve code van het voorbeeld: geen echt gebied"
            case .otherKind: "geen gemeente of provincie: de kaart toont alleen gemeenten en provincies"
            case .notIn2025:
                "komt niet voor in de gebiedsindeling 2025 (een oudere code, bijvoorbeeld van voor een gemeentelijke herindeling, of een vergissing); Vliegwiel heeft alleen de grenzen van 2025 en zet een oude code niet zelf om"
            case .notACode: "geen CBS-regiocode"
            }
        }
    }

    public var code: String
    public var reason: Reason
    public var deals: [MapDeal]
}

/// The deals of the map grouped by the region codes they name.
public struct RegionDeals: Sendable, Hashable {
    /// Per code (upper case), every deal that names it, each once, in the order given.
    public let byCode: [String: [MapDeal]]
    /// Per code, the deals whose drawn ``MapDeal/area`` contains it.
    public let byArea: [String: [MapDeal]]

    public init(_ deals: [MapDeal]) {
        var byCode: [String: [MapDeal]] = [:]
        var byArea: [String: [MapDeal]] = [:]
        for deal in deals {
            for code in MapDeal.unique(deal.regions) { byCode[code, default: []].append(deal) }
            for code in deal.area { byArea[code, default: []].append(deal) }
        }
        self.byCode = byCode
        self.byArea = byArea
    }

    /// The deals that name `code` (any case, CBS's padding ignored).
    public func deals(in code: String) -> [MapDeal] {
        byCode[code.trimmingCharacters(in: .whitespaces).uppercased()] ?? []
    }

    /// Every code that no outline in `drawable` has, in code order, with its reason: never
    /// dropped silently.
    public func undrawn(drawable: Set<String>) -> [UndrawnRegion] {
        byCode.keys.filter { !drawable.contains($0) }.sorted().map { code in
            let reason: UndrawnRegion.Reason =
                switch RegionCode(code)?.kind {
                case .fictional: .fictional
                case .corop, .country: .otherKind
                case .municipality, .province: .notIn2025
                case nil: .notACode
                }
            return UndrawnRegion(code: code, reason: reason, deals: byCode[code] ?? [])
        }
    }
}

/// Equal classes from the smallest to the largest value, for a choropleth: simple to read
/// in a legend ("van 80,1 tot 82,3"), and a class never hides how far apart values are.
public struct ChoroplethScale: Sendable, Hashable {
    /// `classes + 1` bounds, ascending; one class when every value is the same.
    public let bounds: [Double]

    public var classes: Int { bounds.count - 1 }

    /// `nil` without values.
    public init?(values: [Double], classes: Int) {
        guard let low = values.min(), let high = values.max(), classes > 0 else { return nil }
        let count = high > low ? classes : 1
        bounds = (0...count).map { low + (high - low) * Double($0) / Double(count) }
    }

    /// The class of `value`, 0 for the lowest; a value on a bound goes to the upper class,
    /// the maximum to the last.
    public func classIndex(of value: Double) -> Int {
        let index = bounds.dropLast().lastIndex { value >= $0 } ?? 0
        return min(index, classes - 1)
    }

    /// The lower and upper bound of class `index`.
    public func range(of index: Int) -> (low: Double, high: Double) { (bounds[index], bounds[index + 1]) }
}
