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

/// The read of a context import (``IndicatorStore/importContext(_:read:)``): it gets a function
/// that stores one observation and returns how many rows it read and their problems.
public typealias ContextReading = (_ store: (ContextObservation) throws -> Void) throws -> (
    rowsRead: Int, issues: [ContextRowIssue]
)

/// Where an installation keeps its indicators (issue 6 item 3): per arrangement its
/// programme indicators and regions, and the context tables with their observations.
public protocol IndicatorStore: Sendable {
    /// The programme indicators and regions of arrangement `id`, `nil` when none were recorded.
    ///
    /// - Throws: ``ValidationFailure`` naming `id` when the arrangement is unknown.
    func indicators(of id: String) async throws -> ArrangementIndicators?
    /// The regions recorded with the indicators of every arrangement that has some, by
    /// arrangement id (the portfolio's map reads them all at once).
    func recordedRegions() async throws -> [String: [RegionCode]]
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
    func importContext(_ table: ContextTable, read: @escaping ContextReading) async throws -> ContextImportSummary
    /// Every context table, by id.
    func contextTables() async throws -> [ContextTable]
    /// The measures each context table has observations of, by table id, in code order (a
    /// table read without a description of its measures lists none itself).
    func contextMeasureCodes() async throws -> [String: [String]]
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

/// The indicators on SQLite and PostgreSQL alike (``StoreDatabase``); a context import goes in
/// the fastest way each database has (``ContextImporter``).
public final class DatabaseIndicatorStore: IndicatorStore {
    /// The name under which the fictional demo indicators are recorded in `seeded_data`.
    public static let fictionalExampleSeedName = "indicatoren-fictief-regio-deal-voorbeeld"

    private let database: any StoreDatabase
    private let importer: any ContextImporter

    init(database: any StoreDatabase, importer: any ContextImporter) {
        self.database = database
        self.importer = importer
    }

    /// The reads before saving indicators: whether the arrangement exists, whether its deal is fictional.
    private static func arrangement(_ id: String) -> [StoredStatement] {
        [
            StoredStatement("SELECT 1 FROM arrangement WHERE id = ?", id),
            StoredStatement("SELECT is_fictional FROM portfolio_deal WHERE arrangement_id = ?", id),
        ]
    }

    /// The statement that saves `indicators`, checked against what ``arrangement(_:)`` read.
    private static func saving(_ indicators: ArrangementIndicators, _ rows: [[any StoredRow]]) throws
        -> StoredStatement
    {
        guard !rows[0].isEmpty else { throw IndicatorRules.unknownArrangement(indicators.arrangementID) }
        let document = try IndicatorRules.document(
            indicators, dealIsFictional: try rows[1].first?.value("is_fictional") ?? false)
        return StoredStatement(
            """
            INSERT INTO arrangement_indicators (arrangement_id, document) VALUES (?, ?)
            ON CONFLICT (arrangement_id) DO UPDATE SET document = excluded.document
            """, indicators.arrangementID, document)
    }

    public func indicators(of id: String) async throws -> ArrangementIndicators? {
        try await database.read([
            StoredStatement("SELECT 1 FROM arrangement WHERE id = ?", id),
            StoredStatement("SELECT document FROM arrangement_indicators WHERE arrangement_id = ?", id),
        ]) { rows in
            guard !rows[0].isEmpty else { throw IndicatorRules.unknownArrangement(id) }
            return try rows[1].first?.document(ArrangementIndicators.self, "document")
        }
    }

    public func recordedRegions() async throws -> [String: [RegionCode]] {
        var result: [String: [RegionCode]] = [:]
        for (id, indicators) in try await database.rows(
            StoredStatement("SELECT arrangement_id, document FROM arrangement_indicators"),
            { (try $0.value("arrangement_id") as String, try $0.document(ArrangementIndicators.self, "document")) })
        where !indicators.regions.isEmpty {
            result[id] = indicators.regions
        }
        return result
    }

    public func save(_ indicators: ArrangementIndicators) async throws {
        try await database.write(Self.arrangement(indicators.arrangementID)) { rows in
            StoreWrites(
                [try Self.saving(indicators, rows)], events: [IndicatorRules.savedEvent(indicators)], result: ())
        }
    }

    @discardableResult
    public func importContext(_ table: ContextTable, read: @escaping ContextReading) async throws
        -> ContextImportSummary
    {
        if !table.issues.isEmpty { throw ValidationFailure(issues: table.issues) }
        return try await importer.importContext(table, read: read)
    }

