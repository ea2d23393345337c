import Foundation
import HTTPTypes
import VliegwielCore

/// What every request needs, in one table (docs/accounts.md, "Wie mag wat"): open to everyone,
/// or a decision of ``AuthorizationPolicy`` on an action and an object. The rules are tried in
/// order; a path that no rule names needs `lezen` of the catalogue for GET and HEAD, and
/// `wijzigen` of the whole installation (a `beheerder`) for every other method, so that a new
/// route that changes data is closed until it is given its own rule.
enum AuthorizationRoutes {
    enum Access: Sendable, Hashable {
        /// No decision: logging in and out, the stylesheet, health, metrics, the OpenAPI document.
        case open
        case decide(AuthorizationAction, AuthorizationObject)
    }

    /// A rule: a method (`nil`: any) and a pattern (`:naam` matches one segment, a final `*`
    /// the rest), and how the access follows from the matched segments.
    struct Rule: Sendable {
        var methods: Set<HTTPRequest.Method>?
        var pattern: String
        var access: @Sendable (_ parameters: [String: String], _ isRead: Bool) -> Access
    }

    static let readMethods: Set<HTTPRequest.Method> = [.get, .head]

    /// The table.
    static let rules: [Rule] = [
        Rule(methods: nil, pattern: AccountURL.login) { _, _ in .open },
        Rule(methods: nil, pattern: AccountURL.logout) { _, _ in .open },
        Rule(methods: readMethods, pattern: SiteURL.stylesheet.path) { _, _ in .open },
        Rule(methods: readMethods, pattern: SiteURL.health.path) { _, _ in .open },
        // Reading, like the catalogue: open by default, behind an account with --alleen-met-account
        // (security review L8: the metrics list every route's counts, admin routes included).
        Rule(methods: readMethods, pattern: SiteURL.metrics.path) { _, _ in .decide(.read, .catalogue) },
        Rule(methods: readMethods, pattern: APIURL.openAPI.path) { _, _ in .decide(.read, .catalogue) },
        Rule(methods: nil, pattern: AccountURL.account + "/*") { _, read in .decide(read ? .read : .change, .ownAccount)
        },
        Rule(methods: nil, pattern: AccountURL.account) { _, read in .decide(read ? .read : .change, .ownAccount) },
        Rule(methods: nil, pattern: AccountURL.admin + "/*") { _, read in .decide(read ? .read : .change, .accounts) },
        Rule(methods: nil, pattern: AccountURL.admin) { _, read in .decide(read ? .read : .change, .accounts) },
        Rule(methods: nil, pattern: SiteURL.auditLog.path) { _, read in .decide(read ? .read : .change, .auditTrail) },
        // Computations that store nothing: reading, whatever the method.
        Rule(methods: [.post], pattern: APIURL.comparisons.path) { _, _ in .decide(.read, .catalogue) },
        Rule(methods: [.post], pattern: APIURL.adviceForProfile.path) { _, _ in .decide(.read, .catalogue) },
        Rule(methods: [.post], pattern: APIURL.whatIf.path) { _, _ in .decide(.read, .catalogue) },
        Rule(methods: [.post], pattern: APIURL.qcaAnalyses.path) { _, _ in .decide(.read, .catalogue) },
        // A new arrangement: the installation.
        Rule(methods: [.post], pattern: APIURL.arrangements.path) { _, _ in .decide(.change, .installation) },
        Rule(methods: [.post], pattern: SiteURL.design.path) { _, _ in .decide(.change, .installation) },
        // Everything of one arrangement.
        Rule(methods: nil, pattern: APIURL.base + "/arrangementen/:id/*") { parameters, read in
            .decide(read ? .read : .change, .arrangement(parameters["id"] ?? ""))
        },
        Rule(methods: nil, pattern: APIURL.base + "/arrangementen/:id") { parameters, read in
            .decide(read ? .read : .change, .arrangement(parameters["id"] ?? ""))
        },
        Rule(methods: nil, pattern: "/arrangementen/:id/*") { parameters, read in
            .decide(read ? .read : .change, .arrangement(parameters["id"] ?? ""))
        },
        Rule(methods: nil, pattern: "/arrangementen/:id") { parameters, read in
            .decide(read ? .read : .change, .arrangement(parameters["id"] ?? ""))
        },
    ]

    /// The access `method` on `path` needs.
    static func access(_ method: HTTPRequest.Method, _ path: String) -> Access {
        let isRead = readMethods.contains(method)
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        for rule in rules where rule.methods?.contains(method) ?? true {
            if let parameters = match(rule.pattern, segments) { return rule.access(parameters, isRead) }
        }
        return isRead ? .decide(.read, .catalogue) : .decide(.change, .installation)
    }

    /// The parameters of `pattern` when `segments` match it.
    static func match(_ pattern: String, _ segments: [String]) -> [String: String]? {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var parameters: [String: String] = [:]
        for (index, part) in parts.enumerated() {
            if part == "*" { return segments.count > index ? parameters : nil }
            guard index < segments.count else { return nil }
            if part.hasPrefix(":") {
                parameters[String(part.dropFirst())] = segments[index]
            } else if part != segments[index] {
                return nil
            }
        }
        return segments.count == parts.count ? parameters : nil
    }
}
