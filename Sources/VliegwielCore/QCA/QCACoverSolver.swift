/// Finds all covers of minimum size (fewest prime implicants) of the positive rows: the
/// prime-implicant chart. Exact branch and bound with iterative deepening on the size:
///
/// - positive rows whose candidate set contains another row's are dropped (covering the
///   other covers them too — safe for *all* solutions, unlike implicant dominance);
/// - the search always branches on the uncovered row with the fewest candidates
///   (essential implicants are thus taken first, without branching);
/// - branch `i` on a row excludes that row's candidates `0..<i` from the subtree, so every
///   cover is produced exactly once;
/// - a branch is cut when even the implicant covering the most uncovered rows could not
///   finish within the size limit.
struct QCACoverSolver {
    let rowCount: Int
    let implicantCount: Int
    private let words: Int
    /// Row coverage per implicant (`words` words each).
    private var coverage: [UInt64]
    /// Implicants covering each row.
    private var candidates: [[Int]]
    private var excluded: [Bool]
    /// Implicants by decreasing number of rows covered, for the bound.
    private let bySize: [Int]
    private let sizes: [Int]
    private var chosen: [Int] = []
    private var solutions: [[Int]] = []
    private var limitReached = false
    private var budgetModels = Int.max

    /// `covers[i]` lists the rows (0..<rowCount) implicant `i` covers.
    init(rowCount: Int, covers: [[Int]]) {
        self.rowCount = rowCount
        implicantCount = covers.count
        words = max(1, (rowCount + 63) / 64)
        coverage = [UInt64](repeating: 0, count: covers.count * words)
        candidates = Array(repeating: [], count: rowCount)
        for (implicant, rows) in covers.enumerated() {
            for row in rows {
                coverage[implicant * words + row / 64] |= UInt64(1) << UInt64(row % 64)
                candidates[row].append(implicant)
            }
        }
        excluded = [Bool](repeating: false, count: covers.count)
        sizes = covers.map(\.count)
        bySize = covers.indices.sorted { (covers[$0].count, $1) > (covers[$1].count, $0) }
    }

    /// Returns the minimum covers (implicant indices, ascending), or nil when some row cannot
    /// be covered. Stops at `maximumModels` covers or when time runs out (both recorded).
    mutating func minimumCovers(meter: inout QCABudgetMeter) -> [[Int]]? {
        if candidates.contains(where: \.isEmpty) { return nil }
        budgetModels = meter.budget.maximumModels
        var uncovered = [UInt64](repeating: 0, count: words)
        for row in undominatedRows() { uncovered[row / 64] |= UInt64(1) << UInt64(row % 64) }
        if uncovered.allSatisfy({ $0 == 0 }) { return [[]] }
        var size = 1
        while size <= implicantCount {
            solutions = []
            search(uncovered: uncovered, remaining: size, meter: &meter)
            if !solutions.isEmpty || meter.isOutOfTime { break }
            size += 1
        }
        if limitReached { meter.record(.models) }
        return solutions.map { $0.sorted() }
    }

    /// The rows that must be covered explicitly: a row whose candidates include all
    /// candidates of another row is covered whenever that row is.
    private func undominatedRows() -> [Int] {
        let order = (0..<rowCount).sorted { (candidates[$0].count, $0) < (candidates[$1].count, $1) }
        var kept: [Int] = []
        var keptSets: [Set<Int>] = []
        for row in order {
            let set = Set(candidates[row])
            if keptSets.contains(where: { $0.isSubset(of: set) }) { continue }
            kept.append(row)
            keptSets.append(set)
        }
        return kept
    }

    private mutating func search(uncovered: [UInt64], remaining: Int, meter: inout QCABudgetMeter) {
        if limitReached || !meter.tick() { return }
        var uncoveredCount = 0
        for word in 0..<words { uncoveredCount += uncovered[word].nonzeroBitCount }
        if uncoveredCount == 0 {
            record(chosen)
            return
        }
        if remaining == 0 { return }
        if remaining == 1 {
            // One pick left: it must cover every uncovered row, so any one row's candidates suffice.
            var row = -1
            for word in 0..<words where uncovered[word] != 0 {
                let candidate = word * 64 + uncovered[word].trailingZeroBitCount
                if row < 0 || candidates[candidate].count < candidates[row].count { row = candidate }
            }
            for implicant in candidates[row] where !excluded[implicant] && coversAll(implicant, uncovered) {
                record(chosen + [implicant])
                if limitReached { return }
            }
            return
        }
        // Bound: even the implicant covering the most uncovered rows must be able to finish
        // within `remaining` picks. Implicants are scanned by decreasing size, so the scan
        // stops as soon as no larger gain is possible or the bound can no longer cut.
        var bestGain = 0
        for implicant in bySize {
            if sizes[implicant] <= bestGain || bestGain * remaining >= uncoveredCount { break }
            if excluded[implicant] { continue }
            var gain = 0
            for word in 0..<words { gain += (coverage[implicant * words + word] & uncovered[word]).nonzeroBitCount }
            if gain > bestGain { bestGain = gain }
        }
        if bestGain * remaining < uncoveredCount { return }
        // Branch on the uncovered row with the fewest available candidates.
        var bestRow = -1
        var bestCount = Int.max
        for word in 0..<words {
            var bits = uncovered[word]
            while bits != 0 {
                let row = word * 64 + bits.trailingZeroBitCount
                bits &= bits - 1
                var count = 0
                for implicant in candidates[row] where !excluded[implicant] {
                    count += 1
                    if count >= bestCount { break }
                }
                if count < bestCount {
                    bestCount = count
                    bestRow = row
                }
            }
        }
        if bestCount == 0 { return }
        var newlyExcluded: [Int] = []
        var next = [UInt64](repeating: 0, count: words)
        for implicant in candidates[bestRow] where !excluded[implicant] {
            for word in 0..<words { next[word] = uncovered[word] & ~coverage[implicant * words + word] }
            chosen.append(implicant)
            search(uncovered: next, remaining: remaining - 1, meter: &meter)
            chosen.removeLast()
            excluded[implicant] = true
            newlyExcluded.append(implicant)
            if limitReached || meter.isOutOfTime { break }
        }
        for implicant in newlyExcluded { excluded[implicant] = false }
    }

    private mutating func record(_ cover: [Int]) {
        solutions.append(cover)
        if solutions.count >= budgetModels { limitReached = true }
    }

    private func coversAll(_ implicant: Int, _ uncovered: [UInt64]) -> Bool {
        (0..<words).allSatisfy { uncovered[$0] & ~coverage[implicant * words + $0] == 0 }
    }
}
