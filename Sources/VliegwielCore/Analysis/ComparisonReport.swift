/// A comparison together with, for each compared arrangement, its nearest reference variants:
/// the shape of `vliegwiel vergelijk --formaat json` and of the comparison API.
public struct ComparisonReport: Sendable, Hashable, Encodable {
    public struct Nearest: Sendable, Hashable, Encodable {
        public var arrangementID: String
        public var references: [ProfileDistance]

        enum CodingKeys: String, CodingKey {
            case arrangementID = "arrangement"
            case references = "referenties"
        }
    }

    public var comparison: Comparison
    public var nearest: [Nearest]

    enum CodingKeys: String, CodingKey {
        case comparison = "vergelijking"
        case nearest = "dichtstbijzijndeReferenties"
    }

    public init(_ arrangements: [Arrangement], references: [Arrangement]) throws(ValidationFailure) {
        comparison = try Comparison(arrangements)
        nearest = arrangements.map {
            Nearest(
                arrangementID: $0.id,
                references: ProfileDistance.nearest(to: $0.profile, among: references, excluding: $0.id))
        }
    }
}
