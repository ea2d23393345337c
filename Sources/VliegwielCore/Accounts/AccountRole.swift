import Foundation

/// What an account may do (docs/accounts.md): a `beheerder` everything, a `redacteur` change
/// the arrangements named in its role and read the rest, a `lezer` read.
public enum AccountRole: Sendable, Hashable {
    /// `beheerder`: everything, including accounts, roles and the audit trail.
    case administrator
    /// `redacteur` of these arrangements (their ids): changes those, reads the rest.
    case editor(arrangements: Set<String>)
    /// `lezer`: reads everything that is not for administrators only.
    case reader

    /// The Dutch name of the role: `beheerder`, `redacteur` or `lezer`.
    public var name: String {
        switch self {
        case .administrator: "beheerder"
        case .editor: "redacteur"
        case .reader: "lezer"
        }
    }

    /// The arrangements of a `redacteur`, sorted; empty for the other roles.
    public var arrangementIDs: [String] {
        if case .editor(let ids) = self { return ids.sorted() }
        return []
    }

    /// `beheerder`, `lezer`, or `redacteur van a, b`.
    public var summary: String {
        if case .editor = self {
            let ids = arrangementIDs
            return ids.isEmpty ? "redacteur (van geen arrangement)" : "redacteur van \(ids.joined(separator: ", "))"
        }
        return name
    }

    /// The role named `name` (`beheerder`, `redacteur`, `lezer`) with `arrangements` for a
    /// `redacteur`; `nil` for an unknown name.
    public init?(name: String, arrangements: [String] = []) {
        switch name {
        case "beheerder": self = .administrator
        case "redacteur": self = .editor(arrangements: Set(arrangements))
        case "lezer": self = .reader
        default: return nil
        }
    }

    public var isAdministrator: Bool { self == .administrator }
}

/// A local account: a person who signs in with a name, a password and, when set up, a TOTP
/// code. The password itself is never kept; the stores hold only its bcrypt hash.
public struct Account: Sendable, Hashable {
    /// The sign-in name: 1–64 characters from `a-z`, `0-9`, `.`, `_`, `-`, lower case.
    public var name: String
    public var role: AccountRole
    /// Whether this account must use a second factor; always true for a `beheerder`.
    public var secondFactorRequired: Bool
    /// Whether a TOTP secret has been set up and confirmed.
    public var secondFactorConfigured: Bool
    public var createdAt: Date

    public init(
        name: String, role: AccountRole, secondFactorRequired: Bool = false, secondFactorConfigured: Bool = false,
        createdAt: Date
    ) {
        self.name = name
        self.role = role
        self.secondFactorRequired = secondFactorRequired
        self.secondFactorConfigured = secondFactorConfigured
        self.createdAt = createdAt
    }

    /// Whether the account must set up TOTP before it may do anything else: a `beheerder`
    /// always, anyone else when it was asked for.
    public var mustSetUpSecondFactor: Bool {
        (role.isAdministrator || secondFactorRequired) && !secondFactorConfigured
    }

    /// The problems of `name` as a sign-in name; empty when it is fine.
    public static func nameIssues(_ name: String) -> [ValidationIssue] {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        if name.isEmpty || name.count > 64 || !name.allSatisfy(allowed.contains) {
            return [
                ValidationIssue(
                    field: "naam",
                    message:
                        "'\(name)' is geen geldige gebruikersnaam: 1 tot 64 tekens uit a-z, 0-9, punt, liggend streepje"
                        + " en streepje (kleine letters)")
            ]
        }
        return []
    }
}
