import Foundation
import VliegwielCore

/// Accounts, sessions, tokens and login attempts, on SQLite and PostgreSQL alike: one store,
/// one set of SQL (``StoreDatabase``), so that several application instances on one server
/// share the sessions as one file does. Every change records its audit event in its own
/// transaction (security review I3).
final class DatabaseAccountStore: AccountStore {
    private let database: any StoreDatabase

    init(database: any StoreDatabase) {
        self.database = database
    }

    private static func exists(_ name: String) -> StoredStatement {
        StoredStatement("SELECT 1 FROM account WHERE name = ?", name)
    }

    /// One write transaction of `statements` on account `name`, which must exist, recording `event`.
    private func update(_ name: String, _ statements: [StoredStatement], recording event: AuditEvent?) async throws {
        try await database.write([Self.exists(name)]) { rows in
            guard !rows[0].isEmpty else { throw AccountTime.unknownAccount(name) }
            return StoreWrites(statements, events: [event], result: ())
        }
    }

    private static func editors(_ role: AccountRole, of name: String) -> [StoredStatement] {
        [StoredStatement("DELETE FROM account_editor_arrangement WHERE account_name = ?", name)]
            + AccountRows.editorRows(role, of: name).map(\.statement)
    }

    public func create(_ account: Account, passwordHash: String, recording event: AuditEvent?) async throws {
        try await database.write([Self.exists(account.name)]) { rows in
            guard rows[0].isEmpty else { throw AccountTime.nameTaken(account.name) }
            return StoreWrites(
                [AccountRows.row(account, passwordHash: passwordHash).statement]
                    + Self.editors(account.role, of: account.name), events: [event], result: ())
        }
    }

    public func account(named name: String) async throws -> StoredAccount? {
        try await stored("WHERE name = ?", name).first
    }

    public func accounts() async throws -> [Account] { try await stored("").map(\.account) }

    /// The accounts `filter` selects, by name, with the arrangements of their editors.
    private func stored(_ filter: String, _ values: any StoredValueConvertible...) async throws -> [StoredAccount] {
        let order = database.byteOrder
        return try await database.read([
            StoredStatement(sql: "SELECT * FROM account \(filter) ORDER BY name\(order)", values: values.map(\.stored)),
            StoredStatement(
                sql: """
                    SELECT account_name, arrangement_id FROM account_editor_arrangement
                    WHERE account_name IN (SELECT name FROM account \(filter)) ORDER BY arrangement_id\(order)
                    """, values: values.map(\.stored)),
        ]) { rows in
            let editors = try Dictionary(
                grouping: rows[1].map {
                    (try $0.value("account_name") as String, try $0.value("arrangement_id") as String)
                },
                by: \.0)
            return try rows[0].map { row in
                try AccountRows.account(row, arrangementIDs: (editors[try row.value("name")] ?? []).map(\.1))
            }
        }
    }

    public func setRole(
        _ role: AccountRole, secondFactorRequired: Bool, of name: String, recording event: AuditEvent?
    ) async throws {
        try await update(
            name,
            [
                StoredStatement(
                    "UPDATE account SET role = ?, second_factor_required = ? WHERE name = ?", role.name,
                    secondFactorRequired, name)
            ]
                + Self.editors(role, of: name), recording: event)
    }

    public func setPasswordHash(_ hash: String, of name: String, recording event: AuditEvent?) async throws {
        try await update(
            name, [StoredStatement("UPDATE account SET password_hash = ? WHERE name = ?", hash, name)], recording: event
        )
    }

    public func setPendingTOTPSecret(_ secret: String?, of name: String) async throws {
        try await update(
            name, [StoredStatement("UPDATE account SET totp_pending_secret = ? WHERE name = ?", secret, name)],
            recording: nil)
    }

    public func setTOTPSecret(_ secret: String?, of name: String, recording event: AuditEvent?) async throws {
        try await update(
            name,
            [
                StoredStatement(
                    "UPDATE account SET totp_secret = ?, totp_pending_secret = NULL WHERE name = ?", secret, name)
            ],
            recording: event)
    }

