import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// The rules of accounts on top of an ``AccountStore``: password policy and hashing, logins
/// with throttling and TOTP, sessions with idle and absolute time-outs, API tokens, and an
/// audit entry for every login, failed login, logout, rights change and token change
/// (docs/accounts.md). The web application and the CLI both use it, so they follow one set
/// of rules. Who acts and from where comes from ``AuditContext/current``.
public struct AccountService: Sendable {
    public var stores: Stores
    public var passwordPolicy: AccountPasswordPolicy
    /// bcrypt's cost: 12 in production (about a quarter of a second); tests may pass 4.
    public var bcryptCost: UInt8
    public var throttle: AccountLoginThrottle
    /// A session unused this long ends.
    public var idleTimeout: TimeInterval
    /// A session ends this long after the login, however active.
    public var absoluteTimeout: TimeInterval
    public var now: @Sendable () -> Date

    public init(
        stores: Stores, passwordPolicy: AccountPasswordPolicy = AccountCommonPasswords.policy, bcryptCost: UInt8 = 12,
        throttle: AccountLoginThrottle = AccountLoginThrottle(), idleTimeout: TimeInterval = 30 * 60,
        absoluteTimeout: TimeInterval = 12 * 3600, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.stores = stores
        self.passwordPolicy = passwordPolicy
        self.bcryptCost = bcryptCost
        self.throttle = throttle
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.now = now
    }

    /// The store of the accounts.
    public var accounts: any AccountStore { stores.accounts }

    // MARK: - Accounts

    /// Creates an account after checking its name and password (every problem at once).
    @discardableResult
    public func createAccount(
        name: String, password: String, role: AccountRole, secondFactorRequired: Bool = false
    ) async throws -> Account {
        let issues =
            Account.nameIssues(name) + passwordPolicy.issues(password, accountName: name)
            + (try await arrangementIssues(role))
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
        let account = Account(
            name: name, role: role, secondFactorRequired: secondFactorRequired || role.isAdministrator,
            createdAt: now())
        try await accounts.create(
            account, passwordHash: AccountSecrets.hashPassword(password, cost: bcryptCost),
            recording: AuditEvent(
                action: "gebruiker.maken", object: "gebruiker:\(name)",
                details: [
                    "rol": role.summary, "tweestapsverificatie": account.secondFactorRequired ? "verplicht" : "vrij",
                ]))
        return account
    }

