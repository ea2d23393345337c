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

    /// A fresh database of `kind` with arrangements `a` and `b`, for `body`.
    func withDatabase(
        _ kind: StoreKind,
        _ body: (TestDatabase, any ArrangementStore, any QCAOutcomeStore) async throws -> Void
    ) async throws {
        try await kind.withDatabase { database async throws in
            let arrangements = database.stores.arrangements
            try await arrangements.save([TestProfiles.arrangement("a"), TestProfiles.arrangement("b")])
            try await body(database, arrangements, database.stores.qcaOutcomes)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func outcomesAreRecordedReplacedAndListedByName(kind: StoreKind) async throws {
        try await withDatabase(kind) { _, _, store in
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
            // Byte order on every database, whatever the server's locale: capitals before small letters.
            try await store.record(try Self.outcome("a", "bereiktLaat", 1))
            try await store.record(try Self.outcome("a", "Z", 1))
            #expect(try await store.outcomeNames() == ["BEREIKT", "VOORTGEZET", "Z", "bereiktLaat"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anUnknownArrangementIsNamed(kind: StoreKind) async throws {
        try await withDatabase(kind) { _, _, store in
            let failure = try await #require(throws: ValidationFailure.self) {
                try await store.record(try Self.outcome("zz", "VOORTGEZET", 1))
            }
            #expect(failure.description == "id: onbekend arrangement 'zz'")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func outcomesGoWithTheirArrangement(kind: StoreKind) async throws {
        try await withDatabase(kind) { _, arrangements, store in
            try await store.record(try Self.outcome("a", "VOORTGEZET", 1))
            try await store.record(try Self.outcome("b", "VOORTGEZET", 0))
            #expect(try await arrangements.delete(id: "a"))
            #expect(try await store.outcomes(named: nil).map(\.arrangementID) == ["b"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theTableRefusesValuesOutOfRangeAndEmptySources(kind: StoreKind) async throws {
        try await withDatabase(kind) { database, _, _ in
            for (value, source) in [(1.5, "bron"), (-0.1, "bron"), (1.0, "  ")] {
                await #expect(throws: RefusedBySchema.self) {
                    try await database.execute(
                        "INSERT INTO qca_outcome VALUES ('a', 'X', \(value), '\(source)', CURRENT_TIMESTAMP)")
                }
            }
        }
    }
}
