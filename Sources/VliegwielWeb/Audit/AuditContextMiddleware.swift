import Hummingbird
import NIOCore
import VliegwielCore

/// The network address of the client of the current request, known to the connection but not
/// to Hummingbird's `BasicRequestContext`; set by ``ClientAddressResponder``.
enum ClientAddress {
    @TaskLocal static var current: String?
}

/// Sets the audit trail's "who and from where" (``AuditContext``) for every request, so that
/// every change a request makes is recorded by the anonymous web user from the client's
/// address. Accounts replace the actor with the signed-in user in their own middleware, after
/// this one.
struct AuditContextMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        try await AuditContext.$current.withValue(.web(clientAddress: ClientAddress.current)) {
            try await next(request, context)
        }
    }
}

/// The router's responder, told the client's address first: the connection's remote address,
/// without the port (a proxy in front shows as the proxy's address).
struct ClientAddressResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == BasicRequestContext {
    let inner: Inner

    func respond(to request: Request, context: AddressedRequestContext) async throws -> Response {
        try await ClientAddress.$current.withValue(context.clientAddress) {
            try await inner.respond(to: request, context: context.basic)
        }
    }
}

/// The request context of the server: the router's own context and the client's address.
struct AddressedRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let basic: BasicRequestContext
    let clientAddress: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        basic = BasicRequestContext(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }
}
