import Hummingbird
import NIOCore
import VliegwielCore

/// Everything the application knows about one request besides the request itself, typed and
/// passed along the middleware chain to the handler (Hummingbird's request context): the
/// connection's address, who is asking (``RequestAccount``) and how changes are recorded in
/// the audit trail (``AuditContext``). Middlewares fill it in; handlers read it.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection's peer; behind a proxy, the proxy (``AccountWebSettings/clientAddress(_:connection:)``
    /// reads the client's address from the proxy's header when that is trusted).
    public let remoteAddress: SocketAddress?
    /// Who is asking: the signed-in account or none, and the session's id when it came with a
    /// cookie (for the CSRF token). Set by ``SessionMiddleware``.
    public var account = RequestAccount()
    /// Who changes data and from where, as the audit trail records it: the anonymous web user
    /// from the connection's address until ``SessionMiddleware`` knows better. Worked out when
    /// asked, not per request: a kept answer (``ResponseCacheMiddleware``) never asks.
    public var audit: AuditContext {
        get { knownAudit ?? .web(clientAddress: remoteAddress?.ipAddress) }
        set { knownAudit = newValue }
    }
    private var knownAudit: AuditContext?
    /// The `{id}` of a route below `/arrangementen/{id}`, percent-decoded, and the arrangement
    /// with that id when there is one: loaded once by the route group
    /// (``ArrangementLoadingMiddleware``), after the access is decided.
    var arrangementID: String?
    var arrangement: Arrangement?
    /// Whether the visitor may change that arrangement, decided by its route group together with
    /// the access to the route, so that a page shows only the forms and links its visitor may
    /// use (``EditAccess``); nil outside an arrangement's group.
    var changing: AuthorizationDecision?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The CSRF token every form of this session carries; nil without a session.
    var csrfToken: String? { account.csrfToken }
}

/// Hands the request's ``AppRequestContext/audit`` to the stores, which record every change
/// in the audit trail as by that actor from that origin. The stores are shared with the CLI
/// and read it from ``AuditContext/current``; this is the one place the web sets it, after
/// the session is known.
struct AuditBindingMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        try await AuditContext.$current.withValue(context.audit) { try await next(request, context) }
    }
}
