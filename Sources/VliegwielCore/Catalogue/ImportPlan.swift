/// What an import will do, decided before anything is written, so that a refused
/// import changes nothing.
public struct ImportPlan: Sendable, Equatable {
    /// Arrangements to write, in file order.
    public var toSave: [Arrangement] = []
    public var created: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    /// Problems that refuse the whole import.
    public var issues: [ValidationIssue] = []

    public var isAccepted: Bool { issues.isEmpty }
}

public enum ImportPlanner {
    /// Plans an import of `incoming` into a store that holds `existing`.
    ///
    /// Reference variants are the essay's and ship with the product (`shippedReferences`):
    /// a file may repeat them unchanged (an export holds them), but not change them or add new ones.
    public static func plan(
        incoming: [Arrangement], existing: [String: Arrangement], shippedReferences: [String: Arrangement]
    ) -> ImportPlan {
        var plan = ImportPlan()
        for arrangement in incoming {
            let id = arrangement.id
            if arrangement.kind == .reference {
                guard let shipped = shippedReferences[id] else {
                    plan.issues.append(
                        ValidationIssue(
                            arrangementID: id, field: "soort",
                            message:
                                "'\(id)' is geen referentievariant van het essay; gebruik soort 'praktijk' voor een eigen arrangement"
                        ))
                    continue
                }
                if shipped != arrangement {
                    plan.issues.append(
                        ValidationIssue(
                            arrangementID: id, field: "profiel",
                            message:
                                "referentievarianten komen uit het essay en worden met Vliegwiel meegeleverd; ze kunnen niet worden gewijzigd. Geef een gewijzigde versie een eigen id en soort 'praktijk'"
                        ))
                } else {
                    plan.unchanged.append(id)
                }
                continue
            }
            if shippedReferences[id] != nil {
                plan.issues.append(
                    ValidationIssue(
                        arrangementID: id, field: "id",
                        message: "'\(id)' is de id van een referentievariant; kies een andere id"))
                continue
            }
            switch existing[id] {
            case arrangement?: plan.unchanged.append(id)
            case nil:
                plan.created.append(id)
                plan.toSave.append(arrangement)
            case .some:
                plan.updated.append(id)
                plan.toSave.append(arrangement)
            }
        }
        return plan
    }
}

extension Array where Element == Arrangement {
    /// The order used for listings and exports: the essay's reference variants in the essay's
    /// order, then all other arrangements by id. Exports depend on it for stable output.
    public func sortedCanonically() -> [Arrangement] {
        let rank = Dictionary(uniqueKeysWithValues: ReferenceVariant.ids.enumerated().map { ($1, $0) })
        return sorted { lhs, rhs in
            switch (lhs.kind == .reference ? rank[lhs.id] : nil, rhs.kind == .reference ? rank[rhs.id] : nil) {
            case (let l?, let r?): l < r
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): lhs.id < rhs.id
            }
        }
    }
}
