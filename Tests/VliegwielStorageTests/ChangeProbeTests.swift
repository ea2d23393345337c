import Foundation
import Testing
import VliegwielCore
import VliegwielTestSupport

@testable import VliegwielStorage

/// The installation's version (``ChangeProbe``), which the read caches key on: on a SQLite file
/// it is the file's data version, which moves with a commit through any connection — this
/// process's stores or another process's — and stays put while nothing is committed.
@Suite struct ChangeProbeTests {
    static func file() throws -> (String, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vliegwiel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder.appendingPathComponent("probe.sqlite").path, folder)
    }

    @Test func aFileIsProbedByItsDataVersionAndEveryCommitMovesIt() async throws {
        let (path, folder) = try Self.file()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stores = Stores(sqlite: try AppDatabase(path: path))
        #expect(stores.changes is SQLiteDataVersionProbe)
        let start = try await stores.changes.version()
        #expect(try await stores.changes.version() == start, "nothing committed, nothing moved")
        #expect(try await stores.arrangements.allArrangements().isEmpty)
        #expect(try await stores.changes.version() == start, "a read is not a change")

        // A commit through this process's own stores.
        try await stores.arrangements.save([TestProfiles.arrangement("probe-een")], author: "T", reason: "r")
        let afterOwn = try await stores.changes.version()
        #expect(afterOwn > start)

        // A commit through another connection to the file, as another process or instance makes it.
        let other = Stores(sqlite: try AppDatabase(path: path))
        try await other.arrangements.save([TestProfiles.arrangement("probe-twee")], author: "T", reason: "r")
        let afterOther = try await stores.changes.version()
        #expect(afterOther > afterOwn)
        #expect(try await stores.changes.version() == afterOther)
    }

    /// In memory (and on PostgreSQL) the version is the newest audit sequence.
    @Test func inMemoryTheAuditSequenceIsTheVersion() async throws {
        let stores = Stores(sqlite: try AppDatabase())
        #expect(stores.changes is AuditSequenceProbe)
        let start = try await stores.changes.version()
        try await stores.arrangements.save([TestProfiles.arrangement("probe-drie")], author: "T", reason: "r")
        #expect(try await stores.changes.version() > start)
        #expect(try await stores.changes.version() == stores.audit.latestSequence())
    }
}
