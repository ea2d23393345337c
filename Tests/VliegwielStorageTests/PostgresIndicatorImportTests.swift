import Foundation
import Testing
import VliegwielCore

@testable import VliegwielStorage

/// What the PostgreSQL import does with COPY (escaping, replacing, empty values, several
/// batches) it must do exactly as SQLite does: the same observations come back on every kind.
@Suite struct PostgresIndicatorImportTests {
    @Test(arguments: StoreKind.allCases)
    func oddTextsEmptyValuesAndRepeatedKeysComeBackAsOnSQLite(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let region = try #require(RegionCode("GM0001"))
            func observation(_ measure: String, _ year: Int, _ value: Double?) -> ContextObservation {
                ContextObservation(
                    tableID: "T1", measure: measure, region: region, period: IndicatorPeriod(year: year), value: value)
            }
            // More rows than one batch, a measure with a backslash, a tab and a line break, an
            // empty value, fractions that need every digit, and a key read twice: the later wins.
            var rows = (0..<(ObservationStream.batchSize + 10)).map { observation("A_1", 1000 + $0, Double($0) / 3) }
            rows += [
                observation("B\\2\tC\nD", 2020, -0.1), observation("leeg", 2020, nil),
                observation("A_1", 1000, 42.5),
            ]
            let summary = try await stores.indicators.importContext(ContextTable.statLine("T1")) { store in
                for row in rows { try store(row) }
                return (rows.count, [])
            }
            #expect(summary.rowsRead == rows.count)
            #expect(summary.observations == rows.count)
            #expect(summary.measures == ["A_1", "B\\2\tC\nD", "leeg"])
            let stored = try await stores.indicators.observations(matching: ContextFilter(), limit: nil, offset: 0)
            #expect(stored.total == rows.count - 1)
            #expect(stored.observations.first == observation("A_1", 1000, 42.5))
            #expect(stored.observations.contains(observation("A_1", 1001, 1.0 / 3)))
            #expect(
                stored.observations.suffix(2) == [
                    observation("B\\2\tC\nD", 2020, -0.1), observation("leeg", 2020, nil),
                ])
        }
    }

    /// SQLite writes rows in multi-row statements: a key read twice within one statement, and
    /// a key read again in the rows left over after the last full statement, keep the later
    /// value, as on PostgreSQL.
    @Test(arguments: StoreKind.allCases)
    func aKeyReadTwiceInOneStatementKeepsTheLaterValue(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let region = try #require(RegionCode("GM0002"))
            func observation(_ year: Int, _ value: Double?) -> ContextObservation {
                ContextObservation(
                    tableID: "T2", measure: "M", region: region, period: IndicatorPeriod(year: year), value: value)
            }
            let size = ObservationWriter.rowsPerStatement
            var rows = (0..<(size + 5)).map { observation(1000 + $0, Double($0)) }
            rows[3] = observation(1000, -1)  // the same key as rows[0], in the same statement
            rows[size + 2] = observation(1001, nil)  // the key of rows[1], in the rest after the statement
            let summary = try await stores.indicators.importContext(ContextTable.statLine("T2")) { store in
                for row in rows { try store(row) }
                return (rows.count, [])
            }
            #expect(summary.observations == rows.count)
            let stored = try await stores.indicators.observations(matching: ContextFilter(), limit: 2, offset: 0)
            #expect(stored.total == rows.count - 2)
            #expect(stored.observations == [observation(1000, -1), observation(1001, nil)])
        }
    }
}

