import Foundation
import HTTPTypes
import Hummingbird
import VliegwielCore
import VliegwielStorage

/// Where the controllers register their routes: one route group per kind of access
/// (docs/accounts.md, "Wie mag wat"). A group decides with ``AuthorizationPolicy`` before any of
/// its handlers runs, so the access a route needs is stated where the route is registered and
/// cannot drift from the routing: a controller gets these groups, never the router, and a route
/// that changes data has to be put in a group that says who may change it.
struct RouteGroups {
    /// No decision: logging in and out, the stylesheet, health.
    let open: RouteGroup
    /// Reading the catalogue, the portfolio, reports and analyses across arrangements, whatever
    /// the method: the API's computations (`POST /api/v1/vergelijkingen`…) store nothing.
    let reading: RouteGroup
    /// Changing the installation as a whole: a new arrangement.
    let installation: RouteGroup
    /// The visitor's own account (`/account…`): reading it, or changing it.
    let ownAccount: RouteGroup
    /// Other people's accounts (`/beheer/gebruikers…`).
    let accounts: RouteGroup
    /// The audit trail.
    let auditTrail: RouteGroup
    /// Everything of one arrangement on the site, below `/arrangementen/{id}`: reading with GET
    /// and HEAD, changing otherwise. The group loads the arrangement once for its handlers
    /// (``AppRequestContext/arrangement``).
    let arrangement: RouteGroup
    /// The same below `/api/v1/arrangementen/{id}`.
    let apiArrangement: RouteGroup
    /// An arrangement's own page, which reads the arrangement together with everything it
    /// shows in one snapshot (``ArrangementOverview``): the access of ``arrangement``, decided
    /// the same way on the route's id, without loading the arrangement first, so that the page
    /// costs one read transaction instead of two (issue 14, the miss path). Only
    /// ``AppRequestContext/arrangementID`` is set.
    let arrangementOverview: RouteGroup

    /// A path below one of these belongs to its own group, never to one for the whole site.
    static let owned = [
        SiteURL.arrangement("").pattern, APIURL.arrangement("").pattern, AccountURL.account.pattern,
        AccountURL.admin.pattern, SiteURL.auditLog.pattern,
    ]

    init(router: Router<AppRequestContext>, settings: AccountWebSettings, arrangements: any ArrangementStore) {
        let owned = Self.owned
        func group(_ prefix: String, _ access: @escaping AccessMiddleware.Decide) -> RouteGroup {
            let group = router.group()
                .add(middleware: AccessMiddleware(settings: settings, decide: access))
                .add(middleware: CSRFMiddleware())
            return RouteGroup(group: group, prefix: prefix, owned: prefix.isEmpty ? owned : [])
        }
        func byMethod(_ object: AuthorizationObject) -> AccessMiddleware.Decide {
            { request, _ in .decide(AccessMiddleware.isRead(request) ? .read : .change, object) }
        }
        open = group("") { _, _ in .open }
        reading = group("") { _, _ in .decide(.read, .catalogue) }
        installation = group("") { _, _ in .decide(.change, .installation) }
        ownAccount = group(AccountURL.account.pattern, byMethod(.ownAccount))
        accounts = group(AccountURL.admin.pattern, byMethod(.accounts))
        auditTrail = group(SiteURL.auditLog.pattern, byMethod(.auditTrail))
        func arrangementGroup(_ prefix: String, loads: Bool = true) -> RouteGroup {
            let group = router.group()
                .add(
                    middleware: AccessMiddleware(settings: settings) { request, context in
                        .decide(
                            AccessMiddleware.isRead(request) ? .read : .change,
                            .arrangement(ArrangementLoadingMiddleware.id(context)))
                    }
                )
                .add(middleware: CSRFMiddleware())
                .add(middleware: ArrangementLoadingMiddleware(store: loads ? arrangements : nil))
            return RouteGroup(group: group, prefix: prefix, owned: [])
        }
        arrangement = arrangementGroup(SiteURL.arrangement("").pattern)
        apiArrangement = arrangementGroup(APIURL.arrangement("").pattern)
        arrangementOverview = arrangementGroup(SiteURL.arrangement("").pattern, loads: false)
    }
}

/// A route group with the path every route in it starts with (none: the whole site, except the
/// paths other groups own); registering a route outside it stops the application at start, in
/// every test run, rather than leaving the route with the wrong access.
struct RouteGroup {
    let group: RouterGroup<AppRequestContext>
    let prefix: String
    let owned: [String]

    /// Whether a group with `prefix` (empty: the whole site except `owned`) takes a route.
    static func accepts(_ pattern: String, prefix: String, owned: [String]) -> Bool {
        func below(_ path: String) -> Bool { pattern == path || pattern.hasPrefix(path + "/") }
        return (prefix.isEmpty || below(prefix)) && !owned.contains(where: below)
    }

    typealias Handler<Output> = @Sendable (Request, AppRequestContext) async throws -> Output

