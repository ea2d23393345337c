import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// An opened installation: the database, migrated and holding the shipped catalogue.
struct Installation {
    let database: AppDatabase
    /// Every store of the installation, behind the store protocols.
    let stores: Stores
    let catalogue: [Arrangement]
    let databasePath: String

    static func open(_ options: DatabaseOptions) async throws -> Installation {
        let catalogue = try BundledCatalogue.arrangements()
        let path = options.resolvedPath
        let database: AppDatabase
        do {
            database = try AppDatabase(path: path)
        } catch {
            throw CommandFailure(field: "--database", "kan '\(path)' niet openen als SQLite-database: \(error)")
        }
        let stores = Stores(sqlite: database)
        try await stores.arrangements.synchronizeReferences(with: catalogue)
        try await PortfolioSeeding.seedIfAbsent(in: stores)
        try await ContributionSeeding.seedIfAbsent(in: stores)
        return Installation(database: database, stores: stores, catalogue: catalogue, databasePath: path)
    }

    /// The arrangements (the catalogue's reference variants, the portfolio and the user's own).
    var store: any ArrangementStore { stores.arrangements }

    /// The arrangement with `id`, or a failure that lists the known ids.
    func arrangement(_ id: String, field: String = "id") async throws -> Arrangement {
        if let arrangement = try await store.arrangement(id: id) { return arrangement }
        let known = try await store.allArrangements().map(\.id)
        throw CommandFailure(
            field: field,
            "onbekend arrangement '\(id)'; bekende ids: \(known.prefix(30).joined(separator: ", "))\(known.count > 30 ? ", …" : "")"
        )
    }
}

/// JSON as the CLI prints it: pretty, sorted keys, no escaped slashes.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}
