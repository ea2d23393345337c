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
        if let server = error as? PostgresStoreError, let state = server.sqlState {
            // SQLSTATE classes: 53 insufficient resources (disk full, out of memory, too many
            // connections), 57P operator intervention (shutdown), 08 connection exception.
            if state.hasPrefix("53") { return "de databaseserver heeft geen ruimte of verbindingen meer" }
            if state.hasPrefix("57P") || state.hasPrefix("08") {
                return "de verbinding met de databaseserver is verbroken of geweigerd"
            }
        }
        if let driver = error as? PSQLError, driver.serverInfo == nil {
            return "de verbinding met de databaseserver is verbroken of geweigerd"
        }
        return nil
    }
}
