import Foundation
import Testing
import VliegwielCore
import VliegwielTestSupport

@testable import VliegwielStorage

/// Learning-log and indicator changes reach the audit trail in their own transaction, on every
/// database, and a refused change leaves no entry (issue 7 item 3: "every data change").
@Suite struct AuditCoverageTests {
    static func actions(_ stores: Stores) async throws -> [String] {
        try await stores.audit.entries(AuditQuery()).entries.map { "\($0.action) \($0.object)" }
    }

    @Test(arguments: StoreKind.allCases)
    func learningLogAndIndicatorChangesAreAudited(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            try await stores.arrangements.save([TestProfiles.arrangement("a")])
            let before = try await Self.actions(stores)

            let lesson = LearningLesson(
                id: "les-1", date: CalendarDate(year: 2025, month: 3, day: 1)!, text: "Stages werken (test)",
                learnedBy: "evaluator", source: "gesprek")
            _ = try await stores.learningLog.append(LearningLogEntries(lessons: [lesson]), to: "a")
            try await stores.indicators.save(
                ArrangementIndicators(arrangementID: "a", regions: [RegionCode("GM0001")!]))
            _ = try await IndicatorStoreTests.importing(IndicatorStoreTests.csv, into: stores.indicators)

            let added = Array(try await Self.actions(stores).dropFirst(before.count))
            #expect(
                added == [
                    "leerlog.toevoegen arrangement:a/leerlog", "indicatoren.opslaan arrangement:a/indicatoren",
                    "contextindicatoren.importeren contexttabel:T1",
                ])
            let entries = try await stores.audit.entries(AuditQuery(action: "leerlog.toevoegen")).entries
            #expect(entries.first?.details == ["besluiten": "0", "lessen": "1", "wijzigingen": "0"])
            guard case .intact = try await stores.audit.verify() else {
                Issue.record("the chain is broken")
                return
            }

            // A refused import stores nothing, its audit entry included.
            let bad = "\"ID\";\"RegioS\";\"Perioden\";\"W_1\"\n\"0\";\"GMX\";\"2021JJ00\";\"1\"\n"
            await #expect(throws: ValidationFailure.self) {
                try await IndicatorStoreTests.importing(bad, into: stores.indicators, table: "T2")
            }
            #expect(try await Self.actions(stores).count == before.count + 3)
        }
    }
}
