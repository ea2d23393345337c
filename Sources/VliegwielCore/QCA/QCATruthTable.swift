/// Settings for building a truth table.
public struct QCATruthTableOptions: Sendable, Hashable {
    /// Rows with at least this inclusion (and ``priCutoff``) are positive (R: `incl.cut`).
    public var inclusionCutoff: Double
    /// Rows below this inclusion are negative; rows between this and ``inclusionCutoff``
    /// are contradictions. Nil means equal to ``inclusionCutoff`` (R's default).
    public var exclusionCutoff: Double?
    /// Rows with fewer cases are remainders (R: `n.cut`).
    public var minimumCases: Int
    /// Positive rows must also reach this PRI (R: `pri.cut`, default 0).
    public var priCutoff: Double

    public init(
        inclusionCutoff: Double = 0.8, exclusionCutoff: Double? = nil, minimumCases: Int = 1, priCutoff: Double = 0
    ) {
        self.inclusionCutoff = inclusionCutoff
        self.exclusionCutoff = exclusionCutoff
        self.minimumCases = minimumCases
        self.priCutoff = priCutoff
    }
}

/// The output value a truth-table row receives.
public enum QCARowOutcome: String, Sendable, Hashable, Codable {
    /// Sufficient for the outcome (`1`).
    case positive
    /// Not sufficient (`0`).
    case negative
    /// Inclusion between the exclusion and inclusion cut-offs (`C`); excluded from minimization.
    case contradiction
    /// Too few cases (`?`): a logical remainder.
    case remainder
}

/// A truth-table row with at least one case.
public struct QCATruthTableRow: Sendable, Hashable {
    /// Row number, from 1, in mixed-radix order with the first condition most significant.
    public let number: Int
    /// One level per condition.
    public let configuration: [Int]
    /// Indices of the cases that belong to the row (membership above 0.5).
    public let caseIndices: [Int]
    /// Sufficiency inclusion of the row for the outcome, over all cases.
    public let inclusion: Double
    public let pri: Double
    public let outcome: QCARowOutcome
    /// True when the row holds both cases in the outcome (above 0.5) and cases out of it (below 0.5).
    public let isContradictory: Bool

    public var caseCount: Int { caseIndices.count }
}

/// A truth table: the configurations of conditions observed among the cases, their
/// inclusion in the outcome, and the case memberships needed for every later measure.
public struct QCATruthTable: Sendable {
    public struct Condition: Sendable, Hashable {
        public let name: String
        public let kind: QCASetKind
        public let levelCount: Int
    }

    public let conditions: [Condition]
    public let outcome: QCAOutcome
    public let options: QCATruthTableOptions
    public let caseIdentifiers: [String]
    /// The observed rows, by ascending number.
    public let rows: [QCATruthTableRow]
    /// Membership of each case in the outcome (already negated for `~NAME`).
    public let outcomeMemberships: [Double]
    /// Raw condition values, case-major.
    let conditionValues: [[Double]]
    let encoding: QCAEncoding

