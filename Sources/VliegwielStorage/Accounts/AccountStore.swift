import Foundation
import VliegwielCore

/// An account as stored: the account and its secrets' verifiers. Never a password: only its
/// bcrypt hash (docs/accounts.md).
public struct StoredAccount: Sendable, Hashable {
    public var account: Account
    /// bcrypt hash (`$2b$…`) of the normalised, pre-hashed password; with a leading `!` while
    /// the account is blocked (the convention of `passwd -l`: no password matches, and
    /// unblocking restores the old hash).
    public var passwordHash: String

    /// Whether the account is blocked (`vliegwiel gebruiker blokkeer`).
    public var isBlocked: Bool { passwordHash.hasPrefix(Self.blockMarker) }
    public static let blockMarker = "!"
    /// The confirmed TOTP secret, when the second factor is set up.
    public var totpSecret: String?
    /// A TOTP secret shown to the user but not yet confirmed with a code.
    public var pendingTOTPSecret: String?

    public init(account: Account, passwordHash: String, totpSecret: String? = nil, pendingTOTPSecret: String? = nil) {
        self.account = account
        self.passwordHash = passwordHash
        self.totpSecret = totpSecret
        self.pendingTOTPSecret = pendingTOTPSecret
    }
}

/// A signed-in session. The store knows it only by the SHA-256 of its id (``idHash``): the id
/// itself lives in the visitor's cookie and nowhere else.
public struct AccountSession: Sendable, Hashable {
    /// Lowercase hexadecimal SHA-256 of the session id.
    public var idHash: String
    public var accountName: String
    public var createdAt: Date
    public var lastSeenAt: Date
    /// The absolute end, whatever the activity.
    public var expiresAt: Date
    /// Where it was started: the client address.
    public var origin: String

    public init(idHash: String, accountName: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date, origin: String)
    {
        self.idHash = idHash
        self.accountName = accountName
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.origin = origin
    }
}

/// A personal API token (`Authorization: Bearer …`). The store holds its SHA-256 only; ``id``
/// is a short public handle to list and revoke it by.
public struct AccountToken: Sendable, Hashable {
    public var id: String
    public var accountName: String
    public var name: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: String, accountName: String, name: String, createdAt: Date, lastUsedAt: Date? = nil,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.accountName = accountName
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}

/// One login attempt, for throttling (``AccountLoginThrottle``). The name is as typed: it may
/// belong to no account.
public struct AccountLoginAttempt: Sendable, Hashable {
    public var time: Date
    public var accountName: String
    public var clientAddress: String
    public var succeeded: Bool

    public init(time: Date, accountName: String, clientAddress: String, succeeded: Bool) {
        self.time = time
        self.accountName = accountName
        self.clientAddress = clientAddress
        self.succeeded = succeeded
    }
}

/// Accounts, their sessions, tokens and login attempts (migration "v9 accounts"). One contract,
/// several databases. The store keeps what it is given; the rules (password policy, hashing,
/// time-outs, throttling, authorization, the audit trail) are `AccountService`'s, in the web
/// module, which the web application and the CLI share.
public protocol AccountStore: Sendable {
    /// Adds `account`; refuses a name that is taken (``ValidationFailure`` on `naam`).
    func create(_ account: Account, passwordHash: String) async throws
    func account(named name: String) async throws -> StoredAccount?
    /// Every account, by name.
    func accounts() async throws -> [Account]
    /// Sets the role and whether a second factor is required. Throws for an unknown name.
    func setRole(_ role: AccountRole, secondFactorRequired: Bool, of name: String) async throws
    func setPasswordHash(_ hash: String, of name: String) async throws
    /// Sets (or clears) the TOTP secret awaiting confirmation.
    func setPendingTOTPSecret(_ secret: String?, of name: String) async throws
    /// Makes `secret` the confirmed TOTP secret (or removes it with `nil`) and clears the pending one.
    func setTOTPSecret(_ secret: String?, of name: String) async throws
    /// Records that the TOTP code of time step `step` (seconds since 1970 / 30) was used by
    /// `name`, atomically, only when `step` is later than the last step used: `false` means the
    /// code (or an earlier one) was already used, so a code works once (ASVS 4.0.3 V2.8.4).
    func useTOTPStep(_ step: Int64, of name: String) async throws -> Bool

    func createSession(_ session: AccountSession) async throws
    func session(idHash: String) async throws -> AccountSession?
    func touchSession(idHash: String, at time: Date) async throws
    /// Ends one session; whether it existed.
    @discardableResult func deleteSession(idHash: String) async throws -> Bool
    /// Ends every session of `name`; how many there were.
    @discardableResult func deleteSessions(of name: String) async throws -> Int
    /// The sessions of `name`, newest first.
    func sessions(of name: String) async throws -> [AccountSession]

