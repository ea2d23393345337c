/// A literal: one condition at one value. For crisp and fuzzy sets value 1 is the
/// condition's presence (`A`) and value 0 its negation (`~A`); for multi-value sets it is
/// the level (`A[2]`).
public struct QCALiteral: Sendable, Hashable, Comparable, Codable {
    /// The index of the condition in the truth table's condition list.
    public let condition: Int
    public let value: Int

    public init(condition: Int, value: Int) {
        self.condition = condition
        self.value = value
    }

    public static func < (lhs: QCALiteral, rhs: QCALiteral) -> Bool {
        (lhs.condition, lhs.value) < (rhs.condition, rhs.value)
    }
}

/// A conjunction of literals (a product term, an implicant), at most one per condition.
/// The term without literals is the tautology.
public struct QCATerm: Sendable, Hashable, Comparable, Codable {
    /// The literals, ordered by condition.
    public let literals: [QCALiteral]

    public init(literals: [QCALiteral]) {
        self.literals = literals.sorted()
    }

    public var complexity: Int { literals.count }

    /// Whether a configuration (one value per condition) lies in this term.
    public func contains(configuration: [Int]) -> Bool {
        literals.allSatisfy { configuration[$0.condition] == $0.value }
    }

    /// Orders terms by complexity, then by their literals (for stable output).
    public static func < (lhs: QCATerm, rhs: QCATerm) -> Bool {
        if lhs.literals.count != rhs.literals.count { return lhs.literals.count < rhs.literals.count }
        for (left, right) in zip(lhs.literals, rhs.literals) where left != right {
            if left.condition != right.condition { return left.condition < right.condition }
            return left.value > right.value
        }
        return false
    }
}

/// Writes terms and models in the notation of R QCA: `*` for AND, `+` for OR, `~A` for
/// negation, `A[2]` for a level of a multi-value condition. When any condition is
/// multi-value, all conditions are written with levels (`URB[0]`), as R does.
public struct QCANotation: Sendable, Hashable {
    public let conditionNames: [String]
    public let usesLevels: Bool

    public init(conditionNames: [String], usesLevels: Bool) {
        self.conditionNames = conditionNames
        self.usesLevels = usesLevels
    }

    public func string(for literal: QCALiteral) -> String {
        let name = conditionNames[literal.condition]
        if usesLevels { return "\(name)[\(literal.value)]" }
        return literal.value == 1 ? name : "~\(name)"
    }

    public func string(for term: QCATerm) -> String {
        term.literals.isEmpty ? "1" : term.literals.map(string(for:)).joined(separator: "*")
    }

    public func string(for terms: [QCATerm]) -> String {
        terms.isEmpty ? "0" : terms.map(string(for:)).joined(separator: " + ")
    }

    /// A configuration as one digit per condition (`10101`); levels above 9 are written
    /// as hexadecimal letters.
    public func configurationString(_ values: [Int]) -> String {
        values.map { String($0, radix: 16, uppercase: true) }.joined()
    }
}
