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
/// time-outs, throttling, authorization, what the audit trail says) are `AccountService`'s, in
/// the web module, which the web application and the CLI share.
///
/// Every change takes the audit event that records it (`recording`, `nil`: none) and appends it
/// in the same transaction as the change: a change is never stored without its entry, nor an
/// entry without its change (security review I3). An event that depends on what the change did
/// (a count, whether a token was revoked) is made from that result.
public protocol AccountStore: Sendable {
    /// Adds `account`; refuses a name that is taken (``ValidationFailure`` on `naam`).
    func create(_ account: Account, passwordHash: String, recording event: AuditEvent?) async throws
    func account(named name: String) async throws -> StoredAccount?
    /// Every account, by name.
    func accounts() async throws -> [Account]
    /// Sets the role and whether a second factor is required. Throws for an unknown name.
    func setRole(_ role: AccountRole, secondFactorRequired: Bool, of name: String, recording event: AuditEvent?)
        async throws
    func setPasswordHash(_ hash: String, of name: String, recording event: AuditEvent?) async throws
    /// Sets (or clears) the TOTP secret awaiting confirmation.
    func setPendingTOTPSecret(_ secret: String?, of name: String) async throws
    /// Makes `secret` the confirmed TOTP secret (or removes it with `nil`) and clears the pending one.
    func setTOTPSecret(_ secret: String?, of name: String, recording event: AuditEvent?) async throws
    /// Records that the TOTP code of time step `step` (seconds since 1970 / 30) was used by
    /// `name`, atomically, only when `step` is later than the last step used: `false` means the
    /// code (or an earlier one) was already used, so a code works once (ASVS 4.0.3 V2.8.4).
    func useTOTPStep(_ step: Int64, of name: String) async throws -> Bool
    /// Blocks `name` (offboarding): its password hash gets the block marker (once), every
    /// session ends and every token still valid is revoked at `time`, all in one transaction
    /// with the events `recording` makes of the sessions ended and tokens revoked.
    func block(
        _ name: String, at time: Date,
        recording events: @escaping @Sendable (_ sessions: Int, _ tokens: Int) -> [AuditEvent]
    )
        async throws -> (sessions: Int, tokens: Int)

    func createSession(_ session: AccountSession, recording event: AuditEvent?) async throws
    func session(idHash: String) async throws -> AccountSession?
    func touchSession(idHash: String, at time: Date) async throws
    /// Ends one session; whether it existed (the event is recorded only then).
    @discardableResult func deleteSession(idHash: String, recording event: AuditEvent?) async throws -> Bool
    /// Ends every session of `name`; how many there were.
    @discardableResult func deleteSessions(of name: String, recording event: @escaping @Sendable (Int) -> AuditEvent?)
        async throws -> Int
    /// The sessions of `name`, newest first.
    func sessions(of name: String) async throws -> [AccountSession]

    /// Stores a new token with the SHA-256 of its secret.
    func createToken(_ token: AccountToken, secretHash: String, recording event: AuditEvent?) async throws
    func token(secretHash: String) async throws -> AccountToken?
    /// The tokens of `name`, oldest first, revoked ones included.
    func tokens(of name: String) async throws -> [AccountToken]
    func markTokenUsed(id: String, at time: Date) async throws
    /// Revokes the token `id` of `name`; whether there was such a token that was not yet revoked.
    @discardableResult func revokeToken(
        id: String, of name: String, at time: Date, recording event: @escaping @Sendable (Bool) -> AuditEvent?
    ) async throws -> Bool
    /// Revokes every token of `name` that is still valid; how many.
    @discardableResult func revokeTokens(
        of name: String, at time: Date, recording event: @escaping @Sendable (Int) -> AuditEvent?
    )
        async throws -> Int

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
        decide: @escaping @Sendable (_ accountFailures: [Date], _ addressFailures: [Date]) -> Int?
    ) async throws -> Int?
    /// Marks a reserved attempt as succeeded.
    func confirmLoginAttempt(_ attempt: AccountLoginAttempt) async throws
}

