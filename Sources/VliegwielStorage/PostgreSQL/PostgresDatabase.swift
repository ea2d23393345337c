import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// A PostgreSQL database server, the alternative to the embedded SQLite file for an
/// installation that several application instances share. Opening it checks the connection
/// once (so that a wrong address or password is reported at once, in Dutch), then runs a
/// pool of connections in a task of its own and migrates the schema (``PostgresMigrations``).
/// Every PostgreSQL store of the product works on one `PostgresDatabase`.
public final class PostgresDatabase: Sendable {
    /// Where the server is, without the password.
    public let location: PostgresLocation
    let client: PostgresClient
    private let running: Task<Void, Never>

    /// Connects to the server at `url` (`postgres://gebruiker:wachtwoord@host:poort/database`)
    /// and migrates its schema.
    ///
    /// - Throws: ``PostgresOpeningFailure`` with a Dutch message naming what is wrong: the
    ///   address, an unreachable server, refused credentials or an unknown database.
    public init(url: String) async throws {
        let location = try PostgresLocation(url: url)
        try await location.probe()
        self.location = location
        let client = PostgresClient(
            configuration: try location.clientConfiguration(), backgroundLogger: Self.logger)
        self.client = client
        running = Task { await client.run() }
        do {
            try await PostgresMigrations.migrate(self)
        } catch {
            running.cancel()
            throw PostgresOpeningFailure(
                "het schema van '\(location)' kon niet worden bijgewerkt: \(PostgresOpeningFailure.explain(error))")
        }
    }

    deinit { running.cancel() }

    /// Ends the connections; the stores of this database can no longer be used.
    public func close() async {
        running.cancel()
        await running.value
    }

    /// The migrations applied so far, oldest first (the same names as those of the SQLite database).
    public func appliedMigrations() async throws -> [String] {
        try await read { connection in
            try await connection.rows("SELECT name FROM schema_migrations ORDER BY version").map {
                try $0.value("name")
            }
        }
    }

    static let logger = Logger(label: "vliegwiel.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The advisory lock every write transaction takes first, so that writes follow each other
    /// as they do in SQLite: a version number counted from the stored ones is never taken twice,
    /// and a check made in a transaction still holds when it commits.
    private static let writeLock: Int64 = 7_110_407

    /// Runs `body` in one transaction that holds the write lock: everything is stored or nothing.
    func write<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL READ COMMITTED") { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.writeLock))")
            return try await body(connection)
        }
    }

    /// Runs `body` in one read-only transaction that sees one snapshot of the database.
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    private func transaction<T: Sendable>(
        _ begin: PostgresQuery, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await client.withConnection { connection in
            try await connection.execute(begin)
            do {
                let result = try await body(connection)
                try await connection.execute("COMMIT")
                return result
            } catch {
                try? await connection.execute("ROLLBACK")
                // The domain's own failures (ValidationFailure, …) as they are; the driver's readable.
                throw error is PSQLError ? PostgresStoreError(error) : error
            }
        }
    }
}

extension PostgresConnection {
    /// Runs `query`, reading and dropping whatever it returns, so that an error surfaces here.
    func execute(_ query: PostgresQuery) async throws {
        _ = try await self.query(query, logger: PostgresDatabase.logger).collect()
    }

    /// The rows of `query`, each readable by column name.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await self.query(query, logger: PostgresDatabase.logger).collect().map { $0.makeRandomAccess() }
    }
}

extension ByteBuffer {
    /// `text` as a value of COPY's text format: backslash, tab, line feed and carriage return escaped.
    mutating func writeCopyText(_ text: String) {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            writeString(text)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): writeStaticString("\\\\")
            case UInt8(ascii: "\t"): writeStaticString("\\t")
            case UInt8(ascii: "\n"): writeStaticString("\\n")
            case UInt8(ascii: "\r"): writeStaticString("\\r")
            default: writeInteger(byte)
            }
        }
    }

    /// `value` in COPY's text format.
    mutating func writeCopyValue(_ value: StoredValue) {
        switch value {
        case .null: writeStaticString("\\N")
        case .boolean(let flag): writeStaticString(flag ? "t" : "f")
        case .integer(let number): writeString(String(number))
        case .real(let number): writeString("\(number)")
        case .text(let text): writeCopyText(text)
        case .moment(let date): writeString(InstallationTables.momentText(date))
        }
    }
}