    /// An editor's arrangements must exist: an editor of an id that does not exist yet could
    /// create that arrangement with PUT, which is the administrator's to do (security review L5).
    func arrangementIssues(_ role: AccountRole) async throws -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for id in role.arrangementIDs where try await stores.arrangements.arrangement(id: id) == nil {
            issues.append(
                ValidationIssue(
                    field: "arrangementen",
                    message: "onbekend arrangement '\(id)'; een redacteur krijgt alleen bestaande arrangementen"))
        }
        return issues
    }

    /// Gives `name` a new role (and whether TOTP is required; always for a `beheerder`).
    @discardableResult
    public func setRole(_ role: AccountRole, secondFactorRequired: Bool, of name: String) async throws -> Account {
        guard let before = try await accounts.account(named: name)?.account else {
            throw ValidationFailure(issues: [ValidationIssue(field: "naam", message: "onbekende gebruiker '\(name)'")])
        }
        let unknown = try await arrangementIssues(role)
        guard unknown.isEmpty else { throw ValidationFailure(issues: unknown) }
        let required = secondFactorRequired || role.isAdministrator
        try await accounts.setRole(
            role, secondFactorRequired: required, of: name,
            recording: AuditEvent(
                action: "gebruiker.rol", object: "gebruiker:\(name)",
                details: [
                    "van": before.role.summary, "naar": role.summary,
                    "tweestapsverificatie": required ? "verplicht" : "vrij",
                ]))
        var after = before
        after.role = role
        after.secondFactorRequired = required
        return after
    }

    /// Sets a new password after checking it. A blocked account stays blocked.
    public func changePassword(of name: String, to password: String) async throws {
        let issues = passwordPolicy.issues(password, accountName: name)
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
        let blocked = try await accounts.account(named: name)?.isBlocked == true
        let hash = AccountSecrets.hashPassword(password, cost: bcryptCost)
        try await accounts.setPasswordHash(
            blocked ? StoredAccount.blockMarker + hash : hash, of: name,
            recording: AuditEvent(action: "gebruiker.wachtwoord-wijzigen", object: "gebruiker:\(name)"))
    }

    /// Revokes every API token of `name` that is still valid; how many (security review L4:
    /// tokens survived a password change).
    @discardableResult
    public func revokeAllTokens(of name: String) async throws -> Int {
        let context = AuditContext.current
        return try await accounts.revokeTokens(of: name, at: now()) { count in
            count > 0 ? Self.allTokensRevoked(of: name, count: count, context: context) : nil
        }
    }

    /// Blocks `name` (offboarding, security review L4): no password matches any more, every
    /// session ends and every API token is revoked. Returns the sessions ended and the tokens revoked.
    public func block(_ name: String) async throws -> (sessions: Int, tokens: Int) {
        let context = AuditContext.current
        return try await accounts.block(name, at: now()) { sessions, tokens in
            (tokens > 0 ? [Self.allTokensRevoked(of: name, count: tokens, context: context)] : [])
                + [
                    AuditEvent(
                        action: "gebruiker.blokkeren", object: "gebruiker:\(name)",
                        details: ["aanmeldingen": "\(sessions)", "sleutels": "\(tokens)"], context: context)
                ]
        }
    }

    /// Lifts the block of `name`: the old password works again; revoked tokens stay revoked.
    /// Whether there was a block to lift.
    @discardableResult
    public func unblock(_ name: String) async throws -> Bool {
        guard let stored = try await accounts.account(named: name) else {
            throw ValidationFailure(issues: [ValidationIssue(field: "naam", message: "onbekende gebruiker '\(name)'")])
        }
        guard stored.isBlocked else { return false }
        try await accounts.setPasswordHash(
            String(stored.passwordHash.dropFirst(StoredAccount.blockMarker.count)), of: name,
            recording: AuditEvent(action: "gebruiker.deblokkeren", object: "gebruiker:\(name)"))
        return true
    }

    // MARK: - Logging in

    /// The outcome of a login.
    public enum LoginOutcome: Sendable {
        /// Signed in: the new session's id (for the cookie only; the store knows its hash).
        case signedIn(sessionID: String, account: Account)
        /// Refused. The message never says whether the account exists or which part was wrong.
        case refused(message: String)
        /// Too many failures: wait this many seconds.
        case throttled(retryAfter: Int)
    }

    /// The one message of a refused login.
    public static let refusedMessage =
        "Inloggen is niet gelukt: de combinatie van naam, wachtwoord en (als u die gebruikt) code klopt niet."

    /// Signs in `name` from `clientAddress`. Throttled per name and per address; an unknown
    /// name costs as much time as a wrong password; every attempt is recorded.
    public func login(name: String, password: String, code: String?, clientAddress: String) async throws
        -> LoginOutcome
    {
        let time = now()
        let typed = String(name.prefix(64))
        let since = time.addingTimeInterval(-throttle.window)
        let attempt = AccountLoginAttempt(
            time: time, accountName: typed, clientAddress: clientAddress, succeeded: false)
        // The check and the reservation of this attempt (as failed) in one transaction, before
        // the password is checked: attempts at the same moment cannot all pass (review M2).
        let throttle = self.throttle
        if let wait = try await accounts.reserveLoginAttempt(
            attempt, since: since,
            decide: { throttle.retryAfter(accountFailures: $0, addressFailures: $1, now: time) })
        {
            await record(
                "inloggen", object: "gebruiker:\(typed)", result: .refused,
                details: ["reden": "afgeremd na te veel mislukte pogingen", "wachttijd": "\(wait) s"])
            return .throttled(retryAfter: wait)
        }
        let stored = try await accounts.account(named: typed)
        // A blocked or unknown account costs as much time as a wrong password, and gets the same answer.
        let usable = stored.flatMap { $0.isBlocked ? nil : $0.passwordHash } ?? Self.decoyHash
        let passwordMatches = AccountSecrets.verifyPassword(password, hash: usable)
        var reason: String?
        if stored == nil {
            reason = "onbekende gebruiker"
        } else if stored?.isBlocked == true {
            reason = "geblokkeerd"
        } else if !passwordMatches {
            reason = "onjuist wachtwoord"
        } else if let secret = stored?.totpSecret {
            if let step = AccountSecrets.totpStep(code ?? "", secret: secret, at: time) {
                // A code works once: the same or an earlier one again is refused (ASVS V2.8.4).
                if try await !accounts.useTOTPStep(step, of: typed) { reason = "code al gebruikt" }
            } else {
                reason = (code ?? "").isEmpty ? "code ontbreekt" : "onjuiste code"
            }
        }
        if reason == nil { try await accounts.confirmLoginAttempt(attempt) }
        guard reason == nil, let stored else {
            await record("inloggen", object: "gebruiker:\(typed)", result: .refused, details: ["reden": reason ?? ""])
            return .refused(message: Self.refusedMessage)
        }
        let sessionID = AccountSecrets.randomID()
        try await accounts.createSession(
            AccountSession(
                idHash: AccountSecrets.sha256(sessionID), accountName: stored.account.name, createdAt: time,
                lastSeenAt: time, expiresAt: time.addingTimeInterval(absoluteTimeout), origin: clientAddress),
            recording: AuditEvent(
                action: "inloggen", object: "gebruiker:\(stored.account.name)",
                context: AuditContext(actor: stored.account.name, origin: AuditContext.current.origin)))
        return .signedIn(sessionID: sessionID, account: stored.account)
    }

    /// A bcrypt hash of nothing anyone can type (cost 12), so that an unknown name takes as long
    /// as a known one.
    static let decoyHash = AccountSecrets.hashPassword(AccountSecrets.randomID(), cost: 12)

    /// The account of the session `sessionID`, when it is still valid: not idle longer than
    /// ``idleTimeout`` and not past its absolute end. An expired session is removed. Marks it
    /// as seen (at most once a minute, to spare the database).
    public func signedIn(sessionID: String) async throws -> (session: AccountSession, account: Account)? {
        let hash = AccountSecrets.sha256(sessionID)
        guard let session = try await accounts.session(idHash: hash) else { return nil }
        let time = now()
        if time >= session.expiresAt || time.timeIntervalSince(session.lastSeenAt) >= idleTimeout {
            try await accounts.deleteSession(idHash: hash)
            return nil
        }
        guard let stored = try await accounts.account(named: session.accountName), !stored.isBlocked else { return nil }
        let account = stored.account
        if time.timeIntervalSince(session.lastSeenAt) >= 60 {
            try await accounts.touchSession(idHash: hash, at: time)
        }
        return (session, account)
    }

    /// Ends the session `sessionID` on the server.
    public func logout(sessionID: String, accountName: String) async throws {
        try await accounts.deleteSession(
            idHash: AccountSecrets.sha256(sessionID),
            recording: AuditEvent(action: "uitloggen", object: "gebruiker:\(accountName)"))
    }

    /// Ends every session of `name` (an administrator, or the user everywhere); how many.
    @discardableResult
    public func endSessions(of name: String) async throws -> Int {
        guard try await accounts.account(named: name) != nil else {
            throw ValidationFailure(issues: [ValidationIssue(field: "naam", message: "onbekende gebruiker '\(name)'")])
        }
        let context = AuditContext.current
        return try await accounts.deleteSessions(of: name) { count in
            AuditEvent(
                action: "gebruiker.sessies-beeindigen", object: "gebruiker:\(name)", details: ["aantal": "\(count)"],
                context: context)
        }
    }

    // MARK: - TOTP

    /// Starts setting up TOTP for `name`: a new secret, kept as pending until confirmed.
    public func beginSecondFactorSetup(of name: String) async throws -> String {
        let secret = AccountSecrets.newTOTPSecret()
        try await accounts.setPendingTOTPSecret(secret, of: name)
        return secret
    }

    /// Confirms the pending secret with a code from the app; whether the code was right.
    public func confirmSecondFactor(of name: String, code: String) async throws -> Bool {
        guard let pending = try await accounts.account(named: name)?.pendingTOTPSecret,
            AccountSecrets.verifyTOTP(code, secret: pending, at: now())
        else {
            await record("tweestapsverificatie.instellen", object: "gebruiker:\(name)", result: .refused)
            return false
        }
        try await accounts.setTOTPSecret(
            pending, of: name,
            recording: AuditEvent(action: "tweestapsverificatie.instellen", object: "gebruiker:\(name)"))
        // The confirming code is used up: it cannot also sign in.
        if let step = AccountSecrets.totpStep(code, secret: pending, at: now()) {
            _ = try await accounts.useTOTPStep(step, of: name)
        }
        return true
    }

    /// Sets a new, confirmed TOTP secret for `name` at once (the CLI, run by whoever runs the
    /// server) and returns it.
    public func setSecondFactor(of name: String) async throws -> String {
        guard try await accounts.account(named: name) != nil else {
            throw ValidationFailure(issues: [ValidationIssue(field: "naam", message: "onbekende gebruiker '\(name)'")])
        }
        let secret = AccountSecrets.newTOTPSecret()
        try await accounts.setTOTPSecret(
            secret, of: name,
            recording: AuditEvent(
                action: "tweestapsverificatie.instellen", object: "gebruiker:\(name)", details: ["via": "cli"]))
        return secret
    }

    /// Removes the second factor of `name` (refused while it is required for the account).
    public func removeSecondFactor(of name: String) async throws {
        guard let account = try await accounts.account(named: name)?.account else {
            throw ValidationFailure(issues: [ValidationIssue(field: "naam", message: "onbekende gebruiker '\(name)'")])
        }
        if account.role.isAdministrator || account.secondFactorRequired {
            throw ValidationFailure(issues: [
                ValidationIssue(
                    field: "tweestapsverificatie",
                    message: "is voor deze gebruiker verplicht en kan niet worden uitgezet")
            ])
        }
        try await accounts.setTOTPSecret(
            nil, of: name,
            recording: AuditEvent(action: "tweestapsverificatie.verwijderen", object: "gebruiker:\(name)"))
    }

    // MARK: - API tokens

    /// Creates a personal API token named `tokenName` for `name`; the secret is returned once
    /// (`<id>.<random>`) and never again.
    public func createToken(named tokenName: String, for name: String) async throws -> (AccountToken, String) {
        let trimmed = tokenName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else {
            throw ValidationFailure(issues: [
                ValidationIssue(field: "naam", message: "geef de sleutel een naam van 1 tot 100 tekens")
            ])
        }
        guard try await accounts.account(named: name) != nil else {
            throw ValidationFailure(issues: [
                ValidationIssue(field: "gebruiker", message: "onbekende gebruiker '\(name)'")
            ])
        }
        let id = String(AccountSecrets.randomID().prefix(8)).lowercased().map { $0 == "-" || $0 == "_" ? "x" : $0 }
        let token = AccountToken(id: String(id), accountName: name, name: trimmed, createdAt: now())
        let secret = "vw_\(token.id)_\(AccountSecrets.randomID())"
        try await accounts.createToken(
            token, secretHash: AccountSecrets.sha256(secret),
            recording: AuditEvent(
                action: "api-sleutel.maken", object: "gebruiker:\(name)/api-sleutel:\(token.id)",
                details: ["naam": trimmed]))
        return (token, secret)
    }

    /// Revokes the token `id` of `name`; whether there was one to revoke.
    @discardableResult
    public func revokeToken(id: String, of name: String) async throws -> Bool {
        let context = AuditContext.current
        return try await accounts.revokeToken(id: id, of: name, at: now()) { revoked in
            AuditEvent(
                action: "api-sleutel.intrekken", object: "gebruiker:\(name)/api-sleutel:\(id)",
                result: revoked ? .succeeded : .refused, context: context)
        }
    }

    /// The account of a bearer token, when the token exists and is not revoked.
    public func account(bearer secret: String) async throws -> Account? {
        guard secret.hasPrefix("vw_"), secret.count < 200,
            let token = try await accounts.token(secretHash: AccountSecrets.sha256(secret)), !token.isRevoked,
            let stored = try await accounts.account(named: token.accountName), !stored.isBlocked
        else { return nil }
        let account = stored.account
        try await accounts.markTokenUsed(id: token.id, at: now())
        return account
    }

    // MARK: - Audit

    /// The event of revoking every valid token of `name` at once.
    static func allTokensRevoked(of name: String, count: Int, context: AuditContext) -> AuditEvent {
        AuditEvent(
            action: "api-sleutel.alle-intrekken", object: "gebruiker:\(name)", details: ["aantal": "\(count)"],
            context: context)
    }

    /// Appends an event that is not a change (a refused attempt) to the audit trail; a change
    /// hands its event to the store, which records it in the change's own transaction (I3).
    func record(
        _ action: String, object: String, result: AuditResult = .succeeded, details: [String: String] = [:],
        context: AuditContext = AuditContext.current
    ) async {
        _ = try? await stores.audit.append(
            AuditEvent(action: action, object: object, result: result, details: details, context: context))
    }
}
