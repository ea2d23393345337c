import Foundation
import GRDB
import GRDBSQLite
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
///
/// Every anonymous request that may be answered from the kept pages asks this first, so it
/// speaks to SQLite directly (one prepared statement, stepped and reset under a lock) rather
/// than through a GRDB queue, whose dispatch hop and statement cursor cost more than the pragma.
final class SQLiteDataVersionProbe: ChangeProbe {
    private struct State: ~Copyable {
        let connection: OpaquePointer
        let statement: OpaquePointer
        var dataVersion: Int64?
        var version = 0

        deinit {
            sqlite3_finalize(statement)
            sqlite3_close_v2(connection)
        }
    }

    private let state: Mutex<State>

    init(path: String) throws {
        var connection: OpaquePointer?
        let opened = sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard opened == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "geen verbinding"
            sqlite3_close_v2(connection)
            throw DatabaseError(resultCode: ResultCode(rawValue: opened), message: message)
        }
        sqlite3_busy_timeout(connection, 5000)
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v3(
            connection, "PRAGMA data_version", -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard prepared == SQLITE_OK, let statement else {
            let message = String(cString: sqlite3_errmsg(connection))
            sqlite3_close_v2(connection)
            throw DatabaseError(resultCode: ResultCode(rawValue: prepared), message: message)
        }
        state = Mutex(State(connection: connection, statement: statement))
    }

    func version() throws -> Int {
        try state.withLock { state in
            let stepped = sqlite3_step(state.statement)
            let current = stepped == SQLITE_ROW ? sqlite3_column_int64(state.statement, 0) : nil
            sqlite3_reset(state.statement)
            guard let current else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: stepped),
                    message: String(cString: sqlite3_errmsg(state.connection)))
            }
            if state.dataVersion != current {
                state.dataVersion = current
                state.version += 1
            }
            return state.version
        }
    }
}