    @discardableResult
    func on<Output: ResponseGenerator>(
        _ pattern: String, method: HTTPRequest.Method, use handler: @escaping Handler<Output>
    ) -> Self {
        precondition(
            Self.accepts(pattern, prefix: prefix, owned: owned),
            "De route \(pattern) hoort niet in de groep '\(prefix)'.")
        group.on(RouterPath(pattern), method: method, use: handler)
        return self
    }

    @discardableResult
    func get<Output: ResponseGenerator>(_ pattern: String, use handler: @escaping Handler<Output>) -> Self {
        on(pattern, method: .get, use: handler)
    }

    @discardableResult
    func post<Output: ResponseGenerator>(_ pattern: String, use handler: @escaping Handler<Output>) -> Self {
        on(pattern, method: .post, use: handler)
    }

    @discardableResult
    func put<Output: ResponseGenerator>(_ pattern: String, use handler: @escaping Handler<Output>) -> Self {
        on(pattern, method: .put, use: handler)
    }

    @discardableResult
    func delete<Output: ResponseGenerator>(_ pattern: String, use handler: @escaping Handler<Output>) -> Self {
        on(pattern, method: .delete, use: handler)
    }
}

/// The access decision of one route group, enforced with ``AuthorizationPolicy``. Refused: the
/// API answers 401 or 403 with problem+json; the site sends a visitor who needs an account to
/// `/inloggen` (GET) or explains (other methods), sends an account that must set up TOTP to
/// `/account`, and explains a refusal of the role on a 403 page.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    enum Access: Sendable, Hashable {
        case open
        case decide(AuthorizationAction, AuthorizationObject)
    }
    typealias Decide = @Sendable (Request, AppRequestContext) -> Access

    let settings: AccountWebSettings
    let decide: Decide

    static func isRead(_ request: Request) -> Bool { request.method == .get || request.method == .head }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard case .decide(let action, let object) = decide(request, context) else {
            return try await next(request, context)
        }
        let decision = settings.policy.decide(context.account.actor, action, object)
        if decision.isAllowed {
            guard case .arrangement = object else { return try await next(request, context) }
            var context = context
            context.changing =
                action == .change ? decision : settings.policy.decide(context.account.actor, .change, object)
            return try await next(request, context)
        }
        let path = request.uri.path
        let isAPI = path.hasPrefix(APIURL.base)
        switch decision.outcome {
        case .needsAccount where isAPI:
            return unauthorizedAPIResponse(
                "Hiervoor is een API-sleutel nodig ('Authorization: Bearer <sleutel>'): \(decision.reason).", path)
        case .needsAccount where Self.isRead(request):
            return redirect(AccountURL.login(returnTo: request.uri.description).href)
        case .needsAccount:
            // A refused form keeps what was typed: the error page shows it again (usability review).
            throw Problem(
                .unauthorized,
                detail:
                    "U bent niet ingelogd, en \(action == .change ? "wijzigen" : "dit") vraagt een account met de juiste rol. Er is niets opgeslagen. Log in en verstuur het opnieuw.",
                keptInput: try await Self.keptInput(request, isAPI: isAPI))
        case .needsSecondFactorSetup where !isAPI && Self.isRead(request):
            return redirect(AccountURL.account.href)
        default:
            await settings.service.record(
                "toegang", object: "\(object)", result: .refused,
                details: ["actie": action.rawValue, "pad": String(path.prefix(200))], context: context.audit)
            throw Problem(
                .forbidden, title: "Geweigerd", detail: "Geweigerd: \(decision.reason). Er is niets opgeslagen.",
                keptInput: try await Self.keptInput(request, isAPI: isAPI))
        }
    }

    private func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// The fields of a refused site form, to show again; nothing for the API or another body.
    private static func keptInput(_ request: Request, isAPI: Bool) async throws -> [Problem.KeptField] {
        guard !isAPI, request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        else { return [] }
        var request = request
        return InputTextMiddleware<AppRequestContext>.keptInput(
            String(buffer: try await request.collectBody(upTo: maximumBodySize)))
    }
}

/// Loads the arrangement of `/arrangementen/{id}` once, after the access is decided (so that a
/// refused visitor does not learn whether it exists), for every handler of the group; without a
/// store (``RouteGroups/arrangementOverview``) it only sets the id.
struct ArrangementLoadingMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: (any ArrangementStore)?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let id = Self.id(context)
        context.arrangementID = id
        if let store { context.arrangement = try await store.arrangement(id: id) }
        return try await next(request, context)
    }
}

extension ArrangementLoadingMiddleware {
    /// The `{id}` of the route, percent-decoded, as access is decided on it and as it is loaded.
    static func id(_ context: AppRequestContext) -> String {
        context.parameters.get("id").map { $0.removingPercentEncoding ?? $0 } ?? ""
    }
}

extension AppRequestContext {
    /// The arrangement of the route, or a 404 when there is none with that id.
    func requireArrangement() throws -> Arrangement {
        guard let arrangement else { throw unknownArrangement() }
        return arrangement
    }

    /// The 404 for a route whose arrangement does not exist.
    func unknownArrangement() -> Problem {
        Problem(.notFound, detail: "Er is geen arrangement met id '\(arrangementID ?? "")'.")
    }
}