    /// Builds the truth table of `outcome` over `conditionNames` (all other variables when nil).
    public init(
        data: QCADataSet, outcome: QCAOutcome, conditions conditionNames: [String]? = nil,
        options: QCATruthTableOptions = QCATruthTableOptions()
    ) throws(QCAError) {
        guard let outcomeVariable = data.variable(named: outcome.name) else { throw .unknownVariable(outcome.name) }
        guard outcomeVariable.kind != .multiValue else { throw .multiValueOutcome(outcome.name) }
        guard options.inclusionCutoff > 0, options.inclusionCutoff <= 1,
            options.exclusionCutoff.map { $0 >= 0 && $0 <= options.inclusionCutoff } ?? true
        else { throw .invalidInclusionCutoff(options.inclusionCutoff) }
        guard options.minimumCases >= 1 else { throw .invalidMinimumCases(options.minimumCases) }
        let names = conditionNames ?? data.variableNames.filter { $0 != outcome.name }
        guard !names.isEmpty else { throw .noConditions }
        var variables: [QCAVariable] = []
        for name in names {
            guard name != outcome.name else { throw .outcomeAmongConditions(name) }
            guard let variable = data.variable(named: name) else { throw .unknownVariable(name) }
            guard !variables.contains(where: { $0.name == name }) else { throw .duplicateVariable(name) }
            variables.append(variable)
        }
        let outcomeValues = outcome.isNegated ? outcomeVariable.values.map { 1 - $0 } : outcomeVariable.values
        guard let first = outcomeValues.first, outcomeValues.contains(where: { $0 != first }) else {
            throw .outcomeWithoutVariation(outcome.name)
        }
        let encoding = try QCAEncoding(levelCounts: variables.map(\.levelCount))
        var rowLimit = 1
        for variable in variables {
            let (product, overflow) = rowLimit.multipliedReportingOverflow(by: variable.levelCount)
            guard !overflow, product < Int.max / 16 else { throw .tooManyConditions(count: variables.count) }
            rowLimit = product
        }

        self.conditions = variables.map { Condition(name: $0.name, kind: $0.kind, levelCount: $0.levelCount) }
        self.outcome = outcome
        self.options = options
        self.caseIdentifiers = data.caseIdentifiers
        self.outcomeMemberships = outcomeValues
        self.encoding = encoding
        let caseCount = data.caseIdentifiers.count
        self.conditionValues = (0..<caseCount).map { index in variables.map { $0.values[index] } }

        // Each case belongs to the row where its membership exceeds 0.5 (none if a fuzzy score is exactly 0.5).
        var casesByRow: [Int: [Int]] = [:]
        var configurations: [Int: [Int]] = [:]
        for index in 0..<caseCount {
            var configuration: [Int] = []
            for (condition, value) in conditionValues[index].enumerated() {
                if conditions[condition].kind == .fuzzy {
                    if value == 0.5 { break }
                    configuration.append(value > 0.5 ? 1 : 0)
                } else {
                    configuration.append(Int(value))
                }
            }
            guard configuration.count == conditions.count else { continue }
            let rowIndex = encoding.rowIndex(of: configuration)
            casesByRow[rowIndex, default: []].append(index)
            configurations[rowIndex] = configuration
        }
        let exclusionCutoff = options.exclusionCutoff ?? options.inclusionCutoff
        let tolerance = 1e-10
        var rows: [QCATruthTableRow] = []
        for rowIndex in casesByRow.keys.sorted() {
            let configuration = configurations[rowIndex]!
            let members = casesByRow[rowIndex]!
            let term = QCATerm(
                literals: configuration.enumerated().map { QCALiteral(condition: $0.offset, value: $0.element) })
            let fit = QCAMeasures.sufficiency(
                of: Self.memberships(of: term, values: conditionValues, conditions: conditions), in: outcomeValues)
            let outcomeOfRow: QCARowOutcome
            if members.count < options.minimumCases {
                outcomeOfRow = .remainder
            } else if fit.inclusion >= options.inclusionCutoff - tolerance && fit.pri >= options.priCutoff - tolerance {
                outcomeOfRow = .positive
            } else if fit.inclusion < exclusionCutoff - tolerance
                || fit.inclusion >= options.inclusionCutoff - tolerance
            {
                outcomeOfRow = .negative
            } else {
                outcomeOfRow = .contradiction
            }
            let inOutcome = members.contains { outcomeValues[$0] > 0.5 }
            let outOfOutcome = members.contains { outcomeValues[$0] < 0.5 }
            rows.append(
                QCATruthTableRow(
                    number: rowIndex + 1, configuration: configuration, caseIndices: members,
                    inclusion: fit.inclusion, pri: fit.pri, outcome: outcomeOfRow,
                    isContradictory: inOutcome && outOfOutcome))
        }
        self.rows = rows
    }

    /// The number of rows of the full table (observed and unobserved).
    public var rowCount: Int { conditions.reduce(1) { $0 * $1.levelCount } }

    public var conditionNames: [String] { conditions.map(\.name) }

    /// The notation for this table's terms (levels when any condition is multi-value).
    public var notation: QCANotation {
        QCANotation(conditionNames: conditionNames, usesLevels: conditions.contains { $0.kind == .multiValue })
    }

    /// The configuration of row number `number` (from 1).
    public func configuration(ofRow number: Int) -> [Int] { encoding.values(ofRowIndex: number - 1) }

    /// Each case's membership in a term: the minimum over its literals.
    public func memberships(of term: QCATerm) -> [Double] {
        Self.memberships(of: term, values: conditionValues, conditions: conditions)
    }

    static func memberships(of term: QCATerm, values: [[Double]], conditions: [Condition]) -> [Double] {
        values.map { caseValues in
            var membership = 1.0
            for literal in term.literals {
                let value = caseValues[literal.condition]
                let literalMembership: Double
                switch conditions[literal.condition].kind {
                case .multiValue: literalMembership = Int(value) == literal.value ? 1 : 0
                case .crisp, .fuzzy: literalMembership = literal.value == 1 ? value : 1 - value
                }
                membership = min(membership, literalMembership)
            }
            return membership
        }
    }

    /// Sufficiency measures of a term for this table's outcome.
    public func sufficiency(of term: QCATerm) -> QCASufficiency {
        QCAMeasures.sufficiency(of: memberships(of: term), in: outcomeMemberships)
    }

    /// Necessity measures of a term for this table's outcome.
    public func necessity(of term: QCATerm) -> QCANecessity {
        QCAMeasures.necessity(of: memberships(of: term), in: outcomeMemberships)
    }

    /// Necessity of every single literal (each condition present and absent, or each level).
    public func necessityOfConditions() -> [(literal: QCALiteral, measures: QCANecessity)] {
        var result: [(literal: QCALiteral, measures: QCANecessity)] = []
        for (index, condition) in conditions.enumerated() {
            let values = condition.kind == .multiValue ? Array(0..<condition.levelCount) : [1, 0]
            for value in values {
                let literal = QCALiteral(condition: index, value: value)
                result.append((literal, necessity(of: QCATerm(literals: [literal]))))
            }
        }
        return result
    }

    /// Cases whose membership in the term exceeds 0.5.
    public func casesCovered(by term: QCATerm) -> [Int] {
        memberships(of: term).enumerated().filter { $0.element > 0.5 }.map(\.offset)
    }
}
