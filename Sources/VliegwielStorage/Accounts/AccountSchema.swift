import GRDB

/// The account tables (migration "v9 accounts"; PostgreSQL: the migration of the same name).
/// Secrets are never stored as such: passwords as bcrypt hashes, session ids and API tokens as
/// SHA-256 hashes. Moments are whole milliseconds since 1970.
enum AccountSchema {
    static let roleCodes = ["beheerder", "redacteur", "lezer"]
    static let roles = roleCodes.map { "'\($0)'" }.joined(separator: ", ")

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
