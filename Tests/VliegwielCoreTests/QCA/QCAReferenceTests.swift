import Testing

@testable import VliegwielCore

/// The expected results of R QCA 3.23 on the reference data sets (see docs/qca.md).
@Suite("QCA reference results")
struct QCAReferenceTests {
    // MARK: LC (crisp)

    @Test func lcTruthTable() throws {
        let table = try QCAFixtures.truthTable("LC", outcome: "SURV")
        #expect(table.rows.count == 9)
        let notation = table.notation
        let positive = table.rows.filter { $0.outcome == .positive }
        #expect(positive.map { notation.configurationString($0.configuration) } == ["10101", "10111", "11111"])
        #expect(positive.map(\.caseCount) == [2, 2, 4])
        #expect(table.rows.filter { $0.outcome != .positive }.allSatisfy { $0.inclusion == 0 })
        #expect(!table.rows.contains { $0.isContradictory })
        #expect(table.rows.allSatisfy { $0.outcome != .contradiction })
        let surviving = try #require(table.rows.last)
        #expect(surviving.caseIndices.map { table.caseIdentifiers[$0] } == ["BE", "CZ", "NL", "UK"])
    }

    @Test func lcConservative() throws {
        let solution = try QCAFixtures.truthTable("LC", outcome: "SURV").minimize(.init(solutionType: .conservative))
        let model = try solution.onlyModel()
        #expect(Set(model.terms.map(\.expression)) == ["DEV*~URB*LIT*STB", "DEV*LIT*IND*STB"])
        let first = try model.term("DEV*~URB*LIT*STB")
        #expect(rounded3(first.sufficiency.inclusion) == 1)
        #expect(rounded3(first.sufficiency.pri) == 1)
        #expect(rounded3(first.sufficiency.coverage) == 0.5)
        #expect(rounded3(first.uniqueCoverage) == 0.25)
        let second = try model.term("DEV*LIT*IND*STB")
        #expect(rounded3(second.sufficiency.inclusion) == 1)
        #expect(rounded3(second.sufficiency.pri) == 1)
        #expect(rounded3(second.sufficiency.coverage) == 0.75)
        #expect(rounded3(second.uniqueCoverage) == 0.5)
        #expect(model.sufficiency == QCASufficiency(inclusion: 1, pri: 1, coverage: 1))
        #expect(solution.isExhaustive)
    }

    @Test func lcParsimonious() throws {
        let solution = try QCAFixtures.truthTable("LC", outcome: "SURV").minimize(.init(solutionType: .parsimonious))
        let model = try solution.onlyModel()
        #expect(model.expression == "DEV*STB")
        #expect(model.sufficiency == QCASufficiency(inclusion: 1, pri: 1, coverage: 1))
        #expect(model.simplifyingAssumptions == [18, 20, 26, 28, 30])
    }

    @Test func lcNegatedOutcome() throws {
        let table = try QCAFixtures.truthTable("LC", outcome: "~SURV")
        let conservative = try table.minimize(.init(solutionType: .conservative))
        #expect(conservative.modelTermSets == [["~DEV*~URB*~IND", "DEV*LIT*IND*~STB"]])
        let parsimonious = try table.minimize(.init(solutionType: .parsimonious))
        #expect(parsimonious.modelTermSets == [["~DEV", "~STB"]])
    }

    // MARK: LM (multi-value)

    @Test func lmSolutions() throws {
        let table = try QCAFixtures.truthTable("LM", outcome: "SURV", conditions: ["DEV", "URB", "LIT", "IND"])
        #expect(table.conditions[0].kind == .multiValue)
        #expect(table.conditions[0].levelCount == 3)
        let conservative = try table.minimize(.init(solutionType: .conservative))
        let model = try conservative.onlyModel()
        #expect(Set(model.terms.map(\.expression)) == ["DEV[2]*LIT[1]*IND[1]", "DEV[1]*URB[0]*LIT[1]*IND[0]"])
        #expect(rounded3(try model.term("DEV[2]*LIT[1]*IND[1]").sufficiency.coverage) == 0.625)
        #expect(rounded3(try model.term("DEV[1]*URB[0]*LIT[1]*IND[0]").sufficiency.coverage) == 0.25)
        #expect(rounded3(model.sufficiency.coverage) == 0.875)
        let parsimonious = try table.minimize(.init(solutionType: .parsimonious))
        #expect(parsimonious.modelTermSets == [["DEV[2]", "DEV[1]*IND[0]"]])
    }