    public func contextTables() async throws -> [ContextTable] {
        try await database.rows(StoredStatement("SELECT * FROM context_table ORDER BY id\(database.byteOrder)")) {
            try IndicatorRules.table($0)
        }
    }

    public func contextMeasureCodes() async throws -> [String: [String]] {
        let order = database.byteOrder
        var result: [String: [String]] = [:]
        for (table, measure) in try await database.rows(
            StoredStatement(
                // PostgreSQL wants the ordered expressions of a DISTINCT in its select list.
                "SELECT DISTINCT table_id\(order) AS table_id, measure\(order) AS measure FROM context_observation ORDER BY table_id\(order), measure\(order)"
            ),
            { (try $0.value("table_id") as String, try $0.value("measure") as String) })
        {
            result[table, default: []].append(measure)
        }
        return result
    }

    public func observations(matching filter: ContextFilter, limit: Int?, offset: Int) async throws
        -> ContextObservationPage
    {
        var conditions: [String] = []
        var values: [StoredValue] = []
        func equals(_ column: String, _ value: String?) {
            guard let value else { return }
            conditions.append("\(column) = ?")
            values.append(.text(value))
        }
        equals("table_id", filter.tableID)
        if let regions = filter.regions {
            conditions.append(
                regions.isEmpty ? "1 = 0" : "region IN (\(regions.map { _ in "?" }.joined(separator: ", ")))")
            values += regions.map { .text($0.code) }
        }
        equals("period", filter.period?.code)
        equals("measure", filter.measure)
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let order = database.byteOrder
        var list =
            "SELECT * FROM context_observation" + whereClause
            + " ORDER BY table_id\(order), measure\(order), region\(order), period\(order)"
        if let limit { list += " LIMIT \(max(0, limit)) OFFSET \(max(0, offset))" }
        return try await database.read([
            StoredStatement(sql: "SELECT COUNT(*) AS count FROM context_observation" + whereClause, values: values),
            StoredStatement(sql: list, values: values),
        ]) { rows in
            ContextObservationPage(
                total: try rows[0].first?.value("count") ?? 0,
                observations: try rows[1].map { try IndicatorRules.observation($0) })
        }
    }

    @discardableResult
    public func seedIfAbsent(
        _ indicators: ArrangementIndicators, table: ContextTable, observations: [ContextObservation], name: String
    ) async throws -> Bool {
        let id = indicators.arrangementID
        return try await database.write(
            [SeededData.contains(name)] + Self.arrangement(id) + [
                StoredStatement("SELECT 1 FROM arrangement_indicators WHERE arrangement_id = ?", id),
                StoredStatement("SELECT 1 FROM context_table WHERE id = ?", table.id),
            ]
        ) { rows in
            guard rows[0].isEmpty else { return StoreWrites([], result: false) }
            guard !rows[1].isEmpty else { return StoreWrites([SeededData.mark(name)], result: false) }
            var statements = [SeededData.mark(name)]
            var events: [AuditEvent] = []
            if rows[3].isEmpty {
                statements.append(try Self.saving(indicators, Array(rows[1...2])))
                events.append(IndicatorRules.savedEvent(indicators))
            }
            if rows[4].isEmpty {
                var tally = ContextImportTally(table)
                statements.append(try IndicatorRules.tableRow(table))
                for observation in observations where tally.admits(observation) {
                    statements.append(IndicatorRules.row(observation, of: table))
                }
                events.append(try tally.finish(rowsRead: observations.count, issues: []).event)
            }
            return StoreWrites(statements, events: events, result: true)
        }
    }
}

/// The indicators in the embedded SQLite database.
public typealias SQLiteIndicatorStore = DatabaseIndicatorStore

/// How a database takes a context import: the table's row, then the observations the reading
/// streams in the fastest way the database has (multi-row INSERTs on SQLite, COPY on
/// PostgreSQL), then the audit entry, in one write transaction that any problem rolls back.
/// An observation of the same table, measure, region and period replaces the stored one.
protocol ContextImporter: Sendable {
    func importContext(_ table: ContextTable, read: @escaping ContextReading) async throws -> ContextImportSummary
}

/// What an import has stored so far, checking each observation as it comes: a table's regions
/// are all fictional or all real.
struct ContextImportTally: Sendable {
    let table: ContextTable
    private var stored = 0
    private var measures: Set<String> = []
    /// The measures seen so far while they are few, in the order seen: a wide export names
    /// its few measures in turn, and comparing texts (mostly the same storage, the reader's
    /// own) beats hashing one for every observation.
    private var fewMeasures: [String] = []
    private var lastMeasure = ""
    private var mismatch: ValidationIssue?

