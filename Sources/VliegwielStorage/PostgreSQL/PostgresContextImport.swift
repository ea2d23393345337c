import Foundation
import PostgresNIO
import Synchronization
import VliegwielCore

/// A context import into a PostgreSQL database: the reader runs on a thread of its own, gathers
/// the observations in key order (``KeyOrderedObservations``) and hands them over as COPY data
/// (``ObservationStream``), all in one transaction that a problem anywhere rolls back.
///
/// When the import fits in one chunk (its keys then all differ) and the table has no
/// observations yet, the rows go with COPY straight into `context_observation`, in key order.
/// Otherwise they go into a temporary table, numbered in the order read, and are merged from
/// there: a later observation of the same key replaces an earlier one, as `INSERT OR REPLACE`
/// does in SQLite.
struct PostgresContextImporter: ContextImporter {
    let database: PostgresDatabase

    func importContext(_ table: ContextTable, read: @escaping ContextReading) async throws -> ContextImportSummary {
        let stream = ObservationStream(table: table, read: read)
        return try await database.write { connection in
            try await connection.run(try IndicatorRules.tableRow(table))
            let hasObservations = try await !connection.rows(
                "SELECT 1 FROM context_observation WHERE table_id = \(table.id) LIMIT 1"
            ).isEmpty
            let outcome: ObservationStream.Outcome
            var merged = false
            do {
                let batches = ObservationStream.Batches(stream.batches(straightIn: !hasObservations))
                let first = try await batches.next()
                merged = first?.withTableID != true
                if merged {
                    try await connection.execute(
                        """
                        CREATE TEMPORARY TABLE context_import (
                          n BIGSERIAL, measure TEXT COLLATE "C" NOT NULL, region TEXT COLLATE "C" NOT NULL,
                          period TEXT COLLATE "C" NOT NULL, value DOUBLE PRECISION
                        ) ON COMMIT DROP
                        """)
                }
                try await connection.copyFrom(
                    table: merged ? "context_import" : "context_observation",
                    columns: (merged ? [] : ["table_id"]) + ["measure", "region", "period", "value"],
                    logger: PostgresDatabase.logger
                ) { writer in
                    var next = first
                    while let batch = next {
                        try await writer.write(batch.rows)
                        stream.consumed()
                        next = try await batches.next()
                    }
                }
                outcome = try stream.outcome()
            } catch {
                stream.abandon()
                throw error
            }
            let finished = try outcome.tally.finish(rowsRead: outcome.rowsRead, issues: outcome.issues)
            if merged {
                try await connection.execute(
                    """
                    INSERT INTO context_observation (table_id, measure, region, period, value)
                    SELECT DISTINCT ON (measure, region, period) \(table.id)::TEXT, measure, region, period, value
                    FROM context_import ORDER BY measure, region, period, n DESC
                    ON CONFLICT (table_id, measure, region, period) DO UPDATE SET value = excluded.value
                    """)
                try await connection.execute("DROP TABLE context_import")
            }
            try await connection.record(finished.event)
            return finished.summary
        }
    }
}

/// Runs a synchronous reader of observations on a thread of its own, gathers its rows in key
/// order and hands them over as COPY text in batches, at most two batches ahead of the
/// consumer, so that a file of any size streams into the database with bounded memory. The
/// reader's thread checks and counts the observations (``ContextImportTally``), as the SQLite
/// import does while storing.
final class ObservationStream: @unchecked Sendable {
    /// Rows per batch handed over (one COPY data message each).
    static let batchSize = 2_000

    /// The batches one after the other, the first taken before the COPY starts (it decides
    /// where the rows go) and the others inside it. Only the importer's task uses it.
    final class Batches: @unchecked Sendable {
        private var iterator: AsyncThrowingStream<Batch, any Error>.AsyncIterator

        init(_ stream: AsyncThrowingStream<Batch, any Error>) { iterator = stream.makeAsyncIterator() }

        func next() async throws -> Batch? { try await iterator.next() }
    }

    /// Rows as COPY text: `measure, region, period, value`, with the table's id first when
    /// they go straight into `context_observation`.
    struct Batch {
        var rows: ByteBuffer
        var withTableID: Bool
    }

    private let table: ContextTable
    nonisolated(unsafe) private let read: ContextReading
    private let room = DispatchSemaphore(value: 2)
    private let state = Mutex<State>(State())

    private struct State {
        var abandoned = false
        var result: Result<Outcome, any Error>?
    }

    /// What the reader read: its rows, their problems and the observations handed over.
    typealias Outcome = (rowsRead: Int, issues: [ContextRowIssue], tally: ContextImportTally)

    /// The consumer stopped: the reader's next row throws and the reader ends.
    private struct Abandoned: Error {}

    init(table: ContextTable, read: @escaping ContextReading) {
        self.table = table
        self.read = read
    }

    /// Starts the reader and returns its batches; the consumer calls ``consumed()`` after each.
    /// With `straightIn` (the table has no observations yet) an import that fits in one chunk
    /// comes with the table's id, to be copied straight into `context_observation`.
    func batches(straightIn: Bool) -> AsyncThrowingStream<Batch, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Batch, any Error>.makeStream()
        continuation.onTermination = { [self] _ in abandon() }
        Thread.detachNewThread { [self] in
            let result = Result { try produce(straightIn: straightIn, into: continuation) }
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
    func outcome() throws -> Outcome {
        guard let result = state.withLock({ $0.result }) else { throw Abandoned() }
        return try result.get()
    }

    private func produce(straightIn: Bool, into continuation: AsyncThrowingStream<Batch, any Error>.Continuation)
        throws -> Outcome
    {
        var tableID = ByteBuffer()
        tableID.writeCopyText(table.id)
        tableID.writeInteger(UInt8(ascii: "\t"))
        var tally = ContextImportTally(table)
        var ordered = KeyOrderedObservations()
        func send(_ chunk: KeyOrderedObservations.Chunk) throws {
            func escaped(_ texts: [String]) -> [ByteBuffer] {
                texts.map { text in
                    var buffer = ByteBuffer()
                    buffer.writeCopyText(text)
                    buffer.writeInteger(UInt8(ascii: "\t"))
                    return buffer
                }
            }
            let measures = escaped(chunk.measures)
            let regions = escaped(chunk.regions)
            let periods = escaped(chunk.periods)
            let withTableID = straightIn && chunk.isWholeImport
            for start in stride(from: 0, to: chunk.order.count, by: Self.batchSize) {
                var rows = ByteBuffer()
                for index in chunk.order[start..<min(start + Self.batchSize, chunk.order.count)] {
                    let row = chunk.rows[Int(index)]
                    if withTableID { rows.writeImmutableBuffer(tableID) }
                    rows.writeImmutableBuffer(measures[Int(row.measure)])
                    rows.writeImmutableBuffer(regions[Int(row.region)])
                    rows.writeImmutableBuffer(periods[Int(row.period)])
                    if row.hasValue { rows.writeString("\(row.value)") } else { rows.writeStaticString("\\N") }
                    rows.writeInteger(UInt8(ascii: "\n"))
                }
                room.wait()
                if state.withLock({ $0.abandoned }) { throw Abandoned() }
                continuation.yield(Batch(rows: rows, withTableID: withTableID))
            }
        }
        let (rowsRead, issues) = try read { observation in
            guard tally.admits(observation) else { return }
            try ordered.append(observation, flush: send)
        }
        try ordered.finish(flush: send)
        return (rowsRead, issues, tally)
    }
}
