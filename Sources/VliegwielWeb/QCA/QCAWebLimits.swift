import Foundation
import Hummingbird
import VliegwielCore

/// What a QCA analysis may cost on the web (security review M3; docs/accounts.md): a time
/// budget in seconds, not minutes, and at most so many analyses at once. A request beyond
/// that is refused at once with 503 and `Retry-After`, never queued; an analysis whose client
/// goes away stops at its next budget check.
public struct QCAWebLimits: Sendable {
    public var budget: QCABudget
    let gate: QCAGate

    public init(seconds: Int = 5, concurrent: Int = 2) {
        budget = .web(seconds: max(1, seconds))
        gate = QCAGate(capacity: max(1, concurrent))
    }

    /// Runs `work` when a place is free; otherwise refuses with 503.
    func run<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        guard await gate.enter() else {
            throw Problem(
                .serviceUnavailable, title: "Even geduld",
                detail:
                    "Er lopen al \(gate.capacity) QCA-analyses tegelijk; probeer het over enkele seconden opnieuw.",
                headers: [.retryAfter: "5"])
        }
        do {
            let result = try await work()
            await gate.leave()
            return result
        } catch {
            await gate.leave()
            throw error
        }
    }
}

/// A counting gate: at most `capacity` holders at once, no waiting line.
actor QCAGate {
    nonisolated let capacity: Int
    private var holders = 0

    init(capacity: Int) { self.capacity = capacity }

    func enter() -> Bool {
        guard holders < capacity else { return false }
        holders += 1
        return true
    }

    func leave() { holders = max(0, holders - 1) }

    var current: Int { holders }
}
