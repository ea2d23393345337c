import GRDB
import Testing
import VliegwielCore
import VliegwielInterchange

@testable import VliegwielStorage

/// Security review L9: a failure of the storage is told apart from a failure of the request,
/// so that the web answers 503 with Retry-After instead of a bare 500.
@Suite struct StorageFailureTests {
    @Test(
        "SQLite's disk-full, I/O, read-only and busy errors are unavailability; a constraint is not",
        arguments: [
            (ResultCode.SQLITE_FULL, true), (.SQLITE_IOERR, true), (.SQLITE_READONLY, true), (.SQLITE_BUSY, true),
            (.SQLITE_CONSTRAINT, false), (.SQLITE_ERROR, false),
        ])
    func sqliteErrorsAreClassified(code: ResultCode, unavailable: Bool) {
        #expect((StorageFailure.unavailability(DatabaseError(resultCode: code)) != nil) == unavailable)
    }

    @Test(
        "PostgreSQL's shutdown, connection and resource states and a lost connection are unavailability",
        arguments: [("57P01", true), ("08006", true), ("53100", true), ("23505", false), ("42P01", false)])
    func postgresStatesAreClassified(state: String, unavailable: Bool) {
        var error = PostgresStoreError("PostgreSQL: test")
        error.sqlState = state
        #expect((StorageFailure.unavailability(error) != nil) == unavailable)
    }

    @Test("A connection the server dropped without an answer is unavailability (the long crash run's 500s)")
    func aLostConnectionIsUnavailability() {
        var error = PostgresStoreError("PostgreSQL: serverClosedConnection")
        #expect(StorageFailure.unavailability(error) == nil)
        error.isConnectionLoss = true
        #expect(StorageFailure.unavailability(error) == StorageFailure.connectionLost)
    }

    @Test("An error that is not the storage's is not unavailability")
    func otherErrorsAreNot() {
        struct Other: Error {}
        #expect(StorageFailure.unavailability(Other()) == nil)
    }
}

/// Issue 18: a stored code the vocabulary does not know is a named error on SQLite too, where
/// the portfolio store used to crash on it.
@Suite struct StoredCodeTests {
    @Test("A damaged partner type is named with its column and value, not a crash")
    func aDamagedCodeIsNamed() async throws {
        let database = try AppDatabase()
        let stores = Stores(sqlite: database)
        try await stores.portfolio.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name)
        try await database.writer.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(
                sql: "UPDATE partner SET type = 'onbekend-type' WHERE arrangement_id = ?",
                arguments: [
                    BundledPortfolio.demoID
                ])
        }
        do {
            _ = try await stores.portfolio.record(id: BundledPortfolio.demoID)
            Issue.record("een beschadigde code werd niet opgemerkt")
        } catch let error as StoredCodeError {
            #expect(error.column == "partner.type")
            #expect(error.value == "onbekend-type")
            #expect(error.description.contains("beschadigd"))
        }
    }
}

/// Issue 18: a stored day that is not a day is named, not read as 1 January 1900.
@Suite struct StoredDateTests {
    @Test("A damaged graph-version date is a named error in the learning log's context")
    func aDamagedDateIsNamed() async throws {
        let database = try AppDatabase()
        let stores = Stores(sqlite: database)
        try await stores.portfolio.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name)
        try await stores.contributions.seedIfAbsent(.fictionalExample, name: "graaf")
        try await database.writer.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(
                sql: "UPDATE contribution_graph_version SET date = '2025-13-45' WHERE arrangement_id = ?",
                arguments: [BundledPortfolio.demoID])
        }
        do {
            _ = try await stores.learningLog.context(of: BundledPortfolio.demoID)
            Issue.record("een onmogelijke datum werd stilzwijgend gelezen")
        } catch let error as StoredDateError {
            #expect(error.column == "contribution_graph_version.date")
            #expect(error.value == "2025-13-45")
        }
    }

    @Test func aValidDayIsRead() throws {
        #expect(try StoredDateError.day("2026-12-02", column: "x") == CalendarDate(year: 2026, month: 12, day: 2))
    }
}

/// Security review L9: the health check's write lands on every database, and only in its own
/// table, which is not data of the installation.
@Suite struct HealthProbeTests {
    @Test("The probe writes one row, again and again, on every database", arguments: StoreKind.allCases)
    func theProbeWrites(kind: StoreKind) async throws {
        try await kind.withDatabase { database in
            try await database.stores.health.probeWrite()
            try await database.stores.health.probeWrite()
            #expect(try await database.count("health_probe") == 1)
            let moment = try #require(try await database.strings("SELECT checked_at FROM health_probe").first)
            #expect(moment.hasPrefix("20"))
            #expect(try await database.count("audit_entry") == 0)
        }
    }
}
