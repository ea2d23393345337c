import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Watches the SQLite database file a server was started on (security review M6). If the file
/// is removed or replaced while the server runs, SQLite would go on writing into the removed
/// file, acknowledge every write, and lose them all at the next start. With the guard the
/// health check fails, every write is refused with 503 and the log says why, loudly.
public struct DatabaseFileGuard: Sendable {
    public let path: String
    private let identity: FileIdentity?

    struct FileIdentity: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    /// The guard of the file at `path` as it is now.
    public init(path: String) {
        self.path = path
        identity = Self.identity(of: path)
    }

    static func identity(of path: String) -> FileIdentity? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let device = (attributes[.systemNumber] as? NSNumber)?.uint64Value,
            let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value
        else { return nil }
        return FileIdentity(device: device, inode: inode)
    }

    /// What is wrong with the file, in Dutch; nil while it is the file the server opened.
    public func problem() -> String? {
        guard let identity else { return nil }
        guard let now = Self.identity(of: path) else {
            return "het databasebestand \(path) is verwijderd terwijl de server draaide"
        }
        return now == identity ? nil : "het databasebestand \(path) is vervangen terwijl de server draaide"
    }
}

/// Refuses every write (any method but GET and HEAD) with 503 while ``DatabaseFileGuard`` finds
/// the database file removed or replaced, and logs it as critical.
struct DatabaseFileGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let guardian: DatabaseFileGuard
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if request.method != .get && request.method != .head, let problem = guardian.problem() {
            logger.critical(
                "schrijven geweigerd: \(problem); herstel het bestand uit een back-up of herstart de server",
                metadata: ["pad": "\(guardian.path)"])
            throw Problem(
                .serviceUnavailable, title: "Opslaan kan nu niet",
                detail:
                    "Er wordt niets opgeslagen: \(problem). Uw invoer is niet bewaard; vraag de beheerder de server te herstarten.",
                headers: [.retryAfter: "60"])
        }
        return try await next(request, context)
    }
}
