import Foundation

/// A CBS region code: a municipality (`GM0363`), a province (`PV27`), a COROP region
/// (`CR17`) or the country (`NL01`). Vliegwiel adds one kind of its own, `FX0001`, for the
/// regions of the fictional demo data: CBS never uses the prefix `FX`, so a fictional figure
/// can never pass for a real region's.
public struct RegionCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case municipality = "gemeente"
        case province = "provincie"
        case corop = "corop-gebied"
        case country = "land"
        case fictional = "fictief"
    }

    public let code: String
    public let kind: Kind

    /// Parses a code, ignoring the spaces CBS pads its codes with (`"GM0363    "`).
    public init?(_ raw: String) {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = code.dropFirst(2)
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        switch (code.prefix(2), digits.count) {
        case ("GM", 4): kind = .municipality
        case ("PV", 2): kind = .province
        case ("CR", 2): kind = .corop
        case ("NL", 2) where code == "NL01": kind = .country
        case ("FX", 4): kind = .fictional
        default: return nil
        }
        self.code = code
    }

    /// What `init(_:)` accepts, for error messages.
    public static let expectedForm =
        "een regiocode GM + 4 cijfers (gemeente), PV + 2 (provincie), CR + 2 (COROP-gebied), NL01 (Nederland) of FX + 4 (fictief)"

    public var isFictional: Bool { kind == .fictional }
    public var description: String { code }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.code < rhs.code }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let region = RegionCode(text) else {
            try decoder.report("'\(text)' is geen regiocode; verwacht \(Self.expectedForm)", at: decoder.codingPath)
            self = RegionCode("NL01")!
            return
        }
        self = region
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
