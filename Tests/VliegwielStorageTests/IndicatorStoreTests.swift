import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

@testable import VliegwielStorage

/// The indicator store on every database of ``StoreKind``.
@Suite struct IndicatorStoreTests {
    static func prepare(_ stores: Stores) async throws -> Stores {
        try await stores.arrangements.save([TestProfiles.arrangement("a")])
        return stores
    }

    static let csv = """
        "ID";"RegioS";"Perioden";"W_1"
        "0";"GM0001";"2020JJ00";"5.0"
        "1";"GM0001";"2021JJ00";"4.5"
        "2";"GM0002";"2021JJ00";"6.0"

        """

    static func importing(_ text: String, into store: any IndicatorStore, table: String = "T1") async throws
        -> ContextImportSummary
    {
        try await store.importContext(ContextTable.statLine(table)) { insert in
            let result = try StatLineReader.read(text: text, format: .csv, tableID: table, emit: insert)
            return (result.rowsRead, result.issues)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anImportIsStoredAndFiltered(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = try await Self.prepare(stores).indicators
            let summary = try await Self.importing(Self.csv, into: store)
            #expect(summary.rowsRead == 3 && summary.observations == 3 && summary.measures == ["W_1"])
            #expect(try await store.contextTables().map(\.id) == ["T1"])
            let page = try await store.observations(
                matching: ContextFilter(regions: [RegionCode("GM0001")!]), limit: 1, offset: 1)
            #expect(page.total == 2)
            #expect(page.observations.map(\.period.code) == ["2021JJ00"])
            #expect(page.observations.first?.value == 4.5)
        }
    }

    /// A table's measures are stored as JSON with sorted keys, as every stored document is, so
    /// that the same table gives the same text in every database and every run (Foundation's
    /// encoder otherwise writes a struct's keys in an order that varies from run to run).
    @Test(arguments: StoreKind.allCases)
    func aTablesMeasuresAreStoredWithSortedKeys(kind: StoreKind) async throws {
        try await kind.withDatabase { database async throws in
            let table = ContextTable(
                id: "T1", title: "Tabel", source: "CBS",
                measures: [ContextMeasure(code: "W_1", name: "Woningen", unit: "aantal", direction: .higherIsBetter)])
            _ = try await database.stores.indicators.importContext(table) { insert in
                let result = try StatLineReader.read(text: Self.csv, format: .csv, tableID: "T1", emit: insert)
                return (result.rowsRead, result.issues)
            }
            let stored = try await database.strings("SELECT measures FROM context_table")
            #expect(stored == [try StoredDocument.text(table.measures)])
            #expect(stored.first?.contains(#"{"code":"#) == true, "\(stored)")
        }
    }

    /// A second import of a table replaces the observations of the keys it reads and keeps the
    /// others (PostgreSQL merges then, instead of copying straight into the table).
    @Test(arguments: StoreKind.allCases)
    func aSecondImportReplacesItsKeysAndKeepsTheOthers(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = try await Self.prepare(stores).indicators
            try await Self.importing(Self.csv, into: store)
            let again = """
                "ID";"RegioS";"Perioden";"W_1"
                "0";"GM0002";"2021JJ00";"7.0"
                "1";"GM0003";"2021JJ00";"1.0"
                "2";"GM0002";"2021JJ00";"8.0"

                """
            let summary = try await Self.importing(again, into: store)
            #expect(summary.observations == 3)
            let all = try await store.observations(matching: ContextFilter(), limit: nil, offset: 0)
            #expect(all.observations.map(\.region.code) == ["GM0001", "GM0001", "GM0002", "GM0003"])
            #expect(all.observations.map(\.value) == [5.0, 4.5, 8.0, 1.0])
        }
    }