/// A moment as stored in PostgreSQL (`TIMESTAMPTZ`): rounded to whole milliseconds, the
/// precision of the SQLite database, so that both keep the same moments and an installation
/// moved from one to the other (`exporteer --alles`) reads back equal, to the millisecond.
struct PostgresTimestamp: PostgresNonThrowingEncodable {
    var date: Date

    init(_ date: Date) { self.date = date }

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        let milliseconds = (date.timeIntervalSince(Self.epoch) * 1_000).rounded()
        byteBuffer.writeInteger(Int64(milliseconds) * 1_000)
    }

    /// PostgreSQL counts from 2000-01-01 UTC.
    private static let epoch = Date(timeIntervalSince1970: 946_684_800)
}

/// A failure of the server or a stored row the store cannot read back, told by the server's
/// message and SQLSTATE (PostgresNIO's own description hides both), without the values bound.
public struct PostgresStoreError: Error, CustomStringConvertible {
    public var description: String
    /// The SQLSTATE of the server's refusal, when the server refused.
    public var sqlState: String?
    /// Whether the driver lost the connection (no answer of the server at all), as when the
    /// server is killed or restarted mid-request.
    public var isConnectionLoss = false

    init(_ description: String) { self.description = description }

    /// `error` as it is when it is not the driver's; otherwise the server's message.
    init(_ error: any Error) {
        if let known = error as? PostgresStoreError {
            self = known
        } else if let error = error as? PSQLError {
            sqlState = error.serverInfo?[.sqlState]
            isConnectionLoss = error.serverInfo == nil
            var text =
                "PostgreSQL: " + (error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)")
            if let detail = error.serverInfo?[.detail] { text += " (\(detail))" }
            if let sqlState { text += " [SQLSTATE \(sqlState)]" }
            description = text
        } else {
            description = "\(error)"
        }
    }
}

/// Why a PostgreSQL database could not be opened, in one Dutch sentence without the password.
public struct PostgresOpeningFailure: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }

    /// The server's message when there is one, otherwise the underlying error.
    static func explain(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return "\(message) (SQLSTATE \(error.serverInfo?[.sqlState] ?? "?"))"
        }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}

