import Foundation
import GRDB
import VliegwielCore

/// The arrangements, on SQLite and PostgreSQL alike (``StoreDatabase``): SQL once, the
/// decisions ``ArrangementRules``'.
public final class DatabaseArrangementStore: ArrangementStore {
    private let database: any StoreDatabase
    private let rules = ArrangementRules()

    init(database: any StoreDatabase) {
        self.database = database
    }

    public convenience init(database: AppDatabase) { self.init(database: database as any StoreDatabase) }

    /// Opens (creating when absent) the SQLite database file at `path`, migrated.
    public convenience init(path: String) throws {
        self.init(database: try AppDatabase(path: path))
    }

    /// An in-memory SQLite database.
    public convenience init() throws {
        self.init(database: try AppDatabase())
    }

    public func allArrangements() async throws -> [Arrangement] {
        try await database.rows(StoredStatement("SELECT document FROM arrangement")) {
            try $0.value("document") as String
        }
        .map(rules.decode).sortedCanonically()
    }

    public func arrangementCount() async throws -> Int {
        try await database.rows(StoredStatement("SELECT COUNT(*) AS count FROM arrangement")) {
            try $0.value("count") as Int
        }
        .first ?? 0
    }

    private static func document(_ id: String) -> StoredStatement {
        StoredStatement("SELECT document, name FROM arrangement WHERE id = ?", id)
    }

    public func arrangement(id: String) async throws -> Arrangement? {
        try await database.rows(Self.document(id)) { try $0.value("document") as String }.first.map(rules.decode)
    }

    public func save(_ arrangements: [Arrangement], author: String, reason: String) async throws {
        let documents = try ArrangementRules.documents(arrangements, author: author, reason: reason)
        try await database.write(documents.map { Self.document($0.0.id) }) { rows in
            try Self.writes(documents, over: rows, author: author, reason: reason, result: ())
        }
    }

    public func save(
        _ arrangement: Arrangement, expecting expected: ExpectedRevision, author: String, reason: String
    ) async throws -> RecordRevision {
        let documents = try ArrangementRules.documents([arrangement], author: author, reason: reason)
        let revision = try await database.write([Self.document(arrangement.id)]) { rows in
            try self.rules.check(arrangement.id, stored: try rows[0].first?.value("document"), expecting: expected)
            return try Self.writes(
                documents, over: rows, author: author, reason: reason, result: try RecordRevision(of: arrangement))
        }
        // One change at a time (a form, the API) is read back at once, mostly by the page the
        // writer is sent to: decoding the stored text now, after the commit, spares that first
        // read the decoding (issue 14, the miss path). Kept by its text, as every read keeps it.
        for (_, document) in documents { _ = try? rules.decode(document) }
        return revision
    }

    /// Inserts or replaces each arrangement over its stored document (`stored`, as read by
    /// ``document(_:)``), with its audit entry and, when the rules say so, its version.
    private static func writes<T>(
        _ documents: [(Arrangement, String)], over stored: [[any StoredRow]], author: String, reason: String, result: T
    ) throws -> StoreWrites<T> {
        let now = Date()
        var statements: [StoredStatement] = []
        var events: [AuditEvent] = []
        // The same arrangement twice in one save: the second is saved over the first.
        var documentsNow: [String: String] = [:]
        for ((arrangement, document), rows) in zip(documents, stored) {
            let before = try documentsNow[arrangement.id] ?? rows.first?.value("document")
            documentsNow[arrangement.id] = document
            let saving = ArrangementRules.saving(
                arrangement, document: document, over: before, author: author, reason: reason)
            events.append(saving.event)
            statements.append(
                StoredStatement(
                    """
                    INSERT INTO arrangement (id, name, family, kind, variant_id, document, version, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, 1, ?)
                    ON CONFLICT (id) DO UPDATE SET
                      name = excluded.name, family = excluded.family, kind = excluded.kind,
                      variant_id = excluded.variant_id, document = excluded.document,
                      version = arrangement.version + 1, updated_at = excluded.updated_at
                    """, arrangement.id, arrangement.name, arrangement.family.rawValue, arrangement.kind.rawValue,
                    arrangement.variantID, document, now))
            guard saving.addsVersion else { continue }
            statements.append(
                StoredStatement(
                    """
                    INSERT INTO arrangement_version (arrangement_id, version, recorded_at, author, reason, document)
                    VALUES (?, (SELECT COALESCE(MAX(version), 0) + 1 FROM arrangement_version WHERE arrangement_id = ?),
                            ?, ?, ?, ?)
                    """, arrangement.id, arrangement.id, now, author, reason, document))
        }
        return StoreWrites(statements, events: events, result: result)
    }

    public func versions(of id: String) async throws -> [ArrangementVersion] {
        try rules.versions(
            try await database.read([
                StoredStatement("SELECT 1 FROM arrangement WHERE id = ?", id),
                StoredStatement(
                    """
                    SELECT version, recorded_at, author, reason, document FROM arrangement_version
                    WHERE arrangement_id = ? ORDER BY version
                    """, id),
            ]) { rows in
                guard !rows[0].isEmpty else { throw unknownArrangement(id) }
                return try rows[1].map { try ArrangementRules.versionRow($0) }
            })
    }

    public func firstVersionReasons() async throws -> [String: String] {
        let rows = try await database.rows(
            StoredStatement("SELECT arrangement_id, reason FROM arrangement_version WHERE version = 1")
        ) { (try $0.value("arrangement_id") as String, try $0.value("reason") as String) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    public func overview(of id: String) async throws -> ArrangementOverview? {
        try await database.read(ArrangementOverview.reads(id)) { [rules] rows in
            try ArrangementOverview.read(rows, id: id, rules: rules)
        }
    }

    public func delete(id: String) async throws -> Bool {
        try await database.write([Self.document(id)]) { rows in try Self.removal(id, rows[0], result: true) }
    }

    public func delete(id: String, expecting expected: RecordRevision) async throws -> Bool {
        try await database.write([Self.document(id)]) { rows in
            if let stored: String = try rows[0].first?.value("document") {
                try self.rules.check(id, stored: stored, expecting: .revision(expected))
            }
            return try Self.removal(id, rows[0], result: true)
        }
    }

    /// Removes arrangement `id` when it is stored (`rows`, as read by ``document(_:)``) and records it.
    private static func removal(_ id: String, _ rows: [any StoredRow], result: Bool) throws -> StoreWrites<Bool> {
        guard let name: String = try rows.first?.value("name") else { return StoreWrites([], result: false) }
        return StoreWrites(
            [StoredStatement("DELETE FROM arrangement WHERE id = ?", id)],
            events: [ArrangementRules.removal(id, name: name)],
            result: result)
    }
}

/// The arrangements in the embedded SQLite database.
public typealias SQLiteArrangementStore = DatabaseArrangementStore
