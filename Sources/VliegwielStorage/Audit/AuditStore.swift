import Crypto
import Foundation
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
/// A store written over ``StoreDatabase`` returns the events with its writes
/// (`StoreWrites(statements, events: [AuditEvent(…)], result: …)`); each database appends them
/// after the writes, in the same transaction (`Database.record(_:)`, `PostgresConnection.record(_:)`):
///
/// ```swift
/// AuditEvent(action: "indicator.opslaan", object: "arrangement:\(id)/indicator:\(code)",
///            details: ["naam": name])
/// ```
///
/// Conventions: `action` is `<soort>.<werkwoord>` in Dutch (`arrangement.opslaan`,
/// `arrangement.verwijderen`, `portefeuille.wijzigen`); `object` is `<soort>:<id>`, nested with
/// `/`. Details are short Dutch key/value pairs that explain the change (a name, a reason, a
/// count); never whole documents, and never passwords, tokens, session ids or other secrets:
/// a secret-looking key (``AuditChain/secretKeyWords``) makes the recording throw
/// ``AuditSecretDetail``, which rolls the change back.
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
    /// The sequence number of the newest entry (0 for an empty trail). Every change of a
    /// record writes an entry in its own transaction (`AuditInvariantTests`), so this number is
    /// the installation's version: it changes exactly when something may have, for every
    /// process and instance on the database. Read caches key on it.
    func latestSequence() async throws -> Int
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

/// The hash function of the stored trail.
public enum AuditHashing {
    /// SHA-256 (swift-crypto), written as 64 lowercase hexadecimal digits.
    public static let sha256 = AuditHashFunction(name: "SHA-256") { bytes in Array(SHA256.hash(data: bytes)) }
}

/// The audit stores' row mapping, filters and verification, the same on every database: each
/// store reads and writes with its own SQL.
enum AuditRules {
    /// The trail's head: the sequence and hash of the newest entry, none when it is empty.
    static let head = StoredStatement("SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1")

    /// The entry that appends `event` after the trail's `head` (as read by ``head``). The caller's
    /// write transaction (SQLite's, or PostgreSQL's under the write lock) keeps another writer
    /// from appending in between.
    static func entry(appending event: AuditEvent, head: [any StoredRow]) throws -> AuditEntry {
        try AuditChain.entry(
            for: event, at: AuditTimestamp(Date()), afterSequence: try head.first?.value("sequence") ?? 0,
            previousHash: try head.first?.value("hash") ?? AuditChain.genesisHash, hashing: AuditHashing.sha256)
    }

    static func row(_ entry: AuditEntry) throws -> StoredInsert {
        StoredInsert(
            "audit_entry",
            [
                "sequence": entry.sequence, "recorded_at": entry.time.iso, "actor": entry.actor,
                "action": entry.action, "object": entry.object, "result": entry.result.rawValue,
                "origin": entry.origin, "details": try StoredDocument.text(entry.details),
                "previous_hash": entry.previousHash, "hash": entry.hash,
            ])
    }

    /// An entry as stored. A value that no longer reads (changed behind the store's back) is
    /// kept in a form whose hash fails, so verification names the entry instead of stopping.
    static func entry(_ row: some StoredRow) -> AuditEntry {
        func text(_ column: String) -> String { (try? row.value(column) as String?) ?? "" }
        let details =
            (try? JSONDecoder().decode([String: String].self, from: Data(text("details").utf8)))
            ?? ["(onleesbaar)": text("details")]
        return AuditEntry(
            sequence: (try? row.value("sequence")) ?? 0,
            time: AuditTimestamp(iso: text("recorded_at")) ?? AuditTimestamp(millisecondsSince1970: Int64.min / 2),
            event: AuditEvent(
                actor: text("actor"), action: text("action"), object: text("object"),
                result: AuditResult(rawValue: text("result")), origin: text("origin"), details: details),
            previousHash: text("previous_hash"), hash: text("hash"))
    }