    init(_ table: ContextTable) { self.table = table }

    /// Whether `observation` is to be stored (and counted); none is after the first region of the wrong kind.
    mutating func admits(_ observation: ContextObservation) -> Bool {
        guard mismatch == nil else { return false }
        if observation.region.isFictional != table.isFictional {
            mismatch = ValidationIssue(
                field: "RegioS",
                message: table.isFictional
                    ? "een fictieve tabel bevat alleen fictieve regio's (FX…), niet \(observation.region)"
                    : "\(observation.region) is een fictieve regiocode; die hoort niet in CBS-gegevens")
            return false
        }
        stored += 1
        if observation.measure != lastMeasure {
            lastMeasure = observation.measure
            if fewMeasures.count <= KeyOrderedObservations.fewMeasures {
                if !fewMeasures.contains(observation.measure) { fewMeasures.append(observation.measure) }
            }
            if fewMeasures.count > KeyOrderedObservations.fewMeasures { measures.insert(observation.measure) }
        }
        return true
    }

    /// The summary and audit event of the import, or ``ValidationFailure`` with every problem of
    /// the rows: throwing rolls the whole transaction back, so that nothing of the import is kept.
    func finish(rowsRead: Int, issues: [ContextRowIssue]) throws -> (summary: ContextImportSummary, event: AuditEvent) {
        let problems = issues.map(\.validationIssue) + (mismatch.map { [$0] } ?? [])
        if !problems.isEmpty { throw ValidationFailure(issues: problems) }
        return (
            ContextImportSummary(
                table: table, rowsRead: rowsRead, observations: stored,
                measures: measures.union(fewMeasures).sorted()),
            AuditEvent(
                action: "contextindicatoren.importeren", object: "contexttabel:\(table.id)",
                details: ["rijen": "\(rowsRead)", "waarnemingen": "\(stored)"])
        )
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
        return try StoredDocument.text(indicators)
    }

    static func savedEvent(_ indicators: ArrangementIndicators) -> AuditEvent {
        AuditEvent(
            action: "indicatoren.opslaan", object: "arrangement:\(indicators.arrangementID)/indicatoren",
            details: [
                "programmaIndicatoren": "\(indicators.programme.count)", "regios": "\(indicators.regions.count)",
            ])
    }

    /// The row of `table` itself, replacing its description when it was imported before.
    static func tableRow(_ table: ContextTable) throws -> StoredStatement {
        StoredStatement(
            """
            INSERT INTO context_table (id, title, source, is_fictional, measures, imported_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET title = excluded.title, source = excluded.source,
              is_fictional = excluded.is_fictional, measures = excluded.measures, imported_at = excluded.imported_at
            """, table.id, table.title, table.source, table.isFictional,
            try StoredDocument.text(table.measures), Date())
    }

    /// The row of `observation` in `table`, replacing a stored one of the same key.
    static func row(_ observation: ContextObservation, of table: ContextTable) -> StoredStatement {
        StoredStatement(
            """
            INSERT INTO context_observation (table_id, measure, region, period, value) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (table_id, measure, region, period) DO UPDATE SET value = excluded.value
            """, table.id, observation.measure, observation.region.code, observation.period.code, observation.value)
    }

    /// A stored context table.
    static func table(_ row: any StoredRow) throws -> ContextTable {
        ContextTable(
            id: try row.value("id"), title: try row.value("title"), source: try row.value("source"),
            isFictional: try row.value("is_fictional"), measures: try row.document([ContextMeasure].self, "measures"))
    }

    /// A stored observation; a region or period code the program does not know is a named error.
    static func observation(_ row: any StoredRow) throws -> ContextObservation {
        let region: String = try row.value("region")
        let period: String = try row.value("period")
        guard let code = RegionCode(region) else {
            throw StoredCodeError(column: "context_observation.region", value: region)
        }
        guard let day = IndicatorPeriod(code: period) else {
            throw StoredCodeError(column: "context_observation.period", value: period)
        }
        return ContextObservation(
            tableID: try row.value("table_id"), measure: try row.value("measure"), region: code, period: day,
            value: try row.value("value"))
    }
}
