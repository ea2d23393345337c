/// What the framework says about one profile: its consequences, governance perspective,
/// temporal position and fitting evaluation design.
public struct Advice: Sendable, Hashable, Encodable {
    public var consequences: [Consequence]
    public var perspectives: PerspectiveMix
    public var temporal: TemporalPosition
    public var evaluation: EvaluationDesign

    enum CodingKeys: String, CodingKey {
        case consequences = "gevolgen"
        case perspectives = "sturingsperspectief"
        case temporal = "temporeel"
        case evaluation = "evaluatie"
    }

    public init(_ profile: Profile) {
        let mix = PerspectiveMix(profile)
        perspectives = mix
        consequences = ConsequenceRule.consequences(for: profile, mix: mix)
        temporal = TemporalPosition(profile)
        evaluation = EvaluationDesign(profile, mix: mix)
    }
}

/// One change of a what-if: a dimension set to codes.
public struct DimensionChange: Sendable, Hashable {
    public var dimension: ProfileDimension
    public var codes: [String]

    public init(dimension: ProfileDimension, codes: [String]) {
        self.dimension = dimension
        self.codes = codes
    }

    /// Parses `DIMENSIE=WAARDE[,WAARDE]`, naming the problem when it cannot.
    public static func parse(_ text: String) throws(ValidationFailure) -> DimensionChange {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else {
            throw ValidationFailure(issues: [
                ValidationIssue(field: "--zet", message: "'\(text)' heeft niet de vorm DIMENSIE=WAARDE[,WAARDE]")
            ])
        }
        guard let dimension = ProfileDimension.named(parts[0]) else {
            throw ValidationFailure(issues: [
                ValidationIssue(
                    field: "--zet",
                    message:
                        "onbekende dimensie '\(parts[0])'; toegestaan: \(ProfileDimension.all.map(\.id).joined(separator: ", "))"
                )
            ])
        }
        return DimensionChange(dimension: dimension, codes: parts[1].split(separator: ",").map(String.init))
    }
}

/// The difference a change of design choices makes (framework §3.6).
public struct WhatIf: Sendable, Hashable, Encodable {
    public struct WeightShift: Sendable, Hashable, Encodable {
        public var perspective: GovernancePerspective
        public var before: Double
        public var after: Double
        public var bandBefore: PerspectiveBand
        public var bandAfter: PerspectiveBand
        public var pointsBefore: Int
        public var pointsAfter: Int

        enum CodingKeys: String, CodingKey {
            case perspective = "perspectief"
            case bandBefore = "bandVoor"
            case bandAfter = "bandNa"
            case pointsBefore = "puntenVoor"
            case pointsAfter = "puntenNa"
            case before = "voor"
            case after = "na"
            case change = "verschil"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(perspective, forKey: .perspective)
            try container.encode(bandBefore.code, forKey: .bandBefore)
            try container.encode(bandAfter.code, forKey: .bandAfter)
            try container.encode(pointsBefore, forKey: .pointsBefore)
            try container.encode(pointsAfter, forKey: .pointsAfter)
            try container.encode(rounded(before), forKey: .before)
            try container.encode(rounded(after), forKey: .after)
            try container.encode(rounded(after - before), forKey: .change)
        }
    }

    public var arrangementID: String
    public var changes: [Comparison.Row]
    public var before: Advice
    public var after: Advice
    public var consequencesAdded: [Consequence]
    public var consequencesRemoved: [Consequence]
    public var weightShifts: [WeightShift]
    public var approachesAdded: [EvaluationApproach]
    public var approachesRemoved: [EvaluationApproach]
    public var temporalChanged: Bool

    enum CodingKeys: String, CodingKey {
        case arrangementID = "arrangement"
        case changes = "wijzigingen"
        case consequencesAdded = "gevolgenErbij"
        case consequencesRemoved = "gevolgenEraf"
        case weightShifts = "gewichtsverschuivingen"
        case approachesAdded = "aanpakkenErbij"
        case approachesRemoved = "aanpakkenEraf"
        case temporalChanged = "temporeelGewijzigd"
        case before = "voor"
        case after = "na"
    }

    /// Applies `changes` to `arrangement` and compares the advice before and after.
    /// - Throws: ``ValidationFailure`` listing every unknown value.
    public init(_ arrangement: Arrangement, changes: [DimensionChange]) throws(ValidationFailure) {
        var changed = arrangement
        var issues: [ValidationIssue] = []
        for change in changes {
            do {
                changed.profile = try change.dimension.setting(
                    change.codes, in: changed.profile, quote: "wat-als-scenario", citation: "wat-als")
            } catch {
                issues += error.issues
            }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
        changed.id = arrangement.id + "-wat-als"
        changed.name = arrangement.name + " (wat als)"
        arrangementID = arrangement.id
        let comparison = try Comparison([arrangement, changed])
        let ids = Set(changes.map(\.dimension.id))
        self.changes = comparison.rows.filter { ids.contains($0.dimensionID) }
        before = Advice(arrangement.profile)
        after = Advice(changed.profile)
        let beforeIDs = Set(before.consequences.map(\.id))
        let afterIDs = Set(after.consequences.map(\.id))
        // A change of instrument has consequences of its own (§5.4), beside those of the new state.
        consequencesAdded =
            after.consequences.filter { !beforeIDs.contains($0.id) }
            + ConsequenceTransition.consequences(from: arrangement.profile, to: changed.profile)
        consequencesRemoved = before.consequences.filter { !afterIDs.contains($0.id) }
        let (mixBefore, mixAfter) = (before.perspectives, after.perspectives)
        weightShifts = GovernancePerspective.allCases.map { perspective in
            let (old, new) = (
                mixBefore.weights.first { $0.perspective == perspective }!,
                mixAfter.weights.first { $0.perspective == perspective }!
            )
            return WeightShift(
                perspective: perspective, before: old.weight, after: new.weight, bandBefore: old.band,
                bandAfter: new.band, pointsBefore: old.points, pointsAfter: new.points)
        }
        let (fitBefore, fitAfter) = (before.evaluation.fitting, after.evaluation.fitting)
        approachesAdded = fitAfter.filter { approach in !fitBefore.contains { $0.id == approach.id } }
        approachesRemoved = fitBefore.filter { approach in !fitAfter.contains { $0.id == approach.id } }
        temporalChanged = before.temporal != after.temporal
    }
}