    public func useTOTPStep(_ step: Int64, of name: String) async throws -> Bool {
        try await database.change([
            StoredStatement(
                "UPDATE account SET totp_last_step = ? WHERE name = ? AND (totp_last_step IS NULL OR totp_last_step < ?)",
                step, name, step)
        ]) { changes in ([], changes[0] > 0) }
    }

    public func block(_ name: String, at time: Date, recording events: @escaping @Sendable (Int, Int) -> [AuditEvent])
        async throws -> (sessions: Int, tokens: Int)
    {
        let marker = StoredAccount.blockMarker
        return try await database.write([Self.exists(name)]) { rows in
            guard !rows[0].isEmpty else { throw AccountTime.unknownAccount(name) }
            return StoreWrites(
                [
                    StoredStatement(
                        "UPDATE account SET password_hash = ? || password_hash WHERE name = ? AND substr(password_hash, 1, length(?)) <> ?",
                        marker, name, marker, marker),
                    Self.deleteSessions(of: name), Self.revokeTokens(of: name, at: time),
                ]
            ) { changes in (events(changes[1], changes[2]), (changes[1], changes[2])) }
        }
    }

    public func createSession(_ session: AccountSession, recording event: AuditEvent?) async throws {
        try await database.change([AccountRows.row(session).statement]) { _ in ([event].compactMap { $0 }, ()) }
    }

    public func session(idHash: String) async throws -> AccountSession? {
        try await database.rows(StoredStatement("SELECT * FROM account_session WHERE id_hash = ?", idHash)) {
            try AccountRows.session($0)
        }.first
    }

    public func touchSession(idHash: String, at time: Date) async throws {
        let seen = AccountTime.milliseconds(time)
        try await database.change([
            StoredStatement(
                """
                UPDATE account_session SET last_seen_at = CASE WHEN last_seen_at > ? THEN last_seen_at ELSE ? END
                WHERE id_hash = ?
                """, seen, seen, idHash)
        ]) { _ in ([], ()) }
    }

    public func deleteSession(idHash: String, recording event: AuditEvent?) async throws -> Bool {
        try await database.change([StoredStatement("DELETE FROM account_session WHERE id_hash = ?", idHash)]) {
            changes in
            (changes[0] > 0 ? [event].compactMap { $0 } : [], changes[0] > 0)
        }
    }

    private static func deleteSessions(of name: String) -> StoredStatement {
        StoredStatement("DELETE FROM account_session WHERE account_name = ?", name)
    }

    public func deleteSessions(of name: String, recording event: @escaping @Sendable (Int) -> AuditEvent?)
        async throws -> Int
    {
        try await database.change([Self.deleteSessions(of: name)]) { changes in
            ([event(changes[0])].compactMap { $0 }, changes[0])
        }
    }

    public func sessions(of name: String) async throws -> [AccountSession] {
        try await database.rows(
            StoredStatement(
                "SELECT * FROM account_session WHERE account_name = ? ORDER BY created_at DESC, id_hash\(database.byteOrder)",
                name)
        ) { try AccountRows.session($0) }
    }

    public func createToken(_ token: AccountToken, secretHash: String, recording event: AuditEvent?) async throws {
        try await database.change([AccountRows.row(token, secretHash: secretHash).statement]) { _ in
            ([event].compactMap { $0 }, ())
        }
    }

    public func token(secretHash: String) async throws -> AccountToken? {
        try await database.rows(StoredStatement("SELECT * FROM account_token WHERE secret_hash = ?", secretHash)) {
            try AccountRows.token($0)
        }.first
    }

    public func tokens(of name: String) async throws -> [AccountToken] {
        try await database.rows(
            StoredStatement(
                "SELECT * FROM account_token WHERE account_name = ? ORDER BY created_at, id\(database.byteOrder)", name)
        ) { try AccountRows.token($0) }
    }

    public func markTokenUsed(id: String, at time: Date) async throws {
        try await database.change([
            StoredStatement(
                "UPDATE account_token SET last_used_at = ? WHERE id = ?", AccountTime.milliseconds(time), id)
        ]) { _ in ([], ()) }
    }

