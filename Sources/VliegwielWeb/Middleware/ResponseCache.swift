import Foundation
import HTTPTypes
import Hummingbird
import Metrics
import Synchronization

/// The encoded bytes of answers to anonymous GET requests, keyed by the request (path, query,
/// `Accept`, host) and the
/// installation's version: the newest audit sequence number (`AuditStore.latestSequence()`).
/// Every change of a record writes an audit entry in its own transaction, on both databases
/// (`AuditInvariantTests`), so a change made by any process or instance moves the version and
/// the next request renders afresh: the cache cannot serve a page older than the database.
///
/// Not cached: anything with an account (a session or an API key; such pages are `no-store`),
/// an answer that sets a cookie, is not 200 or says `no-store`, the health probe and the metrics.
/// The calendar day is part of the key, for pages that say "vandaag".
final class ResponseCache: Sendable {
    struct Key: Hashable, Sendable {
        var path: String
        /// The query's items sorted by name, so that `?a=1&b=2` and `?b=2&a=1` share an entry;
        /// the values of one name keep their order, which can matter (the comparison's columns).
        var query: String
        /// What else may shape the answer: `Accept` (content negotiation), the host and the
        /// forwarded scheme (absolute addresses made from the request, as in the catalogue).
        var variant: String
        var day: String
        var version: Int
    }

