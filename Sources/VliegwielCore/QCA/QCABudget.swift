/// Explicit limits on a minimization. Exact minimization is exponential in the worst case;
/// when a limit is reached the result says so (``QCASolution/budgetLimitsReached``) and is
/// marked as not exhaustive. Nothing is ever cut off silently.
public struct QCABudget: Sendable, Hashable {
    /// The most prime implicants collected before the search stops.
    public var maximumPrimeImplicants: Int
    /// The most equally minimal models reported.
    public var maximumModels: Int
    /// The most truth-table rows enumerated when listing simplifying assumptions or easy
    /// counterfactuals (remainders can number in the millions with many conditions).
    public var maximumListedRows: Int
    /// Wall-clock limit for the whole minimization; nil for none.
    public var timeLimit: Duration?

    public init(
        maximumPrimeImplicants: Int = 1_000_000, maximumModels: Int = 1_000,
        maximumListedRows: Int = 100_000, timeLimit: Duration? = .seconds(300)
    ) {
        self.maximumPrimeImplicants = maximumPrimeImplicants
        self.maximumModels = maximumModels
        self.maximumListedRows = maximumListedRows
        self.timeLimit = timeLimit
    }

    public static let standard = QCABudget()

    /// A budget for a request on the web: the same limits with a time limit of `seconds`
    /// (security review M3: an anonymous request kept a core busy for five minutes).
    public static func web(seconds: Int) -> QCABudget {
        QCABudget(timeLimit: .seconds(seconds))
    }
}

/// A budget limit that was reached.
public enum QCABudgetLimit: String, Sendable, Hashable, Codable {
    case primeImplicants
    case models
    case listedRows
    case time
    /// The task running the minimization was cancelled (the client went away).
    case cancelled
}

/// Tracks the budget during one minimization.
struct QCABudgetMeter {
    let budget: QCABudget
    private let deadline: ContinuousClock.Instant?
    private var ticks = 0
    private(set) var reached: [QCABudgetLimit] = []

    init(budget: QCABudget) {
        self.budget = budget
        deadline = budget.timeLimit.map { ContinuousClock.now.advanced(by: $0) }
    }

    mutating func record(_ limit: QCABudgetLimit) {
        if !reached.contains(limit) { reached.append(limit) }
    }

    var isOutOfTime: Bool { reached.contains(.time) || reached.contains(.cancelled) }

    /// Call in inner loops: checks the clock and cancellation every 4096 calls. Returns false
    /// when time is up or the task was cancelled.
    mutating func tick() -> Bool {
        if isOutOfTime { return false }
        ticks &+= 1
        guard ticks & 4095 == 0 else { return true }
        if Task.isCancelled {
            record(.cancelled)
            return false
        }
        if let deadline, ContinuousClock.now >= deadline {
            record(.time)
            return false
        }
        return true
    }
}
