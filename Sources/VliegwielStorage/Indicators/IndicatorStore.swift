import Foundation
import GRDB
import VliegwielCore

/// A filter on context observations; `nil` fields match everything.
public struct ContextFilter: Sendable, Hashable {
    public var tableID: String?
    public var regions: [RegionCode]?
    public var period: IndicatorPeriod?
    public var measure: String?

    public init(
        tableID: String? = nil, regions: [RegionCode]? = nil, period: IndicatorPeriod? = nil, measure: String? = nil
    ) {
        self.tableID = tableID
        self.regions = regions
        self.period = period
        self.measure = measure
    }
}

/// A page of observations and how many match in all.
public struct ContextObservationPage: Sendable, Hashable {
    public var total: Int
    public var observations: [ContextObservation]
}

/// What an import stored.
public struct ContextImportSummary: Sendable, Hashable {
    public var table: ContextTable
    public var rowsRead: Int
    public var observations: Int
    public var measures: [String]
}

/// Where an installation keeps its indicators (issue 6 item 3): per arrangement its
/// programme indicators and regions, and the context tables with their observations.
public protocol IndicatorStore: Sendable {
    /// The programme indicators and regions of arrangement `id`, `nil` when none were recorded.
    ///
    /// - Throws: ``ValidationFailure`` naming `id` when the arrangement is unknown.
    func indicators(of id: String) async throws -> ArrangementIndicators?
    /// Replaces the indicators of their arrangement, validated first; refused ones store nothing.
    ///
    /// - Throws: ``ValidationFailure`` with every problem: unknown arrangement, fictional
    ///   indicators on a real deal (or real ones on the fictional deal), the core's checks.
    func save(_ indicators: ArrangementIndicators) async throws
    /// Imports a context table in one transaction while `read` streams its rows: `read` gets
    /// a function that stores one observation and returns the rows' problems. When it
    /// returns any problem, or throws, nothing of the import is kept. An observation of the
    /// same table, measure, region and period replaces the stored one; the table's
    /// description replaces the old one.
    ///
    /// - Throws: ``ValidationFailure`` listing every problem (the table's description, a
    ///   fictional region in a real table or the other way round, the rows' problems).
    @discardableResult
    func importContext(
        _ table: ContextTable,
        read:
            @escaping (_ store: (ContextObservation) throws -> Void) throws -> (
                rowsRead: Int, issues: [ContextRowIssue]
            )
    ) async throws -> ContextImportSummary
    /// Every context table, by id.
    func contextTables() async throws -> [ContextTable]
    /// The observations matching `filter`, ordered by table, measure, region and period;
    /// `limit` of them from `offset`.
    func observations(matching filter: ContextFilter, limit: Int?, offset: Int) async throws -> ContextObservationPage
    /// Records the demo indicators and context table once under `name`; never again after
    /// the user deletes the arrangement. Returns whether anything was stored.
    @discardableResult
    func seedIfAbsent(
        _ indicators: ArrangementIndicators, table: ContextTable, observations: [ContextObservation], name: String
    ) async throws -> Bool
}