    // MARK: LF (fuzzy)

    @Test func lfTruthTable() throws {
        let table = try QCAFixtures.truthTable("LF", outcome: "SURV")
        let notation = table.notation
        let expected: [(String, Double, Double, [String]?)] = [
            ("11111", 0.904, 0.886, ["BE", "CZ", "NL", "UK"]), ("10101", 0.804, 0.719, ["FI", "IE"]),
            ("10111", 0.709, 0.634, ["FR", "SE"]), ("00101", 0.529, 0.228, nil), ("00100", 0.521, 0.113, nil),
            ("11110", 0.445, 0.050, nil), ("10110", 0.378, 0.040, nil), ("00001", 0.278, 0, nil),
            ("00000", 0.216, 0, nil),
        ]
        #expect(table.rows.count == expected.count)
        for (configuration, inclusion, pri, cases) in expected {
            let row = try #require(table.rows.first { notation.configurationString($0.configuration) == configuration })
            #expect(rounded3(row.inclusion) == inclusion, "inclusion of \(configuration)")
            #expect(rounded3(row.pri) == pri, "PRI of \(configuration)")
            if let cases { #expect(row.caseIndices.map { table.caseIdentifiers[$0] } == cases) }
            #expect(row.outcome == (inclusion >= 0.8 ? .positive : .negative))
        }
    }

    @Test func lfConservative() throws {
        let solution = try QCAFixtures.truthTable("LF", outcome: "SURV").minimize(.init(solutionType: .conservative))
        let model = try solution.onlyModel()
        #expect(Set(model.terms.map(\.expression)) == ["DEV*URB*LIT*IND*STB", "DEV*~URB*LIT*~IND*STB"])
        #expect(rounded3(model.sufficiency.inclusion) == 0.870)
        #expect(rounded3(model.sufficiency.pri) == 0.843)
        #expect(rounded3(model.sufficiency.coverage) == 0.658)
    }

    @Test func lfParsimonious() throws {
        let solution = try QCAFixtures.truthTable("LF", outcome: "SURV").minimize(.init(solutionType: .parsimonious))
        let model = try solution.onlyModel()
        #expect(Set(model.terms.map(\.expression)) == ["DEV*~IND", "URB*STB"])
        let first = try model.term("DEV*~IND")
        #expect(
            [first.sufficiency.inclusion, first.sufficiency.pri, first.sufficiency.coverage, first.uniqueCoverage].map(
                rounded3)
                == [0.815, 0.721, 0.284, 0.194])
        let second = try model.term("URB*STB")
        #expect(
            [second.sufficiency.inclusion, second.sufficiency.pri, second.sufficiency.coverage, second.uniqueCoverage]
                .map(rounded3)
                == [0.874, 0.845, 0.520, 0.430])
        #expect(
            [model.sufficiency.inclusion, model.sufficiency.pri, model.sufficiency.coverage].map(rounded3) == [
                0.850, 0.819, 0.714,
            ])
    }

    @Test func lfIntermediateAllPresent() throws {
        let table = try QCAFixtures.truthTable("LF", outcome: "SURV")
        let expectations = try table.directionalExpectations(parsing: "DEV,URB,LIT,IND,STB")
        let solution = try table.minimize(.init(solutionType: .intermediate, directionalExpectations: expectations))
        let model = try solution.onlyModel()
        #expect(Set(model.terms.map(\.expression)) == ["DEV*URB*LIT*STB", "DEV*LIT*~IND*STB"])
        #expect(
            [model.sufficiency.inclusion, model.sufficiency.pri, model.sufficiency.coverage].map(rounded3) == [
                0.866, 0.839, 0.660,
            ])
        #expect(solution.isExhaustive)
    }

    @Test func lfIntermediateMixedExpectations() throws {
        let table = try QCAFixtures.truthTable("LF", outcome: "SURV")
        let expectations = try table.directionalExpectations(parsing: "DEV, STB, ~LIT, IND")
        let solution = try table.minimize(.init(solutionType: .intermediate, directionalExpectations: expectations))
        #expect(solution.modelTermSets == [["DEV*URB*STB", "DEV*~IND*STB"]])
    }

    @Test func lfNecessity() throws {
        let table = try QCAFixtures.truthTable("LF", outcome: "SURV")
        let expected: [String: [Double]] = [
            "DEV": [0.831, 0.811, 0.775], "URB": [0.539, 0.899, 0.771], "LIT": [0.991, 0.509, 0.643],
            "IND": [0.669, 0.786, 0.684], "STB": [0.920, 0.680, 0.707],
        ]
        for (index, name) in table.conditionNames.enumerated() {
            let measures = table.necessity(of: QCATerm(literals: [QCALiteral(condition: index, value: 1)]))
            #expect(
                [measures.inclusion, measures.relevance, measures.coverage].map(rounded3) == expected[name], "\(name)")
        }
        #expect(table.necessityOfConditions().count == 10)
    }

    // MARK: CVF (model ambiguity)

    @Test func cvfAllFourModels() throws {
        let table = try QCAFixtures.truthTable("CVF", outcome: "PROTEST")
        let solution = try table.minimize(.init(solutionType: .parsimonious))
        let shared: Set<String> = ["~NATPRIDE", "DEMOC*GEOCON*POLDIS"]
        let expected: [Set<String>] = [
            ["~DEMOC*ETHFRACT*POLDIS", "DEMOC*ETHFRACT*GEOCON"],
            ["~DEMOC*ETHFRACT*POLDIS", "DEMOC*ETHFRACT*~POLDIS"],
            ["DEMOC*ETHFRACT*GEOCON", "ETHFRACT*GEOCON*POLDIS"],
            ["DEMOC*ETHFRACT*~POLDIS", "ETHFRACT*GEOCON*POLDIS"],
        ]
        #expect(solution.modelTermSets == Set(expected.map { $0.union(shared) }))
        for model in solution.models {
            let terms = Set(model.terms.map(\.expression))
            let measures = [model.sufficiency.inclusion, model.sufficiency.pri, model.sufficiency.coverage].map(
                rounded3)
            if terms.contains("~DEMOC*ETHFRACT*POLDIS") {
                #expect(measures == [0.877, 0.777, 0.805], "\(model.expression)")
            } else {
                #expect(measures == [0.879, 0.782, 0.810], "\(model.expression)")
            }
        }
        #expect(solution.isExhaustive)
    }

    @Test func cvfRowDominance() throws {
        let table = try QCAFixtures.truthTable("CVF", outcome: "PROTEST")
        let solution = try table.minimize(.init(solutionType: .parsimonious, rowDominance: true))
        #expect(
            solution.modelTermSets == [
                ["~NATPRIDE", "DEMOC*ETHFRACT*GEOCON", "DEMOC*GEOCON*POLDIS", "ETHFRACT*GEOCON*POLDIS"]
            ])
    }

    // MARK: Calibration

    @Test func directCalibrationOfDevelopment() throws {
        // LR's raw DEV (GNP per capita) for AU, BE, CZ, EE, FI, FR.
        let raw: [Double] = [720, 1098, 586, 468, 590, 983]
        let calibrated = try QCACalibration.direct(raw, exclusion: 350, crossover: 550, inclusion: 900)
        #expect(calibrated.map(rounded3) == [0.807, 0.990, 0.575, 0.230, 0.583, 0.974])
    }

    @Test func calibrationAnchorsAndReverse() throws {
        #expect(try QCACalibration.direct(550, exclusion: 350, crossover: 550, inclusion: 900) == 0.5)
        #expect(rounded3(try QCACalibration.direct(900, exclusion: 350, crossover: 550, inclusion: 900)) == 0.95)
        #expect(rounded3(try QCACalibration.direct(350, exclusion: 350, crossover: 550, inclusion: 900)) == 0.05)
        #expect(rounded3(try QCACalibration.direct(350, exclusion: 900, crossover: 550, inclusion: 350)) == 0.95)
        #expect(throws: QCAError.self) { try QCACalibration.direct(1, exclusion: 3, crossover: 2, inclusion: 4) }
        #expect(try QCACalibration.crisp([100, 550, 900, 1200], thresholds: [550, 1000]) == [0, 1, 1, 2])
    }
}
