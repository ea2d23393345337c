import Foundation
import PostgresNIO
import Synchronization
import VliegwielCore

/// The indicators in a PostgreSQL database: the same contract, tables (migration "v6
/// indicators") and checks as ``SQLiteIndicatorStore``. A context import streams: the reader
/// runs on a thread of its own and hands over batches of observations, which go to the server
/// with COPY, all in one transaction that a problem anywhere rolls back.
public final class PostgresIndicatorStore: IndicatorStore {
    private let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func indicators(of id: String) async throws -> ArrangementIndicators? {
        let text = try await database.read { connection in
            try await Self.requireArrangement(id, in: connection)
            return try await connection.rows("SELECT document FROM arrangement_indicators WHERE arrangement_id = \(id)")
                .first?.decode(String.self, "document")
        }
        return try text.map { try JSONDecoder().decode(ArrangementIndicators.self, from: Data($0.utf8)) }
    }

    public func save(_ indicators: ArrangementIndicators) async throws {
        try await database.write { connection in try await Self.save(indicators, in: connection) }
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
        return try await database.write { connection in
            try await Self.importContext(table, from: ObservationStream(table: table, read: read), in: connection)
        }
    }

    public func contextTables() async throws -> [ContextTable] {
        let rows = try await database.read { connection in
            try await connection.rows("SELECT id, title, source, is_fictional, measures FROM context_table ORDER BY id")
                .map { row in
                    (
                        try row.decode(String.self, "id"), try row.decode(String.self, "title"),
                        try row.decode(String.self, "source"), try row.decode(Bool.self, "is_fictional"),
                        try row.decode(String.self, "measures")
                    )
                }
        }
        // Sorted as SQLite sorts text (by bytes), whatever the server's collation.
        return try rows.map { id, title, source, fictional, measures in
            ContextTable(
                id: id, title: title, source: source, isFictional: fictional,
                measures: try JSONDecoder().decode([ContextMeasure].self, from: Data(measures.utf8)))
        }.sorted { Array($0.id.utf8).lexicographicallyPrecedes(Array($1.id.utf8)) }
    }