/// The tables of migration "v6 indicators".
enum IndicatorSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE arrangement_indicators (
                  arrangement_id TEXT PRIMARY KEY NOT NULL REFERENCES arrangement(id) ON DELETE CASCADE,
                  document TEXT NOT NULL CHECK (json_valid(document))
                );
                CREATE TABLE context_table (
                  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
                  title TEXT NOT NULL,
                  source TEXT NOT NULL,
                  is_fictional INTEGER NOT NULL CHECK (is_fictional IN (0, 1)),
                  measures TEXT NOT NULL CHECK (json_valid(measures)),
                  imported_at DATETIME NOT NULL
                );
                CREATE TABLE context_observation (
                  table_id TEXT NOT NULL REFERENCES context_table(id) ON DELETE CASCADE,
                  measure TEXT NOT NULL,
                  region TEXT NOT NULL,
                  period TEXT NOT NULL,
                  value REAL,
                  PRIMARY KEY (table_id, measure, region, period)
                ) WITHOUT ROWID;
                CREATE INDEX context_observation_region ON context_observation(region, table_id);
                """)
    }
}

/// The indicators in the embedded SQLite database.
public final class SQLiteIndicatorStore: IndicatorStore {
    /// The name under which the fictional demo indicators are recorded in `seeded_data`.
    public static let fictionalExampleSeedName = "indicatoren-fictief-regio-deal-voorbeeld"

    private let writer: any DatabaseWriter

    public init(database: AppDatabase) {
        writer = database.writer
    }

    public func indicators(of id: String) async throws -> ArrangementIndicators? {
        try await writer.read { db in
            try Self.requireArrangement(id, in: db)
            guard
                let text = try String.fetchOne(
                    db, sql: "SELECT document FROM arrangement_indicators WHERE arrangement_id = ?", arguments: [id])
            else { return nil }
            return try JSONDecoder().decode(ArrangementIndicators.self, from: Data(text.utf8))
        }
    }

    public func save(_ indicators: ArrangementIndicators) async throws {
        try await writer.write { db in try Self.save(indicators, in: db) }
    }

    @discardableResult
    public func importContext(
        _ table: ContextTable,
        read:
            @escaping (_ store: (ContextObservation) throws -> Void) throws -> (
                rowsRead: Int, issues: [ContextRowIssue]
            )
    ) async throws -> ContextImportSummary {
        if !table.issues.isEmpty { throw ValidationFailure(issues: table.issues) }
        // `read` runs once, inside the write transaction, before `write` returns; it is not
        // shared with any other task, whatever the Sendable checker cannot see.
        nonisolated(unsafe) let read = read
        return try await writer.write { db in try Self.importContext(table, read: read, in: db) }
    }

    public func contextTables() async throws -> [ContextTable] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM context_table ORDER BY id").map { row in
                let measures: String = row["measures"]
                return ContextTable(
                    id: row["id"], title: row["title"], source: row["source"], isFictional: row["is_fictional"],
                    measures: try JSONDecoder().decode([ContextMeasure].self, from: Data(measures.utf8)))
            }
        }
    }

    public func observations(matching filter: ContextFilter, limit: Int?, offset: Int) async throws
        -> ContextObservationPage
    {
        try await writer.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let table = filter.tableID {
                conditions.append("table_id = ?")
                arguments.append(table)
            }
            if let regions = filter.regions {
                conditions.append("region IN (\(regions.map { _ in "?" }.joined(separator: ", ")))")
                arguments += regions.map(\.code)
                if regions.isEmpty { conditions.append("0") }
            }
            if let period = filter.period {
                conditions.append("period = ?")
                arguments.append(period.code)
            }
            if let measure = filter.measure {
                conditions.append("measure = ?")
                arguments.append(measure)
            }
            let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM context_observation" + whereClause,
                    arguments: StatementArguments(arguments)) ?? 0
            var sql =
                "SELECT * FROM context_observation" + whereClause + " ORDER BY table_id, measure, region, period"
            if let limit { sql += " LIMIT \(max(0, limit)) OFFSET \(max(0, offset))" }
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
            return ContextObservationPage(total: total, observations: try rows.map(Self.observation))
        }
    }

    @discardableResult
    public func seedIfAbsent(
        _ indicators: ArrangementIndicators, table: ContextTable, observations: [ContextObservation], name: String
    ) async throws -> Bool {
        try await writer.write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM seeded_data WHERE name = ?)", arguments: [name]) != true
            else { return false }
            try db.execute(
                sql: "INSERT INTO seeded_data (name, seeded_at) VALUES (?, ?)", arguments: [name, Date()])
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = ?)",
                    arguments: [indicators.arrangementID]) == true
            else { return false }
            let hasIndicators =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM arrangement_indicators WHERE arrangement_id = ?)",
                    arguments: [indicators.arrangementID]) == true
            if !hasIndicators { try Self.save(indicators, in: db) }
            let hasTable =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM context_table WHERE id = ?)", arguments: [table.id]) == true
            if !hasTable {
                _ = try Self.importContext(
                    table,
                    read: { store in
                        for observation in observations { try store(observation) }
                        return (observations.count, [])
                    }, in: db)
            }
            return true
        }
    }

    // MARK: - Rows

    private static func requireArrangement(_ id: String, in db: Database) throws {
        guard
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = ?)", arguments: [id])
                == true
        else { throw IndicatorRules.unknownArrangement(id) }
    }

    private static func save(_ indicators: ArrangementIndicators, in db: Database) throws {
        let id = indicators.arrangementID
        try requireArrangement(id, in: db)
        let fictional =
            try Bool.fetchOne(
                db, sql: "SELECT is_fictional FROM portfolio_deal WHERE arrangement_id = ?", arguments: [id]) ?? false
        let document = try IndicatorRules.document(indicators, dealIsFictional: fictional)
        try db.execute(
            sql: "INSERT OR REPLACE INTO arrangement_indicators (arrangement_id, document) VALUES (?, ?)",
            arguments: [id, document])
        try db.record(IndicatorRules.savedEvent(indicators))
    }

    private static func importContext(
        _ table: ContextTable,
        read: (_ store: (ContextObservation) throws -> Void) throws -> (rowsRead: Int, issues: [ContextRowIssue]),
        in db: Database
    ) throws -> ContextImportSummary {
        let measures = String(decoding: try JSONEncoder().encode(table.measures), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO context_table (id, title, source, is_fictional, measures, imported_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET title = excluded.title, source = excluded.source,
                  is_fictional = excluded.is_fictional, measures = excluded.measures, imported_at = excluded.imported_at
                """,
            arguments: [table.id, table.title, table.source, table.isFictional, measures, Date()])
        let writer = try ObservationWriter(tableID: table.id, in: db)
        defer { writer.restoreCache() }
        var stored = 0
        var measureCodes: Set<String> = []
        var lastMeasure = ""
        var mismatch: ValidationIssue?
        let (rowsRead, rowIssues) = try read { observation in
            guard mismatch == nil else { return }
            if observation.region.isFictional != table.isFictional {
                mismatch = ValidationIssue(
                    field: "RegioS",
                    message: table.isFictional
                        ? "een fictieve tabel bevat alleen fictieve regio's (FX…), niet \(observation.region)"
                        : "\(observation.region) is een fictieve regiocode; die hoort niet in CBS-gegevens")
                return
            }
            try writer.append(observation)
            stored += 1
            if observation.measure != lastMeasure {
                lastMeasure = observation.measure
                measureCodes.insert(observation.measure)
            }
        }
        try writer.flush()
        let issues = rowIssues.map(\.validationIssue) + (mismatch.map { [$0] } ?? [])
        // Throwing here rolls the whole transaction back: nothing of the import is kept.
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
        try db.record(IndicatorRules.importedEvent(table, rowsRead: rowsRead, stored: stored))
        return ContextImportSummary(
            table: table, rowsRead: rowsRead, observations: stored, measures: measureCodes.sorted())
    }

    private static func observation(_ row: Row) throws -> ContextObservation {
        try IndicatorRules.observation(
            tableID: row["table_id"], measure: row["measure"], region: row["region"], period: row["period"],
            value: row["value"])
    }
}

