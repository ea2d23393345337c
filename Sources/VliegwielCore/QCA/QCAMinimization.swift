import Foundation

/// Which remainders the minimization may use.
public enum QCASolutionType: String, Sendable, Hashable, Codable, CaseIterable {
    /// No remainders (the complex solution).
    case conservative
    /// Any remainder that simplifies the solution (the most parsimonious solution).
    case parsimonious
    /// Only "easy" counterfactuals, those agreeing with the directional expectations
    /// (Ragin's standard analysis).
    case intermediate
}

public struct QCAMinimizationOptions: Sendable, Hashable {
    public var solutionType: QCASolutionType
    /// For the intermediate solution: the level each condition is expected to have when the
    /// outcome occurs (`A` present is value 1, `~A` value 0, `A[2]` value 2). Conditions
    /// without an expectation may go either way.
    public var directionalExpectations: [QCALiteral]
    /// Drop prime implicants that cover a strict subset of the positive rows another covers
    /// (R's `row.dom`); this can remove equally minimal models. Off by default, as in R.
    public var rowDominance: Bool
    /// List each model's simplifying assumptions (remainders it covers). With many
    /// conditions these can run into the millions; the listing is bounded by
    /// ``QCABudget/maximumListedRows`` either way.
    public var listsSimplifyingAssumptions: Bool
    public var budget: QCABudget

    public init(
        solutionType: QCASolutionType = .conservative, directionalExpectations: [QCALiteral] = [],
        rowDominance: Bool = false, listsSimplifyingAssumptions: Bool = true, budget: QCABudget = .standard
    ) {
        self.solutionType = solutionType
        self.directionalExpectations = directionalExpectations
        self.rowDominance = rowDominance
        self.listsSimplifyingAssumptions = listsSimplifyingAssumptions
        self.budget = budget
    }
}

/// A term of a model with its measures.
public struct QCATermFit: Sendable, Hashable {
    public let term: QCATerm
    public let expression: String
    public let sufficiency: QCASufficiency
    /// The coverage this term adds to the other terms of its model.
    public let uniqueCoverage: Double
    /// Cases whose membership in the term exceeds 0.5.
    public let caseIndices: [Int]
}

/// One minimal model (a sum of prime implicants).
public struct QCAModel: Sendable, Hashable {
    public let terms: [QCATermFit]
    public let expression: String
    public let sufficiency: QCASufficiency
    /// Remainder rows (numbers from 1) the model's terms cover: its simplifying assumptions.
    public let simplifyingAssumptions: [Int]
}

/// The result of a minimization.
public struct QCASolution: Sendable, Hashable {
    public let solutionType: QCASolutionType
    /// All equally minimal models (fewest prime implicants), ordered.
    public let models: [QCAModel]
    /// The prime implicants the models were chosen from.
    public let primeImplicants: [QCATerm]
    /// Numbers of the positive rows that were explained.
    public let positiveRows: [Int]
    /// For the intermediate solution: the remainders accepted as easy counterfactuals.
    public let easyCounterfactuals: [Int]
    /// Budget limits that were reached; empty when the result is exhaustive and exact.
    public let budgetLimitsReached: [QCABudgetLimit]

    /// True when no budget limit was reached: all prime implicants and all minimal models were found.
    public var isExhaustive: Bool { budgetLimitsReached.isEmpty }
}

/// Prime implicants found by the kernel.
public struct QCAPrimeImplicantSearch: Sendable, Hashable {
    public let primeImplicants: [QCATerm]
    public let budgetLimitsReached: [QCABudgetLimit]
}

extension QCATruthTable {
    /// Rows used by the minimization, packed.
    private struct PackedRows {
        var positives: [UInt64] = []
        var offSet: [UInt64] = []
        /// Rows that are not remainders (positive, negative or contradictory).
        var decided: Set<UInt64> = []
    }

    private var packedRows: PackedRows {
        var packed = PackedRows()
        for row in rows {
            let word = encoding.pack(row.configuration)
            switch row.outcome {
            case .positive:
                packed.positives.append(word)
                packed.decided.insert(word)
            case .negative, .contradiction:
                packed.offSet.append(word)
                packed.decided.insert(word)
            case .remainder:
                break
            }
        }
        return packed
    }

    /// Reads directional expectations written as `A,B,~C` or `DEV[2]` (separated by commas).
    public func directionalExpectations(parsing text: String) throws(QCAError) -> [QCALiteral] {
        var literals: [QCALiteral] = []
        for part in text.split(separator: ",") {
            var item = part.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty else { continue }
            var value = 1
            if item.hasPrefix("~") {
                value = 0
                item = String(item.dropFirst())
            }
            if item.hasSuffix("]"), let open = item.firstIndex(of: "[") {
                let levelText = item[item.index(after: open)..<item.index(before: item.endIndex)]
                guard value == 1, let level = Int(levelText) else {
                    throw .invalidExpectation(condition: String(item[..<open]), value: -1)
                }
                value = level
                item = String(item[..<open])
            }
            guard let condition = conditionNames.firstIndex(of: item) else { throw .unknownVariable(item) }
            guard value >= 0, value < conditions[condition].levelCount else {
                throw .invalidExpectation(condition: item, value: value)
            }
            literals.append(QCALiteral(condition: condition, value: value))
        }
        return literals
    }