    /// The `WHERE` clause and the ordering and paging of `query`, with the values of the filter's `?`.
    static func clauses(_ query: AuditQuery) -> (filter: String, rest: String, values: [StoredValue]) {
        var values: [StoredValue] = []
        func placeholder(_ value: String) -> String {
            values.append(.text(value))
            return "?"
        }
        var conditions: [String] = []
        if let actor = query.actor { conditions.append("actor = \(placeholder(actor))") }
        for (column, value) in [("action", query.action), ("object", query.object)] {
            guard let value else { continue }
            if value.hasSuffix("*") {
                let prefix = String(value.dropLast())
                conditions.append("substr(\(column), 1, length(\(placeholder(prefix)))) = \(placeholder(prefix))")
            } else {
                conditions.append("\(column) = \(placeholder(value))")
            }
        }
        // The time is the entry's own ISO text (as hashed), so comparing text compares moments.
        if let from = query.from {
            conditions.append("recorded_at >= \(placeholder(AuditTimestamp(startOf: from).iso))")
        }
        if let through = query.through {
            let end = AuditTimestamp(
                millisecondsSince1970: AuditTimestamp(startOf: through).millisecondsSince1970 + 86_400_000)
            conditions.append("recorded_at < \(placeholder(end.iso))")
        }
        return (
            conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "),
            "ORDER BY sequence \(query.newestFirst ? "DESC" : "ASC") LIMIT \(max(0, query.limit ?? Int.max))"
                + " OFFSET \(max(0, query.offset))", values
        )
    }
}

/// Verifying a trail read in order, going on past every break (``AuditStore/verifyAll()``):
/// first every sequence number present, then every entry.
struct AuditReading {
    private var verifier = AuditVerifier(hashing: AuditHashing.sha256)
    private var breaks: [AuditBreak] = []
    private var head: AuditHead?
    private var sequences: Set<Int> = []

    mutating func present(_ sequence: Int) { sequences.insert(sequence) }

    mutating func read(_ entry: AuditEntry) {
        if verifier.presentSequences == nil { verifier.presentSequences = sequences }
        breaks += verifier.checkContinuing(entry)
        head = AuditHead(sequence: entry.sequence, hash: entry.hash)
    }

    var report: AuditReport { AuditReport(count: sequences.count, head: head, breaks: breaks) }
}

/// The audit trail on SQLite and PostgreSQL alike (``StoreDatabase``): one hash chain,
/// canonical form and verification (``AuditRules``, ``AuditChain``, SHA-256), in table
/// `audit_entry` of migration "v8 audit trail", whose triggers (``AuditSchema``) refuse UPDATE,
/// DELETE (and on PostgreSQL TRUNCATE) and an INSERT that does not continue the chain.
final class DatabaseAuditStore: AuditStore {
    private let database: any StoreDatabase

    init(database: any StoreDatabase) {
        self.database = database
    }

    @discardableResult
    func append(_ event: AuditEvent) async throws -> AuditEntry {
        try await database.write([AuditRules.head]) { rows in
            let entry = try AuditRules.entry(appending: event, head: rows[0])
            return StoreWrites([try AuditRules.row(entry).statement], result: entry)
        }
    }

    func entries(_ query: AuditQuery) async throws -> AuditPage {
        let (filter, rest, values) = AuditRules.clauses(query)
        return try await database.read([
            StoredStatement(sql: "SELECT COUNT(*) AS count FROM audit_entry \(filter)", values: values),
            StoredStatement(sql: "SELECT * FROM audit_entry \(filter) \(rest)", values: values),
        ]) { rows in
            AuditPage(entries: rows[1].map { AuditRules.entry($0) }, total: try rows[0].first?.value("count") ?? 0)
        }
    }

    func latestSequence() async throws -> Int {
        try await database.rows(StoredStatement("SELECT COALESCE(MAX(sequence), 0) AS latest FROM audit_entry")) {
            try $0.value("latest") as Int
        }.first ?? 0
    }

    func verifyAll() async throws -> AuditReport {
        try await database.scan(
            [
                StoredStatement("SELECT sequence FROM audit_entry"),
                StoredStatement("SELECT * FROM audit_entry ORDER BY sequence"),
            ],
            into: AuditReading()
        ) { reading, read, row in
            if read == 0 { reading.present(try row.value("sequence")) } else { reading.read(AuditRules.entry(row)) }
        }.report
    }
}