/// Writes observations with prepared multi-row `INSERT OR REPLACE` statements: rows are
/// gathered into batches of ``rowsPerStatement`` and each batch is one statement execution,
/// inside the caller's transaction. Within a batch, as between batches, a later row of the
/// same key replaces an earlier one (SQLite applies the conflict rule row by row, in order).
/// While it writes, the connection's page cache is raised to ``cacheKiB`` so that the
/// composite primary key and the region index stay in memory; ``flush()`` puts it back.
final class ObservationWriter {
    static let rowsPerStatement = 200
    static let cacheKiB = 32_768

    private let db: Database
    private let tableID: DatabaseValue
    private var batch: Statement?
    private var single: Statement?
    private var values: [DatabaseValue] = []
    private var periodCodes: [IndicatorPeriod: DatabaseValue] = [:]
    private var previousCache: Int?

    init(tableID: String, in db: Database) throws {
        self.db = db
        self.tableID = tableID.databaseValue
        values.reserveCapacity(Self.rowsPerStatement * 5)
        previousCache = try Int.fetchOne(db, sql: "PRAGMA cache_size")
        try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)")
    }

    func append(_ observation: ContextObservation) throws {
        let period: DatabaseValue
        if let known = periodCodes[observation.period] {
            period = known
        } else {
            period = observation.period.code.databaseValue
            if periodCodes.count < 100_000 { periodCodes[observation.period] = period }
        }
        values.append(tableID)
        values.append(observation.measure.databaseValue)
        values.append(observation.region.code.databaseValue)
        values.append(period)
        values.append(observation.value?.databaseValue ?? .null)
        if values.count == Self.rowsPerStatement * 5 {
            let statement = try batch ?? db.makeStatement(sql: Self.insert(rows: Self.rowsPerStatement))
            batch = statement
            statement.setUncheckedArguments(StatementArguments(values))
            try statement.execute()
            values.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is left.
    func flush() throws {
        if !values.isEmpty {
            let statement = try single ?? db.makeStatement(sql: Self.insert(rows: 1))
            single = statement
            for start in stride(from: 0, to: values.count, by: 5) {
                statement.setUncheckedArguments(StatementArguments(values[start..<start + 5]))
                try statement.execute()
            }
            values.removeAll(keepingCapacity: true)
        }
    }

    /// Puts the connection's page cache back as it was (also after a failed import).
    func restoreCache() {
        guard let previousCache else { return }
        try? db.execute(sql: "PRAGMA cache_size = \(previousCache)")
        self.previousCache = nil
    }

    private static func insert(rows: Int) -> String {
        "INSERT OR REPLACE INTO context_observation (table_id, measure, region, period, value) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }
}

/// The decisions of the indicator stores that are not SQL, once for both databases.
enum IndicatorRules {
    static func unknownArrangement(_ id: String) -> ValidationFailure {
        ValidationFailure(issues: [ValidationIssue(field: "arrangement", message: "onbekend arrangement '\(id)'")])
    }

    /// The stored document of `indicators`, after its own checks and the rule that fictional
    /// indicators belong to a fictional deal and real ones to a real deal.
    static func document(_ indicators: ArrangementIndicators, dealIsFictional: Bool) throws -> String {
        var issues = indicators.issues
        if indicators.isFictional != dealIsFictional {
            issues.append(
                ValidationIssue(
                    arrangementID: indicators.arrangementID, field: "fictief",
                    message: indicators.isFictional
                        ? "fictieve indicatoren horen nooit bij een echt arrangement"
                        : "een fictieve deal krijgt alleen fictieve indicatoren"))
        }
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(indicators), as: UTF8.self)
    }

    static func savedEvent(_ indicators: ArrangementIndicators) -> AuditEvent {
        AuditEvent(
            action: "indicatoren.opslaan", object: "arrangement:\(indicators.arrangementID)/indicatoren",
            details: [
                "programmaIndicatoren": "\(indicators.programme.count)", "regios": "\(indicators.regions.count)",
            ])
    }

    static func importedEvent(_ table: ContextTable, rowsRead: Int, stored: Int) -> AuditEvent {
        AuditEvent(
            action: "contextindicatoren.importeren", object: "contexttabel:\(table.id)",
            details: ["rijen": "\(rowsRead)", "waarnemingen": "\(stored)"])
    }

    /// A stored observation; a region or period code the program does not know is a named error.
    static func observation(tableID: String, measure: String, region: String, period: String, value: Double?) throws
        -> ContextObservation
    {
        guard let code = RegionCode(region) else {
            throw StoredCodeError(column: "context_observation.region", value: region)
        }
        guard let day = IndicatorPeriod(code: period) else {
            throw StoredCodeError(column: "context_observation.period", value: period)
        }
        return ContextObservation(tableID: tableID, measure: measure, region: code, period: day, value: value)
    }
}
