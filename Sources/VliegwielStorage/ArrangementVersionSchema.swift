import GRDB

/// The table of arrangement versions (migration "v5 arrangement versions"): one row per
/// version, unique per arrangement and number (the primary key), the arrangement in the same
/// document form as `arrangement.document`, deleted with its arrangement. The arrangements
/// stored before the migration get their current document as version 1.
enum ArrangementVersionSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE arrangement_version (
                  arrangement_id TEXT NOT NULL REFERENCES arrangement(id) ON DELETE CASCADE,
                  version INTEGER NOT NULL CHECK (version >= 1),
                  recorded_at DATETIME NOT NULL,
                  author TEXT NOT NULL CHECK (length(trim(author)) > 0),
                  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                  document TEXT NOT NULL,
                  PRIMARY KEY (arrangement_id, version)
                );
                INSERT INTO arrangement_version (arrangement_id, version, recorded_at, author, reason, document)
                SELECT id, 1, updated_at, 'vliegwiel', 'bestond al vóór de profielgeschiedenis', document
                FROM arrangement;
                """)
    }
}
