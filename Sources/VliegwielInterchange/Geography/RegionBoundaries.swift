import Foundation
import VliegwielCore

/// The outlines of the Dutch gemeenten and provincies of 2025 (`Resources/geo/`: CBS/PDOK
/// gebiedsindelingen, unmodified copies with their README), read, projected and written as
/// SVG path data once per process, so that a page never parses GeoJSON.
public enum RegionBoundaries {
    /// The credit the licence (CC BY 4.0) asks for, as the README gives it.
    public static let attribution = "CBS/PDOK, gebiedsindelingen 2025"
    public static let licence = "CC BY 4.0"
    public static let licenceAddress = "https://creativecommons.org/licenses/by/4.0/deed.nl"
    /// The year of the boundaries: region codes of other years may not match.
    public static let year = 2025
    /// The width of the drawing in SVG user units; coordinates are rounded to whole units.
    public static let width = 440

    /// One outline, ready to draw.
    public struct Shape: Sendable, Hashable {
        public var code: String
        public var name: String
        /// SVG path data in the map's units.
        public var path: String
    }

    /// Every outline of one projection.
    public struct Map: Sendable {
        public var width: Int
        public var height: Int
        public var municipalities: [Shape]
        public var provinces: [Shape]
        /// Every shape by its code.
        public var shapes: [String: Shape]

        /// "gemeente" for a `GM` code, "provincie" for a `PV` code.
        public func kind(of code: String) -> String {
            RegionCode(code)?.kind.rawValue ?? "gebied"
        }

        /// The name a map shows: a gemeente by its name, a provincie with "(provincie)", as
        /// Groningen and Utrecht are both.
        public func label(of shape: Shape) -> String {
            RegionCode(shape.code)?.kind == .province ? "\(shape.name) (provincie)" : shape.name
        }
    }

    /// The shipped boundaries, read once per process.
    public static func bundled() throws -> Map { try cache.value.get() }

    private static let cache = Cached()
    private final class Cached: Sendable {
        let value: Result<Map, any Error>
        init() { value = Result { try RegionBoundaries.load() } }
    }

    /// A file of `Resources/geo/` (the two GeoJSON files and their README).
    public static func url(_ name: String, extension ext: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "geo") else {
            throw ValidationFailure(issues: [
                ValidationIssue(
                    source: "geo/\(name).\(ext)", field: "", message: "het bestand ontbreekt in de installatie")
            ])
        }
        return url
    }

    private static func file(_ name: String) throws -> [GeoRegion] {
        let url = try url(name, extension: "geojson")
        return try GeoJSONRegions.read(try Data(contentsOf: url), source: "geo/\(name).geojson")
    }

    /// Reads both files and projects them onto one map fitted to the provinces.
    static func load() throws -> Map {
        let municipalities = try file("gemeente_2025")
        let provinces = try file("provincie_2025")
        let projection = MapProjection(fitting: provinces, width: width)
        func shapes(_ regions: [GeoRegion]) -> [Shape] {
            regions.map { Shape(code: $0.code, name: $0.name, path: SVGPathData.data($0.rings, in: projection)) }
                .sorted { $0.code < $1.code }
        }
        let gm = shapes(municipalities)
        let pv = shapes(provinces)
        return Map(
            width: projection.width, height: projection.height, municipalities: gm, provinces: pv,
            shapes: Dictionary((gm + pv).map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first }))
    }
}
