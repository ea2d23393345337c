import Foundation
import HTTPTypes
import Hummingbird
import VliegwielCore
import VliegwielStorage

/// Headers every response carries: the API version, and protection against sniffing,
/// framing and leaking the address (Dutch API design rules; OWASP secure headers).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var apiVersion: String { "1.3.0" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
        response.headers[SecurityHeaderNames.referrerPolicy] = "same-origin"
        response.headers[SecurityHeaderNames.frameOptions] = "DENY"
        response.headers[SecurityHeaderNames.apiVersion] = Self.apiVersion
        if request.uri.path.hasPrefix(APIURL.base) { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// The names of ``SecurityHeadersMiddleware``'s headers, made once: every answer, kept ones
/// too, carries them.
private enum SecurityHeaderNames {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let apiVersion = HTTPField.Name("API-Version")!
}

/// Turns every error into a response a person or a program can read: problem+json under
/// `/api`, an HTML page elsewhere. Unknown paths and trailing slashes are 404.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer
    let pages: SitePages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        let isAPI = path.hasPrefix(APIURL.base)
        if path.count > 1 && path.hasSuffix("/") {
            return respond(
                .notFound, detail: "Deze pagina bestaat niet. Adressen eindigen niet op een schuine streep.", request,
                isAPI)
        }
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            var response =
                isAPI
                ? problem.response(instance: path)
                : page(problem.status, problem.detail, request, keptInput: problem.keptInput)
            if !isAPI { response.headers.append(contentsOf: problem.headers) }
            return response
        } catch let error as HTTPError {
            let detail: String =
                switch error.status {
                case .notFound: "Deze pagina of deze bron bestaat niet."
                case .contentTooLarge: tooLargeDetail
                case .methodNotAllowed: "Deze methode is hier niet toegestaan."
                default: error.body ?? error.status.reasonPhrase
                }
            var response = respond(error.status, detail: detail, request, isAPI)
            response.headers.append(contentsOf: error.headers)  // such as Allow on a 405
            return response
        } catch let error as any HTTPResponseError {
            // Such as NIOTooManyBytesError from `collect(upTo:)` on a body without a length.
            let detail = error.status == .contentTooLarge ? tooLargeDetail : error.status.reasonPhrase
            return respond(error.status, detail: detail, request, isAPI)
        } catch {
            guard let reason = StorageFailure.unavailability(error) else {
                context.logger.error("Onverwachte fout", metadata: ["fout": "\(error)", "pad": "\(path)"])
                return respond(
                    .internalServerError, detail: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
                    request, isAPI)
            }
            // The storage failed, not the request: say so, and when to try again (review L9).
            context.logger.critical("Opslag niet beschikbaar", metadata: ["fout": "\(error)", "pad": "\(path)"])
            var response = respond(
                .serviceUnavailable,
                detail: "Er kan nu niets worden opgeslagen of gelezen: \(reason). Uw invoer is niet bewaard; "
                    + "probeer het over een minuut opnieuw.", request, isAPI)
            response.headers[.retryAfter] = "60"
            return response
        }
    }

    /// Where logging in should lead back to: the page asked for, or for a form the page that
    /// sent it (its `Referer` on this site); nil otherwise.
    /// A refused form whose page fills itself in from its query (the design form) gets the
    /// fields that were sent along, so that after logging in it comes back filled in.
    static func returnAddress(_ request: Request, keptInput: [Problem.KeptField] = []) -> String? {
        if request.method == .get || request.method == .head { return request.uri.description }
        guard let referer = request.headers[HTTPField.Name("Referer")!], CSRFMiddleware.isSameOrigin(request),
            let url = URLComponents(string: referer), url.path.hasPrefix("/")
        else { return nil }
        if url.path == SiteURL.design.path, !keptInput.isEmpty {
            let address = SiteURL.designFilledIn(
                keptInput.filter { $0.reason == nil }.map { URLQueryItem(name: $0.name, value: $0.text) }
            ).href()
            if address.utf8.count <= AccountRoutes.longestReturn { return address }
        }
        return url.path + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    private func respond(_ status: HTTPResponse.Status, detail: String, _ request: Request, _ isAPI: Bool) -> Response {
        isAPI ? Problem(status, detail: detail).response(instance: request.uri.path) : page(status, detail, request)
    }

    private func page(
        _ status: HTTPResponse.Status, _ detail: String, _ request: Request, keptInput: [Problem.KeptField] = []
    ) -> Response {
        let html = renderer.render(
            pages.error(
                status: status.code, message: detail, keptInput: keptInput,
                returnTo: Self.returnAddress(request, keptInput: keptInput),
                searchFor: status == .notFound ? ErrorPage.searchWords(path: request.uri.path) : nil),
            session: RequestAccount()
        )
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// An RFC 9457 problem: status, title, detail and, for invalid input, every invalid field.
struct Problem: Error, Sendable {
    struct InvalidParameter: Encodable, Sendable {
        var name: String
        var reason: String
    }

    /// A form field as the person sent it, shown again on a refused site form so that nothing
    /// typed is lost; `reason` says why it was refused, nil when the field itself was fine.
    struct KeptField: Sendable, Equatable {
        var name: String
        var text: String
        var reason: String?
    }

    var status: HTTPResponse.Status
    var title: String
    var detail: String
    var invalidParams: [InvalidParameter]
    /// Headers the answer carries, such as `Retry-After` on a 503.
    var headers: HTTPFields
    /// A refused site form's fields, shown again on the error page (never on the API).
    var keptInput: [KeptField]

    init(
        _ status: HTTPResponse.Status, title: String? = nil, detail: String, invalidParams: [InvalidParameter] = [],
        headers: HTTPFields = [:], keptInput: [KeptField] = []
    ) {
        self.status = status
        self.title = title ?? Self.title(for: status)
        self.detail = detail
        self.invalidParams = invalidParams
        self.headers = headers
        self.keptInput = keptInput
    }

    static func title(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "Ongeldige invoer"
        case 404: "Niet gevonden"
        case 405: "Methode niet toegestaan"
        case 406: "Niet aanvaardbaar formaat"
        case 409: "Conflict"
        case 413: "Verzoek te groot"
        case 415: "Niet ondersteund mediatype"
        default: status.code >= 500 ? "Interne fout" : "Fout"
        }
    }

    func response(instance: String) -> Response {
        struct Body: Encodable {
            var type = "about:blank"
            var title: String
            var status: Int
            var detail: String
            var instance: String
            var invalidParams: [InvalidParameter]?
        }
        let body = Body(
            title: title, status: status.code, detail: detail, instance: instance,
            invalidParams: invalidParams.isEmpty ? nil : invalidParams)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data()
        var fields: HTTPFields = [.contentType: "application/problem+json"]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// One rule for the shape of a path, before any routing or prefix decision (security review
/// L1): a path with an empty segment (`//api/v1/…`), or a `.` or `..` segment, is refused with
/// 404. Otherwise `//api/v1/…` reached the API's handlers while the session and CSRF rules
/// treated it as a site path.
struct PathShapeMiddleware<Context: RequestContext>: RouterMiddleware {
    static func isCanonical(_ path: String) -> Bool {
        guard path.hasPrefix("/") else { return false }
        if path == "/" { return true }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        // A trailing slash is the ErrorMiddleware's own 404 with its own message.
        let inner = path.hasSuffix("/") ? segments.dropLast() : segments[...]
        return !inner.contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard Self.isCanonical(request.uri.path) else {
            throw Problem(.notFound, detail: "Dit adres bestaat niet: een adres heeft geen lege of relatieve delen.")
        }
        return try await next(request, context)
    }
}

/// An API address whose `{id}` (or a deal's `{item}`) no arrangement or item can have is invalid
/// input, not an unknown resource: ids are lowercase letters and digits joined by single hyphens
/// (``ArrangementValidator/isSlug(_:)``, the rule every stored id passed). Where the route answers
/// 404 for such an address, the answer is 400 naming the parameter, as the Dutch API design rules
/// ask (/core/error-handling/invalid-input; the linter's `nlgov:problem-invalid-input`). An
/// address no route has keeps its 404.
struct APIIdentifierMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The ill-formed ids in an API address below `/api/v1/arrangementen/`, percent-decoded.
    static func invalidIdentifiers(in path: String) -> [Problem.InvalidParameter] {
        let prefix = APIURL.arrangements.path + "/"
        guard path.hasPrefix(prefix) else { return [] }
        let segments = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        var invalid: [Problem.InvalidParameter] = []
        func check(_ name: String, _ value: String) {
            guard !ArrangementValidator.isSlug(value) else { return }
            invalid.append(
                .init(
                    name: name,
                    reason:
                        "'\(InputText.visible(value))' is geen geldige id; gebruik kleine letters en cijfers met losse streepjes"
                ))
        }
        if let id = segments.first, !id.isEmpty { check("id", id) }
        if segments.count == 3, DealCollection(rawValue: segments[1]) != nil { check("item", segments[2]) }
        return invalid
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let problem as Problem where problem.status == .notFound {
            let invalid = Self.invalidIdentifiers(in: request.uri.path)
            guard !invalid.isEmpty else { throw problem }
            throw Problem(
                .badRequest, detail: "Het adres bevat een ongeldige id; zie invalidParams.", invalidParams: invalid)
        }
    }
}

/// What a 413 says, on a page and in a problem.
let tooLargeDetail = "De inhoud is groter dan \(maximumBodySize / 1024) kB."

/// Refuses a request whose `Content-Length` is above `maximumBodySize` with 413 before a byte
/// of its body is read, on every route (also one that never reads its body). A body without
/// a length (chunked) is refused by the route that reads it, with `collect(upTo:)`, after at
/// most that many bytes; the rest is drained, never held.
struct BodySizeLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maximumBodySize {
            throw Problem(.contentTooLarge, detail: tooLargeDetail)
        }
        return try await next(request, context)
    }
}

