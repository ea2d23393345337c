import Foundation
import PostgresNIO
import VliegwielCore

/// Accounts, sessions, tokens and login attempts in a PostgreSQL database: the same contract
/// and tables as ``SQLiteAccountStore``, so that several application instances on one server
/// share the sessions (a login through one instance is valid on the others).
public final class PostgresAccountStore: AccountStore {
    private let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func create(_ account: Account, passwordHash: String) async throws {
        try await database.write { connection in
            if try await connection.exists("SELECT EXISTS (SELECT 1 FROM account WHERE name = \(account.name))") {
                throw AccountTime.nameTaken(account.name)
            }
            try await connection.execute(
                """
                INSERT INTO account (name, password_hash, role, second_factor_required, created_at)
                VALUES (\(account.name), \(passwordHash), \(account.role.name), \(account.secondFactorRequired),
                        \(AccountTime.milliseconds(account.createdAt)))
                """)
            try await Self.writeArrangements(account.role, of: account.name, on: connection)
        }
    }

    public func account(named name: String) async throws -> StoredAccount? {
        try await database.read { connection in
            guard let row = try await connection.rows("SELECT * FROM account WHERE name = \(name)").first else {
                return nil
            }
            return try await Self.stored(row, on: connection)
        }
    }

    public func accounts() async throws -> [Account] {
        try await database.read { connection in
            var accounts: [Account] = []
            for row in try await connection.rows("SELECT * FROM account ORDER BY name COLLATE \"C\"") {
                accounts.append(try await Self.stored(row, on: connection).account)
            }
            return accounts
        }
    }

    public func setRole(_ role: AccountRole, secondFactorRequired: Bool, of name: String) async throws {
        try await update(name) { connection in
            try await connection.execute(
                """
                UPDATE account SET role = \(role.name), second_factor_required = \(secondFactorRequired)
                WHERE name = \(name)
                """)
            try await Self.writeArrangements(role, of: name, on: connection)
        }
    }

    public func setPasswordHash(_ hash: String, of name: String) async throws {
        try await update(name) { connection in
            try await connection.execute("UPDATE account SET password_hash = \(hash) WHERE name = \(name)")
        }
    }

    public func setPendingTOTPSecret(_ secret: String?, of name: String) async throws {
        try await update(name) { connection in
            try await connection.execute("UPDATE account SET totp_pending_secret = \(secret) WHERE name = \(name)")
        }
    }

    public func setTOTPSecret(_ secret: String?, of name: String) async throws {
        try await update(name) { connection in
            try await connection.execute(
                "UPDATE account SET totp_secret = \(secret), totp_pending_secret = NULL WHERE name = \(name)")
        }
    }

    public func useTOTPStep(_ step: Int64, of name: String) async throws -> Bool {
        try await database.write { connection in
            try await connection.exists(
                """

                WITH used AS (
                  UPDATE account SET totp_last_step = \(step)
                  WHERE name = \(name) AND (totp_last_step IS NULL OR totp_last_step < \(step))
                  RETURNING 1
                )
                SELECT EXISTS (SELECT 1 FROM used)
                """)
        }
    }

    public func createSession(_ session: AccountSession) async throws {
        try await database.write { connection in
            try await connection.execute(
                """
                INSERT INTO account_session (id_hash, account_name, created_at, last_seen_at, expires_at, origin)
                VALUES (\(session.idHash), \(session.accountName), \(AccountTime.milliseconds(session.createdAt)),
                        \(AccountTime.milliseconds(session.lastSeenAt)), \(AccountTime.milliseconds(session.expiresAt)),
                        \(session.origin))
                """)
        }
    }

    public func session(idHash: String) async throws -> AccountSession? {
        try await database.read { connection in
            try await connection.rows("SELECT * FROM account_session WHERE id_hash = \(idHash)").first.map(
                Self.session)
        }
    }

    public func touchSession(idHash: String, at time: Date) async throws {
        try await database.write { connection in
            try await connection.execute(
                """
                UPDATE account_session SET last_seen_at = GREATEST(last_seen_at, \(AccountTime.milliseconds(time)))
                WHERE id_hash = \(idHash)
                """)
        }
    }

    public func deleteSession(idHash: String) async throws -> Bool {
        try await database.write { connection in
            !(try await connection.rows("DELETE FROM account_session WHERE id_hash = \(idHash) RETURNING id_hash")
                .isEmpty)
        }
    }

    public func deleteSessions(of name: String) async throws -> Int {
        try await database.write { connection in
            try await connection.rows("DELETE FROM account_session WHERE account_name = \(name) RETURNING id_hash")
                .count
        }
    }

    public func sessions(of name: String) async throws -> [AccountSession] {
        try await database.read { connection in
            try await connection.rows(
                """
                SELECT * FROM account_session WHERE account_name = \(name)
                ORDER BY created_at DESC, id_hash COLLATE "C"
                """
            ).map(Self.session)
        }
    }