    /// The complete prime implicants that cover at least one positive row: with remainders
    /// (for the parsimonious solution) or without (for the conservative one).
    public func primeImplicants(includingRemainders: Bool, budget: QCABudget = .standard) -> QCAPrimeImplicantSearch {
        var meter = QCABudgetMeter(budget: budget)
        let cubes = primeCubes(includingRemainders: includingRemainders, rows: packedRows, meter: &meter)
        return QCAPrimeImplicantSearch(
            primeImplicants: cubes.map { $0.term(encoding: encoding) }.sorted(), budgetLimitsReached: meter.reached)
    }

    private func primeCubes(includingRemainders: Bool, rows: PackedRows, meter: inout QCABudgetMeter) -> [QCACube] {
        if includingRemainders {
            return QCAPrimeImplicants.withRemainders(
                positives: rows.positives, negatives: rows.offSet, encoding: encoding, meter: &meter)
        }
        return QCAPrimeImplicants.withoutRemainders(onSet: rows.positives, encoding: encoding, meter: &meter)
    }

    /// Minimizes the truth table: prime implicants, then all minimum covers of the positive rows.
    public func minimize(_ options: QCAMinimizationOptions = QCAMinimizationOptions()) throws(QCAError) -> QCASolution {
        for literal in options.directionalExpectations {
            guard literal.condition >= 0, literal.condition < conditions.count else {
                throw .invalidExpectation(condition: "#\(literal.condition)", value: literal.value)
            }
            guard literal.value >= 0, literal.value < conditions[literal.condition].levelCount else {
                throw .invalidExpectation(condition: conditions[literal.condition].name, value: literal.value)
            }
        }
        var meter = QCABudgetMeter(budget: options.budget)
        let packed = packedRows
        var models: [[QCACube]] = []
        var primes: [QCACube] = []
        var easy = Set<UInt64>()
        switch options.solutionType {
        case .conservative, .parsimonious:
            primes = primeCubes(includingRemainders: options.solutionType == .parsimonious, rows: packed, meter: &meter)
            models = minimumModels(
                of: primes, positives: packed.positives, rowDominance: options.rowDominance, meter: &meter)
        case .intermediate:
            let conservative = minimumModels(
                of: primeCubes(includingRemainders: false, rows: packed, meter: &meter), positives: packed.positives,
                rowDominance: options.rowDominance, meter: &meter)
            let parsimonious = minimumModels(
                of: primeCubes(includingRemainders: true, rows: packed, meter: &meter), positives: packed.positives,
                rowDominance: options.rowDominance, meter: &meter)
            var expected = [Int?](repeating: nil, count: conditions.count)
            for literal in options.directionalExpectations { expected[literal.condition] = literal.value }
            var seenModels = Set<[QCACube]>()
            var seenPrimes = Set<QCACube>()
            var seenCounterfactuals = Set<Set<UInt64>>()
            for complexModel in conservative {
                // Keep only the literals that agree with the expectations: a remainder is an
                // easy counterfactual when it lies within such a relaxed complex term.
                let relaxed = complexModel.map { cube in
                    let kept = cube.term(encoding: encoding).literals.filter { expected[$0.condition] == $0.value }
                    return QCACube(term: QCATerm(literals: kept), encoding: encoding)
                }
                for parsimoniousModel in parsimonious {
                    var counterfactuals = Set<UInt64>()
                    listing: for complexTerm in relaxed {
                        for parsimoniousTerm in parsimoniousModel {
                            guard let cube = complexTerm.intersection(parsimoniousTerm) else { continue }
                            let complete = cube.forEachConfiguration(encoding: encoding) { row in
                                if !packed.decided.contains(row) { counterfactuals.insert(row) }
                                return counterfactuals.count <= options.budget.maximumListedRows && meter.tick()
                            }
                            if !complete {
                                if !meter.isOutOfTime { meter.record(.listedRows) }
                                break listing
                            }
                        }
                    }
                    // Different pairs of models often accept the same counterfactuals.
                    guard seenCounterfactuals.insert(counterfactuals).inserted else { continue }
                    easy.formUnion(counterfactuals)
                    let onSet = packed.positives + Array(counterfactuals)
                    let candidates = QCAPrimeImplicants.withoutRemainders(
                        onSet: onSet, encoding: encoding, meter: &meter
                    )
                    .filter { cube in packed.positives.contains(where: cube.contains) }
                    seenPrimes.formUnion(candidates)
                    for model in minimumModels(
                        of: candidates, positives: packed.positives, rowDominance: options.rowDominance, meter: &meter)
                    where seenModels.insert(model).inserted {
                        models.append(model)
                    }
                }
            }
            primes = Array(seenPrimes)
        }
        let listed = models.map { model in
            options.listsSimplifyingAssumptions && options.solutionType != .conservative
                ? simplifyingAssumptions(of: model, decided: packed.decided, meter: &meter) : []
        }
        var results = zip(models, listed).map { model(terms: $0.0, simplifyingAssumptions: $0.1) }
        results.sort { $0.terms.map(\.term).lexicographicallyPrecedes($1.terms.map(\.term)) }
        if results.count > options.budget.maximumModels {
            results = Array(results.prefix(options.budget.maximumModels))
            meter.record(.models)
        }
        return QCASolution(
            solutionType: options.solutionType, models: results,
            primeImplicants: primes.map { $0.term(encoding: encoding) }.sorted(),
            positiveRows: packed.positives.map { encoding.rowIndex(of: encoding.unpack($0)) + 1 }.sorted(),
            easyCounterfactuals: easy.map { encoding.rowIndex(of: encoding.unpack($0)) + 1 }.sorted(),
            budgetLimitsReached: meter.reached)
    }

