/// The prime-implicant kernels.
///
/// **With remainders (parsimonious).** An implicant that fixes the conditions `S` at the
/// values of a positive row `p` is *consistent* (it covers no negative row) exactly when,
/// for every negative row `q`, `S` contains a condition on which `p` and `q` differ. This is
/// the consistency test of Dusa's consistency cubes (CCubes, 2018), which look for prime
/// implicants bottom-up, from the projections of the positive rows, and keep only those
/// whose projection no negative row shares. Minimality (no literal can be dropped) makes
/// `S` a *minimal hitting set* of the difference masks `{diff(p, q)}`. So the prime
/// implicants that cover `p` are the minimal transversals of that small hypergraph, and
/// the complete set of prime implicants is their union over the positive rows. Remainders
/// never need to be enumerated, which is what makes sparse truth tables cheap. The
/// transversals are enumerated with the MMCS algorithm (Murakami & Uno 2014) on bitsets:
/// rows and difference masks are 64-bit words, edge sets are bit vectors.
///
/// **Without remainders (conservative, intermediate).** The implicants must lie inside the
/// observed positive rows (plus, for the intermediate solution, the easy counterfactuals),
/// a set no larger than the number of cases; they are found by merging cubes level by
/// level (Quine–McCluskey on the packed encoding, generalized to multi-value conditions).
enum QCAPrimeImplicants {
    /// All prime implicants of the function that is true on `positives`, false on
    /// `negatives` and free elsewhere, restricted to those covering at least one positive row.
    static func withRemainders(
        positives: [UInt64], negatives: [UInt64], encoding: QCAEncoding, meter: inout QCABudgetMeter
    ) -> [QCACube] {
        var found = Set<QCACube>()
        let limit = meter.budget.maximumPrimeImplicants
        var search = MinimalTransversals(vertexCount: encoding.conditionCount)
        outer: for positive in positives {
            let edges = minimalEdges(negatives.map { encoding.differences(positive, $0) })
            var stopped = false
            search.enumerate(edges: edges, meter: &meter) { transversal in
                found.insert(QCACube(row: positive, conditions: transversal, encoding: encoding))
                if found.count >= limit {
                    stopped = true
                    return false
                }
                return true
            }
            if stopped {
                meter.record(.primeImplicants)
                break outer
            }
            if meter.isOutOfTime { break outer }
        }
        return Array(found)
    }

    /// Keeps the inclusion-minimal sets among `edges` (supersets add no constraint).
    static func minimalEdges(_ edges: [UInt64]) -> [UInt64] {
        let sorted = Set(edges).sorted { ($0.nonzeroBitCount, $0) < ($1.nonzeroBitCount, $1) }
        var kept: [UInt64] = []
        for edge in sorted where !kept.contains(where: { $0 & ~edge == 0 }) {
            kept.append(edge)
        }
        return kept
    }

    /// All prime implicants of the set of rows `onSet` (every configuration outside it is
    /// false), found by merging cubes: a cube loses a condition when all levels of that
    /// condition, with the rest equal, are present. Unmerged cubes are prime.
    static func withoutRemainders(
        onSet: [UInt64], encoding: QCAEncoding, meter: inout QCABudgetMeter
    ) -> [QCACube] {
        let all = encoding.allConditions
        var level = Set(onSet.map { QCACube(row: $0, conditions: all, encoding: encoding) })
        var primes: [QCACube] = []
        while !level.isEmpty {
            var next = Set<QCACube>()
            var merged = Set<QCACube>()
            for cube in level {
                var rest = cube.conditions
                while rest != 0 {
                    let condition = rest.trailingZeroBitCount
                    rest &= rest - 1
                    // Only the level-0 member of a sibling group does the work.
                    guard cube.values & encoding.fieldMasks[condition] == 0 else { continue }
                    let offset = UInt64(encoding.offsets[condition])
                    var siblings: [QCACube] = [cube]
                    for value in 1..<encoding.levelCounts[condition] {
                        let sibling = QCACube(
                            conditions: cube.conditions, fields: cube.fields,
                            values: cube.values | (UInt64(value) << offset))
                        guard level.contains(sibling) else { break }
                        siblings.append(sibling)
                    }
                    guard siblings.count == encoding.levelCounts[condition] else { continue }
                    let without = cube.conditions & ~(UInt64(1) << UInt64(condition))
                    next.insert(
                        QCACube(
                            conditions: without, fields: cube.fields & ~encoding.fieldMasks[condition],
                            values: cube.values))
                    merged.formUnion(siblings)
                }
                if !meter.tick() { return primes + level.filter { !merged.contains($0) } }
            }
            primes.append(contentsOf: level.filter { !merged.contains($0) })
            if primes.count >= meter.budget.maximumPrimeImplicants {
                meter.record(.primeImplicants)
                return primes
            }
            level = next
        }
        return primes
    }
}