    public func createToken(_ token: AccountToken, secretHash: String) async throws {
        try await database.write { connection in
            try await connection.execute(
                """
                INSERT INTO account_token (id, secret_hash, account_name, name, created_at, last_used_at, revoked_at)
                VALUES (\(token.id), \(secretHash), \(token.accountName), \(token.name),
                        \(AccountTime.milliseconds(token.createdAt)), \(token.lastUsedAt.map(AccountTime.milliseconds)),
                        \(token.revokedAt.map(AccountTime.milliseconds)))
                """)
        }
    }

    public func token(secretHash: String) async throws -> AccountToken? {
        try await database.read { connection in
            try await connection.rows("SELECT * FROM account_token WHERE secret_hash = \(secretHash)").first.map(
                Self.token)
        }
    }

    public func tokens(of name: String) async throws -> [AccountToken] {
        try await database.read { connection in
            try await connection.rows(
                "SELECT * FROM account_token WHERE account_name = \(name) ORDER BY created_at, id COLLATE \"C\""
            ).map(Self.token)
        }
    }

    public func markTokenUsed(id: String, at time: Date) async throws {
        try await database.write { connection in
            try await connection.execute(
                "UPDATE account_token SET last_used_at = \(AccountTime.milliseconds(time)) WHERE id = \(id)")
        }
    }

    public func revokeToken(id: String, of name: String, at time: Date) async throws -> Bool {
        try await database.write { connection in
            !(try await connection.rows(
                """
                UPDATE account_token SET revoked_at = \(AccountTime.milliseconds(time))
                WHERE id = \(id) AND account_name = \(name) AND revoked_at IS NULL RETURNING id
                """
            ).isEmpty)
        }
    }

    public func recordLoginAttempt(_ attempt: AccountLoginAttempt) async throws {
        try await database.write { connection in
            try await connection.execute(
                """
                INSERT INTO account_login_attempt (attempted_at, account_name, client_address, succeeded)
                VALUES (\(AccountTime.milliseconds(attempt.time)), \(attempt.accountName), \(attempt.clientAddress),
                        \(attempt.succeeded))
                """)
        }
    }

    public func reserveLoginAttempt(
        _ attempt: AccountLoginAttempt, since: Date, decide: @Sendable ([Date], [Date]) -> Int?
    ) async throws -> Int? {
        // The write transaction holds the installation's write lock (PostgresDatabase): the
        // check and the insert cannot interleave with another attempt, on any instance.
        try await database.write { connection in
            if let wait = decide(
                try await Self.failures(accountName: attempt.accountName, since: since, on: connection),
                try await Self.failures(clientAddress: attempt.clientAddress, since: since, on: connection))
            {
                return wait
            }
            try await connection.execute(
                """
                INSERT INTO account_login_attempt (attempted_at, account_name, client_address, succeeded)
                VALUES (\(AccountTime.milliseconds(attempt.time)), \(attempt.accountName), \(attempt.clientAddress),
                        FALSE)
                """)
            return nil
        }
    }

    public func confirmLoginAttempt(_ attempt: AccountLoginAttempt) async throws {
        try await database.write { connection in
            try await connection.execute(
                """
                UPDATE account_login_attempt SET succeeded = TRUE WHERE ctid = (
                  SELECT ctid FROM account_login_attempt
                  WHERE attempted_at = \(AccountTime.milliseconds(attempt.time)) AND account_name = \(attempt.accountName)
                    AND client_address = \(attempt.clientAddress) AND NOT succeeded LIMIT 1)
                """)
        }
    }

    public func loginFailures(accountName name: String, since: Date) async throws -> [Date] {
        try await database.read { connection in
            try await Self.failures(accountName: name, since: since, on: connection)
        }
    }

    public func loginFailures(clientAddress address: String, since: Date) async throws -> [Date] {
        try await database.read { connection in
            try await Self.failures(clientAddress: address, since: since, on: connection)
        }
    }

    private static func failures(
        accountName name: String, since: Date, on connection: PostgresConnection
    ) async throws -> [Date] {
        try await connection.rows(
            """
            SELECT attempted_at FROM account_login_attempt
            WHERE account_name = \(name) AND NOT succeeded AND attempted_at >= \(AccountTime.milliseconds(since))
              AND attempted_at > COALESCE(
                (SELECT MAX(attempted_at) FROM account_login_attempt WHERE account_name = \(name) AND succeeded), -1)
            ORDER BY attempted_at
            """
        ).map { AccountTime.date(try $0.decode(Int64.self, "attempted_at")) }
    }

    private static func failures(
        clientAddress address: String, since: Date, on connection: PostgresConnection
    ) async throws -> [Date] {
        try await connection.rows(
            """
            SELECT attempted_at FROM account_login_attempt
            WHERE client_address = \(address) AND NOT succeeded AND attempted_at >= \(AccountTime.milliseconds(since))
            ORDER BY attempted_at
            """
        ).map { AccountTime.date(try $0.decode(Int64.self, "attempted_at")) }
    }

    // MARK: - Rows