/// An observation refers to its table on every database: a foreign key on SQLite, statement
/// triggers on PostgreSQL (migration v14; `SchemaTable.statementReferenceTriggers`). Both
/// refuse a missing table, a key changed under its observations and, on PostgreSQL, `TRUNCATE`
/// of the tables while observations refer to them; deleting a table deletes its observations.
@Suite struct ContextObservationReferenceTests {
    @Test(arguments: StoreKind.allCases)
    func anObservationAlwaysHasItsTable(kind: StoreKind) async throws {
        try await kind.withDatabase { database in
            let now = kind == .postgres ? "now()" : "'2026-12-03 08:00:00'"
            let table = { (id: String) in
                "INSERT INTO context_table (id, title, source, is_fictional, measures, imported_at) VALUES ('\(id)', 'T', 'CBS', \(kind == .postgres ? "FALSE" : "0"), '[]', \(now))"
            }
            let observation = { (table: String, period: String) in
                "INSERT INTO context_observation (table_id, measure, region, period, value) VALUES ('\(table)', 'M', 'GM0001', '\(period)', 1)"
            }
            try await database.execute(table("T"))
            try await database.execute(table("U"))
            try await database.execute(observation("T", "2020JJ00"))
            await #expect(throws: RefusedBySchema.self) { try await database.execute(observation("X", "2021JJ00")) }
            await #expect(throws: RefusedBySchema.self) {
                try await database.execute("UPDATE context_observation SET table_id = 'X'")
            }
            await #expect(throws: RefusedBySchema.self) {
                try await database.execute("UPDATE context_table SET id = 'V' WHERE id = 'T'")
            }
            if kind == .postgres {
                await #expect(throws: RefusedBySchema.self) { try await database.execute("TRUNCATE context_table") }
            }
            try await database.execute("UPDATE context_observation SET table_id = 'U'")
            try await database.execute("UPDATE context_table SET title = 'nieuw'")
            #expect(try await database.count("context_observation") == 1)
            try await database.execute("DELETE FROM context_table WHERE id = 'T'")
            #expect(try await database.count("context_observation") == 1)
            try await database.execute("DELETE FROM context_table WHERE id = 'U'")
            #expect(try await database.count("context_observation") == 0)
        }
    }
}

/// The import's chunks (``KeyOrderedObservations``): each in key order by bytes, a key read
/// twice in a chunk once with its later value, and only a single chunk called the whole import.
@Suite struct KeyOrderedObservationsTests {
    private func observation(_ measure: String, _ region: String, _ year: Int, _ value: Double?) throws
        -> ContextObservation
    {
        ContextObservation(
            tableID: "T", measure: measure, region: try #require(RegionCode(region)),
            period: IndicatorPeriod(year: year), value: value)
    }

    private func keys(_ chunk: KeyOrderedObservations.Chunk) -> [String] {
        chunk.order.map { index in
            let row = chunk.rows[Int(index)]
            return "\(chunk.measures[Int(row.measure)]) \(chunk.regions[Int(row.region)]) "
                + "\(chunk.periods[Int(row.period)]) \(row.hasValue ? "\(row.value)" : "-")"
        }
    }

    @Test func chunksAreInKeyOrderWithTheLaterValueOfAKeyReadTwice() throws {
        var ordered = KeyOrderedObservations(chunkSize: 4)
        var chunks: [KeyOrderedObservations.Chunk] = []
        for item in [
            try observation("b", "GM0002", 2021, 1), try observation("B", "GM0001", 2020, nil),
            try observation("b", "GM0002", 2021, 2), try observation("b", "GM0001", 2022, 3),
            try observation("a", "PV20", 2020, 4),
        ] {
            try ordered.append(item) { chunks.append($0) }
        }
        try ordered.finish { chunks.append($0) }
        #expect(chunks.count == 2)
        #expect(
            keys(chunks[0]) == ["B GM0001 2020JJ00 -", "b GM0001 2022JJ00 3.0", "b GM0002 2021JJ00 2.0"])
        #expect(keys(chunks[1]) == ["a PV20 2020JJ00 4.0"])
        #expect(chunks.map(\.isWholeImport) == [false, false])
    }

    @Test func aSingleChunkIsTheWholeImportAndAnEmptyImportStillFinishes() throws {
        var ordered = KeyOrderedObservations()
        var chunks: [KeyOrderedObservations.Chunk] = []
        try ordered.append(try observation("M", "GM0003", 2020, 1)) { chunks.append($0) }
        try ordered.finish { chunks.append($0) }
        #expect(chunks.map(\.isWholeImport) == [true])
        var empty = KeyOrderedObservations()
        var none: [KeyOrderedObservations.Chunk] = []
        try empty.finish { none.append($0) }
        #expect(none.map(\.order.count) == [0])
    }
}