/// Enumerates the minimal transversals (minimal hitting sets) of a hypergraph whose
/// vertices are conditions (bits of a word) — the MMCS algorithm of Murakami & Uno:
/// depth-first, always branching on the uncovered edge with the fewest candidate
/// vertices, and keeping every partial set minimal (each member must keep an edge that
/// only it hits, a "critical" edge).
struct MinimalTransversals {
    let vertexCount: Int
    private var edges: [UInt64] = []
    private var words = 1
    /// For each vertex, the bit vector of edges containing it (`words` words each).
    private var incidence: [UInt64] = []
    /// Uncovered edges per depth (`words` words per depth).
    private var uncovered: [UInt64] = []
    /// Critical edges per depth and member position (`words` words each).
    private var critical: [UInt64] = []

    init(vertexCount: Int) {
        self.vertexCount = vertexCount
    }

    mutating func enumerate(edges: [UInt64], meter: inout QCABudgetMeter, visit: (UInt64) -> Bool) {
        if edges.isEmpty {
            _ = visit(0)
            return
        }
        if edges.contains(0) { return }  // an empty edge cannot be hit
        self.edges = edges
        words = (edges.count + 63) / 64
        let depths = vertexCount + 1
        incidence = [UInt64](repeating: 0, count: vertexCount * words)
        for (index, edge) in edges.enumerated() {
            var rest = edge
            while rest != 0 {
                let vertex = rest.trailingZeroBitCount
                rest &= rest - 1
                incidence[vertex * words + index / 64] |= UInt64(1) << UInt64(index % 64)
            }
        }
        uncovered = [UInt64](repeating: 0, count: depths * words)
        for index in edges.indices { uncovered[index / 64] |= UInt64(1) << UInt64(index % 64) }
        critical = [UInt64](repeating: 0, count: depths * depths * words)
        let allVertices: UInt64 = vertexCount == 64 ? ~0 : (UInt64(1) << UInt64(vertexCount)) - 1
        _ = search(depth: 0, set: 0, candidates: allVertices, meter: &meter, visit: visit)
    }

    private mutating func search(
        depth: Int, set: UInt64, candidates: UInt64, meter: inout QCABudgetMeter, visit: (UInt64) -> Bool
    ) -> Bool {
        if !meter.tick() { return false }
        let base = depth * words
        // Pick the uncovered edge with the fewest candidates.
        var bestEdge = -1
        var bestCount = Int.max
        for word in 0..<words {
            var bits = uncovered[base + word]
            while bits != 0 {
                let index = word * 64 + bits.trailingZeroBitCount
                bits &= bits - 1
                let count = (edges[index] & candidates).nonzeroBitCount
                if count < bestCount {
                    bestCount = count
                    bestEdge = index
                    if count <= 1 { break }
                }
            }
            if bestCount <= 1 { break }
        }
        if bestEdge < 0 { return visit(set) }
        if bestCount == 0 { return true }
        let choice = edges[bestEdge] & candidates
        var remaining = candidates & ~choice
        var rest = choice
        let depths = vertexCount + 1
        while rest != 0 {
            let vertex = rest.trailingZeroBitCount
            rest &= rest - 1
            let next = base + words
            let incident = vertex * words
            // New uncovered edges.
            for word in 0..<words { uncovered[next + word] = uncovered[base + word] & ~incidence[incident + word] }
            // Critical edges of the old members shrink; each must keep one.
            var minimal = true
            let here = depth * depths * words
            let there = (depth + 1) * depths * words
            for member in 0..<depth {
                var any: UInt64 = 0
                for word in 0..<words {
                    let value = critical[here + member * words + word] & ~incidence[incident + word]
                    critical[there + member * words + word] = value
                    any |= value
                }
                if any == 0 {
                    minimal = false
                    break
                }
            }
            if minimal {
                for word in 0..<words {
                    critical[there + depth * words + word] = uncovered[base + word] & incidence[incident + word]
                }
                let bit = UInt64(1) << UInt64(vertex)
                if !search(depth: depth + 1, set: set | bit, candidates: remaining, meter: &meter, visit: visit) {
                    return false
                }
            }
            remaining |= UInt64(1) << UInt64(vertex)
        }
        return true
    }
}