    private func update(_ name: String, _ body: (PostgresConnection) async throws -> Void) async throws {
        try await database.write { connection in
            guard try await connection.exists("SELECT EXISTS (SELECT 1 FROM account WHERE name = \(name))") else {
                throw AccountTime.unknownAccount(name)
            }
            try await body(connection)
        }
    }

    private static func writeArrangements(
        _ role: AccountRole, of name: String, on connection: PostgresConnection
    ) async throws {
        try await connection.execute("DELETE FROM account_editor_arrangement WHERE account_name = \(name)")
        for id in role.arrangementIDs {
            try await connection.execute(
                "INSERT INTO account_editor_arrangement (account_name, arrangement_id) VALUES (\(name), \(id))")
        }
    }

    private static func stored(_ row: PostgresRandomAccessRow, on connection: PostgresConnection) async throws
        -> StoredAccount
    {
        let name = try row.decode(String.self, "name")
        let ids = try await connection.rows(
            """
            SELECT arrangement_id FROM account_editor_arrangement WHERE account_name = \(name)
            ORDER BY arrangement_id COLLATE "C"
            """
        ).map { try $0.decode(String.self, "arrangement_id") }
        let totpSecret = try row.decode(String?.self, "totp_secret")
        return StoredAccount(
            account: Account(
                name: name, role: AccountRole(name: try row.decode(String.self, "role"), arrangements: ids) ?? .reader,
                secondFactorRequired: try row.decode(Bool.self, "second_factor_required"),
                secondFactorConfigured: totpSecret != nil,
                createdAt: AccountTime.date(try row.decode(Int64.self, "created_at"))),
            passwordHash: try row.decode(String.self, "password_hash"), totpSecret: totpSecret,
            pendingTOTPSecret: try row.decode(String?.self, "totp_pending_secret"))
    }

    private static func session(_ row: PostgresRandomAccessRow) throws -> AccountSession {
        AccountSession(
            idHash: try row.decode(String.self, "id_hash"), accountName: try row.decode(String.self, "account_name"),
            createdAt: AccountTime.date(try row.decode(Int64.self, "created_at")),
            lastSeenAt: AccountTime.date(try row.decode(Int64.self, "last_seen_at")),
            expiresAt: AccountTime.date(try row.decode(Int64.self, "expires_at")),
            origin: try row.decode(String.self, "origin"))
    }

    private static func token(_ row: PostgresRandomAccessRow) throws -> AccountToken {
        AccountToken(
            id: try row.decode(String.self, "id"), accountName: try row.decode(String.self, "account_name"),
            name: try row.decode(String.self, "name"),
            createdAt: AccountTime.date(try row.decode(Int64.self, "created_at")),
            lastUsedAt: try row.decode(Int64?.self, "last_used_at").map(AccountTime.date),
            revokedAt: try row.decode(Int64?.self, "revoked_at").map(AccountTime.date))
    }

    /// The statements of the PostgreSQL migration "v9 accounts" (the SQLite ``AccountSchema``).
    static let migration: [String] = [
        """
        CREATE TABLE account (
          name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
          password_hash TEXT NOT NULL CHECK (length(password_hash) > 0),
          role TEXT NOT NULL CHECK (role IN (\(AccountSchema.roles))),
          second_factor_required BOOLEAN NOT NULL DEFAULT FALSE,
          totp_secret TEXT,
          totp_pending_secret TEXT,
          created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE account_editor_arrangement (
          account_name TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
          arrangement_id TEXT NOT NULL CHECK (length(arrangement_id) > 0),
          PRIMARY KEY (account_name, arrangement_id)
        )
        """,
        """
        CREATE TABLE account_session (
          id_hash TEXT PRIMARY KEY CHECK (length(id_hash) = 64),
          account_name TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
          created_at BIGINT NOT NULL,
          last_seen_at BIGINT NOT NULL,
          expires_at BIGINT NOT NULL,
          origin TEXT NOT NULL
        )
        """,
        "CREATE INDEX account_session_account ON account_session(account_name)",
        """
        CREATE TABLE account_token (
          id TEXT PRIMARY KEY CHECK (length(id) > 0),
          secret_hash TEXT NOT NULL UNIQUE CHECK (length(secret_hash) = 64),
          account_name TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
          name TEXT NOT NULL CHECK (length(trim(name)) > 0),
          created_at BIGINT NOT NULL,
          last_used_at BIGINT,
          revoked_at BIGINT
        )
        """,
        "CREATE INDEX account_token_account ON account_token(account_name)",
        """
        CREATE TABLE account_login_attempt (
          attempted_at BIGINT NOT NULL,
          account_name TEXT NOT NULL,
          client_address TEXT NOT NULL,
          succeeded BOOLEAN NOT NULL
        )
        """,
        "CREATE INDEX account_login_attempt_account ON account_login_attempt(account_name, attempted_at)",
        "CREATE INDEX account_login_attempt_address ON account_login_attempt(client_address, attempted_at)",
    ]
}
