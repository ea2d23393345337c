import Testing

@testable import VliegwielCore

/// A small deterministic generator (SplitMix64), so that every run checks the same problems.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random truth table: every configuration is positive, negative or unobserved.
private struct RandomProblem {
    let levelCounts: [Int]
    let positives: Set<[Int]>
    let negatives: Set<[Int]>

    init(generator: inout SeededGenerator) {
        let conditionCount = Int.random(in: 2...6, using: &generator)
        levelCounts = (0..<conditionCount).map { _ in
            conditionCount <= 4 && Int.random(in: 0..<4, using: &generator) == 0 ? 3 : 2
        }
        var positives = Set<[Int]>()
        var negatives = Set<[Int]>()
        let positiveShare = Double.random(in: 0.1...0.5, using: &generator)
        let negativeShare = Double.random(in: 0.1...0.5, using: &generator)
        for configuration in Self.configurations(levelCounts) {
            let draw = Double.random(in: 0..<1, using: &generator)
            if draw < positiveShare {
                positives.insert(configuration)
            } else if draw < positiveShare + negativeShare {
                negatives.insert(configuration)
            }
        }
        if positives.isEmpty { positives.insert(levelCounts.map { _ in 1 }) }
        negatives.subtract(positives)
        if negatives.isEmpty { negatives.insert(levelCounts.map { _ in 0 }) }
        positives.subtract(negatives)
        self.positives = positives
        self.negatives = negatives
    }

    static func configurations(_ levelCounts: [Int]) -> [[Int]] {
        levelCounts.reduce([[]]) { partial, levels in partial.flatMap { prefix in (0..<levels).map { prefix + [$0] } } }
    }

    /// One case per observed configuration; the outcome is crisp.
    func truthTable() throws -> QCATruthTable {
        let observed =
            positives.sorted { $0.lexicographicallyPrecedes($1) }
            + negatives.sorted { $0.lexicographicallyPrecedes($1) }
        var columns: [(name: String, values: [Double])] = levelCounts.indices.map { condition in
            ("C\(condition)", observed.map { Double($0[condition]) })
        }
        columns.append(("Y", observed.map { positives.contains($0) ? 1 : 0 }))
        // A multi-value condition needs its top level observed to be recognized as such.
        let data = try QCADataSet(caseIdentifiers: observed.indices.map { "case\($0)" }, columns: columns)
        let table = try QCATruthTable(
            data: data, outcome: QCAOutcome(name: "Y"), options: QCATruthTableOptions(inclusionCutoff: 1))
        return table
    }

    /// Every cube (each condition fixed at a level or free), by brute force.
    var allTerms: [QCATerm] {
        let choices = levelCounts.map { levels in [nil] + (0..<levels).map { Optional($0) } }
        return choices.reduce([[Int?]]([[]])) { partial, options in
            partial.flatMap { prefix in options.map { prefix + [$0] } }
        }
        .map { values in
            QCATerm(
                literals: values.enumerated().compactMap { index, value in
                    value.map { QCALiteral(condition: index, value: $0) }
                })
        }
    }

    func configurations(of term: QCATerm) -> [[Int]] {
        Self.configurations(levelCounts).filter { term.contains(configuration: $0) }
    }

    func isImplicant(_ term: QCATerm, remainders: Bool) -> Bool {
        configurations(of: term).allSatisfy { remainders ? !negatives.contains($0) : positives.contains($0) }
    }

    func isPrime(_ term: QCATerm, remainders: Bool) -> Bool {
        guard isImplicant(term, remainders: remainders) else { return false }
        return term.literals.indices.allSatisfy { index in
            var literals = term.literals
            literals.remove(at: index)
            return !isImplicant(QCATerm(literals: literals), remainders: remainders)
        }
    }

    /// The prime implicants covering at least one positive configuration.
    func primeImplicants(remainders: Bool) -> Set<QCATerm> {
        Set(
            allTerms.filter { term in
                isPrime(term, remainders: remainders) && positives.contains { term.contains(configuration: $0) }
            })
    }

