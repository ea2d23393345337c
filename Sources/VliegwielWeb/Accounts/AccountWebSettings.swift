import Foundation
import HTTPTypes
import Hummingbird
import VliegwielCore

/// Accounts on the web (docs/accounts.md): who may read without an account, and how the
/// session cookie is sent.
public struct AccountWebSettings: Sendable {
    public var service: AccountService
    /// Visitors without an account may read the catalogue, portfolio and arrangements
    /// (`vliegwiel start`'s default; `--alleen-met-account` turns it off).
    public var readingWithoutAccount: Bool
    /// When the cookie gets `Secure`.
    public var secureCookies: SecureCookies

    public enum SecureCookies: Sendable, Hashable {
        /// The site is served over HTTPS (directly or behind a proxy): always `Secure`.
        case always
        /// Plain HTTP on this machine: never (a browser would not send it back).
        case never
        /// Behind a trusted proxy: `Secure` when it says `X-Forwarded-Proto: https`.
        case whenForwardedProtoIsHTTPS
    }

    public init(service: AccountService, readingWithoutAccount: Bool = true, secureCookies: SecureCookies = .never) {
        self.service = service
        self.readingWithoutAccount = readingWithoutAccount
        self.secureCookies = secureCookies
    }

    public var policy: AuthorizationPolicy { AuthorizationPolicy(readingWithoutAccount: readingWithoutAccount) }

    /// The session cookie's name.
    public static let cookieName = "vliegwiel-sessie"
    /// The hidden form field of the CSRF token.
    public static let csrfField = "csrf"

    func isSecure(_ request: Request) -> Bool {
        switch secureCookies {
        case .always: true
        case .never: false
        case .whenForwardedProtoIsHTTPS:
            request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
        }
    }

    /// The client's address as the throttle and the audit trail see it. Behind the trusted proxy
    /// (`--https proxy`) every connection comes from the proxy, so 20 failures by anyone would
    /// block every login (security review M7): there the address is the last entry of
    /// `X-Forwarded-For`, the one the proxy itself added. Elsewhere the header is ignored, as
    /// anyone can send it.
    func clientAddress(_ request: Request, connection: String) -> String {
        guard secureCookies == .whenForwardedProtoIsHTTPS,
            let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
            !last.isEmpty, last.count <= 64,
            last.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" })
        else { return connection }
        return last
    }

    /// The `Set-Cookie` value that starts a session.
    func sessionCookie(_ id: String, _ request: Request) -> String {
        "\(Self.cookieName)=\(id); Path=/; HttpOnly; SameSite=Lax"
            + "; Max-Age=\(Int(service.absoluteTimeout))" + (isSecure(request) ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes the cookie.
    func expiredCookie(_ request: Request) -> String {
        "\(Self.cookieName)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + (isSecure(request) ? "; Secure" : "")
    }
}

/// The account of a request (``AppRequestContext/account``), set by ``SessionMiddleware``: the signed-in account (or
/// none), and the session's id when it came with a cookie (for the CSRF token and logout).
public struct RequestAccount: Sendable {
    public var account: Account?
    var sessionID: String?

    public init(account: Account? = nil) { self.account = account }
    init(account: Account?, sessionID: String?) {
        self.account = account
        self.sessionID = sessionID
    }

    /// The CSRF token every form of this session carries (``AccountSecrets/csrfToken(sessionID:)``).
    var csrfToken: String? { sessionID.map(AccountSecrets.csrfToken) }

    var actor: AuthorizationActor { account.map(AuthorizationActor.account) ?? .visitor }
}

/// The paths of the account pages, for links and for the routes (``pattern``).
enum AccountURL: Sendable, Hashable {
    /// The login form; `returnTo`: where to go after logging in.
    case login(returnTo: String? = nil)
    case logout
    case account
    case secondFactorBegin
    case secondFactorConfirm
    case tokens
    case revokeToken(String)
    case endOwnSessions
    case admin
    case adminRole(String)
    case adminEndSessions(String)
    case adminBlock(String)
    case adminUnblock(String)

    static let login = AccountURL.login()

    /// The path, with the `{id}` or `{naam}` of the link.
    var path: String { path(id: { $0 }) }
    /// The path as the router matches it (`:id`, `:naam`).
    var pattern: String { path(id: { _ in ":id" }, name: { _ in ":naam" }) }
    /// The link; the return address is encoded as a whole, every non-alphanumeric character.
    var href: String {
        guard case .login(let returnTo?) = self else { return path }
        return path + "?terug=" + (returnTo.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
    }

    private func path(id: (String) -> String, name: ((String) -> String)? = nil) -> String {
        func segment(_ value: String) -> String { name?(value) ?? id(value) }
        return switch self {
        case .login: "/inloggen"
        case .logout: "/uitloggen"
        case .account: "/account"
        case .secondFactorBegin: "/account/tweestapsverificatie/instellen"
        case .secondFactorConfirm: "/account/tweestapsverificatie/bevestigen"
        case .tokens: "/account/api-sleutels"
        case .revokeToken(let token): "/account/api-sleutels/\(id(token))/intrekken"
        case .endOwnSessions: "/account/sessies-beeindigen"
        case .admin: "/beheer/gebruikers"
        case .adminRole(let account): "/beheer/gebruikers/\(segment(account))/rol"
        case .adminEndSessions(let account): "/beheer/gebruikers/\(segment(account))/sessies-beeindigen"
        case .adminBlock(let account): "/beheer/gebruikers/\(segment(account))/blokkeren"
        case .adminUnblock(let account): "/beheer/gebruikers/\(segment(account))/deblokkeren"
        }
    }
}
