import Foundation
import Testing

@testable import VliegwielCore

/// Loads the reference data sets copied from the QCA teaching data into the test fixtures.
enum QCAFixtures {
    static func dataSet(_ name: String) throws -> QCADataSet {
        let url = try #require(
            Bundle.module.url(forResource: "Fixtures/QCA/\(name)", withExtension: "csv"),
            "fixture \(name).csv is missing")
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map(unquote) }
        let header = lines.removeFirst()
        let columns = header.dropFirst().enumerated().map { index, name in
            (name: name, values: lines.map { Double($0[index + 1])! })
        }
        return try QCADataSet(caseIdentifiers: lines.map { $0[0] }, columns: columns)
    }

    static func truthTable(
        _ name: String, outcome: String, conditions: [String]? = nil, inclusionCutoff: Double = 0.8
    ) throws -> QCATruthTable {
        try QCATruthTable(
            data: dataSet(name), outcome: QCAOutcome(parsing: outcome), conditions: conditions,
            options: QCATruthTableOptions(inclusionCutoff: inclusionCutoff))
    }

    private static func unquote(_ field: Substring) -> String {
        var text = String(field)
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
        return text
    }
}

extension QCASolution {
    /// Each model as a set of term expressions (order is not meaningful).
    var modelTermSets: Set<Set<String>> {
        Set(models.map { Set($0.terms.map(\.expression)) })
    }

    func onlyModel() throws -> QCAModel {
        try #require(models.count == 1, "expected one model, got \(models.map(\.expression))")
        return models[0]
    }
}

extension QCAModel {
    func term(_ expression: String) throws -> QCATermFit {
        try #require(terms.first { $0.expression == expression }, "term \(expression) not in \(self.expression)")
    }
}

/// Rounds to three decimals, as the reference results are given.
func rounded3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
