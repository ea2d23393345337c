import Foundation
import GRDB
import Synchronization

/// A number that moves whenever a change may have been committed to the installation, by this
/// process, another process (the CLI) or another instance: what the read caches key on
/// (issue 14 item 4). It may move without a change (a session written, a login attempt), which
/// costs a cache miss; it never stays put across a committed change.
public protocol ChangeProbe: Sendable {
    func version() async throws -> Int
}

/// The newest audit sequence number. Every change of a record appends an audit entry in its own
/// transaction, on both databases (`AuditInvariantTests`), so the number moves with every
/// change; one query per call. For PostgreSQL and SQLite in memory.
struct AuditSequenceProbe: ChangeProbe {
    let audit: any AuditStore

    func version() async throws -> Int { try await audit.latestSequence() }
}

/// A SQLite file's `PRAGMA data_version` on a connection of its own: SQLite changes it whenever
/// any other connection — of this process or another — commits to the file, and it reads no
/// table (https://sqlite.org/pragma.html#pragma_data_version). The connection never writes, so
/// every commit is another connection's. The value is only comparable on that one connection;
/// it is turned into a counter that rises by one at each change, read and counted under the
/// connection's lock so that no caller sees the counter before the value it saw.
final class SQLiteDataVersionProbe: ChangeProbe {
    private struct State {
        var dataVersion: Int?
        var version = 0
    }

    private let connection: DatabaseQueue
    private let state = Mutex(State())

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    func version() throws -> Int {
        try connection.inDatabase { db in
            let current = try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            return state.withLock { state in
                if state.dataVersion != current {
                    state.dataVersion = current
                    state.version += 1
                }
                return state.version
            }
        }
    }
}