    public func revokeToken(
        id: String, of name: String, at time: Date, recording event: @escaping @Sendable (Bool) -> AuditEvent?
    ) async throws -> Bool {
        try await database.change([
            StoredStatement(
                "UPDATE account_token SET revoked_at = ? WHERE id = ? AND account_name = ? AND revoked_at IS NULL",
                AccountTime.milliseconds(time), id, name)
        ]) { changes in ([event(changes[0] > 0)].compactMap { $0 }, changes[0] > 0) }
    }

    private static func revokeTokens(of name: String, at time: Date) -> StoredStatement {
        StoredStatement(
            "UPDATE account_token SET revoked_at = ? WHERE account_name = ? AND revoked_at IS NULL",
            AccountTime.milliseconds(time), name)
    }

    public func revokeTokens(of name: String, at time: Date, recording event: @escaping @Sendable (Int) -> AuditEvent?)
        async throws -> Int
    {
        try await database.change([Self.revokeTokens(of: name, at: time)]) { changes in
            ([event(changes[0])].compactMap { $0 }, changes[0])
        }
    }

    public func recordLoginAttempt(_ attempt: AccountLoginAttempt) async throws {
        try await database.change([AccountRows.row(attempt, succeeded: attempt.succeeded).statement]) { _ in ([], ()) }
    }

    public func reserveLoginAttempt(
        _ attempt: AccountLoginAttempt, since: Date, decide: @escaping @Sendable ([Date], [Date]) -> Int?
    ) async throws -> Int? {
        // One write transaction (SQLite's IMMEDIATE, PostgreSQL's write lock): the check and the
        // insert cannot interleave with another attempt, on any instance.
        try await database.write([
            Self.failures(accountName: attempt.accountName, since: since),
            Self.failures(clientAddress: attempt.clientAddress, since: since),
        ]) { rows in
            if let wait = decide(try Self.dates(rows[0]), try Self.dates(rows[1])) {
                return StoreWrites([], result: wait)
            }
            return StoreWrites([AccountRows.row(attempt, succeeded: false).statement], result: nil)
        }
    }

    public func confirmLoginAttempt(_ attempt: AccountLoginAttempt) async throws {
        let row = database.rowIdentity
        try await database.change([
            StoredStatement(
                """
                UPDATE account_login_attempt SET succeeded = TRUE WHERE \(row) = (
                  SELECT \(row) FROM account_login_attempt
                  WHERE attempted_at = ? AND account_name = ? AND client_address = ? AND NOT succeeded LIMIT 1)
                """, AccountTime.milliseconds(attempt.time), attempt.accountName, attempt.clientAddress)
        ]) { _ in ([], ()) }
    }

    public func loginFailures(accountName name: String, since: Date) async throws -> [Date] {
        try await database.read([Self.failures(accountName: name, since: since)]) { try Self.dates($0[0]) }
    }

    public func loginFailures(clientAddress address: String, since: Date) async throws -> [Date] {
        try await database.read([Self.failures(clientAddress: address, since: since)]) { try Self.dates($0[0]) }
    }

    private static func failures(accountName name: String, since: Date) -> StoredStatement {
        StoredStatement(
            """
            SELECT attempted_at FROM account_login_attempt
            WHERE account_name = ? AND NOT succeeded AND attempted_at >= ?
              AND attempted_at > COALESCE(
                (SELECT MAX(attempted_at) FROM account_login_attempt WHERE account_name = ? AND succeeded), -1)
            ORDER BY attempted_at
            """, name, AccountTime.milliseconds(since), name)
    }

    private static func failures(clientAddress address: String, since: Date) -> StoredStatement {
        StoredStatement(
            """
            SELECT attempted_at FROM account_login_attempt
            WHERE client_address = ? AND NOT succeeded AND attempted_at >= ? ORDER BY attempted_at
            """, address, AccountTime.milliseconds(since))
    }

    private static func dates(_ rows: [any StoredRow]) throws -> [Date] {
        try rows.map { AccountTime.date(try $0.value("attempted_at")) }
    }
}
