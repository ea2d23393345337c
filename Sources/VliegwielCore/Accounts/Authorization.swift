import Foundation

/// Who asks: a visitor without an account, or a signed-in account.
public enum AuthorizationActor: Sendable, Hashable {
    case visitor
    case account(Account)

    /// The account's name, or `bezoeker`.
    public var name: String {
        if case .account(let account) = self { return account.name }
        return "bezoeker"
    }
}

/// What the actor wants to do with the object.
public enum AuthorizationAction: String, Sendable, Hashable, CaseIterable {
    case read = "lezen"
    case change = "wijzigen"
}

/// What the action is about. Every page, endpoint and command maps to one of these.
public enum AuthorizationObject: Sendable, Hashable, CustomStringConvertible {
    /// The catalogue, the portfolio, reports and analyses across arrangements.
    case catalogue
    /// One arrangement and everything that belongs to it (deal, indicators, learning log,
    /// contribution graph, outcomes).
    case arrangement(String)
    /// The installation as a whole: a new arrangement, imports of several arrangements, seeds.
    case installation
    /// Accounts, roles and sessions of other people.
    case accounts
    /// The audit trail.
    case auditTrail
    /// The actor's own account: password, second factor, tokens, sessions.
    case ownAccount

    public var description: String {
        switch self {
        case .catalogue: "catalogus"
        case .arrangement(let id): "arrangement:\(id)"
        case .installation: "installatie"
        case .accounts: "gebruikers"
        case .auditTrail: "auditlogboek"
        case .ownAccount: "eigen account"
        }
    }
}

/// The answer of ``AuthorizationPolicy/decide(_:_:_:)``: allowed, or why not, in Dutch.
public struct AuthorizationDecision: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        case allowed
        /// Nobody is signed in and the action needs an account (HTTP 401, a login page).
        case needsAccount
        /// The account must set up TOTP first (HTTP 403, the account page).
        case needsSecondFactorSetup
        /// Signed in, but the role does not allow it (HTTP 403).
        case forbidden
    }

    public var outcome: Outcome
    /// Why it is refused, in Dutch; empty when allowed.
    public var reason: String

    public init(_ outcome: Outcome, reason: String = "") {
        self.outcome = outcome
        self.reason = reason
    }

    public static let allowed = AuthorizationDecision(.allowed)
    public var isAllowed: Bool { outcome == .allowed }
}

/// The one decision of who may do what, used by the web pages, the API and the CLI alike
/// (docs/accounts.md, "Rollen").
public struct AuthorizationPolicy: Sendable, Hashable {
    /// Whether visitors without an account may read the catalogue, the portfolio and the
    /// arrangements (`vliegwiel start --lezen-zonder-account`).
    public var readingWithoutAccount: Bool

    public init(readingWithoutAccount: Bool) {
        self.readingWithoutAccount = readingWithoutAccount
    }

    public func decide(
        _ actor: AuthorizationActor, _ action: AuthorizationAction, _ object: AuthorizationObject
    ) -> AuthorizationDecision {
        let publicReading: Bool
        switch object {
        case .catalogue, .arrangement: publicReading = action == .read
        default: publicReading = false
        }
        guard case .account(let account) = actor else {
            if publicReading && readingWithoutAccount { return .allowed }
            return AuthorizationDecision(
                .needsAccount,
                reason: publicReading
                    ? "log in om te lezen: deze installatie is alleen open voor wie een account heeft"
                    : "log in om dit te \(action.rawValue): wijzigen vraagt een account met de juiste rol")
        }
        if object == .ownAccount { return .allowed }
        if account.mustSetUpSecondFactor {
            return AuthorizationDecision(
                .needsSecondFactorSetup,
                reason: account.role.isAdministrator
                    ? "stel eerst tweestapsverificatie (TOTP) in op uw accountpagina: dat is verplicht voor een beheerder"
                    : "stel eerst tweestapsverificatie (TOTP) in op uw accountpagina: dat is voor uw account verplicht")
        }
        switch account.role {
        case .administrator:
            return .allowed
        case .editor(let arrangements):
            if publicReading { return .allowed }
            if case .arrangement(let id) = object, arrangements.contains(id) { return .allowed }
            return forbidden(account, action, object)
        case .reader:
            if publicReading { return .allowed }
            return forbidden(account, action, object)
        }
    }

    private func forbidden(
        _ account: Account, _ action: AuthorizationAction, _ object: AuthorizationObject
    ) -> AuthorizationDecision {
        let what: String
        switch object {
        case .accounts: what = "alleen een beheerder beheert gebruikers en rollen"
        case .auditTrail: what = "alleen een beheerder leest het auditlogboek"
        case .installation:
            what = "alleen een beheerder maakt nieuwe arrangementen aan of importeert voor de hele installatie"
        case .arrangement(let id):
            what =
                account.role.arrangementIDs.isEmpty
                ? "u mag arrangement '\(id)' niet \(action.rawValue)"
                : "u bent redacteur van \(account.role.arrangementIDs.joined(separator: ", ")), niet van '\(id)'"
        case .catalogue: what = "u mag de catalogus niet \(action.rawValue)"
        case .ownAccount: what = ""
        }
        return AuthorizationDecision(
            .forbidden, reason: "geweigerd voor \(account.name) (\(account.role.name)): \(what)")
    }
}
