import Foundation
import GRDB
import Testing
import VliegwielCore
import VliegwielTestSupport

@testable import VliegwielStorage

@Suite struct ContributionStoreTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// Two real arrangements, `a` and `b`, without a deal.
    /// A fresh database of `kind` with real arrangements `a` and `b` (without a deal), for `body`.
    func withDatabase(
        _ kind: StoreKind,
        _ body: (TestDatabase, any ArrangementStore, any ContributionStore) async throws -> Void
    ) async throws {
        try await kind.withDatabase { database async throws in
            let arrangements = database.stores.arrangements
            try await arrangements.save([TestProfiles.arrangement("a"), TestProfiles.arrangement("b")])
            try await body(database, arrangements, database.stores.contributions)
        }
    }

    static func graph(_ id: String, label: String = "Dorpshuizen") -> ContributionGraph {
        var graph = ContributionGraph.fictionalExampleSecondVersion
        graph.arrangementID = id
        graph.isFictional = false
        graph.nodes[0].label = label
        return graph
    }

    @Test(arguments: StoreKind.allCases)
    func aHistoryRoundTripsWithoutLoss(kind: StoreKind) async throws {
        try await withDatabase(kind) { _, _, store in
            #expect(try await store.history(of: "a").versions.isEmpty)
            let first = Self.graph("a")
            let second = Self.graph("a", label: "Dorpshuizen en bibliotheek")
            try await store.append(
                first, to: "a", on: Self.day("2024-01-15"), author: "Evaluator", reason: "Eerste theorie")
            let recorded = try await store.append(
                second, to: "a", on: Self.day("2025-10-06"), author: "Evaluator", reason: "Bibliotheek erbij")
            #expect(recorded.number == 2)
            let history = try await store.history(of: "a")
            var expected = ContributionGraphHistory(arrangementID: "a")
            try expected.record(first, on: Self.day("2024-01-15"), author: "Evaluator", reason: "Eerste theorie")
            try expected.record(second, on: Self.day("2025-10-06"), author: "Evaluator", reason: "Bibliotheek erbij")
            #expect(history == expected)
            #expect(try await store.history(of: "b").versions.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aRefusedVersionStoresNothing(kind: StoreKind) async throws {
        try await withDatabase(kind) { _, _, store in
            let first = Self.graph("a")
            try await store.append(
                first, to: "a", on: Self.day("2024-01-15"), author: "Evaluator", reason: "Eerste theorie")
            var broken = Self.graph("a", label: "")
            broken.links[0].assumption = " "
            let failure = try await #require(throws: ValidationFailure.self) {
                try await store.append(broken, to: "a", on: Self.day("2023-01-01"), author: "", reason: "Fout")
            }
            #expect(
                failure.issues.map { "\($0.field): \($0.message)" } == [
                    "knopen[0].naam: ontbreekt of is leeg",
                    "schakels[0].aanname: ontbreekt; zeg in woorden waarom deze schakel werkt",
                    "datum: 2023-01-01 ligt voor versie 1 (2024-01-15)",
                    "auteur: ontbreekt; wie wijzigde?",
                ])
            let unchanged = try await #require(throws: ValidationFailure.self) {
                try await store.append(
                    first, to: "a", on: Self.day("2024-02-01"), author: "Evaluator", reason: "Nogmaals")
            }
            #expect(unchanged.issues.map(\.field) == ["graaf"])
            let fictional = try await #require(throws: ValidationFailure.self) {
                var graph = Self.graph("a", label: "Anders")
                graph.isFictional = true
                try await store.append(
                    graph, to: "a", on: Self.day("2024-02-01"), author: "Evaluator", reason: "Fictief")
            }
            #expect(
                fictional.issues.map { "\($0.field): \($0.message)" } == [
                    "fictief: een fictieve graaf hoort nooit bij een echt arrangement"
                ])
            let elsewhere = try await #require(throws: ValidationFailure.self) {
                try await store.append(Self.graph("b"), to: "a", on: Self.day("2024-02-01"), author: "E", reason: "R")
            }
            #expect(
                elsewhere.issues.map { "\($0.field): \($0.message)" } == [
                    "arrangement: de graaf hoort bij 'b', deze geschiedenis bij 'a'"
                ])
            #expect(try await store.history(of: "a").versions.map(\.number) == [1])
            #expect(try await store.history(of: "b").versions.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anUnknownArrangementIsNamed(kind: StoreKind) async throws {
        try await withDatabase(kind) { _, _, store in
            let failure = try await #require(throws: ValidationFailure.self) {
                try await store.history(of: "zz")
            }
            #expect(failure.description == "id: onbekend arrangement 'zz'")
            await #expect(throws: ValidationFailure.self) {
                try await store.append(Self.graph("zz"), to: "zz", on: Self.day("2024-01-15"), author: "E", reason: "R")
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func versionsGoWithTheirArrangement(kind: StoreKind) async throws {
        try await withDatabase(kind) { database, arrangements, store in
            try await store.append(
                Self.graph("a"), to: "a", on: Self.day("2024-01-15"), author: "Evaluator", reason: "Eerste")
            try await store.append(
                Self.graph("b"), to: "b", on: Self.day("2024-01-15"), author: "Evaluator", reason: "Eerste")
            #expect(try await arrangements.delete(id: "a"))
            #expect(try await database.strings("SELECT arrangement_id FROM contribution_graph_version") == ["b"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theFictionalExampleIsSeededOnceAndNeverBroughtBack(kind: StoreKind) async throws {
        try await withDatabase(kind) { database, arrangements, store in
            let example = ContributionGraphHistory.fictionalExample
            let name = SQLiteContributionStore.fictionalExampleSeedName
            try await arrangements.save([TestProfiles.arrangement(example.arrangementID)])
            try await database.execute(
                """
                INSERT INTO portfolio_deal (arrangement_id, name, tranche, source, is_fictional)
                VALUES ('\(example.arrangementID)', 'Voorbeeld (fictief)', 1, 'fictief', TRUE)
                """)
            #expect(try await store.seedIfAbsent(example, name: name))
            #expect(try await store.history(of: example.arrangementID) == example)
            #expect(try await !store.seedIfAbsent(example, name: name))
            #expect(try await arrangements.delete(id: example.arrangementID))
            try await arrangements.save([TestProfiles.arrangement(example.arrangementID)])
            #expect(try await !store.seedIfAbsent(example, name: name))
            #expect(try await store.history(of: example.arrangementID).versions.isEmpty)
        }
    }
}
