import Foundation
import GRDB
import Testing
import VliegwielCore
import VliegwielTestSupport

@testable import VliegwielStorage

@Suite struct QCAOutcomeStoreTests {
    static func outcome(_ id: String, _ name: String, _ value: Double, _ source: String = "Evaluatie") throws
        -> QCARecordedOutcome
    {
        try QCARecordedOutcome(
            arrangementID: id, name: name, value: value, source: source, recordedAt: Date(timeIntervalSince1970: 60))
    }

    func database() async throws -> (AppDatabase, SQLiteArrangementStore, SQLiteQCAOutcomeStore) {
        let database = try AppDatabase()
        let arrangements = SQLiteArrangementStore(database: database)
        try await arrangements.save([TestProfiles.arrangement("a"), TestProfiles.arrangement("b")])
        return (database, arrangements, SQLiteQCAOutcomeStore(database: database))
    }

    @Test func outcomesAreRecordedReplacedAndListedByName() async throws {
        let (_, _, store) = try await database()
        try await store.record(try Self.outcome("b", "VOORTGEZET", 1))
        try await store.record(try Self.outcome("a", "VOORTGEZET", 0))
        try await store.record(try Self.outcome("a", "BEREIKT", 0.75, "Monitor 2023"))
        try await store.record(try Self.outcome("a", "VOORTGEZET", 0.5, "Evaluatie, herzien"))
        let all = try await store.outcomes(named: nil)
        #expect(
            all.map { "\($0.name) \($0.arrangementID) \($0.value) \($0.source)" } == [
                "BEREIKT a 0.75 Monitor 2023", "VOORTGEZET a 0.5 Evaluatie, herzien", "VOORTGEZET b 1.0 Evaluatie",
            ])
        #expect(all[0].recordedAt == Date(timeIntervalSince1970: 60))
        #expect(try await store.outcomes(named: "BEREIKT").map(\.arrangementID) == ["a"])
        #expect(try await store.outcomeNames() == ["BEREIKT", "VOORTGEZET"])
    }

    @Test func anUnknownArrangementIsNamed() async throws {
        let (_, _, store) = try await database()
        let failure = try await #require(throws: ValidationFailure.self) {
            try await store.record(try Self.outcome("zz", "VOORTGEZET", 1))
        }
        #expect(failure.description == "id: onbekend arrangement 'zz'")
    }

    @Test func outcomesGoWithTheirArrangement() async throws {
        let (_, arrangements, store) = try await database()
        try await store.record(try Self.outcome("a", "VOORTGEZET", 1))
        try await store.record(try Self.outcome("b", "VOORTGEZET", 0))
        #expect(try await arrangements.delete(id: "a"))
        #expect(try await store.outcomes(named: nil).map(\.arrangementID) == ["b"])
    }

    @Test func theTableRefusesValuesOutOfRangeAndEmptySources() async throws {
        let (database, _, _) = try await database()
        for (value, source) in [(1.5, "bron"), (-0.1, "bron"), (1.0, "  ")] {
            await #expect(throws: DatabaseError.self) {
                try await database.writer.write { db in
                    try db.execute(
                        sql: "INSERT INTO qca_outcome VALUES ('a', 'X', ?, ?, ?)", arguments: [value, source, Date()])
                }
            }
        }
    }
}
