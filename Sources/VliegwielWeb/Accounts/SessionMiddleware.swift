import Foundation
import HTTPTypes
import Hummingbird
import VliegwielCore

/// Finds who is asking (docs/accounts.md, "Sessies" and "API-sleutels"): on the API only a
/// bearer token (`Authorization: Bearer …`), never a cookie, so that the API needs no CSRF
/// protection; on the site only the session cookie `vliegwiel-sessie`, checked against the
/// database (idle and absolute time-outs). Sets ``AppRequestContext/account`` and makes the
/// account the actor of the audit trail. An expired or unknown cookie is removed.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let settings: AccountWebSettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await identify(request, context: context, next: next)
        // HSTS where the site is served over HTTPS (security review L3).
        if settings.isSecure(request) {
            response.headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000"
        }
        return response
    }

    private func identify(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // A program scrapes /metrics with an API key; a person reads it with the session cookie.
        let metricsWithKey = request.uri.path == SiteURL.metrics.path && request.headers[.authorization] != nil
        if request.uri.path.hasPrefix(APIURL.base) || metricsWithKey {
            var account: Account?
            if let header = request.headers[.authorization] {
                let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2, parts[0].lowercased() == "bearer",
                    let found = try await settings.service.account(
                        bearer: parts[1].trimmingCharacters(in: .whitespaces))
                else {
                    return unauthorizedAPIResponse(
                        "Deze API-sleutel is onbekend of ingetrokken. Maak een nieuwe op /account en stuur die mee als "
                            + "'Authorization: Bearer <sleutel>'.", request.uri.path)
                }
                account = found
            }
            return try await run(RequestAccount(account: account, sessionID: nil), request, context, next)
        }
        guard let sessionID = request.cookies[AccountWebSettings.cookieName]?.value, !sessionID.isEmpty else {
            return try await run(RequestAccount(), request, context, next)
        }
        guard let (_, account) = try await settings.service.signedIn(sessionID: sessionID) else {
            var response = try await run(RequestAccount(), request, context, next)
            if !response.headers.contains(.setCookie) {
                response.headers.append(HTTPField(name: .setCookie, value: settings.expiredCookie(request)))
            }
            return response
        }
        var response = try await run(
            RequestAccount(account: account, sessionID: sessionID), request, context, next)
        // A signed-in page may show what only this person may see — a new API key, a TOTP secret,
        // the audit trail: no browser or proxy keeps a copy (security review M5, ASVS V8.2.1).
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private func run(
        _ current: RequestAccount, _ request: Request, _ context: Context,
        _ next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.audit.origin = settings.clientAddress(request, connection: context.audit.origin)
        if let account = current.account { context.audit.actor = account.name }
        context.account = current
        return try await next(request, context)
    }
}

/// A 401 of the API: problem+json with `WWW-Authenticate: Bearer` (RFC 6750).
func unauthorizedAPIResponse(_ detail: String, _ path: String) -> Response {
    var response = Problem(.unauthorized, title: "Niet ingelogd", detail: detail).response(instance: path)
    response.headers[.wwwAuthenticate] = "Bearer realm=\"Vliegwiel API\""
    return response
}

/// Refuses every state-changing request to the site (not the API, which takes no cookies)
/// that does not carry the session's CSRF token in the form field `csrf` (a synchronizer
/// token: ``AccountSecrets/csrfToken(sessionID:)``), with a 403 page that explains. Only the
/// login form, which has no session yet, is exempt; SameSite=Lax guards it.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static var refusal: String {
        "Dit formulier is geweigerd omdat de beveiligingscode (CSRF-token) ontbreekt of niet bij uw sessie hoort. "
            + "Dat gebeurt als de pagina te lang open stond, als u intussen opnieuw bent ingelogd of als een andere "
            + "website het formulier verstuurde. Ga terug, laad de pagina opnieuw en verstuur het formulier nog eens."
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        if path == AccountURL.login.path, request.method == .post, !Self.isSameOrigin(request) {
            // Login CSRF (security review L2): another site's form would sign the visitor in as
            // someone else. Browsers send Origin with every cross-site POST.
            throw Problem(.forbidden, detail: Self.refusal)
        }
        // Every POST, and any other method that sends a body: the site's routes take forms by POST
        // only (`siteRoutesTakeOnlyGetAndPost` keeps it so), so another method without a body
        // reaches no handler (the router's 405). The body-less DELETE of security review L1
        // reached an API handler through `//api/…`, which PathShapeMiddleware now refuses.
        let sendsBody = request.method == .post || request.headers[.contentType] != nil
        guard !AccessMiddleware.isRead(request), request.method != .options, sendsBody,
            !path.hasPrefix(APIURL.base), path != AccountURL.login.path
        else { return try await next(request, context) }
        guard let expected = context.csrfToken else {
            // A computation that stores nothing (the QCA form with a file, which cannot be a GET)
            // is open to a visitor without a session, as its API twin is: there is no session to
            // forge a request for. A form from another site is still refused (as at login).
            if request.method == .post, Self.computations.contains(path), Self.isSameOrigin(request) {
                return try await next(request, context)
            }
            throw Problem(.forbidden, detail: Self.refusal)
        }
        var request = request
        let body = try await request.collectBody(upTo: maximumBodySize)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let sent: String?
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            sent = Self.formField(AccountWebSettings.csrfField, in: String(buffer: body))
        } else if contentType.hasPrefix("multipart/form-data") {
            sent = Self.multipartField(AccountWebSettings.csrfField, in: String(buffer: body))
        } else {
            sent = nil
        }
        guard let sent, AccountSecrets.constantTimeEquals(sent, expected) else {
            throw Problem(.forbidden, detail: Self.refusal)
        }
        return try await next(request, context)
    }

    /// The site's POST forms that compute and store nothing: without a session they need no token.
    static let computations: Set<String> = [SiteURL.qca.path]

    /// Whether a request comes from this site's own pages: its `Origin` (or, without it, its
    /// `Referer`) names the host the request was sent to. A request with neither — a program,
    /// not a browser form — passes; `Origin: null` does not.
    static func isSameOrigin(_ request: Request) -> Bool {
        let source = request.headers[.origin] ?? request.headers[HTTPField.Name("Referer")!]
        guard let source else { return true }
        guard source != "null", let url = URL(string: source), let host = url.host?.lowercased() else { return false }
        let authority = (request.head.authority ?? request.headers[HTTPField.Name("Host")!] ?? "").lowercased()
        let expected = url.port.map { "\(host):\($0)" } ?? host
        return authority == expected
    }

    /// The first value of `name` in a `application/x-www-form-urlencoded` body.
    static func formField(_ name: String, in body: String) -> String? {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.first == name else { continue }
            let value = parts.count > 1 ? parts[1] : ""
            return value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return nil
    }

    /// The value of the part named `name` in a `multipart/form-data` body.
    static func multipartField(_ name: String, in body: String) -> String? {
        guard let header = body.range(of: "name=\"\(name)\"") else { return nil }
        let rest = body[header.upperBound...]
        guard let start = rest.range(of: "\r\n\r\n") else { return nil }
        let value = rest[start.upperBound...]
        guard let end = value.range(of: "\r\n") else { return nil }
        return String(value[..<end.lowerBound])
    }
}
