/// How different two arrangements are in one dimension, from 0 (the same) to 1 (as
/// different as the dimension allows).
///
/// Every dimension counts equally in the totals: the essay ranks none of the design
/// choices above another ("Dat zijn allemaal keuzes die leiden tot andere uitkomsten", §5.3).
/// Within a dimension the distance follows its scale:
/// - nominal (roles, initiators, concepts of result): Jaccard distance between the sets of
///   codes, 1 − |A ∩ B| / |A ∪ B|, so "zowel bovengeschikt als nevengeschikt" is half-way
///   to "alleen nevengeschikt";
/// - ordinal (presence of a layer, diversity, wording of the goal): the difference of the mean
///   positions on the scale divided by the scale's length, so "soms" is closer to "afwezig"
///   than "leidend" is;
/// - term: four bands (up to 4 years, 5–12, 13 and more, open-ended), following the essay's
///   own grouping of deals (1–8), programmes (13–30) and open-ended collaborations (§1.4);
/// - percentage: the difference in percentage points divided by 100.
/// A dimension that one of the two does not state is not comparable: it is reported as
/// unknown and left out, never counted as equal or different. The distance is symmetric.
public enum DimensionScale: Sendable, Hashable {
    case nominal
    case ordinal([String])
    case term
    case percentage

    /// The scale of each dimension; nominal unless named in `scale(for:)`.
    public static func of(_ dimension: ProfileDimension) -> DimensionScale {
        scales[dimension.id] ?? .nominal
    }

    private static let scales = Dictionary(uniqueKeysWithValues: ProfileDimension.all.map { ($0.id, scale(for: $0)) })

    private static func scale(for dimension: ProfileDimension) -> DimensionScale {
        switch dimension.id {
        case _ where dimension.id.hasPrefix("interbestuurlijk.bestuurslagen."):
            .ordinal(LayerPresence.allCases.map(\.code))
        case "interbestuurlijk.ministeries": .ordinal(MinistryCount.allCases.map(\.code))
        case "interbestuurlijk.maatschappelijkePartijen.diversiteit": .ordinal(PartyDiversity.allCases.map(\.code))
        case "interbestuurlijk.maatschappelijkePartijen.nadruk": .ordinal(SectorEmphasis.allCases.map(\.code))
        case "interbestuurlijk.kennisinstellingen": .ordinal(KnowledgeRole.allCases.map(\.code))
        case "resultaatgericht.doel": .ordinal(GoalWording.allCases.map(\.code))
        case "resultaatgericht.looptijd": .term
        case "resultaatgericht.maximumAandeelRijk": .percentage
        default: .nominal
        }
    }

    /// The distance between two sets of codes on this scale, in 0...1.
    public func distance(_ lhs: [String], _ rhs: [String]) -> Double {
        let a = Set(lhs)
        let b = Set(rhs)
        if a == b { return 0 }
        switch self {
        case .nominal:
            return 1 - Double(a.intersection(b).count) / Double(a.union(b).count)
        case .ordinal(let scale):
            return abs(Self.meanPosition(a, scale) - Self.meanPosition(b, scale)) / Double(max(scale.count - 1, 1))
        case .term:
            return abs(Self.meanPosition(a, Self.termBand) - Self.meanPosition(b, Self.termBand)) / 3
        case .percentage:
            let mean: (Set<String>) -> Double = { codes in
                Double(codes.compactMap { Int($0) }.reduce(0, +)) / Double(max(codes.count, 1))
            }
            return min(abs(mean(a) - mean(b)) / 100, 1)
        }
    }

    private static func meanPosition(_ codes: Set<String>, _ position: (String) -> Int) -> Double {
        Double(codes.map(position).reduce(0, +)) / Double(max(codes.count, 1))
    }

    private static func meanPosition(_ codes: Set<String>, _ scale: [String]) -> Double {
        meanPosition(codes) { scale.firstIndex(of: $0) ?? 0 }
    }

    /// Band of a term code: 0 up to 4 years, 1 up to 12, 2 for 13 and longer, 3 open-ended.
    private static func termBand(_ code: String) -> Int {
        guard let maximum = Term(code: code)?.maximumYears else { return 3 }
        switch maximum {
        case ...4: return 0
        case ...12: return 1
        default: return 2
        }
    }
}