    public func observations(matching filter: ContextFilter, limit: Int?, offset: Int) async throws
        -> ContextObservationPage
    {
        var conditions: [String] = []
        var bindings = PostgresBindings()
        func placeholder(_ value: String) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }
        if let table = filter.tableID { conditions.append("table_id = \(placeholder(table))") }
        if let regions = filter.regions {
            conditions.append(
                regions.isEmpty
                    ? "FALSE" : "region IN (\(regions.map { placeholder($0.code) }.joined(separator: ", ")))")
        }
        if let period = filter.period { conditions.append("period = \(placeholder(period.code))") }
        if let measure = filter.measure { conditions.append("measure = \(placeholder(measure))") }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        // COLLATE "C": the order of bytes, as SQLite orders text.
        var sql =
            "SELECT table_id, measure, region, period, value FROM context_observation" + whereClause
            + #" ORDER BY table_id COLLATE "C", measure COLLATE "C", region COLLATE "C", period COLLATE "C""#
        if let limit { sql += " LIMIT \(max(0, limit)) OFFSET \(max(0, offset))" }
        let countQuery = PostgresQuery(
            unsafeSQL: "SELECT COUNT(*) AS count FROM context_observation" + whereClause, binds: bindings)
        let listQuery = PostgresQuery(unsafeSQL: sql, binds: bindings)
        return try await database.read { connection in
            let total = try await connection.rows(countQuery).first?.decode(Int.self, "count") ?? 0
            let observations = try await connection.rows(listQuery).map(Self.observation)
            return ContextObservationPage(total: total, observations: observations)
        }
    }

    @discardableResult
    public func seedIfAbsent(
        _ indicators: ArrangementIndicators, table: ContextTable, observations: [ContextObservation], name: String
    ) async throws -> Bool {
        try await database.write { connection in
            guard try await !connection.exists("SELECT EXISTS (SELECT 1 FROM seeded_data WHERE name = \(name))")
            else { return false }
            try await connection.execute(
                "INSERT INTO seeded_data (name, seeded_at) VALUES (\(name), \(PostgresTimestamp(Date())))")
            guard
                try await connection.exists(
                    "SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = \(indicators.arrangementID))")
            else { return false }
            let hasIndicators = try await connection.exists(
                """
                SELECT EXISTS (SELECT 1 FROM arrangement_indicators WHERE arrangement_id = \(indicators.arrangementID))
                """)
            if !hasIndicators { try await Self.save(indicators, in: connection) }
            if try await !connection.exists("SELECT EXISTS (SELECT 1 FROM context_table WHERE id = \(table.id))") {
                let stream = ObservationStream(
                    table: table,
                    read: { store in
                        for observation in observations { try store(observation) }
                        return (observations.count, [])
                    })
                _ = try await Self.importContext(table, from: stream, in: connection)
            }
            return true
        }
    }

    // MARK: - Rows

    private static func requireArrangement(_ id: String, in connection: PostgresConnection) async throws {
        guard try await connection.exists("SELECT EXISTS (SELECT 1 FROM arrangement WHERE id = \(id))") else {
            throw IndicatorRules.unknownArrangement(id)
        }
    }

    private static func save(_ indicators: ArrangementIndicators, in connection: PostgresConnection) async throws {
        let id = indicators.arrangementID
        try await requireArrangement(id, in: connection)
        let fictional =
            try await connection.rows("SELECT is_fictional FROM portfolio_deal WHERE arrangement_id = \(id)").first?
            .decode(Bool.self, "is_fictional") ?? false
        let document = try IndicatorRules.document(indicators, dealIsFictional: fictional)
        try await connection.execute(
            """
            INSERT INTO arrangement_indicators (arrangement_id, document) VALUES (\(id), \(document))
            ON CONFLICT (arrangement_id) DO UPDATE SET document = excluded.document
            """)
        try await connection.record(IndicatorRules.savedEvent(indicators))
    }

    /// Stores the table and every observation `stream` delivers; throws (rolling back the
    /// caller's transaction) when the rows had any problem.
    private static func importContext(
        _ table: ContextTable, from stream: ObservationStream, in connection: PostgresConnection
    ) async throws -> ContextImportSummary {
        let measures = String(decoding: try JSONEncoder().encode(table.measures), as: UTF8.self)
        try await connection.execute(
            """
            INSERT INTO context_table (id, title, source, is_fictional, measures, imported_at)
            VALUES (\(table.id), \(table.title), \(table.source), \(table.isFictional), \(measures),
                    \(PostgresTimestamp(Date())))
            ON CONFLICT (id) DO UPDATE SET title = excluded.title, source = excluded.source,
              is_fictional = excluded.is_fictional, measures = excluded.measures, imported_at = excluded.imported_at
            """)
        // The rows stream into a temporary table with COPY (the fastest way in), numbered in
        // the order read, and are merged from there: a later observation of the same key
        // replaces an earlier one, as `INSERT OR REPLACE` does in SQLite.
        try await connection.execute(
            """
            CREATE TEMPORARY TABLE context_import (
              n BIGSERIAL, measure TEXT NOT NULL, region TEXT NOT NULL, period TEXT NOT NULL, value DOUBLE PRECISION
            ) ON COMMIT DROP
            """)
        var stored = 0
        var measureCodes: Set<String> = []
        let outcome: (rowsRead: Int, issues: [ValidationIssue])
        do {
            try await connection.copyFrom(
                table: "context_import", columns: ["measure", "region", "period", "value"],
                logger: PostgresDatabase.logger
            ) { writer in
                for try await batch in stream.batches() {
                    var buffer = ByteBuffer()
                    for observation in batch {
                        buffer.writeCopyText(observation.measure)
                        buffer.writeInteger(UInt8(ascii: "\t"))
                        buffer.writeCopyText(observation.region.code)
                        buffer.writeInteger(UInt8(ascii: "\t"))
                        buffer.writeCopyText(observation.period.code)
                        buffer.writeInteger(UInt8(ascii: "\t"))
                        buffer.writeString(observation.value.map { "\($0)" } ?? "\\N")
                        buffer.writeInteger(UInt8(ascii: "\n"))
                        measureCodes.insert(observation.measure)
                    }
                    try await writer.write(buffer)
                    stored += batch.count
                    stream.consumed()
                }
            }
            outcome = try stream.outcome()
        } catch {
            stream.abandon()
            throw error
        }
        // Throwing here rolls the whole transaction back: nothing of the import is kept.
        if !outcome.issues.isEmpty { throw ValidationFailure(issues: outcome.issues) }
        try await connection.execute(
            """
            INSERT INTO context_observation (table_id, measure, region, period, value)
            SELECT DISTINCT ON (measure, region, period) \(table.id)::TEXT, measure, region, period, value
            FROM context_import ORDER BY measure, region, period, n DESC
            ON CONFLICT (table_id, measure, region, period) DO UPDATE SET value = excluded.value
            """)
        try await connection.execute("DROP TABLE context_import")
        try await connection.record(IndicatorRules.importedEvent(table, rowsRead: outcome.rowsRead, stored: stored))
        return ContextImportSummary(
            table: table, rowsRead: outcome.rowsRead, observations: stored, measures: measureCodes.sorted())
    }

    private static func observation(_ row: PostgresRandomAccessRow) throws -> ContextObservation {
        try IndicatorRules.observation(
            tableID: try row.decode(String.self, "table_id"), measure: try row.decode(String.self, "measure"),
            region: try row.decode(String.self, "region"), period: try row.decode(String.self, "period"),
            value: try row.decode(Double?.self, "value"))
    }
}