    /// Stores a new token with the SHA-256 of its secret.
    func createToken(_ token: AccountToken, secretHash: String) async throws
    func token(secretHash: String) async throws -> AccountToken?
    /// The tokens of `name`, oldest first, revoked ones included.
    func tokens(of name: String) async throws -> [AccountToken]
    func markTokenUsed(id: String, at time: Date) async throws
    /// Revokes the token `id` of `name`; whether there was such a token that was not yet revoked.
    @discardableResult func revokeToken(id: String, of name: String, at time: Date) async throws -> Bool

    func recordLoginAttempt(_ attempt: AccountLoginAttempt) async throws
    /// The failed attempts for `name` at or after `since` and after its last successful one.
    func loginFailures(accountName name: String, since: Date) async throws -> [Date]
    /// The failed attempts from `address` at or after `since`.
    func loginFailures(clientAddress address: String, since: Date) async throws -> [Date]

    /// The throttle's check and the attempt's record in one write transaction, so that
    /// attempts made at the same moment cannot all pass the check (security review M2): reads
    /// the failures of the attempt's name and address at or after `since`, asks `decide` (a
    /// wait in seconds, or nil to go ahead) and, going ahead, records the attempt as failed
    /// before any password is checked. ``confirmLoginAttempt(_:)`` marks it as succeeded.
    func reserveLoginAttempt(
        _ attempt: AccountLoginAttempt, since: Date,
        decide: @Sendable (_ accountFailures: [Date], _ addressFailures: [Date]) -> Int?
    ) async throws -> Int?
    /// Marks a reserved attempt as succeeded.
    func confirmLoginAttempt(_ attempt: AccountLoginAttempt) async throws
}

/// The accounts of a database that does not keep them: nobody can sign in.
public struct UnavailableAccountStore: AccountStore {
    public init() {}

    static var failure: ValidationFailure {
        ValidationFailure(issues: [
            ValidationIssue(field: "accounts", message: "deze database bewaart (nog) geen accounts; gebruik SQLite")
        ])
    }

    public func create(_ account: Account, passwordHash: String) async throws { throw Self.failure }
    public func account(named name: String) async throws -> StoredAccount? { nil }
    public func accounts() async throws -> [Account] { [] }
    public func setRole(_ role: AccountRole, secondFactorRequired: Bool, of name: String) async throws {
        throw Self.failure
    }
    public func setPasswordHash(_ hash: String, of name: String) async throws { throw Self.failure }
    public func setPendingTOTPSecret(_ secret: String?, of name: String) async throws { throw Self.failure }
    public func setTOTPSecret(_ secret: String?, of name: String) async throws { throw Self.failure }
    public func useTOTPStep(_ step: Int64, of name: String) async throws -> Bool { throw Self.failure }
    public func createSession(_ session: AccountSession) async throws { throw Self.failure }
    public func session(idHash: String) async throws -> AccountSession? { nil }
    public func touchSession(idHash: String, at time: Date) async throws {}
    public func deleteSession(idHash: String) async throws -> Bool { false }
    public func deleteSessions(of name: String) async throws -> Int { 0 }
    public func sessions(of name: String) async throws -> [AccountSession] { [] }
    public func createToken(_ token: AccountToken, secretHash: String) async throws { throw Self.failure }
    public func token(secretHash: String) async throws -> AccountToken? { nil }
    public func tokens(of name: String) async throws -> [AccountToken] { [] }
    public func markTokenUsed(id: String, at time: Date) async throws {}
    public func revokeToken(id: String, of name: String, at time: Date) async throws -> Bool { false }
    public func recordLoginAttempt(_ attempt: AccountLoginAttempt) async throws {}
    public func loginFailures(accountName name: String, since: Date) async throws -> [Date] { [] }
    public func loginFailures(clientAddress address: String, since: Date) async throws -> [Date] { [] }
    public func reserveLoginAttempt(
        _ attempt: AccountLoginAttempt, since: Date, decide: @Sendable ([Date], [Date]) -> Int?
    ) async throws -> Int? { decide([], []) }
    public func confirmLoginAttempt(_ attempt: AccountLoginAttempt) async throws {}
}

/// Moments in the account tables: whole milliseconds since 1970 (BIGINT on every database).
enum AccountTime {
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    static func unknownAccount(_ name: String) -> ValidationFailure {
        ValidationFailure(issues: [ValidationIssue(field: "naam", message: "onbekende gebruiker '\(name)'")])
    }

    static func nameTaken(_ name: String) -> ValidationFailure {
        ValidationFailure(issues: [
            ValidationIssue(field: "naam", message: "er is al een gebruiker '\(name)'; kies een andere naam")
        ])
    }
}
