import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

@testable import VliegwielWeb

/// Every route of the application (as the router lists them), tried by every role and by a
/// visitor without an account, against the rules of docs/accounts.md written out here on their
/// own (not read from the route table the application uses).
@Suite struct AccountAuthorizationMatrixTests {
    enum Role: String, CaseIterable {
        case visitor = "bezoeker"
        case reader = "lezer"
        case ownEditor = "redacteur-eigen"
        case otherEditor = "redacteur-ander"
        case administrator = "beheerder"

        var accountRole: AccountRole? {
            switch self {
            case .visitor: nil
            case .reader: .reader
            case .ownEditor: .editor(arrangements: [AccountWebFixture.demo])
            case .otherEditor: .editor(arrangements: ["regio-deal"])
            case .administrator: .administrator
            }
        }
    }

    static let computations: Set<String> = [
        "/api/v1/vergelijkingen", "/api/v1/adviezen", "/api/v1/wat-als", "/api/v1/qca-analyses",
        // The QCA form with a CSV file: a POST that computes and stores nothing (issue 16 item 9).
        "/qca",
    ]
    /// Open to everyone, also with --alleen-met-account. The metrics and the OpenAPI document are
    /// reading like the catalogue (security review L8).
    static let open: Set<String> = ["/inloggen", "/uitloggen", "/stijl.css", "/afdrukken.js", "/gezondheid"]

    /// Whether `role` may do `method` on `pattern` when visitors may read (docs/accounts.md).
    static func allowed(_ role: Role, _ method: HTTPRequest.Method, _ pattern: String, readingOpen: Bool) -> Bool {
        // Logging out is a form like any other: without a session there is no CSRF token.
        if pattern == "/uitloggen" { return role != .visitor }
        if open.contains(pattern) { return true }
        if role == .administrator { return true }
        if pattern.hasPrefix("/beheer/") { return false }
        if pattern.hasPrefix("/account") { return role != .visitor }
        let isRead = method == .get || method == .head || computations.contains(pattern)
        if isRead { return readingOpen || role != .visitor }
        let underArrangement =
            pattern.hasPrefix("/arrangementen/{id}") || pattern.hasPrefix("/api/v1/arrangementen/{id}")
        return role == .ownEditor && underArrangement
    }

    static func concrete(_ pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            switch segment {
            case "{id}": AccountWebFixture.demo
            case "{item}": "onbekend"
            case "{naam}": "doelwit"
            default: segment.hasPrefix("{") ? "x" : String(segment)
            }
        }.joined(separator: "/")
    }

    /// Whether `response` refuses: 401, 403, or a redirect to the login or account page. The
    /// login form's own 401 (no name and password sent) is its answer, not a refusal of access.
    static func refused(_ response: TestResponse, _ pattern: String) -> Bool {
        if pattern == "/inloggen" { return response.status == .forbidden }
        if response.status == .unauthorized || response.status == .forbidden { return true }
        let location = response.headers[.location] ?? ""
        return response.status == .seeOther && (location.hasPrefix("/inloggen?") || location == "/account")
    }

    @Test(arguments: [true, false])
    func everyRouteWithEveryRoleAndWithoutLogin(readingOpen: Bool) async throws {
        let fixture = try await AccountWebFixture(readingWithoutAccount: readingOpen)
        var secrets: [Role: String] = [:]
        var tokens: [Role: String] = [:]
        for role in Role.allCases {
            guard let accountRole = role.accountRole else { continue }
            secrets[role] = try await fixture.makeAccount(role.rawValue, accountRole)
            tokens[role] = try await fixture.service.createToken(named: "matrix", for: role.rawValue).1
        }
        try await fixture.makeAccount("doelwit", .reader, secondFactor: false)
        let routes = fixture.routes
        #expect(routes.count > 40)
        #expect(routes.allSatisfy { !$0.pattern.contains(":") })
        let (secretsNow, tokensNow) = (secrets, tokens)
        try await fixture.test { client in
            var tried = 0
            var wrong: [String] = []
            for role in Role.allCases.reversed() {
                for (method, pattern) in routes {
                    let path = Self.concrete(pattern)
                    var headers: HTTPFields = [:]
                    var body = ByteBuffer()
                    let isAPI = path.hasPrefix("/api/")
                    let writes = method != .get && method != .head
                    if isAPI {
                        if let token = tokensNow[role] { headers[.authorization] = "Bearer \(token)" }
                        if writes {
                            headers[.contentType] = "application/json"
                            body = ByteBuffer(string: "{}")
                        }
                    } else if role != .visitor {
                        // A fresh session per request: some routes end sessions.
                        let login = try await fixture.logIn(client, role.rawValue, secret: secretsNow[role])
                        let id = try #require(Visitor.sessionID(login))
                        headers[.cookie] = "vliegwiel-sessie=\(id)"
                        if writes {
                            headers[.contentType] = "application/x-www-form-urlencoded"
                            body = ByteBuffer(string: "csrf=\(AccountSecrets.csrfToken(sessionID: id))")
                        }
                    } else if writes {
                        headers[.contentType] = "application/x-www-form-urlencoded"
                        body = ByteBuffer(string: "x=1")
                    }
                    let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
                    tried += 1
                    let expected = Self.allowed(role, method, pattern, readingOpen: readingOpen)
                    if Self.refused(response, pattern) == expected || response.status.code >= 500 {
                        wrong.append(
                            "\(role.rawValue) \(method) \(pattern): \(response.status.code) "
                                + "(verwacht: \(expected ? "toegestaan" : "geweigerd"))")
                    }
                }
            }
            #expect(tried == routes.count * Role.allCases.count)
            #expect(wrong == [])
        }
    }

    /// A route is registered in the group that decides its access; one below an arrangement, an
    /// account or the audit trail cannot be put in a group for the whole site, where a reader
    /// could change it, and a group with a prefix takes nothing outside it.
    @Test func aRouteCanOnlyBeRegisteredInTheGroupThatOwnsItsPath() {
        let owned = RouteGroups.owned
        #expect(RouteGroup.accepts("/iets-nieuws", prefix: "", owned: owned))
        #expect(!RouteGroup.accepts("/arrangementen/:id/iets-nieuws", prefix: "", owned: owned))
        #expect(!RouteGroup.accepts("/api/v1/arrangementen/:id", prefix: "", owned: owned))
        #expect(!RouteGroup.accepts("/account/iets", prefix: "", owned: owned))
        #expect(!RouteGroup.accepts("/beheer/gebruikers/:naam/iets", prefix: "", owned: owned))
        #expect(RouteGroup.accepts("/arrangementen/:id/iets", prefix: "/arrangementen/:id", owned: []))
        #expect(RouteGroup.accepts("/arrangementen/:id", prefix: "/arrangementen/:id", owned: []))
        #expect(!RouteGroup.accepts("/arrangementen/:idx", prefix: "/arrangementen/:id", owned: []))
        #expect(!RouteGroup.accepts("/portefeuille", prefix: "/arrangementen/:id", owned: []))
    }
}
