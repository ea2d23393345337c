import VliegwielCore

/// A code read back from a database that its vocabulary does not know: a damaged row or a row
/// from a newer version. Named with its column and value, on both databases alike, instead of
/// a crash on SQLite and an error on PostgreSQL (issue 18: the stores had drifted apart).
public struct StoredCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var column: String
    public var value: String

    public var description: String {
        "\(column): onbekende opgeslagen code '\(value)'; deze rij is beschadigd of van een nieuwere versie"
    }

    /// The value of `type` that `text` names, read from `column`.
    public static func decode<V: Vocabulary>(_ type: V.Type, _ text: String, column: String) throws -> V {
        guard let value = V(rawValue: text) else { throw StoredCodeError(column: column, value: text) }
        return value
    }
}
