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
public struct InstallationDump: Sendable, Hashable, Codable {
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
    public struct Table: Sendable, Hashable, Codable {
        public var name: String
        public var columns: [String]
        public var rows: [[Value]]

        public init(name: String, columns: [String], rows: [[Value]]) {
            self.name = name
            self.columns = columns
            self.rows = rows
        }

        enum CodingKeys: String, CodingKey {
            case name = "naam"
            case columns = "kolommen"
            case rows = "rijen"
        }
    }

    /// One stored value. A whole number in the file reads as ``integer(_:)`` even where the
    /// column holds fractions (JSON does not tell `5` from `5.0`); the database converts it.
    public enum Value: Sendable, Hashable, Codable {
        case null
        case boolean(Bool)
        case integer(Int64)
        case real(Double)
        case text(String)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .boolean(value)
            } else if let value = try? container.decode(Int64.self) {
                self = .integer(value)
            } else if let value = try? container.decode(Double.self) {
                self = .real(value)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .boolean(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            case .real(let value): try container.encode(value)
            case .text(let value): try container.encode(value)
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case format = "formaat"
        case version = "versie"
        case tables = "tabellen"
    }

    /// The table called `name`, if the file has it.
    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }
}

extension InstallationDump {
    /// The file's bytes: two-space indentation, one row per line, keys in a fixed order, so
    /// that the same installation always gives the same bytes and a large table stays readable.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json<T: Encodable>(_ value: T) throws -> String {
            String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        var text = "{\n  \"formaat\": \(try json(format)),\n  \"versie\": \(version),\n  \"tabellen\": ["
        for (tableIndex, table) in tables.enumerated() {
            text += tableIndex == 0 ? "\n" : ",\n"
            text += "    {\n      \"naam\": \(try json(table.name)),\n"
            text += "      \"kolommen\": \(try json(table.columns)),\n      \"rijen\": ["
            for (rowIndex, row) in table.rows.enumerated() {
                text += (rowIndex == 0 ? "\n        " : ",\n        ") + (try json(row))
            }
            text += table.rows.isEmpty ? "]\n    }" : "\n      ]\n    }"
        }
        text += tables.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return Data(text.utf8)
    }

    /// Reads a file written by ``encoded()`` (or any JSON of the same form).
    ///
    /// - Throws: ``InstallationDumpError`` naming what is wrong: not JSON, another format, a
    ///   newer version, a row whose length differs from the columns.
    public static func decode(_ data: Data) throws -> InstallationDump {
        struct Header: Decodable {
            var formaat: String?
            var versie: Int?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw InstallationDumpError(
                field: "bestand", message: "is geen JSON-object; verwacht een bestand van 'exporteer --alles'")
        }
        guard header.formaat == formatName else {
            throw InstallationDumpError(
                field: "formaat",
                message:
                    "'\(header.formaat ?? "")' is geen installatiebestand; verwacht '\(formatName)' (van 'vliegwiel exporteer --alles')"
            )
        }
        guard header.versie == currentVersion else {
            throw InstallationDumpError(
                field: "versie",
                message:
                    "versie \(header.versie.map(String.init) ?? "?") wordt niet gelezen; deze Vliegwiel leest versie \(currentVersion)"
            )
        }
        let dump: InstallationDump
        do {
            dump = try JSONDecoder().decode(InstallationDump.self, from: data)
        } catch let DecodingError.dataCorrupted(context), let DecodingError.keyNotFound(_, context),
            let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context)
        {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            throw InstallationDumpError(
                field: path.isEmpty ? "bestand" : String(path.drop { $0 == "." }), message: context.debugDescription)
        }
        for table in dump.tables {
            if let index = table.rows.firstIndex(where: { $0.count != table.columns.count }) {
                throw InstallationDumpError(
                    field: "tabellen[\(table.name)].rijen[\(index)]",
                    message: "heeft \(table.rows[index].count) waarden voor \(table.columns.count) kolommen")
            }
        }
        return dump
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
