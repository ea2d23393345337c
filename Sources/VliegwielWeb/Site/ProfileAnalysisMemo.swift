import Synchronization
import VliegwielCore

/// What the arrangement page derives from a profile — the elements with their quotes, the advice
/// and the nearest reference variants, and the sections rendered from them — kept per profile
/// (issue 14 item 4a). The
/// key is the stored profile itself, so a kept analysis can never belong to another revision:
/// a changed profile is another key. Every input besides the profile is fixed for the process
/// (the shipped catalogue the nearest variants come from) or part of the key (the arrangement
/// left out of its own nearest list).
final class ProfileAnalysisMemo: Sendable {
    struct Key: Hashable, Sendable {
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

    private let kept = Mutex<[Key: Analysis]>([:])
    /// At most this many analyses; when full, the memo starts again (the catalogue and the
    /// portfolio hold about a hundred arrangements).
    let capacity: Int

    init(capacity: Int = 512) {
        self.capacity = capacity
    }

    /// The kept analysis for `key`, or the one `make` computes, kept from now on.
    func analysis(_ key: Key, _ make: () -> Analysis) -> Analysis {
        if let analysis = kept.withLock({ $0[key] }) { return analysis }
        let analysis = make()
        kept.withLock { kept in
            if kept.count >= capacity { kept.removeAll(keepingCapacity: true) }
            kept[key] = analysis
        }
        return analysis
    }

    var count: Int { kept.withLock { $0.count } }
}
