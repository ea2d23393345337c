/// One version of an arrangement's contribution graph with its analysis, as the CLI's
/// `--formaat json` and the API present it: the version (number, date, author, reason and the
/// graph in the interchange form), how many versions there are, and the analysis.
public struct ContributionGraphDocument: Sendable, Hashable, Encodable {
    public var arrangementID: String
    public var versionCount: Int
    public var version: ContributionGraphVersion
    public var analysis: ContributionAnalysis

    /// Version `number` of `history` (the newest when `nil`), analysed; `nil` when it does not exist.
    public init?(_ history: ContributionGraphHistory, version number: Int? = nil) {
        let found = if let number { history.version(number) } else { history.current }
        guard let version = found else { return nil }
        arrangementID = history.arrangementID
        versionCount = history.versions.count
        self.version = version
        analysis = ContributionAnalysis(version.graph)
    }

    enum CodingKeys: String, CodingKey {
        case arrangementID = "arrangement"
        case versionCount = "aantalVersies"
        case version = "versie"
        case analysis = "analyse"
    }
}
