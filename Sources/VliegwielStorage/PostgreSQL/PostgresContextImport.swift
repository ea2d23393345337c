import Foundation
import PostgresNIO
import Synchronization
import VliegwielCore

/// A context import into a PostgreSQL database: the reader runs on a thread of its own and
/// hands over batches of observations (``ObservationStream``), which go to the server with COPY,
/// all in one transaction that a problem anywhere rolls back.
struct PostgresContextImporter: ContextImporter {
    let database: PostgresDatabase

    func importContext(_ table: ContextTable, read: @escaping ContextReading) async throws -> ContextImportSummary {
        let stream = ObservationStream(table: table, read: read)
        return try await database.write { connection in
            try await connection.run(try IndicatorRules.tableRow(table))
            // The rows stream into a temporary table with COPY (the fastest way in), numbered in
            // the order read, and are merged from there: a later observation of the same key
            // replaces an earlier one, as `INSERT OR REPLACE` does in SQLite.
            try await connection.execute(
                """
                CREATE TEMPORARY TABLE context_import (
                  n BIGSERIAL, measure TEXT NOT NULL, region TEXT NOT NULL, period TEXT NOT NULL, value DOUBLE PRECISION
                ) ON COMMIT DROP
                """)
            let outcome: (rowsRead: Int, issues: [ContextRowIssue], tally: ContextImportTally)
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
                        }
                        try await writer.write(buffer)
                        stream.consumed()
                    }
                }
                outcome = try stream.outcome()
            } catch {
                stream.abandon()
                throw error
            }
            let finished = try outcome.tally.finish(rowsRead: outcome.rowsRead, issues: outcome.issues)
            try await connection.execute(
                """
                INSERT INTO context_observation (table_id, measure, region, period, value)
                SELECT DISTINCT ON (measure, region, period) \(table.id)::TEXT, measure, region, period, value
                FROM context_import ORDER BY measure, region, period, n DESC
                ON CONFLICT (table_id, measure, region, period) DO UPDATE SET value = excluded.value
                """)
            try await connection.execute("DROP TABLE context_import")
            try await connection.record(finished.event)
            return finished.summary
        }
    }
}

/// Runs a synchronous reader of observations on a thread of its own and hands its rows over
/// in batches, at most two batches ahead of the consumer, so that a file of any size streams
/// into the database with bounded memory. The reader's thread checks and counts the
/// observations (``ContextImportTally``), as the SQLite import does while storing.
final class ObservationStream: @unchecked Sendable {
    /// Rows per batch handed over (one COPY data message each).
    static let batchSize = 2_000

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
    func outcome() throws -> Outcome {
        guard let result = state.withLock({ $0.result }) else { throw Abandoned() }
        return try result.get()
    }

    private func produce(into continuation: AsyncThrowingStream<[ContextObservation], any Error>.Continuation)
        throws -> Outcome
    {
        var batch: [ContextObservation] = []
        batch.reserveCapacity(Self.batchSize)
        var tally = ContextImportTally(table)
        func send() throws {
            room.wait()
            if state.withLock({ $0.abandoned }) { throw Abandoned() }
            continuation.yield(batch)
            batch.removeAll(keepingCapacity: true)
        }
        let (rowsRead, issues) = try read { observation in
            guard tally.admits(observation) else { return }
            batch.append(observation)
            if batch.count >= Self.batchSize { try send() }
        }
        if !batch.isEmpty { try send() }
        return (rowsRead, issues, tally)
    }
}
