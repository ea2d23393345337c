import GRDB

/// The audit trail's table (migration "v8 audit trail"): append-only. Triggers refuse every
/// UPDATE and DELETE, and an INSERT that does not continue the chain (next sequence number,
/// previous hash equal to the last entry's hash). No foreign keys: the trail outlives what it
/// describes.
enum AuditSchema {
    /// The triggers that keep the trail append-only and chained (also in ``StorageSchema``).
    static let sqliteTriggers = [
        """
        CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
        BEGIN SELECT RAISE(ABORT, 'het auditlogboek is alleen aan te vullen: een regel wijzigen mag niet'); END
        """,
        """
        CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
        BEGIN SELECT RAISE(ABORT, 'het auditlogboek is alleen aan te vullen: een regel verwijderen mag niet'); END
        """,
        """
        CREATE TRIGGER audit_entry_continues_chain BEFORE INSERT ON audit_entry
        WHEN NEW.sequence <> (SELECT COALESCE(MAX(sequence), 0) + 1 FROM audit_entry)
          OR NEW.previous_hash <> COALESCE(
            (SELECT hash FROM audit_entry ORDER BY sequence DESC LIMIT 1),
            '0000000000000000000000000000000000000000000000000000000000000000')
        BEGIN SELECT RAISE(ABORT, 'een auditregel moet aansluiten op de laatste regel van het logboek'); END
        """,
    ]

    /// The same on PostgreSQL, which also refuses TRUNCATE.
    static let postgresTriggers: [String] = [
        """
        CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' THEN
            RAISE EXCEPTION 'het auditlogboek is alleen aan te vullen: een regel wijzigen mag niet'
              USING ERRCODE = 'restrict_violation';
          END IF;
          RAISE EXCEPTION 'het auditlogboek is alleen aan te vullen: een regel verwijderen mag niet'
            USING ERRCODE = 'restrict_violation';
        END
        $$
        """,
        """
        CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change()
        """,
        """
        CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change()
        """,
        """
        CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change()
        """,
        """
        CREATE FUNCTION audit_entry_continue_chain() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.sequence <> (SELECT COALESCE(MAX(sequence), 0) + 1 FROM audit_entry)
             OR NEW.previous_hash <> COALESCE(
               (SELECT hash FROM audit_entry ORDER BY sequence DESC LIMIT 1),
               '0000000000000000000000000000000000000000000000000000000000000000') THEN
            RAISE EXCEPTION 'een auditregel moet aansluiten op de laatste regel van het logboek'
              USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN NEW;
        END
        $$
        """,
        """
        CREATE TRIGGER audit_entry_continues_chain BEFORE INSERT ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_continue_chain()
        """,
    ]

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE audit_entry (
                  sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
                  recorded_at TEXT NOT NULL CHECK (length(recorded_at) = 24),
                  actor TEXT NOT NULL,
                  action TEXT NOT NULL,
                  object TEXT NOT NULL,
                  result TEXT NOT NULL,
                  origin TEXT NOT NULL,
                  details TEXT NOT NULL CHECK (json_valid(details)),
                  previous_hash TEXT NOT NULL,
                  hash TEXT NOT NULL UNIQUE
                );
                CREATE INDEX audit_entry_actor ON audit_entry(actor);
                CREATE INDEX audit_entry_action ON audit_entry(action);
                CREATE INDEX audit_entry_object ON audit_entry(object);
                CREATE INDEX audit_entry_recorded_at ON audit_entry(recorded_at);
                \(sqliteTriggers.joined(separator: ";\n"));
                """)
    }
}
