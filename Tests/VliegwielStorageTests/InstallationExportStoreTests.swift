import Foundation
import Synchronization
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

@testable import VliegwielStorage

/// The installation store on every database of ``StoreKind``: a dump restores into an empty
/// database of any kind and dumps again to the same bytes; a restore is all or nothing.
@Suite struct InstallationExportStoreTests {
    static let demoID = "fictief-regio-deal-voorbeeld"

    /// Every kind of record: the shipped demo data and catalogue entries, a QCA outcome, two
    /// profile versions by a named author.
    static func fill(_ stores: Stores) async throws {
        try await stores.portfolio.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name)
        try await stores.contributions.seedIfAbsent(.fictionalExample, name: "graaf")
        let demo = try BundledIndicators.demo()
        try await stores.indicators.seedIfAbsent(
            demo.indicators, table: demo.table, observations: demo.observations, name: "indicatoren")
        try await stores.learningLog.seedIfAbsent(try LearningLogFormat.fictionalExample(), name: "leerlog")
        try await stores.qcaOutcomes.record(
            try QCARecordedOutcome(arrangementID: demoID, name: "VOORTGEZET", value: 0.25, source: "fictief"))
        var own = TestProfiles.arrangement("eigen")
        try await stores.arrangements.save([own], author: "Tester (fictief)", reason: "eerste opzet")
        own.name = "Eigen, hernoemd"
        try await stores.arrangements.save([own], author: "Tester (fictief)", reason: "nieuwe naam")
    }

    /// A long move says how far it is: the reports climb to every row of every table.
    @Test(arguments: StoreKind.allCases)
    func dumpAndRestoreReportTheirProgress(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            try await Self.fill(stores)
            let rows = try await stores.installation.occupiedTables().map(\.rows).reduce(0, +)
            let read = Mutex<[InstallationProgress]>([])
            let dump = try await stores.installation.dump { progress in read.withLock { $0.append(progress) } }
            #expect(read.withLock { $0.last } == InstallationProgress(rows: rows, total: rows))
            #expect(rows == dump.tables.map(\.rows.count).reduce(0, +))
            #expect(rows > InstallationProgress.step, "enough rows for a report on the way")
            #expect(read.withLock { $0.count } >= 2)
            try await kind.withStores { restored async throws in
                let written = Mutex<[InstallationProgress]>([])
                try await restored.installation.restore(dump) { progress in written.withLock { $0.append(progress) } }
                let reports = written.withLock { $0 }
                #expect(reports.last == InstallationProgress(rows: rows, total: rows))
                #expect(reports.count >= 2)
                #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.rows <= $1.rows })
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aDumpRestoresIntoEveryKindOfDatabaseAndDumpsToTheSameBytes(source: StoreKind) async throws {
        try await source.withStores { stores async throws in
            try await Self.fill(stores)
            let dump = try await stores.installation.dump()
            #expect(dump.tables.map(\.name) == InstallationTables.all.map(\.name))
            #expect(dump.tables.allSatisfy { !$0.rows.isEmpty }, "every table holds a record")
            let bytes = try dump.encoded()
            #expect(try InstallationDump.decode(bytes).encoded() == bytes)
            for target in StoreKind.available {
                try await target.withStores { restored async throws in
                    try await restored.installation.restore(try InstallationDump.decode(bytes))
                    #expect(try await restored.installation.dump().encoded() == bytes, "\(source) → \(target)")
                    // The stores read what was restored as they read their own.
                    #expect(
                        try await restored.arrangements.versions(of: "eigen")
                            == stores.arrangements.versions(of: "eigen"))
                    #expect(
                        try await restored.learningLog.log(of: Self.demoID) == stores.learningLog.log(of: Self.demoID))
                    #expect(
                        try await restored.indicators.report(for: Self.demoID)
                            == stores.indicators.report(for: Self.demoID))
                    #expect(
                        try await restored.contributions.history(of: Self.demoID)
                            == stores.contributions.history(of: Self.demoID))
                    #expect(
                        try await restored.portfolio.record(id: Self.demoID) == stores.portfolio.record(id: Self.demoID)
                    )
                    #expect(
                        try await restored.qcaOutcomes.outcomes(named: nil) == stores.qcaOutcomes.outcomes(named: nil))
                    // One entry in the new trail says what came in; the old trail stays behind.
                    let entries = try await restored.audit.entries(AuditQuery()).entries
                    #expect(entries.map(\.action) == ["installatie.importeren"])
                    #expect(
                        entries.first?.details["arrangement_version"]
                            == "\(dump.table("arrangement_version")!.rows.count)")
                }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func everyTableIsMovedOrNamedAsStayingBehind(kind: StoreKind) async throws {
        try await kind.withDatabase { database async throws in
            let tables = try await database.strings(
                kind == .postgres
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            let moved = Set(InstallationTables.all.map(\.name))
            let unknown = Set(tables).subtracting(moved).subtracting(InstallationTables.notMoved.keys)
            #expect(unknown.isEmpty, "add these to InstallationTables.all or .notMoved: \(unknown.sorted())")
            #expect(moved.isSubset(of: tables))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aDatabaseThatHoldsRecordsIsRefusedWithWhatItHolds(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            try await stores.arrangements.save([TestProfiles.arrangement("bestaand")])
            let before = try await stores.installation.dump()
            let refusal = try await #require(throws: InstallationNotEmpty.self) {
                try await stores.installation.restore(InstallationDump(tables: []))
            }
            #expect(
                refusal.description
                    == "de database is niet leeg: ze bevat al 1 arrangementen, 1 profielversies; importeer een "
                    + "installatie alleen in een nieuwe, lege database (een nieuw bestand of createdb)")
            #expect(try await stores.installation.dump() == before)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aRowTheDatabaseRefusesRollsBackEverything(kind: StoreKind) async throws {
        let dump = try await StoreKind.sqliteMemory.withDump { stores in try await Self.fill(stores) }
        var broken = dump
        let index = try #require(broken.tables.firstIndex { $0.name == "seeded_data" })
        // The last table: a name that is already there breaks the primary key.
        broken.tables[index].rows.append(broken.tables[index].rows[0])
        try await kind.withStores { stores async throws in
            await #expect(throws: (any Error).self) { try await stores.installation.restore(broken) }
            #expect(try await stores.installation.occupiedTables().isEmpty)
            #expect(try await stores.audit.entries(AuditQuery()).total == 0)
            // A value that does not fit is named with its table, row and column, before anything is written.
            var wrong = dump
            let qca = try #require(wrong.tables.firstIndex { $0.name == "qca_outcome" })
            wrong.tables[qca].rows[0][2] = .text("hoog")
            let failure = try await #require(throws: ValidationFailure.self) {
                try await stores.installation.restore(wrong)
            }
            #expect(
                failure.issues.map(\.description) == [
                    #"tabellen[qca_outcome].rijen[0].value: "hoog" past niet; verwacht een getal of null"#
                ])
            #expect(try await stores.installation.occupiedTables().isEmpty)
        }
    }
}

