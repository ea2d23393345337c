import Synchronization
import VliegwielCore

/// What the arrangement page derives from a profile — the elements with their quotes, the advice
/// and the nearest reference variants, and the sections rendered from them — kept per profile
/// (issue 14 item 4a). The
/// key is the stored profile itself, so a kept analysis can never belong to another revision:
/// a changed profile is another key. Every input besides the profile is fixed for the process
/// (the shipped catalogue the nearest variants come from) or part of the key (the arrangement
/// left out of its own nearest list).
///
/// Found by the arrangement's id and the profile compared with `==`, never hashed
/// (``KeptPerArrangement``; issue 14, the miss path).
final class ProfileAnalysisMemo: Sendable {
    struct Key: Sendable {
        var profile: Profile
        var arrangementID: String
    }

    struct Analysis: Sendable {
        var elements: [ElementView]
        var advice: AdviceView
        var nearest: [NearestView]
        /// The page's sections made of these, rendered once with them.
        var html: AnalysisHTML

        init(elements: [ElementView], advice: AdviceView, nearest: [NearestView]) {
            self.elements = elements
            self.advice = advice
            self.nearest = nearest
            html = AnalysisHTML(elements: elements, advice: advice, nearest: nearest, t: UIText.dutch)
        }
    }

    private let kept: KeptPerArrangement<Profile, Analysis>
    /// At most this many analyses; when full, the memo starts again (the catalogue and the
    /// portfolio hold about a hundred arrangements).
    var capacity: Int { kept.capacity }
    /// At most this many profiles per arrangement: its current one and a few before it (a page
    /// asked for while a change is saved, an undo).
    static let perArrangement = 4

    init(capacity: Int = 512) {
        kept = KeptPerArrangement(capacity: capacity, perArrangement: Self.perArrangement)
    }

    /// The kept analysis for `key`, or the one `make` computes, kept from now on.
    func analysis(_ key: Key, _ make: () -> Analysis) -> Analysis {
        kept.value(key.arrangementID, key.profile, make)
    }

    var count: Int { kept.count }
}

/// Values derived from what is stored of an arrangement, kept per arrangement id and found by
/// comparing what they were derived from (`Input`, the whole of it) with `==`: a kept value can
/// never belong to other input. Never hashed: hashing a profile normalises every quote in it
/// (Dutch typography makes them non-ASCII), which took longer than the lookup is worth, while
/// `==` compares the bytes of equal texts. A few inputs are kept per arrangement, the newest
/// first; at `capacity` values in all, everything is let go and the memo starts again.
final class KeptPerArrangement<Input: Equatable & Sendable, Output: Sendable>: Sendable {
    private struct Kept: Sendable {
        var input: Input
        var output: Output
    }

    private struct State: Sendable {
        var byArrangement: [String: [Kept]] = [:]
        var count = 0
    }

    private let kept = Mutex(State())
    let capacity: Int
    let perArrangement: Int

    init(capacity: Int, perArrangement: Int) {
        self.capacity = capacity
        self.perArrangement = perArrangement
    }

    /// The kept output for `input` of arrangement `id`, or the one `make` computes, kept from now on.
    func value(_ id: String, _ input: Input, _ make: () -> Output) -> Output {
        // Compared outside the lock: the array is copied out, not its elements.
        let entries = kept.withLock { $0.byArrangement[id] } ?? []
        if let found = entries.first(where: { $0.input == input }) { return found.output }
        let output = make()
        kept.withLock { state in
            if state.count >= capacity { state = State() }
            var entries = state.byArrangement[id] ?? []
            // Computed by another request in the meantime: kept once.
            guard !entries.contains(where: { $0.input == input }) else { return }
            entries.insert(Kept(input: input, output: output), at: 0)
            if entries.count > perArrangement {
                entries.removeLast()
                state.count -= 1
            }
            state.count += 1
            state.byArrangement[id] = entries
        }
        return output
    }

    var count: Int { kept.withLock { $0.count } }
}