    /// All minimum covers of the positive rows by the given implicants, each sorted.
    private func minimumModels(
        of primes: [QCACube], positives: [UInt64], rowDominance: Bool, meter: inout QCABudgetMeter
    ) -> [[QCACube]] {
        guard !positives.isEmpty else { return [] }
        var useful: [(cube: QCACube, rows: [Int])] = primes.compactMap { cube in
            let rows = positives.indices.filter { cube.contains(positives[$0]) }
            return rows.isEmpty ? nil : (cube, rows)
        }
        // A deterministic order (set iteration order is not), cheap to compare.
        useful.sort {
            ($0.cube.conditions.nonzeroBitCount, $0.cube.conditions, $0.cube.values)
                < ($1.cube.conditions.nonzeroBitCount, $1.cube.conditions, $1.cube.values)
        }
        if rowDominance {
            // An implicant is dominated when another covers a strict superset of its rows;
            // only implicants sharing its first row can do so.
            let words = (positives.count + 63) / 64
            let bits: [[UInt64]] = useful.map { entry in
                var set = [UInt64](repeating: 0, count: words)
                for row in entry.rows { set[row / 64] |= UInt64(1) << UInt64(row % 64) }
                return set
            }
            var byRow = [[Int]](repeating: [], count: positives.count)
            for (index, entry) in useful.enumerated() { for row in entry.rows { byRow[row].append(index) } }
            let kept = useful.indices.filter { index in
                !byRow[useful[index].rows[0]].contains { other in
                    other != index && useful[other].rows.count > useful[index].rows.count
                        && (0..<words).allSatisfy { bits[index][$0] & ~bits[other][$0] == 0 }
                }
            }
            useful = kept.map { useful[$0] }
        }
        var solver = QCACoverSolver(rowCount: positives.count, covers: useful.map(\.rows))
        guard let covers = solver.minimumCovers(meter: &meter) else { return [] }
        return covers.map { cover in
            cover.map { (cube: useful[$0].cube, term: useful[$0].cube.term(encoding: encoding)) }.sorted {
                $0.term < $1.term
            }.map(\.cube)
        }
    }

    /// The remainder rows a model's terms cover (numbers from 1), within the listing budget.
    private func simplifyingAssumptions(of model: [QCACube], decided: Set<UInt64>, meter: inout QCABudgetMeter) -> [Int]
    {
        var rows = Set<UInt64>()
        let limit = meter.budget.maximumListedRows
        for cube in model where cube.conditions != encoding.allConditions {
            let complete = cube.forEachConfiguration(encoding: encoding) { row in
                if !decided.contains(row) { rows.insert(row) }
                return rows.count < limit
            }
            if !complete {
                meter.record(.listedRows)
                break
            }
        }
        return rows.map { encoding.rowIndex(of: encoding.unpack($0)) + 1 }.sorted()
    }

    private func model(terms cubes: [QCACube], simplifyingAssumptions: [Int]) -> QCAModel {
        let notation = notation
        let terms = cubes.map { $0.term(encoding: encoding) }
        let termMemberships = terms.map { self.memberships(of: $0) }
        let modelMemberships = outcomeMemberships.indices.map { index in
            termMemberships.reduce(0.0) { max($0, $1[index]) }
        }
        let fits = terms.enumerated().map { index, term in
            var others = termMemberships
            others.remove(at: index)
            return QCATermFit(
                term: term, expression: notation.string(for: term),
                sufficiency: QCAMeasures.sufficiency(of: termMemberships[index], in: outcomeMemberships),
                uniqueCoverage: QCAMeasures.uniqueCoverage(
                    term: termMemberships[index], others: others, outcome: outcomeMemberships),
                caseIndices: termMemberships[index].indices.filter { termMemberships[index][$0] > 0.5 })
        }
        return QCAModel(
            terms: fits, expression: notation.string(for: terms),
            sufficiency: QCAMeasures.sufficiency(of: modelMemberships, in: outcomeMemberships),
            simplifyingAssumptions: simplifyingAssumptions)
    }
}
