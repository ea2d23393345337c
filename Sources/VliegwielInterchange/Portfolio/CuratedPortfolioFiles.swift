import Foundation
import VliegwielCore
import Yams

/// Reads the curated real Regio Deals (`Resources/portefeuille/tranche-N.yaml`,
/// docs/portefeuille-bronbestanden.md) and the CBS region codes they are checked against.
public enum CuratedPortfolioFiles {
    public static let directoryName = "portefeuille"
    public static let regionsFileName = "cbs-gebieden-2025.csv"

    /// Why a dimension of a real deal is not stated: the consulted sources are silent, and
    /// that makes it a design choice still to be made explicit (essay §5.3).
    public static let silentSourcesReason =
        "Niet vermeld in de geraadpleegde openbare bronnen over deze deal: een ontwerpkeuze die nog expliciet te maken of te vinden is (zie docs/portefeuille.md)."

    /// The shipped dataset, read once per process.
    public static func bundled() throws -> CuratedPortfolio {
        try cache.value.get()
    }

    private static let cache = Cached()
    private final class Cached: Sendable {
        let value: Result<CuratedPortfolio, any Error>
        init() {
            value = Result { try CuratedPortfolioFiles.load(directory: try CuratedPortfolioFiles.bundledDirectory()) }
        }
    }

    /// The folder of the shipped files.
    public static func bundledDirectory() throws -> URL {
        guard let url = Bundle.module.url(forResource: directoryName, withExtension: nil) else {
            throw ValidationFailure(issues: [
                ValidationIssue(source: directoryName, field: "", message: "de map ontbreekt in de installatie")
            ])
        }
        return url
    }

    /// Reads every `tranche-*.yaml` in `directory`, in name order, reporting every problem of
    /// every file at once (decoding and vocabularies; the data checks are
    /// ``CuratedPortfolio/problems(regions:)``).
    public static func load(directory: URL) throws -> CuratedPortfolio {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { ($0.hasPrefix("tranche-") || $0.hasPrefix("andere-deals-")) && $0.hasSuffix(".yaml") }
                .sorted()
        } catch {
            throw ValidationFailure(issues: [
                ValidationIssue(source: directory.path, field: "", message: "de map bestaat niet of is niet te lezen")
            ])
        }
        guard !names.isEmpty else {
            throw ValidationFailure(issues: [
                ValidationIssue(
                    source: directory.path, field: "",
                    message: "geen bronbestanden gevonden; verwacht tranche-N.yaml of andere-deals-VARIANT.yaml")
            ])
        }
        var entries: [CuratedPortfolio.Entry] = []
        var issues: [ValidationIssue] = []
        for name in names {
            let text: String
            do {
                text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            } catch {
                issues.append(ValidationIssue(source: name, field: "", message: "niet te lezen: \(error)"))
                continue
            }
            switch Result(catching: { () throws(ValidationFailure) -> [CuratedDeal] in
                try decode(try InputText.checkedFile(text, source: name), source: name)
            })
            {
            case .success(let deals): entries += deals.map { CuratedPortfolio.Entry(deal: $0, file: name) }
            case .failure(let failure): issues += failure.issues
            }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
        return CuratedPortfolio(entries: entries)
    }

