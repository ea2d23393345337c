import Dispatch
import HTTPTypes
import Hummingbird
import Metrics
import Synchronization

/// The request metrics of Hummingbird's `MetricsMiddleware`, with the same labels and
/// dimensions (`hb.requests`, `http.server.request.duration`, `hb.request.errors` per route,
/// method and status; `http.server.active_requests` per method), recorded when the answer is
/// ready instead of after its body has been written.
///
/// Hummingbird's middleware wraps every body in a closure to hear when it was written. That takes
/// away the server's fast path for a body of one buffer, which writes head, body and end at once:
/// with it, every answer went out in three writes to the socket, each a hop to the event loop,
/// and a kept answer cost the server twice the CPU time of the same bytes without it (47 against
/// 24 µs per request; BENCHMARKS.md, "Web"). The duration is therefore the time to make the
/// answer, as in `Server-Timing`; a streamed body (an export) is not in it.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let metrics = RequestMetrics()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = DispatchTime.now().uptimeNanoseconds
        let active = metrics.active(request.method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request, context)
            let endpoint = metrics.endpoint(context.endpointPath ?? "Unknown", request.method, response.status)
            endpoint.counter.increment()
            endpoint.timer.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            let endpoint = metrics.endpoint(context.endpointPath ?? "NotFound", request.method, status)
            endpoint.counter.increment()
            endpoint.errors.increment()
            throw error
        }
    }
}

/// The metric objects per method and per route, method and status, made once: looking them up in
/// the metrics factory per request would cost more than the answer.
private final class RequestMetrics: Sendable {
    struct Endpoint: Sendable {
        let counter: Counter
        let timer: Metrics.Timer
        let errors: Counter
    }

    private struct Key: Hashable {
        let route: String
        let method: HTTPRequest.Method
        let status: Int
    }

    private let methods = Mutex<[HTTPRequest.Method: Meter]>([:])
    private let endpoints = Mutex<[Key: Endpoint]>([:])

    func active(_ method: HTTPRequest.Method) -> Meter {
        methods.withLock { known in
            if let meter = known[method] { return meter }
            let meter = Meter(
                label: "http.server.active_requests", dimensions: [("http.request.method", method.description)])
            known[method] = meter
            return meter
        }
    }

    func endpoint(_ route: String, _ method: HTTPRequest.Method, _ status: HTTPResponse.Status) -> Endpoint {
        let key = Key(route: route, method: method, status: status.code)
        return endpoints.withLock { known in
            if let endpoint = known[key] { return endpoint }
            let dimensions = [
                ("http.route", route), ("http.request.method", method.description),
                ("http.response.status_code", String(status.code)),
            ]
            let endpoint = Endpoint(
                counter: Counter(label: "hb.requests", dimensions: dimensions),
                timer: Metrics.Timer(
                    label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds),
                errors: Counter(
                    label: "hb.request.errors",
                    dimensions: [
                        ("http.route", route), ("http.request.method", method.description),
                        ("error.type", String(status.code)),
                    ]))
            known[key] = endpoint
            return endpoint
        }
    }
}
