import Foundation

/// Errors of the QCA domain. Every case names the variable (and where relevant the case)
/// it is about, so that callers can translate it into a message for the user.
public enum QCAError: Error, Sendable, Equatable {
    case noCases
    case emptyVariableName
    case duplicateVariable(String)
    case valueCountMismatch(variable: String, expected: Int, actual: Int)
    case nonFiniteValue(variable: String, caseIndex: Int)
    case valueOutOfRange(variable: String, caseIndex: Int, value: Double)
    case unknownVariable(String)
    case outcomeAmongConditions(String)
    case noConditions
    case multiValueOutcome(String)
    case outcomeWithoutVariation(String)
    case tooManyConditions(count: Int)
    case invalidInclusionCutoff(Double)
    case invalidMinimumCases(Int)
    case invalidThresholds(String)
    case invalidExpectation(condition: String, value: Int)
}

/// The kind of set a variable represents.
public enum QCASetKind: String, Sendable, Hashable, Codable {
    /// Values 0 and 1 only.
    case crisp
    /// Non-negative integers, at least one of them 2 or more (at most ``QCAVariable/maximumMultiValueLevel``).
    case multiValue
    /// Membership scores in [0, 1], at least one of them strictly between 0 and 1.
    case fuzzy
}

/// One column of a QCA data set: a condition or an outcome, with one value per case.
public struct QCAVariable: Sendable, Hashable {
    /// The highest value a multi-value condition may take (so at most 16 levels).
    public static let maximumMultiValueLevel = 15

    public let name: String
    public let values: [Double]
    public let kind: QCASetKind
    /// The number of levels: 2 for crisp and fuzzy sets, the highest value plus one for multi-value ones.
    public let levelCount: Int

    /// Creates a variable and infers its kind from the values.
    ///
    /// Values that are all 0 or 1 make a crisp set; non-negative integers with a value of 2
    /// or more make a multi-value set; anything else must lie in [0, 1] and makes a fuzzy set.
    public init(name: String, values: [Double]) throws(QCAError) {
        guard !name.isEmpty else { throw .emptyVariableName }
        for (index, value) in values.enumerated() where !value.isFinite {
            throw .nonFiniteValue(variable: name, caseIndex: index)
        }
        let allIntegers = values.allSatisfy { $0 == $0.rounded() }
        if allIntegers {
            if let index = values.firstIndex(where: { $0 < 0 || $0 > Double(Self.maximumMultiValueLevel) }) {
                throw .valueOutOfRange(variable: name, caseIndex: index, value: values[index])
            }
            let highest = Int(values.max() ?? 1)
            kind = highest <= 1 ? .crisp : .multiValue
            levelCount = max(2, highest + 1)
        } else {
            if let index = values.firstIndex(where: { $0 < 0 || $0 > 1 }) {
                throw .valueOutOfRange(variable: name, caseIndex: index, value: values[index])
            }
            kind = .fuzzy
            levelCount = 2
        }
        self.name = name
        self.values = values
    }
}

/// A QCA data set: cases (rows) and numeric variables (columns). Calibrate raw data first
/// (see ``QCACalibration``); the data set only accepts calibrated values.
public struct QCADataSet: Sendable, Hashable {
    public let caseIdentifiers: [String]
    public let variables: [QCAVariable]

    public init(caseIdentifiers: [String], variables: [QCAVariable]) throws(QCAError) {
        guard !caseIdentifiers.isEmpty else { throw .noCases }
        var seen = Set<String>()
        for variable in variables {
            guard seen.insert(variable.name).inserted else { throw .duplicateVariable(variable.name) }
            guard variable.values.count == caseIdentifiers.count else {
                throw .valueCountMismatch(
                    variable: variable.name, expected: caseIdentifiers.count, actual: variable.values.count)
            }
        }
        self.caseIdentifiers = caseIdentifiers
        self.variables = variables
    }

    /// Creates a data set from named columns of values.
    public init(caseIdentifiers: [String], columns: [(name: String, values: [Double])]) throws(QCAError) {
        var variables: [QCAVariable] = []
        for column in columns {
            variables.append(try QCAVariable(name: column.name, values: column.values))
        }
        try self.init(caseIdentifiers: caseIdentifiers, variables: variables)
    }

    public var variableNames: [String] { variables.map(\.name) }

    public func variable(named name: String) -> QCAVariable? {
        variables.first { $0.name == name }
    }
}

/// The outcome of an analysis: a variable, possibly negated (`~NAME`).
public struct QCAOutcome: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let isNegated: Bool

    public init(name: String, isNegated: Bool = false) {
        self.name = name
        self.isNegated = isNegated
    }

    /// Reads `NAME` or `~NAME`.
    public init(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("~") {
            self.init(name: String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces), isNegated: true)
        } else {
            self.init(name: trimmed, isNegated: false)
        }
    }

    public var description: String { isNegated ? "~\(name)" : name }
}