    /// All covers of the positive configurations by the fewest primes, by brute force; nil
    /// when that would take more than a few hundred thousand combinations.
    func minimumCovers(of primes: [QCATerm]) -> Set<Set<QCATerm>>? {
        var combinations = 1
        for size in 1...primes.count {
            combinations = combinations * (primes.count - size + 1) / size
            if combinations > 20_000 { return nil }
            var found = Set<Set<QCATerm>>()
            forEachCombination(of: primes.count, size: size) { indices in
                let chosen = indices.map { primes[$0] }
                let coversAll = positives.allSatisfy { configuration in
                    chosen.contains { $0.contains(configuration: configuration) }
                }
                if coversAll { found.insert(Set(chosen)) }
            }
            if !found.isEmpty { return found }
        }
        return []
    }
}

private func forEachCombination(of count: Int, size: Int, _ body: ([Int]) -> Void) {
    var indices = Array(0..<size)
    guard size <= count else { return }
    while true {
        body(indices)
        var position = size - 1
        while position >= 0 && indices[position] == count - size + position { position -= 1 }
        if position < 0 { return }
        indices[position] += 1
        for next in (position + 1)..<size { indices[next] = indices[next - 1] + 1 }
    }
}

@Suite("QCA minimization properties")
struct QCAPropertyTests {
    /// A truth table's observed levels decide a condition's level count; skip problems whose
    /// multi-value top level happens to be unobserved.
    private func problems(count: Int, seed: UInt64) -> [RandomProblem] {
        var generator = SeededGenerator(seed: seed)
        var result: [RandomProblem] = []
        while result.count < count {
            let problem = RandomProblem(generator: &generator)
            let observed = problem.positives.union(problem.negatives)
            let complete = problem.levelCounts.indices.allSatisfy { condition in
                observed.contains { $0[condition] == problem.levelCounts[condition] - 1 }
            }
            if complete { result.append(problem) }
        }
        return result
    }

    @Test func conservativeModelsCoverExactlyThePositiveRows() throws {
        var checked = 0
        for problem in problems(count: 100, seed: 0x51CA) {
            let table = try problem.truthTable()
            let solution = try table.minimize(.init(solutionType: .conservative))
            #expect(solution.isExhaustive)
            #expect(Set(solution.primeImplicants) == problem.primeImplicants(remainders: false))
            for model in solution.models {
                let covered = Set(model.terms.flatMap { problem.configurations(of: $0.term) })
                #expect(covered == problem.positives)
                #expect(model.terms.allSatisfy { problem.isPrime($0.term, remainders: false) })
                #expect(model.simplifyingAssumptions.isEmpty)
            }
            if let expected = problem.minimumCovers(of: Array(problem.primeImplicants(remainders: false))) {
                #expect(solution.modelTermSets == Set(expected.map { Set($0.map(table.notation.string(for:))) }))
                checked += 1
            }
        }
        // Most problems are small enough to compare every minimum cover with brute force.
        #expect(checked >= 60)
    }

    @Test func parsimoniousModelsUseOnlyRemainders() throws {
        var checked = 0
        for problem in problems(count: 100, seed: 0xB00C) {
            let table = try problem.truthTable()
            let solution = try table.minimize(.init(solutionType: .parsimonious))
            #expect(solution.isExhaustive)
            let primes = problem.primeImplicants(remainders: true)
            #expect(Set(solution.primeImplicants) == primes)
            for model in solution.models {
                let covered = Set(model.terms.flatMap { problem.configurations(of: $0.term) })
                #expect(covered.isSuperset(of: problem.positives))
                #expect(covered.isDisjoint(with: problem.negatives))
                #expect(model.terms.allSatisfy { problem.isPrime($0.term, remainders: true) })
                let remainders = covered.subtracting(problem.positives)
                let encoding = try QCAEncoding(levelCounts: problem.levelCounts)
                #expect(Set(model.simplifyingAssumptions) == Set(remainders.map { encoding.rowIndex(of: $0) + 1 }))
            }
            if let expected = problem.minimumCovers(of: Array(primes)) {
                #expect(solution.modelTermSets == Set(expected.map { Set($0.map(table.notation.string(for:))) }))
                checked += 1
            }
        }
        // Most problems are small enough to compare every minimum cover with brute force.
        #expect(checked >= 60)
    }