/// Where a PostgreSQL database is: parsed from a `postgres://` URL (libpq's form).
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// The folder of the server's unix socket (`?host=/pad`), used instead of TCP when present.
    public var socketFolder: String?
    public var username: String
    var password: String?
    public var database: String
    public var tlsMode: TLSMode

    /// `?sslmode=`: `disable`, `prefer` (the default, as with libpq) or `require`.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    /// Whether `text` is meant as a PostgreSQL URL rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(url text: String) throws {
        guard Self.isURL(text) else {
            throw PostgresOpeningFailure(
                "'\(text)' is geen PostgreSQL-URL; verwacht postgres://gebruiker@host:poort/database")
        }
        guard let components = URLComponents(string: text) else {
            throw PostgresOpeningFailure(
                "de PostgreSQL-URL is onleesbaar; verwacht postgres://gebruiker:wachtwoord@host:poort/database"
                    + " (tekens als @ : / in het wachtwoord %-gecodeerd)")
        }
        let parameters = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let unknown = parameters.keys.filter { !["sslmode", "host"].contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw PostgresOpeningFailure(
                "onbekende parameter \(unknown.map { "'\($0)'" }.joined(separator: ", ")) in de PostgreSQL-URL;"
                    + " bekend zijn sslmode en host")
        }
        socketFolder = parameters["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        if socketFolder == nil, components.host?.isEmpty ?? true {
            throw PostgresOpeningFailure(
                "de PostgreSQL-URL noemt geen server; verwacht postgres://gebruiker@host:poort/database")
        }
        port = components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw PostgresOpeningFailure("poort \(port) in de PostgreSQL-URL bestaat niet; kies 1 tot en met 65535")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresOpeningFailure(
                "de PostgreSQL-URL noemt geen gebruiker; verwacht postgres://gebruiker@host/database")
        }
        username = user
        password = components.password
        let name = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = name.isEmpty ? user : name
        let mode = parameters["sslmode"] ?? TLSMode.prefer.rawValue
        guard let tlsMode = TLSMode(rawValue: mode) else {
            throw PostgresOpeningFailure(
                "sslmode '\(mode)' wordt niet ondersteund; kies \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        self.tlsMode = tlsMode
    }

    /// The URL without the password, for logs and messages.
    public var description: String {
        var text = "postgres://\(username)@\(host):\(port)/\(database)"
        if let socketFolder { text += "?host=\(socketFolder)" }
        return text
    }

    private var socketPath: String? { socketFolder.map { "\($0)/.s.PGSQL.\(port)" } }

    func clientConfiguration() throws -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketPath {
            configuration = .init(
                unixSocketPath: socketPath, username: username, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS =
                switch tlsMode {
                case .disable: .disable
                case .prefer: .prefer(.makeClientConfiguration())
                case .require: .require(.makeClientConfiguration())
                }
            configuration = .init(
                host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    private func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if let socketPath {
            return .init(unixSocketPath: socketPath, username: username, password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS =
            switch tlsMode {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// Connects once and disconnects, turning every reason it fails into a Dutch sentence:
    /// the pool of connections would keep retrying silently instead.
    func probe() async throws {
        let connection = try await connect()
        try? await connection.close()
    }

    /// One connection outside the pool; every reason it fails is a ``PostgresOpeningFailure``.
    func connect() async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(
                configuration: try connectionConfiguration(), id: 0, logger: PostgresDatabase.logger)
        } catch {
            throw failure(error)
        }
    }

    private func failure(_ error: any Error) -> PostgresOpeningFailure {
        let server = socketPath ?? "\(host):\(port)"
        guard let error = error as? PSQLError else {
            return PostgresOpeningFailure("kan geen verbinding maken met PostgreSQL op \(server): \(error)")
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = error.serverInfo?[.message] ?? "onbekende fout"
            switch state {
            case "28P01", "28000":
                return PostgresOpeningFailure(
                    "PostgreSQL op \(server) weigert gebruiker '\(username)' (wachtwoord of toegang): \(message)")
            case "3D000":
                return PostgresOpeningFailure(
                    "database '\(database)' bestaat niet op PostgreSQL op \(server); maak haar aan met createdb")
            default:
                return PostgresOpeningFailure(
                    "PostgreSQL op \(server) weigert de verbinding: \(message) (SQLSTATE \(state))")
            }
        case .sslUnsupported:
            return PostgresOpeningFailure(
                "PostgreSQL op \(server) biedt geen TLS, terwijl sslmode=require dat eist")
        case .authMechanismRequiresPassword:
            return PostgresOpeningFailure(
                "PostgreSQL op \(server) vraagt een wachtwoord voor '\(username)'; zet het in de URL: postgres://gebruiker:wachtwoord@…"
            )
        default:
            let reason = error.underlying.map { "\($0)" } ?? "\(error.code)"
            let plain: String =
                if reason.contains("Connection refused") {
                    "verbinding geweigerd; draait PostgreSQL op die poort?"
                } else if reason.localizedCaseInsensitiveContains("timeout")
                    || reason.localizedCaseInsensitiveContains("timed out")
                {
                    "geen antwoord binnen 10 seconden"
                } else if reason.contains("NXDOMAIN") || reason.localizedCaseInsensitiveContains("lookup")
                    || reason.contains("getaddrinfo")
                {
                    "onbekende host '\(host)'"
                } else {
                    reason
                }
            return PostgresOpeningFailure("kan geen verbinding maken met PostgreSQL op \(server): \(plain)")
        }
    }
}

// MARK: - Administration (tests and tools)

extension PostgresDatabase {
    /// Runs one statement written by the program (never with user values) outside a
    /// transaction on the server at `url`, without migrating it: `CREATE DATABASE`, `DROP DATABASE`.
    static func administer(url: String, unsafeSQL sql: String) async throws {
        let location = try PostgresLocation(url: url)
        let connection = try await location.connect()
        do {
            try await connection.execute(PostgresQuery(unsafeSQL: sql))
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }

    /// Runs one statement written by the program in a write transaction, past the stores
    /// (for tests that prove the schema itself refuses bad rows).
    func execute(unsafeSQL sql: String) async throws {
        try await write { connection in try await connection.execute(PostgresQuery(unsafeSQL: sql)) }
    }

    /// Whether `error` is the server refusing a row: a CHECK, key, foreign key or NOT NULL
    /// (SQLSTATE class 23, integrity constraint violation).
    static func isConstraintViolation(_ error: any Error) -> Bool {
        (error as? PostgresStoreError)?.sqlState?.hasPrefix("23") == true
    }

    /// The first column (text) of every row of a query written by the program.
    func strings(unsafeSQL sql: String) async throws -> [String] {
        try await read { connection in
            try await connection.rows(PostgresQuery(unsafeSQL: sql)).map { try $0[0].decode(String.self) }
        }
    }
}
