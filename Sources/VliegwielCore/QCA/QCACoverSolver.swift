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
    let words: Int
    /// Row coverage per implicant (`words` words each).
    private var coverage: [UInt64]
    /// Implicants covering each row.
    private var candidates: [[Int]]
    private var excluded: [Bool]
    /// Implicants by decreasing number of rows covered, for the bound.
    private let bySize: [Int]
    private let sizes: [Int]
    /// Rows by increasing number of candidates, for the independence bound.
    private let rowsByCandidates: [Int]
    private var chosen: [Int] = []
    var solutions: [[Int]] = []
    private var limitReached = false
    var budgetModels = Int.max

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
        let rowCandidates = candidates
        rowsByCandidates = (0..<rowCount).sorted { (rowCandidates[$0].count, $0) < (rowCandidates[$1].count, $1) }
    }

    /// Returns the minimum covers (implicant indices, ascending), or nil when some row cannot
    /// be covered. Stops at `maximumModels` covers or when time runs out (both recorded).
    mutating func minimumCovers(meter: inout QCABudgetMeter) -> [[Int]]? {
        if candidates.contains(where: \.isEmpty) { return nil }
        let required = undominatedRows()
        if required.isEmpty { return [[]] }
        // Rows that share no implicant, directly or through other rows, form independent
        // components: a minimum cover is a minimum cover of each, so they are solved apart
        // and their solutions combined.
        var combined: [[Int]] = [[]]
        for component in components(of: required).sorted(by: { $0.count < $1.count }) {
            var uncovered = [UInt64](repeating: 0, count: words)
            for row in component { uncovered[row / 64] |= UInt64(1) << UInt64(row % 64) }
            solutions = []
            limitReached = false
            budgetModels = max(1, meter.budget.maximumModels)
            var size = max(1, independenceBound(uncovered))
            // Often the lower bound is already the minimum; if not, establish the minimum
            // on the dominance-reduced chart before enumerating.
            search(uncovered: uncovered, remaining: size, meter: &meter)
            var minimum: (size: Int, witness: [Int])?
            if solutions.isEmpty && !meter.isOutOfTime {
                minimum = minimumSize(of: component, from: size + 1, meter: &meter)
                size = minimum?.size ?? size + 1
            }
            while solutions.isEmpty && size <= implicantCount {
                search(uncovered: uncovered, remaining: size, meter: &meter)
                if !solutions.isEmpty || meter.isOutOfTime { break }
                size += 1
            }
            if limitReached { meter.record(.models) }
            // Out of time before the enumeration found a cover: the witness of the minimum
            // size is still a minimum cover (the time limit is recorded, so the result is
            // marked as not exhaustive).
            if solutions.isEmpty, let minimum { solutions = [minimum.witness] }
            // Out of time without even that: a greedy cover, valid but not proven minimal.
            if solutions.isEmpty { solutions = [greedyCover(uncovered)] }
            var next: [[Int]] = []
            product: for partial in combined {
                for solution in solutions {
                    if next.count >= meter.budget.maximumModels {
                        meter.record(.models)
                        break product
                    }
                    next.append(partial + solution)
                }
            }
            combined = next
        }
        return combined.map { $0.sorted() }
    }

    /// The size of a minimum cover of `rows`, found on a chart reduced by implicant
    /// dominance: an implicant whose rows another implicant also covers can always be
    /// swapped for that one, so the minimum size is unchanged while the proofs that smaller
    /// sizes fail get much cheaper. Returns the size with one cover of that size (a witness),
    /// or nil when out of time.
    private func minimumSize(
        of rows: [Int], from lowerBound: Int, meter: inout QCABudgetMeter
    ) -> (size: Int, witness: [Int])? {
        var position = [Int: Int]()
        for (index, row) in rows.enumerated() { position[row] = index }
        var implicants = Set<Int>()
        for row in rows { implicants.formUnion(candidates[row]) }
        let original = implicants.sorted()
        let local = original.map { implicant in
            rowsCovered(by: implicant).compactMap { position[$0] }
        }
        let localWords = (rows.count + 63) / 64
        let bits: [[UInt64]] = local.map { covered in
            var set = [UInt64](repeating: 0, count: localWords)
            for row in covered { set[row / 64] |= UInt64(1) << UInt64(row % 64) }
            return set
        }
        var byRow = [[Int]](repeating: [], count: rows.count)
        for (index, covered) in local.enumerated() { for row in covered { byRow[row].append(index) } }
        let kept = local.indices.filter { index in
            !byRow[local[index][0]].contains { other in
                guard other != index, local[other].count >= local[index].count else { return false }
                guard (0..<localWords).allSatisfy({ bits[index][$0] & ~bits[other][$0] == 0 }) else { return false }
                return local[other].count > local[index].count || other < index
            }
        }
        var reduced = QCACoverSolver(rowCount: rows.count, covers: kept.map { local[$0] })
        var uncovered = [UInt64](repeating: 0, count: reduced.words)
        for row in 0..<rows.count { uncovered[row / 64] |= UInt64(1) << UInt64(row % 64) }
        reduced.budgetModels = 1
        var size = lowerBound
        while size <= reduced.implicantCount {
            reduced.search(uncovered: uncovered, remaining: size, meter: &meter)
            if let first = reduced.solutions.first { return (size, first.map { original[kept[$0]] }) }
            if meter.isOutOfTime { return nil }
            size += 1
        }
        return nil
    }

    private func rowsCovered(by implicant: Int) -> [Int] {
        var rows: [Int] = []
        for word in 0..<words {
            var bits = coverage[implicant * words + word]
            while bits != 0 {
                rows.append(word * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return rows
    }

    /// Repeatedly takes the implicant covering the most uncovered rows.
    private func greedyCover(_ rows: [UInt64]) -> [Int] {
        var uncovered = rows
        var cover: [Int] = []
        while uncovered.contains(where: { $0 != 0 }) {
            var best = -1
            var bestGain = 0
            for implicant in bySize {
                if sizes[implicant] <= bestGain { break }
                var gain = 0
                for word in 0..<words { gain += (coverage[implicant * words + word] & uncovered[word]).nonzeroBitCount }
                if gain > bestGain {
                    bestGain = gain
                    best = implicant
                }
            }
            guard best >= 0 else { break }
            cover.append(best)
            for word in 0..<words { uncovered[word] &= ~coverage[best * words + word] }
        }
        return cover
    }

    /// Groups rows connected by a shared implicant (union-find).
    private func components(of rows: [Int]) -> [[Int]] {
        var parent = Array(0..<rowCount)
        func root(_ row: Int) -> Int {
            var row = row
            while parent[row] != row {
                parent[row] = parent[parent[row]]
                row = parent[row]
            }
            return row
        }
        let isRequired = Set(rows)
        var firstRow = [Int](repeating: -1, count: implicantCount)
        for row in rows {
            for implicant in candidates[row] {
                if firstRow[implicant] < 0 {
                    firstRow[implicant] = row
                } else {
                    let (a, b) = (root(firstRow[implicant]), root(row))
                    if a != b { parent[a] = b }
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for row in rows where isRequired.contains(row) { groups[root(row), default: []].append(row) }
        return groups.values.sorted { $0[0] < $1[0] }
    }

    /// A lower bound on the picks needed: rows no two of which share an available
    /// implicant each need their own (a greedy independent set, fewest candidates first).
    private func independenceBound(_ uncovered: [UInt64]) -> Int {
        var blocked = [UInt64](repeating: 0, count: words)
        var bound = 0
        for row in rowsByCandidates where uncovered[row / 64] & (UInt64(1) << UInt64(row % 64)) != 0 {
            if blocked[row / 64] & (UInt64(1) << UInt64(row % 64)) != 0 { continue }
            bound += 1
            for implicant in candidates[row] where !excluded[implicant] {
                for word in 0..<words { blocked[word] |= coverage[implicant * words + word] }
            }
        }
        return bound
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

    mutating func search(uncovered: [UInt64], remaining: Int, meter: inout QCABudgetMeter) {
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
        if remaining < uncoveredCount && independenceBound(uncovered) > remaining { return }
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
