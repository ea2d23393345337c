import Foundation

/// When a login may be tried again after failures (OWASP ASVS 4.0.3 V2.2.1; docs/accounts.md,
/// "Inlogpogingen afremmen"). Counted separately per account name and per client address,
/// so that guessing one account's password and trying one password on many accounts are both
/// slowed down:
///
/// - failures count within ``window`` and only after the last successful login of the account;
/// - the first ``freeAccountFailures`` failures of an account (``freeAddressFailures`` of an
///   address) cost nothing;
/// - each failure after that doubles the wait, from ``baseDelay`` up to ``maximumDelay``,
///   counted from the last failure.
///
/// With the defaults an attacker gets at most about 13 tries per account per hour (ASVS asks
/// for no more than 100), and a person who mistypes a few times never waits.
public struct AccountLoginThrottle: Sendable, Hashable {
    public var freeAccountFailures: Int
    public var freeAddressFailures: Int
    public var window: TimeInterval
    public var baseDelay: TimeInterval
    public var maximumDelay: TimeInterval

    public init(
        freeAccountFailures: Int = 5, freeAddressFailures: Int = 20, window: TimeInterval = 3600,
        baseDelay: TimeInterval = 30, maximumDelay: TimeInterval = 900
    ) {
        self.freeAccountFailures = freeAccountFailures
        self.freeAddressFailures = freeAddressFailures
        self.window = window
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// How long a new login for an account and address with these recent failures must wait,
    /// in whole seconds; `nil` when it may be tried now.
    ///
    /// - Parameters:
    ///   - accountFailures: the failed logins for the account name since its last success.
    ///   - addressFailures: the failed logins from the client address.
    public func retryAfter(accountFailures: [Date], addressFailures: [Date], now: Date) -> Int? {
        let waits = [
            wait(accountFailures, free: freeAccountFailures, now: now),
            wait(addressFailures, free: freeAddressFailures, now: now),
        ].compactMap { $0 }
        guard let longest = waits.max() else { return nil }
        return Int(longest.rounded(.up))
    }

    /// The wait after `failures` (any order), or `nil`.
    public func wait(_ failures: [Date], free: Int, now: Date) -> TimeInterval? {
        let recent = failures.filter { now.timeIntervalSince($0) < window }
        guard recent.count >= free, let last = recent.max() else { return nil }
        let doublings = min(recent.count - free, 30)
        let delay = min(maximumDelay, baseDelay * pow(2, Double(doublings)))
        let remaining = last.addingTimeInterval(delay).timeIntervalSince(now)
        return remaining > 0 ? remaining : nil
    }
}
