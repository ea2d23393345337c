import Foundation
import Testing
import VliegwielCore
import VliegwielTestSupport

@testable import VliegwielStorage

/// Two openings of one database (two application instances behind a load balancer, or two
/// processes on one file) writing at the same time keep one unbroken audit chain: on
/// PostgreSQL the write lock orders them as SQLite's single writer does.
@Suite struct PostgresAuditConcurrencyTests {
    static var kinds: [StoreKind] { StoreKind.allCases.filter { $0 != .sqliteMemory } }

    @Test(arguments: kinds)
    func twoInstancesWritingAtOnceKeepOneUnbrokenChain(kind: StoreKind) async throws {
        try await kind.withDatabase { database async throws in
            let first = database.stores
            let second = try await database.reopen()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (instance, stores) in [(1, first), (2, second)] {
                    group.addTask {
                        try await AuditContext.$current.withValue(
                            AuditContext(actor: "instantie \(instance)", origin: "test")
                        ) {
                            for number in 1...15 {
                                try await stores.arrangements.save(
                                    [TestProfiles.arrangement("deal-\(instance)-\(number)")], author: "Tester",
                                    reason: "gelijktijdig")
                                try await stores.audit.append(AuditEvent(action: "test", object: "x:\(number)"))
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let entries = try await first.audit.entries(AuditQuery()).entries
            #expect(entries.map(\.sequence) == Array(1...60))
            #expect(entries.filter { $0.actor == "instantie 1" }.count == 30)
            guard case .intact(let count, _) = try await second.audit.verify() else {
                Issue.record("the chain broke")
                return
            }
            #expect(count == 60)
            #expect(try await first.arrangements.arrangementCount() == 30)
        }
    }
}
