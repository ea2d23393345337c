import Foundation

/// Progress of a long command (an import, later the installation export and import) on
/// standard error, in a form a person can follow: on a terminal one line that is rewritten
/// in place (`\r`) with the rows so far, the rate and an estimate of the time left; when
/// standard error is not a terminal (a log file, CI), a plain line every `logInterval`
/// seconds, so that a log stays readable. The estimate needs a known total amount of work
/// (bytes of the input); without one the line shows rows and rate only.
final class ProgressLine: @unchecked Sendable {
    /// Seconds between two rewrites of the terminal line.
    static let terminalInterval = 0.25

    private let label: String
    private var total: Int?
    private let isTerminal: Bool
    private let logInterval: Double
    private let clock: () -> Double
    private let output: (String) -> Void
    private let start: Double
    private var lastShown: Double?
    private var shownOnTerminal = false

    /// - Parameters:
    ///   - label: what is counted, plural (`rijen`).
    ///   - total: the total amount of work in the unit of `done` (bytes of the input), if known.
    ///   - isTerminal: whether to rewrite one line; by default whether standard error is a terminal.
    ///   - clock: seconds on a monotonic clock (tests pass their own).
    ///   - output: where the text goes (by default standard error).
    init(
        label: String = "rijen", total: Int?, isTerminal: Bool = isatty(FileHandle.standardError.fileDescriptor) != 0,
        logInterval: Double = 5, clock: @escaping () -> Double = ProgressLine.monotonicSeconds,
        output: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.label = label
        self.total = total.flatMap { $0 > 0 ? $0 : nil }
        self.isTerminal = isTerminal
        self.logInterval = logInterval
        self.clock = clock
        self.output = output
        start = clock()
    }

    static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    /// Reports `rows` counted so far and `done` of `total`, for work whose total the worker
    /// learns itself (the installation move counts its rows in its own snapshot).
    func update(rows: Int, done: Int, total: Int) {
        self.total = total > 0 ? total : nil
        update(rows: rows, done: done)
    }

    /// Reports `rows` counted so far and `done` of `total`; shown only when the interval has passed.
    func update(rows: Int, done: Int) {
        let now = clock()
        let interval = isTerminal ? Self.terminalInterval : logInterval
        if let lastShown, now - lastShown < interval { return }
        if lastShown == nil, now - start < interval { return }
        lastShown = now
        let text = describe(rows: rows, done: done, elapsed: now - start)
        if isTerminal {
            // Padded so that a shorter line wipes out the end of a longer one.
            output("\r" + text.padding(toLength: max(text.count, 72), withPad: " ", startingAt: 0))
            shownOnTerminal = true
        } else {
            output(text + "\n")
        }
    }

    /// Ends the progress: on a terminal the line is closed; the summary is the caller's.
    func finish() {
        if shownOnTerminal { output("\n") }
        shownOnTerminal = false
    }

    /// `120 000 rijen · 85 000 rijen/s · 45 % · nog ongeveer 3 s`
    func describe(rows: Int, done: Int, elapsed: Double) -> String {
        var parts = ["\(Self.grouped(rows)) \(label)"]
        if elapsed > 0 { parts.append("\(Self.grouped(Int((Double(rows) / elapsed).rounded()))) \(label)/s") }
        if let total {
            let fraction = min(1, max(0, Double(done) / Double(total)))
            parts.append("\(Int((fraction * 100).rounded(.down))) %")
            if fraction > 0, elapsed > 0 {
                parts.append("nog ongeveer " + Self.duration(elapsed * (1 - fraction) / fraction))
            }
        }
        return parts.joined(separator: " · ")
    }

    /// `1 234 567`: groups of three with a space, as Dutch text writes large numbers.
    static func grouped(_ number: Int) -> String {
        let digits = String(abs(number))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (number < 0 ? "-" : "") + groups.joined(separator: " ")
    }

    /// `3 s`, `2 min 05 s`, `1 u 02 min`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        if total < 60 { return "\(total) s" }
        if total < 3600 { return "\(total / 60) min " + String(format: "%02d s", total % 60) }
        return "\(total / 3600) u " + String(format: "%02d min", total % 3600 / 60)
    }
}