    struct Entry: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer
        var etag: String
    }

    private struct State {
        var version = -1
        var entries: [Key: Entry] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())
    let maximumBytes: Int

    init(maximumBytes: Int = 64 << 20) {
        self.maximumBytes = maximumBytes
    }

    func entry(for key: Key) -> Entry? {
        state.withLock { $0.entries[key] }
    }

    /// Keeps `entry` unless a newer version is known already (a request that began before a
    /// change and ended after it). A newer version empties the cache: older entries can never
    /// be asked for again.
    func store(_ entry: Entry, for key: Key) {
        state.withLock { state in
            if key.version < state.version { return }
            if key.version > state.version {
                state = State(version: key.version)
            }
            let size = entry.body.readableBytes
            guard size <= maximumBytes / 8 else { return }
            while state.bytes + size > maximumBytes, let first = state.entries.first {
                state.entries[first.key] = nil
                state.bytes -= first.value.body.readableBytes
            }
            if let old = state.entries.updateValue(entry, forKey: key) { state.bytes -= old.body.readableBytes }
            state.bytes += size
        }
    }

    var count: Int { state.withLock { $0.entries.count } }

    /// A strong validator of the bytes (64-bit FNV-1a, hexadecimal, quoted).
    static func etag(of body: ByteBuffer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        body.withUnsafeReadableBytes { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        return "\"" + String(hash, radix: 16) + "-" + String(body.readableBytes, radix: 16) + "\""
    }

    /// Whether `If-None-Match` names `etag` (or is `*`).
    static func matches(_ ifNoneMatch: String?, _ etag: String) -> Bool {
        guard let ifNoneMatch else { return false }
        return ifNoneMatch.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}

/// Answers anonymous GET requests from ``ResponseCache`` and gives every cacheable answer an
/// `ETag`, answering `If-None-Match` with 304. Registered early, right after the request log and
/// the metrics, so that a kept answer costs no session lookup, audit binding or input check: a
/// request is anonymous when it carries neither a session cookie nor an `Authorization` header
/// (a request with a cookie that names no session takes the whole way and is not kept).
struct ResponseCacheMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let cache: ResponseCache
    /// The installation's version (``ChangeProbe``), read before the answer is made.
    let version: @Sendable () async throws -> Int
    /// The name of the session cookie.
    var sessionCookie = AccountWebSettings.cookieName

    static let uncachedPaths: Set<String> = [SiteURL.health.path, SiteURL.metrics.path]
    private static let hits = Counter(label: "vliegwiel_response_cache", dimensions: [("result", "hit")])
    private static let misses = Counter(label: "vliegwiel_response_cache", dimensions: [("result", "miss")])

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .get, request.headers[.authorization] == nil,
            request.cookies[sessionCookie] == nil, !Self.uncachedPaths.contains(request.uri.path)
        else { return try await next(request, context) }
        // Read before the page is made: a change during the making moves the version, and the
        // next request will not find this entry.
        // The cache sits outside the error pages: when the version cannot be read (the database
        // is unreachable), the request takes the whole way, uncached, and a failure there gets
        // the Dutch error page or problem+json like any other.
        guard let installationVersion = try? await version() else { return try await next(request, context) }
        let key = ResponseCache.Key(
            path: request.uri.path, query: Self.normalised(request.uri.query), variant: Self.variant(request),
            day: Self.today(), version: installationVersion)
        if let entry = cache.entry(for: key) {
            Self.hits.increment()
            return Self.answer(entry, to: request)
        }
        Self.misses.increment()
        let response = try await next(request, context)
        guard response.status == .ok, !response.headers.contains(.setCookie),
            response.headers[.cacheControl]?.contains("no-store") != true
        else { return response }
        let body = try await Self.collect(response.body)
        var headers = response.headers
        headers[.contentLength] = nil
        let entry = ResponseCache.Entry(
            status: response.status, headers: headers, body: body, etag: ResponseCache.etag(of: body))
        cache.store(entry, for: key)
        return Self.answer(entry, to: request)
    }

    private static func answer(_ entry: ResponseCache.Entry, to request: Request) -> Response {
        var headers = entry.headers
        headers[.eTag] = entry.etag
        if ResponseCache.matches(request.headers[.ifNoneMatch], entry.etag) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: entry.status, headers: headers, body: ResponseBody(byteBuffer: entry.body))
    }

    static func variant(_ request: Request) -> String {
        let accept = request.headers[.accept] ?? ""
        let host = (request.head.authority ?? "") + " " + (request.headers[Self.host] ?? "")
        let scheme = request.headers[Self.forwardedProto] ?? ""
        return accept + "\n" + host + "\n" + scheme
    }

    private static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    private static let host = HTTPField.Name("Host")!

    static func normalised(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        // Most queries are one item, or in order already: then the query as it came, unless it
        // has an empty item to leave out.
        let separators = query.utf8.reduce(0) { $1 == UInt8(ascii: "&") ? $0 + 1 : $0 }
        if separators == 0 { return query }
        let items = query.split(separator: "&", omittingEmptySubsequences: true)
        func name(_ item: Substring) -> Substring { item.prefix { $0 != "=" } }
        if items.count == separators + 1, zip(items, items.dropFirst()).allSatisfy({ name($0) <= name($1) }) {
            return query
        }
        return items.enumerated().sorted { lhs, rhs in
            name(lhs.element) != name(rhs.element) ? name(lhs.element) < name(rhs.element) : lhs.offset < rhs.offset
        }.map(\.element).joined(separator: "&")
    }

    /// The calendar day in the Netherlands.
    static func today() -> String { DutchDay.shared.today() }

    /// The whole body of `body` in one buffer.
    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let box = BodyCollector.Box()
        try await body.write(BodyCollector(box: box))
        return box.buffer.withLock { $0 }
    }
}

/// Gathers a response body's buffers (Hummingbird hands the writer over, so the bytes are kept
/// in a shared box).
private struct BodyCollector: ResponseBodyWriter {
    final class Box: Sendable {
        let buffer = Mutex(ByteBuffer())
    }
    let box: Box

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        box.buffer.withLock { $0.writeBuffer(&buffer) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// The calendar day in the Netherlands, worked out with the calendar once per day: every kept
/// request asks for it, and until the next midnight (Amsterdam time) the answer is the same.
final class DutchDay: Sendable {
    static let shared = DutchDay()

    private let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return calendar
    }()
    private let known = Mutex<(day: String, from: Date, until: Date)?>(nil)

    func today(at now: Date = Date()) -> String {
        if let known = known.withLock({ $0 }), known.from <= now, now < known.until { return known.day }
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        let day = "\(parts.year ?? 0)-\(parts.month ?? 0)-\(parts.day ?? 0)"
        let start = calendar.startOfDay(for: now)
        let next = calendar.date(byAdding: .day, value: 1, to: start) ?? now
        known.withLock { $0 = (day, start, next) }
        return day
    }
}