extension InstallationExportStoreTests {
    /// A restore reads the file as it writes; at the first value that does not fit it stops
    /// writing but reads on, so that every issue of the file (up to 50) is named at once, in
    /// file order, and nothing is stored.
    @Test(arguments: StoreKind.allCases)
    func everyIssueOfAFileIsNamedAndNothingIsStored(kind: StoreKind) async throws {
        var dump = try await StoreKind.sqliteMemory.withDump { stores in try await Self.fill(stores) }
        let version = try #require(dump.tables.firstIndex { $0.name == "arrangement_version" })
        let qca = try #require(dump.tables.firstIndex { $0.name == "qca_outcome" })
        dump.tables[version].rows[1][1] = .text("twee")
        dump.tables[qca].rows[0][2] = .boolean(true)
        dump.tables[qca].rows[0].append(.null)
        dump.tables.insert(.init(name: "onbekend", columns: ["a"], rows: [[.null]]), at: qca)
        dump.tables.append(dump.tables[0])
        try await kind.withStores { stores async throws in
            let failure = try await #require(throws: ValidationFailure.self) {
                try await stores.installation.restore(dump)
            }
            let fields = failure.issues.map(\.field)
            #expect(
                fields == [
                    "tabellen[arrangement_version].rijen[1].version", "tabellen[onbekend]",
                    "tabellen[qca_outcome].rijen[0]", "tabellen[qca_outcome].rijen[0].value", "tabellen[arrangement]",
                ], "\(failure.issues)")
            #expect(
                failure.issues.last?.message.hasPrefix("staat na seeded_data; verwacht de tabellen één keer") == true)
            #expect(try await stores.installation.occupiedTables().isEmpty)
            #expect(try await stores.audit.entries(AuditQuery()).total == 0)
        }
    }

    /// A file that breaks off halfway (a copy cut short) fails where it breaks, in the middle of
    /// writing a table (on PostgreSQL in the middle of a COPY), and nothing is stored.
    @Test(arguments: StoreKind.allCases)
    func aFileThatBreaksOffHalfwayStoresNothing(kind: StoreKind) async throws {
        let dump = try await StoreKind.sqliteMemory.withDump { stores in try await Self.fill(stores) }
        let bytes = Array(try dump.encoded())
        let text = String(decoding: bytes, as: UTF8.self)
        let table = try #require(text.range(of: "\"naam\": \"context_observation\""))
        // 200 bytes past the table's name: its columns and a few rows, the last one cut.
        let end = text.utf8.distance(from: text.startIndex, to: table.upperBound) + 200
        try await kind.withStores { stores async throws in
            let failure = try await #require(throws: InstallationDumpError.self) {
                _ = try await stores.installation.restore(InstallationFileReader(bytes: Array(bytes[..<end]))) { _ in }
            }
            #expect(failure.field.hasPrefix("tabellen[context_observation].rijen["), "\(failure)")
            #expect(try await stores.installation.occupiedTables().isEmpty)
            #expect(try await stores.audit.entries(AuditQuery()).total == 0)
        }
    }
}

extension StoreKind {
    /// The dump of a fresh database of this kind after `fill`.
    func withDump(_ fill: (Stores) async throws -> Void) async throws -> InstallationDump {
        var dump: InstallationDump?
        try await withStores { stores async throws in
            try await fill(stores)
            dump = try await stores.installation.dump()
        }
        return try #require(dump)
    }
}