extension AccountStore {
    /// The changes without an audit event (tests, and writes that are not a change of rights).
    public func create(_ account: Account, passwordHash: String) async throws {
        try await create(account, passwordHash: passwordHash, recording: nil)
    }
    public func setRole(_ role: AccountRole, secondFactorRequired: Bool, of name: String) async throws {
        try await setRole(role, secondFactorRequired: secondFactorRequired, of: name, recording: nil)
    }
    public func setPasswordHash(_ hash: String, of name: String) async throws {
        try await setPasswordHash(hash, of: name, recording: nil)
    }
    public func setTOTPSecret(_ secret: String?, of name: String) async throws {
        try await setTOTPSecret(secret, of: name, recording: nil)
    }
    public func createSession(_ session: AccountSession) async throws {
        try await createSession(session, recording: nil)
    }
    @discardableResult public func deleteSession(idHash: String) async throws -> Bool {
        try await deleteSession(idHash: idHash, recording: nil)
    }
    @discardableResult public func deleteSessions(of name: String) async throws -> Int {
        try await deleteSessions(of: name) { _ in nil }
    }
    public func createToken(_ token: AccountToken, secretHash: String) async throws {
        try await createToken(token, secretHash: secretHash, recording: nil)
    }
    @discardableResult public func revokeToken(id: String, of name: String, at time: Date) async throws -> Bool {
        try await revokeToken(id: id, of: name, at: time) { _ in nil }
    }
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

/// The account stores' row mapping, the same on every database.
enum AccountRows {
    static func account(_ row: some StoredRow, arrangementIDs: [String]) throws -> StoredAccount {
        let totpSecret: String? = try row.value("totp_secret")
        let roleName: String = try row.value("role")
        guard let role = AccountRole(name: roleName, arrangements: arrangementIDs) else {
            throw StoredCodeError(column: "account.role", value: roleName)
        }
        return StoredAccount(
            account: Account(
                name: try row.value("name"), role: role,
                secondFactorRequired: try row.value("second_factor_required"),
                secondFactorConfigured: totpSecret != nil, createdAt: AccountTime.date(try row.value("created_at"))),
            passwordHash: try row.value("password_hash"), totpSecret: totpSecret,
            pendingTOTPSecret: try row.value("totp_pending_secret"))
    }

    static func session(_ row: some StoredRow) throws -> AccountSession {
        AccountSession(
            idHash: try row.value("id_hash"), accountName: try row.value("account_name"),
            createdAt: AccountTime.date(try row.value("created_at")),
            lastSeenAt: AccountTime.date(try row.value("last_seen_at")),
            expiresAt: AccountTime.date(try row.value("expires_at")), origin: try row.value("origin"))
    }

    static func token(_ row: some StoredRow) throws -> AccountToken {
        AccountToken(
            id: try row.value("id"), accountName: try row.value("account_name"), name: try row.value("name"),
            createdAt: AccountTime.date(try row.value("created_at")),
            lastUsedAt: (try row.value("last_used_at") as Int64?).map(AccountTime.date),
            revokedAt: (try row.value("revoked_at") as Int64?).map(AccountTime.date))
    }

    static func row(_ account: Account, passwordHash: String) -> StoredInsert {
        StoredInsert(
            "account",
            [
                "name": account.name, "password_hash": passwordHash, "role": account.role.name,
                "second_factor_required": account.secondFactorRequired,
                "created_at": AccountTime.milliseconds(account.createdAt),
            ])
    }

    static func editorRows(_ role: AccountRole, of name: String) -> [StoredInsert] {
        role.arrangementIDs.map {
            StoredInsert("account_editor_arrangement", ["account_name": name, "arrangement_id": $0])
        }
    }

    static func row(_ session: AccountSession) -> StoredInsert {
        StoredInsert(
            "account_session",
            [
                "id_hash": session.idHash, "account_name": session.accountName,
                "created_at": AccountTime.milliseconds(session.createdAt),
                "last_seen_at": AccountTime.milliseconds(session.lastSeenAt),
                "expires_at": AccountTime.milliseconds(session.expiresAt), "origin": session.origin,
            ])
    }

    static func row(_ token: AccountToken, secretHash: String) -> StoredInsert {
        StoredInsert(
            "account_token",
            [
                "id": token.id, "secret_hash": secretHash, "account_name": token.accountName, "name": token.name,
                "created_at": AccountTime.milliseconds(token.createdAt),
                "last_used_at": token.lastUsedAt.map(AccountTime.milliseconds),
                "revoked_at": token.revokedAt.map(AccountTime.milliseconds),
            ])
    }

    static func row(_ attempt: AccountLoginAttempt, succeeded: Bool) -> StoredInsert {
        StoredInsert(
            "account_login_attempt",
            [
                "attempted_at": AccountTime.milliseconds(attempt.time), "account_name": attempt.accountName,
                "client_address": attempt.clientAddress, "succeeded": succeeded,
            ])
    }
}
