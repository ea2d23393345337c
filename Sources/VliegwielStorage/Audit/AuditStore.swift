import Crypto
import VliegwielCore

/// The audit trail: an append-only, hash-chained log of every data change (and, with accounts,
/// every login, failed login and change of rights). One contract, several databases.
///
/// ## Recording a data change
///
/// A change is recorded in the SAME transaction as the change itself, so that a change is
/// never stored without its entry nor an entry without its change. Who and from where come
/// from the task's ``AuditContext/current`` (set by the CLI per command and by the web
/// application per request), so store methods need no extra parameters.
///
/// A SQLite store calls, inside its `writer.write { db in … }`, after its own writes:
///
/// ```swift
/// try AuditTrail.record(
///     AuditEvent(action: "indicator.opslaan", object: "arrangement:\(id)/indicator:\(code)",
///                details: ["naam": name]),
///     in: db)
/// ```
///
/// Conventions: `action` is `<soort>.<werkwoord>` in Dutch (`arrangement.opslaan`,
/// `arrangement.verwijderen`, `portefeuille.wijzigen`); `object` is `<soort>:<id>`, nested with
/// `/`. Details are short Dutch key/value pairs that explain the change (a name, a reason, a
/// count); never whole documents, and never passwords, tokens, session ids or other secrets:
/// a secret-looking key (``AuditChain/secretKeyWords``) makes the recording throw
/// ``AuditSecretDetail``, which rolls the change back.
///
/// A PostgreSQL store does the same in its transaction: lock the trail's head (for example
/// `LOCK TABLE audit_entry IN SHARE ROW EXCLUSIVE MODE`), read the last `sequence` and `hash`,
/// build the entry with ``AuditChain/entry(for:at:afterSequence:previousHash:hashing:)`` and
/// ``AuditHashing/sha256``, and insert it.
public protocol AuditStore: Sendable {
    /// Appends `event` in a transaction of its own: for events that are not a data change of a
    /// store (a login, a refused attempt). Returns the entry as stored.
    @discardableResult
    func append(_ event: AuditEvent) async throws -> AuditEntry
    /// The entries matching `query`, and how many match in all (for paging).
    func entries(_ query: AuditQuery) async throws -> AuditPage
    /// Checks the whole chain from the first entry; names the first broken entry.
    /// Verifies the whole trail, going on past every break, and reports them all.
    func verifyAll() async throws -> AuditReport
}

/// Which entries to list. Every filter is optional; they combine with "and".
extension AuditStore {
    /// The first break, or the intact chain with its length and last entry: ``verifyAll()``
    /// in short, so that both answers come from one reading of the trail.
    public func verify() async throws -> AuditVerification {
        let report = try await verifyAll()
        if let first = report.breaks.first { return .broken(first) }
        return .intact(count: report.count, head: report.head)
    }
}

public struct AuditQuery: Sendable, Hashable {
    /// Exactly this actor.
    public var actor: String?
    /// This action; ending in `*`, every action starting with the text before it (`arrangement.*`).
    public var action: String?
    /// This object; ending in `*`, every object starting with the text before it (`arrangement:*`).
    public var object: String?
    /// From the start of this day (UTC).
    public var from: CalendarDate?
    /// Through the end of this day (UTC).
    public var through: CalendarDate?
    /// Newest first (the web page) or oldest first (the CLI, like a log file).
    public var newestFirst: Bool
    /// At most this many entries; `nil` for all.
    public var limit: Int?
    /// Skip this many matching entries first.
    public var offset: Int

    public init(
        actor: String? = nil, action: String? = nil, object: String? = nil, from: CalendarDate? = nil,
        through: CalendarDate? = nil, newestFirst: Bool = false, limit: Int? = nil, offset: Int = 0
    ) {
        self.actor = actor
        self.action = action
        self.object = object
        self.from = from
        self.through = through
        self.newestFirst = newestFirst
        self.limit = limit
        self.offset = offset
    }
}

/// A page of entries and the number of entries that match the query in all.
public struct AuditPage: Sendable, Hashable {
    public var entries: [AuditEntry]
    public var total: Int

    public init(entries: [AuditEntry], total: Int) {
        self.entries = entries
        self.total = total
    }
}

/// The audit trail of a database that does not keep one yet: appending and verifying fail,
/// listing is empty.
public struct UnavailableAuditStore: AuditStore {
    public init() {}

    @discardableResult
    public func append(_ event: AuditEvent) async throws -> AuditEntry {
        throw ValidationFailure(issues: [
            ValidationIssue(field: "audit", message: "deze database bewaart (nog) geen auditlogboek; gebruik SQLite")
        ])
    }

    public func entries(_ query: AuditQuery) async throws -> AuditPage { AuditPage(entries: [], total: 0) }

    public func verifyAll() async throws -> AuditReport {
        throw ValidationFailure(issues: [
            ValidationIssue(field: "audit", message: "deze database bewaart (nog) geen auditlogboek; gebruik SQLite")
        ])
    }
}

/// The hash function of the stored trail.
public enum AuditHashing {
    /// SHA-256 (swift-crypto), written as 64 lowercase hexadecimal digits.
    public static let sha256 = AuditHashFunction(name: "SHA-256") { bytes in Array(SHA256.hash(data: bytes)) }
}
