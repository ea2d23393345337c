import Testing

@testable import VliegwielCore

/// Security review M3: a minimization stops when its task is cancelled (the web client went
/// away) and when its web budget runs out, and says so instead of running on for minutes.
@Suite struct QCABudgetCancellationTests {
    /// The review's request: ten crisp conditions, 200 random rows (a fixed generator here).
    static func heavyTable() throws -> QCATruthTable {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func bit() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double((state >> 33) & 1)
        }
        let rows = 200
        var columns: [(name: String, values: [Double])] = (0..<10).map { index in
            ("C\(index)", (0..<rows).map { _ in bit() })
        }
        columns.append(("Y", (0..<rows).map { _ in bit() }))
        let data = try QCADataSet(caseIdentifiers: (0..<rows).map { "geval\($0)" }, columns: columns)
        return try QCATruthTable(
            data: data, outcome: QCAOutcome(name: "Y"), options: QCATruthTableOptions(inclusionCutoff: 0.5))
    }

    @Test("A cancelled minimization stops and says it was cancelled")
    func cancellationStopsTheSearch() async throws {
        let table = try Self.heavyTable()
        let task = Task {
            try table.minimize(
                QCAMinimizationOptions(solutionType: .parsimonious, budget: QCABudget(timeLimit: nil)))
        }
        task.cancel()
        let solution = try await task.value
        #expect(solution.budgetLimitsReached.contains(.cancelled))
        #expect(!solution.isExhaustive)
    }

    @Test("The web budget ends a heavy minimization and marks it as not exhaustive")
    func theWebBudgetEndsTheSearch() throws {
        let solution = try Self.heavyTable().minimize(
            QCAMinimizationOptions(solutionType: .parsimonious, budget: .web(seconds: 1)))
        #expect(solution.budgetLimitsReached.contains(.time))
        #expect(!solution.isExhaustive)
    }
}
