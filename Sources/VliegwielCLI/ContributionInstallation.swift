import VliegwielCore
import VliegwielStorage

/// Loads the fictional example graph of the fictional demo deal once; after the user deletes
/// the deal it never comes back.
enum ContributionSeeding {
    static func seedIfAbsent(in stores: Stores) async throws {
        try await stores.contributions.seedIfAbsent(
            .fictionalExample, name: SQLiteContributionStore.fictionalExampleSeedName)
    }
}
