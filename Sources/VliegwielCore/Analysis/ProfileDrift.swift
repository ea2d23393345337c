/// How an arrangement's profile drifted from one version to another (issue 6 item 5). The
/// two versions are compared as two arrangements by ``Comparison``, so the drift uses the
/// same scales and variation as a comparison of deals; in Zuid- en Oost-Drenthe "the Rijk
/// went from facilitating the table to being invited to it" (§2) reads as
/// "Rol van het Rijk: nevengeschikt → ondergeschikt".
public struct ProfileDrift: Sendable, Hashable, Encodable {
    public var arrangementID: String
    public var fromVersion: Int
    public var toVersion: Int
    /// The comparison rows whose values changed: other codes, or stated on one side only.
    /// A changed quote or citation with the same codes is no drift. Cells: older, newer.
    public var rows: [Comparison.Row]
    /// The variation per element between the two versions, in the essay's order.
    public var elements: [Comparison.ElementVariation]
    /// One line per changed dimension: "Rol van het Rijk: nevengeschikt → ondergeschikt".
    public var summary: [String]

    enum CodingKeys: String, CodingKey {
        case arrangementID = "arrangement"
        case fromVersion = "vanVersie"
        case toVersion = "totVersie"
        case rows = "dimensies"
        case elements = "variatiePerElement"
        case summary = "samenvatting"
    }

    /// Whether nothing in the profile changed.
    public var isEmpty: Bool { rows.isEmpty }

    /// The drift from `old` to `new`.
    /// - Throws: ``ValidationFailure`` when the versions belong to different arrangements
    ///   (`arrangement`) or are the same version (`tot`).
    public init(from old: ArrangementVersion, to new: ArrangementVersion) throws(ValidationFailure) {
        var issues: [ValidationIssue] = []
        if old.arrangement.id != new.arrangement.id {
            issues.append(
                ValidationIssue(
                    field: "arrangement",
                    message: "versie \(old.number) hoort bij '\(old.arrangement.id)', "
                        + "versie \(new.number) bij '\(new.arrangement.id)'"))
        }
        if old.number == new.number {
            issues.append(
                ValidationIssue(field: "tot", message: "kies een andere versie dan \(old.number) om mee te vergelijken")
            )
        }
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
        arrangementID = new.arrangement.id
        fromVersion = old.number
        toVersion = new.number
        // Two columns of one arrangement: each version under an id of its own.
        func column(_ version: ArrangementVersion) -> Arrangement {
            var arrangement = version.arrangement
            arrangement.id += "@\(version.number)"
            arrangement.name += " (versie \(version.number))"
            return arrangement
        }
        let comparison = try Comparison([column(old), column(new)])
        rows = comparison.rows.filter { row in
            row.cells[0].codes != row.cells[1].codes
                || (row.cells[0].notStatedReason == nil) != (row.cells[1].notStatedReason == nil)
        }
        elements = comparison.elements
        summary = rows.map { row in
            "\(row.label): \(Self.wording(row.cells[0])) → \(Self.wording(row.cells[1]))"
        }
    }

    /// The labels of a cell as the profile shows them ("bovengeschikt én nevengeschikt"),
    /// or "niet vermeld".
    static func wording(_ cell: Comparison.Cell) -> String {
        cell.notStatedReason == nil ? cell.labels.joined(separator: " én ") : "niet vermeld"
    }
}