/// Runs a synchronous reader of observations on a thread of its own and hands its rows over
/// in batches, at most two batches ahead of the consumer, so that a file of any size streams
/// into the database with bounded memory. The check that a table's regions are all fictional
/// or all real happens here, as the SQLite store does it while storing.
final class ObservationStream: @unchecked Sendable {
    /// Rows per batch handed over (one COPY data message each).
    static let batchSize = 2_000

    private let table: ContextTable
    nonisolated(unsafe) private let read:
        (_ store: (ContextObservation) throws -> Void) throws -> (rowsRead: Int, issues: [ContextRowIssue])
    private let room = DispatchSemaphore(value: 2)
    private let state = Mutex<State>(State())

    private struct State {
        var abandoned = false
        var result: Result<(rowsRead: Int, issues: [ValidationIssue]), any Error>?
    }

    /// The consumer stopped: the reader's next row throws and the reader ends.
    private struct Abandoned: Error {}

    init(
        table: ContextTable,
        read:
            @escaping (_ store: (ContextObservation) throws -> Void) throws -> (
                rowsRead: Int, issues: [ContextRowIssue]
            )
    ) {
        self.table = table
        self.read = read
    }

    /// Starts the reader and returns its batches; the consumer calls ``consumed()`` after each.
    func batches() -> AsyncThrowingStream<[ContextObservation], any Error> {
        let (stream, continuation) = AsyncThrowingStream<[ContextObservation], any Error>.makeStream()
        continuation.onTermination = { [self] _ in abandon() }
        Thread.detachNewThread { [self] in
            let result = Result { try produce(into: continuation) }
            state.withLock { $0.result = result }
            switch result {
            case .success: continuation.finish()
            case .failure(let error): continuation.finish(throwing: error)
            }
        }
        return stream
    }

    /// The consumer has stored a batch: room for the next.
    func consumed() { room.signal() }

    /// The consumer gives up (a database error): wakes the reader so that it ends.
    func abandon() {
        state.withLock { $0.abandoned = true }
        room.signal()
        room.signal()
    }

    /// What the reader returned, after the last batch.
    func outcome() throws -> (rowsRead: Int, issues: [ValidationIssue]) {
        guard let result = state.withLock({ $0.result }) else { throw Abandoned() }
        return try result.get()
    }

    private func produce(into continuation: AsyncThrowingStream<[ContextObservation], any Error>.Continuation)
        throws -> (rowsRead: Int, issues: [ValidationIssue])
    {
        var batch: [ContextObservation] = []
        batch.reserveCapacity(Self.batchSize)
        var mismatch: ValidationIssue?
        let table = table
        func send() throws {
            room.wait()
            if state.withLock({ $0.abandoned }) { throw Abandoned() }
            continuation.yield(batch)
            batch.removeAll(keepingCapacity: true)
        }
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
            batch.append(observation)
            if batch.count >= Self.batchSize { try send() }
        }
        if !batch.isEmpty { try send() }
        return (rowsRead, rowIssues.map(\.validationIssue) + (mismatch.map { [$0] } ?? []))
    }
}
