import Hummingbird
import Logging

/// One log line per answered request, as a web server's access log has it: method, address
/// (with its query), status and the time it took to make the answer, at `info` under the request's
/// id (`hb.request.id`). Replaces Hummingbird's `LogRequestsMiddleware`, which logs before the
/// answer and so cannot give its status, and which passes method and path as metadata: swift-log's
/// `StreamLogHandler` then merges and formats the metadata anew for every line, about 3 % of the
/// server's time for a kept answer (BENCHMARKS.md, "Web"). Here the request's logger has only its
/// id, whose text the handler made once when Hummingbird set it.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context: context, status: String(response.status.code), since: start)
            return response
        } catch {
            log(request, context: context, status: "fout", since: start)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: String, since start: ContinuousClock.Instant) {
        guard context.logger.logLevel <= .info else { return }
        let duration = ServerTimingMiddleware<Context>.milliseconds(ContinuousClock.now - start)
        context.logger.info("\(request.method.rawValue) \(request.uri.description) \(status) \(duration) ms")
    }
}
