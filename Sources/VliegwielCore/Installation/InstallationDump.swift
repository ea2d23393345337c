import Foundation

/// A whole installation in one JSON file: the file of `vliegwiel exporteer --alles`, read by
/// `vliegwiel importeer --alles` into an empty database of either kind (docs/postgresql.md,
/// "Een installatie verhuizen").
///
/// The file holds every stored record, table by table, with the values as stored: the
/// arrangements with every profile version (date, author, reason), the portfolio, QCA
/// outcomes, contribution-graph histories, indicators (programme and context tables with their
/// observations), learning logs, and which shipped data sets were seeded. It holds neither the
/// audit trail (its hashes vouch for one database; the new database starts its own trail with
/// the import) nor accounts, sessions or tokens (secrets never leave a database; accounts are
/// made again).
///
/// ```json
/// {
///   "formaat": "vliegwiel-installatie",
///   "versie": 1,
///   "tabellen": [
///     {
///       "naam": "arrangement",
///       "kolommen": ["id", "name", …],
///       "rijen": [
///         ["regio-deal", "Regio Deal", …]
///       ]
///     }
///   ]
/// }
/// ```
///
/// Values are JSON strings, numbers, booleans and `null`; moments are UTC text with
/// milliseconds (`2025-03-01T09:30:00.000Z`), calendar dates `JJJJ-MM-DD`, money whole cents.
/// Documents (an arrangement, a graph, a learning-log entry) are the JSON text as stored.
/// Tables and rows are in a fixed order, so the same installation always gives the same bytes,
/// whichever database it was read from.
public struct InstallationDump: Sendable, Hashable {
    /// The value of `formaat`.
    public static let formatName = "vliegwiel-installatie"
    /// The version of the file this program writes and reads.
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var tables: [Table]

    public init(tables: [Table]) {
        format = Self.formatName
        version = Self.currentVersion
        self.tables = tables
    }

    /// One table: its columns and its rows, each row one value per column.
    public struct Table: Sendable, Hashable {
        public var name: String
        public var columns: [String]
        public var rows: [[Value]]

        public init(name: String, columns: [String], rows: [[Value]]) {
            self.name = name
            self.columns = columns
            self.rows = rows
        }
    }

    /// One stored value. A whole number in the file reads as ``integer(_:)`` even where the
    /// column holds fractions (JSON does not tell `5` from `5.0`); the database converts it.
    public enum Value: Sendable, Hashable {
        case null
        case boolean(Bool)
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    /// The table called `name`, if the file has it.
    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }
}

extension InstallationDump {
    /// The file's bytes, as ``InstallationFileWriter`` writes them: two-space indentation, one
    /// row per line, so that the same installation always gives the same bytes and a large
    /// table stays readable.
    ///
    /// - Throws: ``InstallationDumpError`` for a number JSON cannot hold.
    public func encoded() throws -> Data {
        var writer = InstallationFileWriter()
        for table in tables {
            writer.beginTable(table.name, columns: table.columns)
            for row in table.rows { try writer.row(row) }
            writer.endTable()
        }
        writer.finish()
        return Data(writer.take())
    }

    /// Reads a file written by ``encoded()`` (or any JSON of the same form), with
    /// ``InstallationFileReader``.
    ///
    /// - Throws: ``InstallationDumpError`` naming what is wrong: not JSON, another format, a
    ///   newer version, a row whose length differs from the columns.
    public static func decode(_ data: Data) throws -> InstallationDump {
        let bytes = [UInt8](data)
        try InstallationFileReader(bytes: bytes).header()
        let reader = InstallationFileReader(bytes: bytes)
        var tables: [Table] = []
        while let (name, columns) = try reader.nextTable() {
            var rows: [[Value]] = []
            while let row = try reader.nextRow() { rows.append(row) }
            tables.append(Table(name: name, columns: columns, rows: rows))
        }
        return InstallationDump(tables: tables)
    }
}

/// Why a file cannot be read as an installation, naming the field.
public struct InstallationDumpError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
