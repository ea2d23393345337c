// QCA minimization benchmark: exhaustive prime implicants and all minimal models on
// random sparse crisp truth tables. Run in release mode:
//
//     swift run -c release QCABenchmark
//
// Generator (documented so that the problems can be rebuilt elsewhere, e.g. in R):
// - SplitMix64 with seed 2018 (one stream for all sizes, sizes in the order below);
// - for each number of conditions k in 8, 10, 12, 14, 16, 20: 300 cases; for each case,
//   k draws in condition order A, B, C, …, each condition 1 when the draw's top bit is set;
// - outcome Y = A·B·~C + D·E + F·~G·H (the remaining conditions are noise);
// - truth table with inclusion cut-off 1 and minimum 1 case; unobserved rows are remainders.
// With `--csv DIR` the program also writes each problem as DIR/qca-<k>.csv (in R's layout)
// and DIR/qca.R, which times R QCA on the same problems where R and its QCA package exist:
//
//     swift run -c release QCABenchmark --csv /tmp/qca && Rscript /tmp/qca/qca.R
//
// Timed: building the truth table, the complete prime implicants with remainders (the
// parsimonious search) and then the minimization end to end (prime implicants plus all
// minimum covers; simplifying assumptions are not listed).

import Foundation
import VliegwielCore

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func problem(conditions count: Int, cases: Int, generator: inout SplitMix64) throws -> QCADataSet {
    let names = (0..<count).map { String(UnicodeScalar(UInt8(65 + $0))) }
    var values = [[Double]](repeating: [], count: count)
    var outcome: [Double] = []
    for _ in 0..<cases {
        var row: [Bool] = []
        for condition in 0..<count {
            let bit = generator.next() >> 63 == 1
            row.append(bit)
            values[condition].append(bit ? 1 : 0)
        }
        let (a, b, c, d, e, f, g, h) = (row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7])
        outcome.append((a && b && !c) || (d && e) || (f && !g && h) ? 1 : 0)
    }
    var columns = names.enumerated().map { (name: $0.element, values: values[$0.offset]) }
    columns.append((name: "Y", values: outcome))
    return try QCADataSet(caseIdentifiers: (1...cases).map { "g\($0)" }, columns: columns)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func format(_ value: Double) -> String {
    value < 0.01
        ? String(format: "%.4f", value) : value < 10 ? String(format: "%.3f", value) : String(format: "%.1f", value)
}

/// Writes a data set as CSV the way R's write.csv does (quoted header, case ids first).
func csv(_ data: QCADataSet) -> String {
    var lines = ["\"\"," + data.variableNames.map { "\"\($0)\"" }.joined(separator: ",")]
    for (index, name) in data.caseIdentifiers.enumerated() {
        lines.append("\"\(name)\"," + data.variables.map { String(Int($0.values[index])) }.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
}

let rScript = """
    # Times R QCA on the problems of QCABenchmark (written next to this script).
    library(QCA)
    here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
    for (k in c(8, 10, 12, 14, 16, 20)) {
      d <- read.csv(file.path(here, sprintf("qca-%d.csv", k)), row.names = 1)
      start <- Sys.time()
      tt <- truthTable(d, outcome = "Y", incl.cut = 1, n.cut = 1)
      s <- minimize(tt, include = "?", all.sol = FALSE)
      cat(k, "conditions:", format(as.numeric(Sys.time() - start, units = "secs")), "s;",
          paste(s$solution[[1]], collapse = " + "), "\\n")
    }
    """

let arguments = CommandLine.arguments
let exportDirectory: URL? = arguments.firstIndex(of: "--csv").flatMap { index in
    index + 1 < arguments.count ? URL(fileURLWithPath: arguments[index + 1], isDirectory: true) : nil
}
if let exportDirectory {
    try FileManager.default.createDirectory(at: exportDirectory, withIntermediateDirectories: true)
    try rScript.write(to: exportDirectory.appendingPathComponent("qca.R"), atomically: true, encoding: .utf8)
}

let sizes = [8, 10, 12, 14, 16, 20]
let budget = QCABudget(maximumPrimeImplicants: 50_000_000, maximumModels: 10_000, timeLimit: .seconds(900))
var generator = SplitMix64(state: 2018)
let clock = ContinuousClock()

var found: [String] = []
print(
    "| conditions | observed rows | positive rows | prime implicants | prime implicants (s) | minimal models | terms per model | minimize end to end (s) | exhaustive |"
)
print("|---:|---:|---:|---:|---:|---:|---:|---:|:---|")
for size in sizes {
    let data = try problem(conditions: size, cases: 300, generator: &generator)
    if let exportDirectory {
        try csv(data).write(
            to: exportDirectory.appendingPathComponent("qca-\(size).csv"), atomically: true, encoding: .utf8)
    }
    let table = try QCATruthTable(
        data: data, outcome: QCAOutcome(name: "Y"), options: QCATruthTableOptions(inclusionCutoff: 1, minimumCases: 1))
    var search: QCAPrimeImplicantSearch?
    let primeTime = clock.measure { search = table.primeImplicants(includingRemainders: true, budget: budget) }
    var solution: QCASolution?
    let options = QCAMinimizationOptions(
        solutionType: .parsimonious, listsSimplifyingAssumptions: false, budget: budget)
    let minimizeTime = try clock.measure { solution = try table.minimize(options) }
    guard let search, let solution else { fatalError("no result") }
    let positive = table.rows.filter { $0.outcome == .positive }.count
    let termCounts = Set(solution.models.map(\.terms.count)).sorted().map(String.init).joined(separator: ", ")
    let limits = (search.budgetLimitsReached + solution.budgetLimitsReached).map(\.rawValue)
    print(
        "| \(size) | \(table.rows.count) | \(positive) | \(search.primeImplicants.count) | \(format(seconds(primeTime))) "
            + "| \(solution.models.count) | \(termCounts) | \(format(seconds(minimizeTime))) "
            + "| \(limits.isEmpty ? "yes" : "no: " + limits.joined(separator: ", ")) |")
    found.append("\(size) conditions: " + solution.models.map(\.expression).joined(separator: "; "))
}
print("")
print("Minimal models (parsimonious):")
for line in found { print("- " + line) }
