import GRDB
import PostgresNIO

/// Failures of the storage itself rather than of a request: a full disk, an I/O error, a
/// read-only or busy database, a lost connection to PostgreSQL (security review L9). They
/// pass; the request was fine. The web answers them with 503 and `Retry-After`, not 500.
public enum StorageFailure {
    /// A Dutch explanation when `error` is such a failure; nil for anything else.
    public static func unavailability(_ error: any Error) -> String? {
        if let database = error as? DatabaseError {
            switch database.resultCode {
            case .SQLITE_FULL: return "de schijf van de database is vol"
            case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return "de database kan niet worden gelezen of geschreven"
            case .SQLITE_READONLY: return "de database kan nu alleen worden gelezen"
            case .SQLITE_BUSY, .SQLITE_LOCKED: return "de database is bezet"
            default: return nil
            }
        }
        // The PostgreSQL driver's own errors and the store's wrapping of them alike (the long
        // crash run found both answered 500 when the server went away mid-request).
        if let server = error as? PostgresStoreError {
            if let state = server.sqlState { return postgresUnavailability(state) }
            if server.isConnectionLoss { return connectionLost }
        }
        if let driver = error as? PSQLError {
            guard let state = driver.serverInfo?[.sqlState] else { return connectionLost }
            return postgresUnavailability(state)
        }
        return nil
    }

    static let connectionLost = "de verbinding met de databaseserver is verbroken of geweigerd"

    /// SQLSTATE classes: 53 insufficient resources (disk full, out of memory, too many
    /// connections), 57P operator intervention (shutdown), 08 connection exception.
    static func postgresUnavailability(_ state: String) -> String? {
        if state.hasPrefix("53") { return "de databaseserver heeft geen ruimte of verbindingen meer" }
        if state.hasPrefix("57P") || state.hasPrefix("08") { return connectionLost }
        return nil
    }
}
