import Foundation
import GRDB
import VliegwielCore

/// Accounts, sessions, tokens and login attempts in the embedded SQLite database.
public final class SQLiteAccountStore: AccountStore {
    private let writer: any DatabaseWriter

    public init(database: AppDatabase) {
        writer = database.writer
    }

    public func create(_ account: Account, passwordHash: String) async throws {
        try await writer.write { db in
            if try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE name = ?)", arguments: [account.name])
                == true
            {
                throw AccountTime.nameTaken(account.name)
            }
            try db.execute(
                sql: """
                    INSERT INTO account (name, password_hash, role, second_factor_required, created_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    account.name, passwordHash, account.role.name, account.secondFactorRequired,
                    AccountTime.milliseconds(account.createdAt),
                ])
            try Self.writeArrangements(account.role, of: account.name, in: db)
        }
    }

    public func account(named name: String) async throws -> StoredAccount? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ?", arguments: [name]) else {
                return nil
            }
            return try Self.stored(row, in: db)
        }
    }

    public func accounts() async throws -> [Account] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY name").map { try Self.stored($0, in: db).account }
        }
    }

    public func setRole(_ role: AccountRole, secondFactorRequired: Bool, of name: String) async throws {
        try await update(name) { db in
            try db.execute(
                sql: "UPDATE account SET role = ?, second_factor_required = ? WHERE name = ?",
                arguments: [role.name, secondFactorRequired, name])
            try Self.writeArrangements(role, of: name, in: db)
        }
    }

    public func setPasswordHash(_ hash: String, of name: String) async throws {
        try await update(name) { db in
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE name = ?", arguments: [hash, name])
        }
    }

    public func setPendingTOTPSecret(_ secret: String?, of name: String) async throws {
        try await update(name) { db in
            try db.execute(sql: "UPDATE account SET totp_pending_secret = ? WHERE name = ?", arguments: [secret, name])
        }
    }

    public func setTOTPSecret(_ secret: String?, of name: String) async throws {
        try await update(name) { db in
            try db.execute(
                sql: "UPDATE account SET totp_secret = ?, totp_pending_secret = NULL WHERE name = ?",
                arguments: [secret, name])
        }
    }

    public func useTOTPStep(_ step: Int64, of name: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql:
                    "UPDATE account SET totp_last_step = ? WHERE name = ? AND (totp_last_step IS NULL OR totp_last_step < ?)",
                arguments: [step, name, step])
            return db.changesCount > 0
        }
    }

    public func createSession(_ session: AccountSession) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO account_session (id_hash, account_name, created_at, last_seen_at, expires_at, origin)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    session.idHash, session.accountName, AccountTime.milliseconds(session.createdAt),
                    AccountTime.milliseconds(session.lastSeenAt), AccountTime.milliseconds(session.expiresAt),
                    session.origin,
                ])
        }
    }

    public func session(idHash: String) async throws -> AccountSession? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account_session WHERE id_hash = ?", arguments: [idHash]).map(
                Self.session)
        }
    }

    public func touchSession(idHash: String, at time: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE account_session SET last_seen_at = max(last_seen_at, ?) WHERE id_hash = ?",
                arguments: [AccountTime.milliseconds(time), idHash])
        }
    }

    public func deleteSession(idHash: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM account_session WHERE id_hash = ?", arguments: [idHash])
            return db.changesCount > 0
        }
    }

    public func deleteSessions(of name: String) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM account_session WHERE account_name = ?", arguments: [name])
            return db.changesCount
        }
    }

    public func sessions(of name: String) async throws -> [AccountSession] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM account_session WHERE account_name = ? ORDER BY created_at DESC, id_hash",
                arguments: [name]
            ).map(Self.session)
        }
    }

    public func createToken(_ token: AccountToken, secretHash: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO account_token (id, secret_hash, account_name, name, created_at, last_used_at, revoked_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    token.id, secretHash, token.accountName, token.name, AccountTime.milliseconds(token.createdAt),
                    token.lastUsedAt.map(AccountTime.milliseconds), token.revokedAt.map(AccountTime.milliseconds),
                ])
        }
    }

    public func token(secretHash: String) async throws -> AccountToken? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account_token WHERE secret_hash = ?", arguments: [secretHash]).map(
                Self.token)
        }
    }

    public func tokens(of name: String) async throws -> [AccountToken] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM account_token WHERE account_name = ? ORDER BY created_at, id", arguments: [name]
            ).map(Self.token)
        }
    }

    public func markTokenUsed(id: String, at time: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE account_token SET last_used_at = ? WHERE id = ?",
                arguments: [AccountTime.milliseconds(time), id])
        }
    }

    public func revokeToken(id: String, of name: String, at time: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE account_token SET revoked_at = ? WHERE id = ? AND account_name = ? AND revoked_at IS NULL",
                arguments: [AccountTime.milliseconds(time), id, name])
            return db.changesCount > 0
        }
    }

    public func recordLoginAttempt(_ attempt: AccountLoginAttempt) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO account_login_attempt (attempted_at, account_name, client_address, succeeded)
                    VALUES (?, ?, ?, ?)
                    """,
                arguments: [
                    AccountTime.milliseconds(attempt.time), attempt.accountName, attempt.clientAddress,
                    attempt.succeeded,
                ])
        }
    }

    public func reserveLoginAttempt(
        _ attempt: AccountLoginAttempt, since: Date, decide: @Sendable ([Date], [Date]) -> Int?
    ) async throws -> Int? {
        // GRDB writes in IMMEDIATE transactions: the check and the insert hold the write lock.
        try await writer.write { db in
            if let wait = decide(
                try Self.failures(accountName: attempt.accountName, since: since, in: db),
                try Self.failures(clientAddress: attempt.clientAddress, since: since, in: db))
            {
                return wait
            }
            try db.execute(
                sql: """
                    INSERT INTO account_login_attempt (attempted_at, account_name, client_address, succeeded)
                    VALUES (?, ?, ?, FALSE)
                    """,
                arguments: [AccountTime.milliseconds(attempt.time), attempt.accountName, attempt.clientAddress])
            return nil
        }
    }

    public func confirmLoginAttempt(_ attempt: AccountLoginAttempt) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE account_login_attempt SET succeeded = TRUE WHERE rowid = (
                      SELECT rowid FROM account_login_attempt
                      WHERE attempted_at = ? AND account_name = ? AND client_address = ? AND NOT succeeded LIMIT 1)
                    """,
                arguments: [AccountTime.milliseconds(attempt.time), attempt.accountName, attempt.clientAddress])
        }
    }

    public func loginFailures(accountName name: String, since: Date) async throws -> [Date] {
        try await writer.read { db in try Self.failures(accountName: name, since: since, in: db) }
    }

    public func loginFailures(clientAddress address: String, since: Date) async throws -> [Date] {
        try await writer.read { db in try Self.failures(clientAddress: address, since: since, in: db) }
    }

    private static func failures(accountName name: String, since: Date, in db: Database) throws -> [Date] {
        try Int64.fetchAll(
            db,
            sql: """
                SELECT attempted_at FROM account_login_attempt
                WHERE account_name = ? AND NOT succeeded AND attempted_at >= ?
                  AND attempted_at > COALESCE(
                    (SELECT MAX(attempted_at) FROM account_login_attempt WHERE account_name = ? AND succeeded), -1)
                ORDER BY attempted_at
                """, arguments: [name, AccountTime.milliseconds(since), name]
        ).map(AccountTime.date)
    }

    private static func failures(clientAddress address: String, since: Date, in db: Database) throws -> [Date] {
        try Int64.fetchAll(
            db,
            sql: """
                SELECT attempted_at FROM account_login_attempt
                WHERE client_address = ? AND NOT succeeded AND attempted_at >= ? ORDER BY attempted_at
                """, arguments: [address, AccountTime.milliseconds(since)]
        ).map(AccountTime.date)
    }

    // MARK: - Rows

    private func update(_ name: String, _ body: @escaping @Sendable (Database) throws -> Void) async throws {
        try await writer.write { db in
            guard
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE name = ?)", arguments: [name])
                    == true
            else { throw AccountTime.unknownAccount(name) }
            try body(db)
        }
    }

    private static func writeArrangements(_ role: AccountRole, of name: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM account_editor_arrangement WHERE account_name = ?", arguments: [name])
        for id in role.arrangementIDs {
            try db.execute(
                sql: "INSERT INTO account_editor_arrangement (account_name, arrangement_id) VALUES (?, ?)",
                arguments: [name, id])
        }
    }

    private static func stored(_ row: Row, in db: Database) throws -> StoredAccount {
        let name: String = row["name"]
        let ids = try String.fetchAll(
            db, sql: "SELECT arrangement_id FROM account_editor_arrangement WHERE account_name = ? ORDER BY 1",
            arguments: [name])
        let roleName: String = row["role"]
        let totpSecret: String? = row["totp_secret"]
        return StoredAccount(
            account: Account(
                name: name, role: AccountRole(name: roleName, arrangements: ids) ?? .reader,
                secondFactorRequired: row["second_factor_required"], secondFactorConfigured: totpSecret != nil,
                createdAt: AccountTime.date(row["created_at"])),
            passwordHash: row["password_hash"], totpSecret: totpSecret, pendingTOTPSecret: row["totp_pending_secret"])
    }

    private static func session(_ row: Row) -> AccountSession {
        AccountSession(
            idHash: row["id_hash"], accountName: row["account_name"], createdAt: AccountTime.date(row["created_at"]),
            lastSeenAt: AccountTime.date(row["last_seen_at"]), expiresAt: AccountTime.date(row["expires_at"]),
            origin: row["origin"])
    }

    private static func token(_ row: Row) -> AccountToken {
        AccountToken(
            id: row["id"], accountName: row["account_name"], name: row["name"],
            createdAt: AccountTime.date(row["created_at"]),
            lastUsedAt: (row["last_used_at"] as Int64?).map(AccountTime.date),
            revokedAt: (row["revoked_at"] as Int64?).map(AccountTime.date))
    }
}

/// The account tables (migration "v9 accounts"; PostgreSQL: the migration of the same name).
/// Secrets are never stored as such: passwords as bcrypt hashes, session ids and API tokens as
/// SHA-256 hashes. Moments are whole milliseconds since 1970.
enum AccountSchema {
    static let roles = "'beheerder', 'redacteur', 'lezer'"

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE account (
                  name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
                  password_hash TEXT NOT NULL CHECK (length(password_hash) > 0),
                  role TEXT NOT NULL CHECK (role IN (\(roles))),
                  second_factor_required BOOLEAN NOT NULL DEFAULT 0,
                  totp_secret TEXT,
                  totp_pending_secret TEXT,
                  created_at INTEGER NOT NULL
                );
                CREATE TABLE account_editor_arrangement (
                  account_name TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                  arrangement_id TEXT NOT NULL CHECK (length(arrangement_id) > 0),
                  PRIMARY KEY (account_name, arrangement_id)
                );
                CREATE TABLE account_session (
                  id_hash TEXT PRIMARY KEY CHECK (length(id_hash) = 64),
                  account_name TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                  created_at INTEGER NOT NULL,
                  last_seen_at INTEGER NOT NULL,
                  expires_at INTEGER NOT NULL,
                  origin TEXT NOT NULL
                );
                CREATE INDEX account_session_account ON account_session(account_name);
                CREATE TABLE account_token (
                  id TEXT PRIMARY KEY CHECK (length(id) > 0),
                  secret_hash TEXT NOT NULL UNIQUE CHECK (length(secret_hash) = 64),
                  account_name TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
                  created_at INTEGER NOT NULL,
                  last_used_at INTEGER,
                  revoked_at INTEGER
                );
                CREATE INDEX account_token_account ON account_token(account_name);
                CREATE TABLE account_login_attempt (
                  attempted_at INTEGER NOT NULL,
                  account_name TEXT NOT NULL,
                  client_address TEXT NOT NULL,
                  succeeded BOOLEAN NOT NULL
                );
                CREATE INDEX account_login_attempt_account ON account_login_attempt(account_name, attempted_at);
                CREATE INDEX account_login_attempt_address ON account_login_attempt(client_address, attempted_at);
                """)
    }
}