    /// Reads one file: a tranche of Regio Deals (`tranche: N`) or deals of another family
    /// (`variant: city-deal`).
    public static func decode(_ text: String, source: String) throws(ValidationFailure) -> [CuratedDeal] {
        let file: TrancheFile
        do {
            file = try YAMLDecoder().decode(TrancheFile.self, from: text)
        } catch {
            throw ValidationFailure(issues: [
                ValidationIssue(source: source, field: "", message: BundledPortfolio.describe(error))
            ])
        }
        var issues: [ValidationIssue] = []
        if (file.tranche == nil) == (file.variant == nil) {
            issues.append(
                ValidationIssue(
                    source: source, field: "tranche",
                    message: "geef 'tranche' (Regio Deals) of 'variant' (city-deal, woondeal), niet allebei of geen"))
        }
        if file.schemaVersie != 1 {
            issues.append(
                ValidationIssue(source: source, field: "schemaVersie", message: "alleen versie 1 wordt gelezen"))
        }
        var deals: [CuratedDeal] = []
        for raw in file.deals {
            switch Result(catching: { () throws(ValidationFailure) -> CuratedDeal in
                try raw.deal(tranche: file.tranche ?? 0, variant: file.variant ?? "regio-deal", source: source)
            }) {
            case .success(let deal): deals.append(deal)
            case .failure(let failure): issues += failure.issues
            }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
        return deals
    }

    /// The CBS region codes of 2025 with their kind (`gemeente`, `provincie`) and name, read
    /// once per process (a deal's page shows its area on every request).
    public static func regions() throws -> [String: (name: String, kind: String)] {
        try regionCache.value.get()
    }

    private static let regionCache = CachedRegions()
    private final class CachedRegions: Sendable {
        let value: Result<[String: Region], any Error>
        init() { value = Result { try CuratedPortfolioFiles.readRegions() } }
    }
    public typealias Region = (name: String, kind: String)

    private static func readRegions() throws -> [String: Region] {
        guard let url = Bundle.module.url(forResource: "cbs-gebieden-2025", withExtension: "csv") else {
            throw ValidationFailure(issues: [
                ValidationIssue(source: regionsFileName, field: "", message: "het bestand ontbreekt in de installatie")
            ])
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        let table = try CSVTable(body)
        var result: [String: (name: String, kind: String)] = [:]
        for row in table.rows { result[row["code"]] = (row["naam"], row["soort"]) }
        return result
    }

    /// Every problem of the files in `directory`: decoding and the data checks, as a curator
    /// runs them after an edit (`vliegwiel controleer-portefeuille`).
    public static func check(directory: URL) throws -> (portfolio: CuratedPortfolio?, issues: [ValidationIssue]) {
        let kinds = try regions().mapValues(\.kind)
        let portfolio: CuratedPortfolio
        do {
            portfolio = try load(directory: directory)
        } catch {
            guard let failure = error as? ValidationFailure else { throw error }
            return (nil, failure.issues)
        }
        return (portfolio, portfolio.problems(regions: kinds))
    }

    /// The coverage table of docs/portefeuille.md (kept in step by a test).
    public static func coverageMarkdown(_ portfolio: CuratedPortfolio) -> String {
        var lines = [
            "| tranche | deals | met gebied | met partijen | met profiel | met kernprofiel | bedrag met adres | som bekend | gepubliceerd |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        let rows = CuratedCoverage.rows(portfolio)
        for row in rows {
            lines.append(
                "| \(row.tranche) | \(row.deals) | \(row.withRegion) | \(row.withParties) | \(row.withProfile) | "
                    + "\(row.withCoreProfile) | \(row.withAmount) | \(row.knownSum.formatted) | "
                    + (row.budget.map(\.formatted) ?? "geen tranchetotaal") + " |")
        }
        let sum = { (path: KeyPath<CuratedCoverage, Int>) in rows.map { $0[keyPath: path] }.reduce(0, +) }
        lines.append(
            "| **alle** | \(sum(\.deals)) | \(sum(\.withRegion)) | \(sum(\.withParties)) | \(sum(\.withProfile)) | "
                + "\(sum(\.withCoreProfile)) | \(sum(\.withAmount)) | "
                + "\(EuroCents(cents: rows.map(\.knownSum.cents).reduce(0, +)).formatted) | |")
        for (variant, label) in [("city-deal", "City Deals"), ("woondeal", "Woondeals")] {
            let deals = portfolio.otherDeals.filter { $0.variantID == variant }
            guard !deals.isEmpty else { continue }
            lines.append(
                "| \(label) | \(deals.count) | \(deals.filter { !($0.region?.codes.isEmpty ?? true) }.count) | "
                    + "\(deals.filter { !$0.parties.isEmpty }.count) | \(deals.filter(\.hasStatedDimension).count) | "
                    + "– | \(deals.filter { $0.rijkContribution != nil }.count) | – | – |")
        }
        return lines.joined(separator: "\n")
    }
}

// MARK: - The file's shape

private struct TrancheFile: Decodable {
    var schemaVersie: Int
    var tranche: Int?
    var variant: String?
    var deals: [RawDeal]
}

private struct RawDeal: Decodable {
    var id: String
    var naamInLijst: String
    var officieleNaam: NameBlock?
    var gesloten: SourcedDate?
    var looptijd: SourcedTerm?
    var rijksbijdrage: [SourcedAmount]?
    var totaleInvestering: SourcedAmount?
    var regio: CuratedRegion?
    var partijen: [CuratedParty]?
    var doelen: [SourcedText]?
    var programmalijnen: [CuratedProgrammeLine]?
    var voortzettingVan: CuratedContinuation?
    var profiel: [String: RawProfileNode]?
    var nietGevonden: [String]?

    struct NameBlock: Decodable {
        var tekst: String
        var bron: String
        var citaat: String
    }

    func deal(tranche: Int, variant: String, source: String) throws(ValidationFailure) -> CuratedDeal {
        let profile = try self.profile(source: source)
        return CuratedDeal(
            id: id, tranche: tranche, listName: naamInLijst,
            officialName: officieleNaam.map { SourcedText(text: $0.tekst, address: $0.bron, quote: $0.citaat) },
            signed: gesloten, term: looptijd, rijkContributions: rijksbijdrage ?? [],
            totalInvestment: totaleInvestering, region: regio, parties: partijen ?? [], goals: doelen ?? [],
            programmeLines: programmalijnen ?? [], continues: voortzettingVan, profile: profile,
            notFound: nietGevonden ?? [], variantID: variant)
    }

    /// The profile: the stated dimensions as written, every other dimension not stated with
    /// ``CuratedPortfolioFiles/silentSourcesReason``; decoded by the catalogue's own rules.
    func profile(source: String) throws(ValidationFailure) -> Profile {
        var flat: [String: RawDimension] = [:]
        var issues: [ValidationIssue] = []
        func walk(_ node: RawProfileNode, _ path: String) {
            switch node {
            case .dimension(let dimension): flat[path] = dimension
            case .group(let children): for (key, child) in children { walk(child, "\(path).\(key)") }
            }
        }
        for (key, node) in profiel ?? [:] { walk(node, key) }
        let known = Set(ProfileDimension.all.map(\.id))
        for path in flat.keys.sorted() where !known.contains(path) {
            issues.append(
                ValidationIssue(
                    source: source, arrangementID: id, field: "profiel.\(path)", message: "onbekende dimensie"))
        }
        var root: [String: Any] = [:]
        for dimension in ProfileDimension.all {
            let value: Any = flat[dimension.id]?.json ?? ["nietVermeld": CuratedPortfolioFiles.silentSourcesReason]
            root = Self.setting(value, at: dimension.id.split(separator: ".").map(String.init), in: root)
        }
        let text: String
        do {
            text = String(decoding: try JSONSerialization.data(withJSONObject: root), as: UTF8.self)
        } catch {
            throw ValidationFailure(issues: [
                ValidationIssue(source: source, arrangementID: id, field: "profiel", message: "\(error)")
            ])
        }
        let decoded: (Profile, [ValidationIssue])
        switch Result(catching: { () throws(ValidationFailure) -> (Profile, [ValidationIssue]) in
            try ArrangementFormat.json.decodeValue(Profile.self, from: text, source: source)
        }) {
        case .success(let value): decoded = value
        case .failure(let failure): throw ValidationFailure(issues: issues + failure.issues)
        }
        issues += decoded.1.map { issue in
            var issue = issue
            issue.arrangementID = id
            issue.field = "profiel." + issue.field
            return issue
        }
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
        return decoded.0
    }

    private static func setting(_ value: Any, at path: [String], in dictionary: [String: Any]) -> [String: Any] {
        var result = dictionary
        guard let first = path.first else { return result }
        if path.count == 1 {
            result[first] = value
        } else {
            result[first] = setting(value, at: Array(path.dropFirst()), in: result[first] as? [String: Any] ?? [:])
        }
        return result
    }
}

/// A dimension as written: its values (all text) or the reason it is not stated.
private struct RawDimension: Decodable {
    struct Value: Decodable {
        var waarde: String?
        var citaat: String?
        var bron: String?
        var toelichting: String?
    }

    var waarden: [Value]?
    var nietVermeld: String?

    var json: [String: Any] {
        if let nietVermeld { return ["nietVermeld": nietVermeld] }
        return [
            "waarden": (waarden ?? []).map { value -> [String: Any] in
                var entry: [String: Any] = [:]
                if let waarde = value.waarde { entry["waarde"] = waarde }
                if let citaat = value.citaat { entry["citaat"] = citaat }
                if let bron = value.bron { entry["bron"] = bron }
                if let toelichting = value.toelichting { entry["toelichting"] = toelichting }
                return entry
            }
        ]
    }
}

/// A node below `profiel`: a dimension (it has `waarden` or `nietVermeld`) or a group of nodes.
private enum RawProfileNode: Decodable {
    case dimension(RawDimension)
    case group([String: RawProfileNode])

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let keys = container.allKeys.map(\.stringValue)
        if keys.contains("waarden") || keys.contains("nietVermeld") {
            self = .dimension(try RawDimension(from: decoder))
        } else {
            var children: [String: RawProfileNode] = [:]
            for key in container.allKeys {
                children[key.stringValue] = try container.decode(RawProfileNode.self, forKey: key)
            }
            self = .group(children)
        }
    }
}
