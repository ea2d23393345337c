import Foundation

/// Who makes a change and from where, for the audit trail, carried by the task that does the
/// work so that the stores can record it without every store method taking it as a parameter.
///
/// The command line sets it per command (``commandLine(actor:)``), the web application per
/// request (``web(clientAddress:)``); accounts, when they come, set the signed-in user as the
/// actor in the same way:
///
/// ```swift
/// try await AuditContext.$current.withValue(AuditContext(actor: user, origin: address)) {
///     try await next(request, context)
/// }
/// ```
public struct AuditContext: Sendable, Hashable {
    /// Who: a person's name or account, or a fixed description (`anoniem (geen accounts)`).
    public var actor: String
    /// From where: `cli`, or the client's network address.
    public var origin: String

    public init(actor: String, origin: String) {
        self.actor = actor
        self.origin = origin
    }

    /// The context of the running task; ``unattributed`` when nobody set one.
    @TaskLocal public static var current = AuditContext.unattributed

    /// Work that nobody claimed (a test, or a library call outside a command or request).
    public static let unattributed = AuditContext(actor: "onbekend", origin: "onbekend")

    /// The actor of every web request until accounts exist.
    public static let anonymousWebActor = "anoniem (geen accounts)"

    /// A command of the `vliegwiel` CLI, by `actor` (its `--auteur`), or `onbekend` without one.
    public static func commandLine(actor: String?) -> AuditContext {
        let name = actor?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return AuditContext(actor: name.isEmpty ? "onbekend" : name, origin: "cli")
    }

    /// A web request from `clientAddress` (`onbekend` when the server does not know it).
    public static func web(clientAddress: String?) -> AuditContext {
        let address = clientAddress?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return AuditContext(actor: anonymousWebActor, origin: address.isEmpty ? "onbekend" : address)
    }
}