    /// SQLite leaves the per-row foreign-key lookup out during an import; the connection checks
    /// foreign keys again afterwards, whether the import succeeded or failed.
    @Test func foreignKeysAreCheckedAgainAfterAnImport() async throws {
        let database = try AppDatabase()
        let store = try await Self.prepare(Stores(sqlite: database)).indicators
        try await Self.importing(Self.csv, into: store)
        await #expect(throws: ValidationFailure.self) {
            try await Self.importing(
                "\"ID\";\"RegioS\";\"Perioden\";\"W_1\"\n\"0\";\"GMX\";\"2020JJ00\";\"1\"\n", into: store)
        }
        #expect(try await database.writer.write { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") } == true)
    }

    @Test(arguments: StoreKind.allCases)
    func aMalformedFileStoresNothingAndKeepsWhatWasThere(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = try await Self.prepare(stores).indicators
            try await Self.importing(Self.csv, into: store)
            let bad = """
                "ID";"RegioS";"Perioden";"W_1"
                "0";"GM0001";"2020JJ00";"9.9"
                "1";"GM0003";"2021JJ00";"veel"
                "2";"GMX";"2021JJ00";"1"

                """
            let failure = await #expect(throws: ValidationFailure.self) { try await Self.importing(bad, into: store) }
            #expect(failure?.issues.map(\.field) == ["regel 3: W_1", "regel 4: RegioS"])
            let other = await #expect(throws: ValidationFailure.self) {
                try await Self.importing(bad, into: store, table: "T2")
            }
            #expect(other?.issues.count == 2)
            // The good first row of the bad file did not replace 5.0, and no table T2 appeared.
            let all = try await store.observations(matching: ContextFilter(), limit: nil, offset: 0)
            #expect(all.observations.map { $0.value } == [5.0, 4.5, 6.0])
            #expect(try await store.contextTables().map(\.id) == ["T1"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func fictionalRegionsStayOutOfRealTables(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = try await Self.prepare(stores).indicators
            let fictional = """
                "ID";"RegioS";"Perioden";"W_1"
                "0";"FX0001";"2020JJ00";"5.0"

                """
            let failure = await #expect(throws: ValidationFailure.self) {
                try await Self.importing(fictional, into: store)
            }
            #expect(
                failure?.issues.first?.message == "FX0001 is een fictieve regiocode; die hoort niet in CBS-gegevens")
            #expect(try await store.contextTables().isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func programmeIndicatorsRoundTripAndTheReportComparesRegions(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = try await Self.prepare(stores).indicators
            #expect(try await store.indicators(of: "a") == nil)
            let indicators = ArrangementIndicators(
                arrangementID: "a", regions: [RegionCode("GM0001")!],
                programme: [
                    ProgrammeIndicator(
                        id: "banen", name: "Banen", unit: "aantal", source: "Eigen telling", direction: .higherIsBetter,
                        baseline: IndicatorValue(period: IndicatorPeriod(year: 2020), value: 10),
                        targets: [IndicatorValue(period: IndicatorPeriod(year: 2022), value: 12)])
                ])
            try await store.save(indicators)
            #expect(try await store.indicators(of: "a") == indicators)
            try await Self.importing(Self.csv, into: store)
            let report = try await store.report(for: "a")
            #expect(report.context.count == 1)
            #expect(report.context[0].comparison?.otherRegions.map(\.code) == ["GM0002"])
            var fictional = indicators
            fictional.isFictional = true
            fictional.regions = [RegionCode("FX0001")!]
            let failure = await #expect(throws: ValidationFailure.self) { try await store.save(fictional) }
            #expect(failure?.issues.map(\.message) == ["fictieve indicatoren horen nooit bij een echt arrangement"])
            await #expect(throws: ValidationFailure.self) { try await store.indicators(of: "onbekend") }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theDemoIsSeededOnceAndNeverBroughtBack(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            try await stores.portfolio.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name)
            let demo = try BundledIndicators.demo()
            let name = SQLiteIndicatorStore.fictionalExampleSeedName
            let store = stores.indicators
            #expect(
                try await store.seedIfAbsent(
                    demo.indicators, table: demo.table, observations: demo.observations, name: name))
            #expect(try await store.indicators(of: BundledPortfolio.demoID) == demo.indicators)
            #expect(try await store.observations(matching: ContextFilter(), limit: 0, offset: 0).total == 90)
            #expect(
                try await !store.seedIfAbsent(
                    demo.indicators, table: demo.table, observations: demo.observations, name: name))
        }
    }

    /// A file on disk streams into the store in one transaction: every row is stored, counted
    /// from the database (the million-row run is Benchmarks/indicator-import.sh).
    @Test(arguments: StoreKind.allCases)
    func aLargeFileStreamsIntoTheStore(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let rows = 50_000
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "vliegwiel-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: url) }
            var text = "\"ID\";\"RegioS\";\"Perioden\";\"A_1\"\n"
            for index in 0..<rows {
                text +=
                    "\"\(index)\";\"GM\(String(format: "%04d", index % 500))\";\"\(1000 + index / 500)JJ00\";\"\(index % 7)\"\n"
            }
            try text.write(to: url, atomically: true, encoding: .utf8)
            text = ""
            let store = try await Self.prepare(stores).indicators
            let stream = try #require(InputStream(url: url))
            let summary = try await store.importContext(ContextTable.statLine("GROOT")) { insert in
                let result = try StatLineReader.read(stream, format: .csv, tableID: "GROOT", emit: insert)
                return (result.rowsRead, result.issues)
            }
            #expect(summary.rowsRead == rows && summary.observations == rows)
            #expect(
                try await store.observations(matching: ContextFilter(tableID: "GROOT"), limit: 0, offset: 0).total
                    == rows)
            let last = try await store.observations(
                matching: ContextFilter(regions: [RegionCode("GM0499")!], period: IndicatorPeriod(year: 1099)),
                limit: nil,
                offset: 0)
            #expect(last.observations.map(\.value) == [Double(49_999 % 7)])
        }
    }

    /// What the portfolio's map reads in one statement each (issue 16 item 4): the regions of
    /// every arrangement that recorded some, and the measures each context table has figures of.
    @Test(arguments: StoreKind.allCases)
    func theMapReadsEveryRecordedRegionAndEveryTablesMeasures(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            try await stores.arrangements.save([TestProfiles.arrangement("a"), TestProfiles.arrangement("b")])
            let store = stores.indicators
            #expect(try await store.recordedRegions().isEmpty)
            #expect(try await store.contextMeasureCodes().isEmpty)
            try await store.save(
                ArrangementIndicators(arrangementID: "a", regions: [RegionCode("GM0193")!, RegionCode("PV23")!]))
            // Indicators without regions are not a region of the map.
            try await store.save(ArrangementIndicators(arrangementID: "b"))
            #expect(try await store.recordedRegions() == ["a": [RegionCode("GM0193")!, RegionCode("PV23")!]])
            try await Self.importing(Self.csv, into: store, table: "T2")
            try await Self.importing(
                """
                "ID";"RegioS";"Perioden";"Z_9";"A_1"
                "0";"GM0001";"2020JJ00";"1.0";"2.0"

                """, into: store, table: "T1")
            #expect(try await store.contextMeasureCodes() == ["T1": ["A_1", "Z_9"], "T2": ["W_1"]])
        }
    }
}
