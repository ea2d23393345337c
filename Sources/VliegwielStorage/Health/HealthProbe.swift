import Foundation

/// Whether the database can take a write right now (security review L9, issue 17): the health
/// check writes one row, so that a full disk, a read-only file system or a database server
/// that refuses writes makes `/gezondheid` fail instead of answering "ok" while every save fails.
///
/// The probe's row is not data of the installation: it is not audited, not exported and holds
/// only the moment of the last check.
public protocol HealthProbe: Sendable {
    /// Writes and commits the probe row; throws the database's own error when that fails.
    func probeWrite() async throws
}

/// The probe's table, the same on both databases (migration v12).
enum HealthProbeSchema {
    static let create = """
        CREATE TABLE health_probe (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          checked_at TEXT NOT NULL
        )
        """
    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }
}

/// The probe on either database, written once: an upsert of the one row, in a write
/// transaction of its own (on PostgreSQL under the installation's write lock, like any change).
struct DatabaseHealthProbe: HealthProbe {
    let database: any StoreDatabase

    func probeWrite() async throws {
        let statement = StoredStatement(
            "INSERT INTO health_probe (id, checked_at) VALUES (1, ?) "
                + "ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at", HealthProbeSchema.now())
        try await database.change([statement]) { _ in ([], ()) }
    }
}