    @Test func intermediateModelsLieBetweenConservativeAndParsimonious() throws {
        var generator = SeededGenerator(seed: 0x1D7E)
        for problem in problems(count: 40, seed: 0x1D7E) {
            let table = try problem.truthTable()
            let expectations = problem.levelCounts.indices.compactMap { condition -> QCALiteral? in
                let draw = Int.random(in: 0..<3, using: &generator)
                return draw == 2 ? nil : QCALiteral(condition: condition, value: draw)
            }
            let solution = try table.minimize(.init(solutionType: .intermediate, directionalExpectations: expectations))
            let parsimonious = try table.minimize(.init(solutionType: .parsimonious))
            let allowed = Set(
                parsimonious.models.flatMap { model in model.terms.flatMap { problem.configurations(of: $0.term) } })
            #expect(!solution.models.isEmpty)
            for model in solution.models {
                let covered = Set(model.terms.flatMap { problem.configurations(of: $0.term) })
                #expect(covered.isSuperset(of: problem.positives))
                #expect(covered.isDisjoint(with: problem.negatives))
                #expect(covered.isSubset(of: allowed))
            }
        }
    }

    /// A pure-noise outcome over 10 conditions needs 30+ terms; with a short time limit the
    /// result must say so and still hold a valid cover by prime implicants.
    @Test func timeLimitKeepsAValidCover() throws {
        var generator = SeededGenerator(seed: 99)
        var columns: [(name: String, values: [Double])] = (0..<10).map { ("C\($0)", []) }
        var outcome: [Double] = []
        for _ in 0..<300 {
            for condition in columns.indices { columns[condition].values.append(Double(generator.next() >> 63)) }
            outcome.append(Double.random(in: 0..<1, using: &generator) < 0.3 ? 1 : 0)
        }
        columns.append(("Y", outcome))
        let data = try QCADataSet(caseIdentifiers: (0..<300).map { "g\($0)" }, columns: columns)
        let table = try QCATruthTable(
            data: data, outcome: QCAOutcome(name: "Y"), options: QCATruthTableOptions(inclusionCutoff: 1))
        let solution = try table.minimize(
            .init(
                solutionType: .parsimonious, listsSimplifyingAssumptions: false,
                budget: QCABudget(timeLimit: .milliseconds(300))))
        #expect(solution.budgetLimitsReached.contains(.time))
        #expect(!solution.isExhaustive)
        let model = try #require(solution.models.first)
        for row in table.rows where row.outcome != .remainder {
            let covered = model.terms.contains { $0.term.contains(configuration: row.configuration) }
            #expect(covered == (row.outcome == .positive))
        }
    }

    @Test func budgetsAreReportedWhenReached() throws {
        let problem = problems(count: 1, seed: 7)[0]
        let table = try problem.truthTable()
        let tight = QCABudget(maximumPrimeImplicants: 1, maximumModels: 1)
        let solution = try table.minimize(.init(solutionType: .parsimonious, budget: tight))
        let all = try table.minimize(.init(solutionType: .parsimonious))
        if all.primeImplicants.count > 1 {
            #expect(solution.budgetLimitsReached.contains(.primeImplicants))
            #expect(!solution.isExhaustive)
        }
        let search = table.primeImplicants(includingRemainders: true, budget: tight)
        #expect(search.primeImplicants.count <= max(1, all.primeImplicants.count))
    }
}
