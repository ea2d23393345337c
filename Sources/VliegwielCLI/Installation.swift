import Foundation
import VliegwielApplication
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// An opened installation: the database (an SQLite file or a PostgreSQL server), migrated
/// and holding the shipped catalogue.
struct Installation {
    /// Every store of the installation, behind the store protocols.
    let stores: Stores
    /// The shipped catalogue, when this opening read it.
    private let shippedCatalogue: [Arrangement]?
    /// The SQLite path or the PostgreSQL URL without its password, for logs and messages.
    let databasePath: String

    /// What a command needs of the shipped data (``ShippedData``).
    enum ShippedDataUse {
        /// The command reads, shows or changes arrangements (or may): the shipped catalogue is
        /// read and every part of the shipped data loaded, so that the reference variants are
        /// those of this version of Vliegwiel.
        case synchronized
        /// The command touches no arrangement (`importeer-contextindicatoren`, the account and
        /// audit-trail commands, which would otherwise also write the synchronisation's audit
        /// entries before reading the trail): a database that
        /// never had the shipped data (a new one) gets it all, as with ``synchronized``; any
        /// other is left as it is, without even reading the catalogue (0.2 s cpu, more than
        /// half of `sqlite3 .import` of 200 000 rows: BENCHMARKS.md). The next command that
        /// shows arrangements brings the reference variants up to date.
        case onFirstOpening
    }

    /// The shipped catalogue's arrangements: as read when the installation was opened, or
    /// read now (an installation opened ``ShippedDataUse/onFirstOpening`` may not have).
    var catalogue: [Arrangement] {
        get throws { try shippedCatalogue ?? BundledCatalogue.arrangements() }
    }

    /// The installation `options` names, migrated and seeded. Only `creating` commands (`start`,
    /// `importeer`) or `--maak-database` may begin a new SQLite file (security review M6): any
    /// other command refuses a missing file, so that a database removed by mistake is noticed
    /// instead of silently replaced by an empty one.
    static func open(
        _ options: DatabaseOptions, creating: Bool = false, shippedData use: ShippedDataUse = .synchronized
    ) async throws -> Installation {
        let (stores, description) = try await openStores(options.resolvedPath, creating: creating || options.mayCreate)
        var catalogue: [Arrangement]?
        // The portfolio is the second part to load, after the catalogue: once it is recorded
        // as loaded, the database had the shipped data.
        let hadShippedData = use == .onFirstOpening ? try await stores.portfolio.hasSeeded(PortfolioSeed.name) : false
        if !hadShippedData {
            let arrangements = try BundledCatalogue.arrangements()
            try await ShippedData.load(into: stores, catalogue: arrangements)
            catalogue = arrangements
        }
        return Installation(stores: stores, shippedCatalogue: catalogue, databasePath: description)
    }

    /// The stores of the database `location` names: a `postgres://` URL or an SQLite path.
    static func openStores(_ location: String, creating: Bool) async throws -> (Stores, String) {
        if PostgresLocation.isURL(location) {
            do {
                let database = try await PostgresDatabase(url: location)
                return (Stores(postgres: database), database.location.description)
            } catch let failure as PostgresOpeningFailure {
                throw CommandFailure(field: "--database", failure.description)
            }
        }
        if !creating && location != ":memory:" && !FileManager.default.fileExists(atPath: location) {
            throw CommandFailure(
                field: "--database",
                "er is geen database '\(location)'. Is het bestand verplaatst of verwijderd, zet dan de back-up terug; "
                    + "een nieuwe database begint u met 'vliegwiel start', 'vliegwiel importeer' of --maak-database")
        }
        do {
            return (Stores(sqlite: try AppDatabase(path: location)), location)
        } catch {
            throw CommandFailure(field: "--database", "kan '\(location)' niet openen als SQLite-database: \(error)")
        }
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