/// A path that exists answers a method it does not have with 405 and the methods it has in
/// `Allow` (RFC 9110), not with 404 as if it did not exist: found by the schemathesis run
/// (Tests/Python/test_fuzz.py). Added to the router last, so that it only wraps the router's
/// "not found" answer; a path no route has stays 404.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Per route pattern, the methods it has, `Allow`-ready.
    let patterns: [(path: RouterPath, allow: String)]

    init(routes: [Router<Context>.RouteDescription]) {
        patterns = Dictionary(grouping: routes, by: { $0.path.description }).values.map { routes in
            var methods = Set(routes.map(\.method.rawValue))
            if methods.contains("GET") { methods.insert("HEAD") }
            return (routes[0].path, methods.sorted().joined(separator: ", "))
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let components = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        let known = patterns.first { pattern in
            pattern.path.count == components.count
                && zip(pattern.path, components).allSatisfy { element, component in element ~= component }
        }
        if let known { throw HTTPError(.methodNotAllowed, headers: [.allow: known.allow]) }
        return try await next(request, context)
    }
}

/// Says how long the server took to make the answer, in a `Server-Timing` header (W3C Server
/// Timing: `app;dur=0.412`, milliseconds): from the request reaching the first middleware to
/// the answer leaving it, body included for every answer the site makes (they are rendered
/// whole before they are returned). Browsers show it in their developer tools; the web
/// benchmark reads it to measure the server's own time, apart from the network and the client.
struct ServerTimingMiddleware<Context: RequestContext>: RouterMiddleware {
    static var name: HTTPField.Name { HTTPField.Name("Server-Timing")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[Self.name] = "app;dur=" + Self.milliseconds(ContinuousClock.now - start)
        return response
    }

    /// `duration` in milliseconds with three decimals, as the header wants it (a dot, no unit).
    static func milliseconds(_ duration: Duration) -> String {
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let whole = microseconds / 1000
        let fraction = String(microseconds % 1000)
        return "\(whole)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
