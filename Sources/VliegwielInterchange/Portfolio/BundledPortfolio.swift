import CSV
import Foundation
import VliegwielCore
import Yams

/// The portfolio data that ships with the product (docs/portefeuille.md): the real Regio
/// Deals of `regio-deals.csv`, the instrument's rules and the fictional demo deal.
public enum BundledPortfolio {
    public static let dealsFileName = "regio-deals.csv"
    public static let rulesFileName = "regio-deal-regels.yaml"
    public static let demoFileName = "fictieve-regio-deal.yaml"

    /// The id of the fictional demo deal.
    public static let demoID = "fictief-regio-deal-voorbeeld"

    /// Everything to seed: the real deals (with the facts of their public sources) and the
    /// demo deal, as arrangements, records and a first profile version for each coded deal.
    public static func seed() throws -> PortfolioSeed {
        let real = try realPortfolio()
        let demo = try demoDeal()
        let catalogue = try BundledCatalogue.arrangements()
        func reference(_ id: String) -> Arrangement? { catalogue.first { $0.id == id && $0.kind == .reference } }
        var arrangements: [Arrangement] = []
        var records: [DealRecord] = []
        var versions: [ArrangementVersion] = []
        for (deal, curated) in real {
            var arrangement = PortfolioSeed.arrangement(for: deal)
            var record = DealRecord(deal: deal)
            if let curated {
                arrangement = PortfolioSeed.arrangement(
                    for: deal, curated: curated, reference: reference(curated.variantID))
                record.partners = curated.parties.compactMap(\.partner)
                record.programmeLines = curated.programmeLines.map {
                    ProgrammeLine(id: $0.id, name: $0.name, description: $0.quote ?? "")
                }
                if curated.hasStatedDimension {
                    versions.append(
                        ArrangementVersion(
                            number: 1, date: curatedOn.startInUTC, author: "Vliegwiel, curatie openbare bronnen",
                            reason:
                                "Gecodeerd uit de openbare bronnen over deze deal (Resources/portefeuille/tranche-\(deal.tranche).yaml); elke waarde noemt haar bron.",
                            arrangement: arrangement))
                }
            }
            arrangements.append(arrangement)
            records.append(record)
        }
        for other in try CuratedPortfolioFiles.bundled().otherDeals {
            let arrangement = PortfolioSeed.arrangement(otherDeal: other, reference: reference(other.variantID))
            arrangements.append(arrangement)
            if other.hasStatedDimension {
                versions.append(
                    ArrangementVersion(
                        number: 1, date: curatedOn.startInUTC, author: "Vliegwiel, curatie openbare bronnen",
                        reason:
                            "Gecodeerd uit de openbare bronnen over deze deal (Resources/portefeuille/andere-deals-\(other.variantID).yaml); elke waarde noemt haar bron.",
                        arrangement: arrangement))
            }
        }
        return PortfolioSeed(
            arrangements: arrangements + [demo.arrangement], records: records + [demo.record],
            profileVersions: versions + demo.profileVersions)
    }

    /// The day the shipped dataset was last checked against its sources.
    static let curatedOn = CalendarDate(iso: "2026-12-02")!

    /// The real deals: the tranche list of `regio-deals.csv`, each with its curated facts when
    /// the dataset has them. The curated amount (with its source's address) replaces the list's
    /// when a source gives one; the combined tranche-5 row of the Metropoolregio Amsterdam is
    /// replaced by its two agreements when the dataset has them.
    public static func realPortfolio() throws -> [(deal: PortfolioDeal, curated: CuratedDeal?)] {
        let listed = try deals(fromCSV: try text(of: dealsFileName), source: dealsFileName)
        let curated = try CuratedPortfolioFiles.bundled()
        let listedIDs = Set(listed.map(\.id))
        var result: [(deal: PortfolioDeal, curated: CuratedDeal?)] = []
        for deal in listed {
            if deal.id == combinedMRAID {
                let parts = curated.deals.filter { $0.tranche == deal.tranche && !listedIDs.contains($0.id) }
                if !parts.isEmpty {
                    result += parts.map { (PortfolioDeal(curated: $0, listed: nil), $0) }
                    continue
                }
            }
            let facts = curated.deal(deal.id)
            result.append((facts.map { PortfolioDeal(curated: $0, listed: deal) } ?? deal, facts))
        }
        return result
    }

    /// The deals of the portfolio, in the list's order.
    public static func realDeals() throws -> [PortfolioDeal] {
        try realPortfolio().map(\.deal)
    }

    /// The id of the tranche-list row that joins two agreements (Amsterdam Zuidoost and MRA West).
    public static let combinedMRAID = "regio-deal-5-metropoolregio-amsterdam-amsterdam-zuidoost-en-mra-west"

    /// Reads a portfolio file with the columns `tranche,naam,rijksbijdrage_mln_eur,bron`.
    /// An empty amount is unknown (never 0); amounts are millions with a decimal point.
    public static func deals(fromCSV text: String, source: String) throws(ValidationFailure) -> [PortfolioDeal] {
        let table: CSVTable
        do {
            table = try CSVTable(text)
        } catch {
            throw ValidationFailure(issues: [ValidationIssue(source: source, field: "", message: error.message)])
        }
        var issues: [ValidationIssue] = []
        let expected = ["tranche", "naam", "rijksbijdrage_mln_eur", "bron"]
        guard table.header == expected else {
            throw ValidationFailure(issues: [
                ValidationIssue(
                    source: source, field: "kop",
                    message:
                        "verwacht de kolommen \(expected.joined(separator: ",")); gevonden \(table.header.joined(separator: ","))"
                )
            ])
        }
        var deals: [PortfolioDeal] = []
        for (number, message) in table.malformedRows {
            issues.append(ValidationIssue(source: source, field: "rij \(number)", message: message))
        }
        for row in table.rows {
            func problem(_ column: String, _ message: String) {
                issues.append(ValidationIssue(source: source, field: "rij \(row.number): \(column)", message: message))
            }
            let name = row["naam"].trimmingCharacters(in: .whitespaces)
            guard let tranche = Int(row["tranche"]), PortfolioDeal.tranches.contains(tranche) else {
                problem("tranche", "'\(row["tranche"])' is geen tranche; toegestaan: 1 tot en met 6")
                continue
            }
            var amount: EuroCents?
            if !row["rijksbijdrage_mln_eur"].isEmpty {
                amount = EuroCents(decimal: row["rijksbijdrage_mln_eur"], unit: 1_000_000)
                if amount == nil || amount!.cents <= 0 {
                    problem(
                        "rijksbijdrage_mln_eur",
                        "'\(row["rijksbijdrage_mln_eur"])' is geen bedrag in miljoenen groter dan 0; laat een onbekend bedrag leeg"
                    )
                    continue
                }
            }
            if name.isEmpty { problem("naam", "ontbreekt") }
            if row["bron"].trimmingCharacters(in: .whitespaces).isEmpty { problem("bron", "ontbreekt") }
            deals.append(
                PortfolioDeal(
                    id: dealID(tranche: tranche, name: name), name: name, tranche: tranche, rijkContribution: amount,
                    source: row["bron"]))
        }
        var seen: Set<String> = []
        for deal in deals where !seen.insert(deal.id).inserted {
            issues.append(
                ValidationIssue(
                    source: source, field: "naam", message: "'\(deal.name)' staat twee keer in tranche \(deal.tranche)")
            )
        }
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
        return deals
    }

    /// The stable id of a real deal: `regio-deal-<tranche>-<naam als slug>`, so that a deal
    /// that returns in a later tranche is a separate deal (`regio-deal-3-zwolle`, `regio-deal-5-zwolle`).
    public static func dealID(tranche: Int, name: String) -> String {
        "regio-deal-\(tranche)-\(slug(name))"
    }

    /// Lowercase ASCII letters and digits joined by single hyphens; accents dropped
    /// (`Noordoost Fryslân/Holwerd aan Zee` → `noordoost-fryslan-holwerd-aan-zee`).
    public static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var result = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen, !result.isEmpty { result += "-" }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return result
    }

    /// The instrument's rules, validated.
    public static func rules() throws -> InstrumentRuleSet {
        try rules(fromYAML: try text(of: rulesFileName), source: rulesFileName)
    }

    /// Reads a rule set; every problem names the file and the field.
    public static func rules(fromYAML text: String, source: String) throws(ValidationFailure) -> InstrumentRuleSet {
        let rules: InstrumentRuleSet
        do {
            rules = try YAMLDecoder().decode(InstrumentRuleSet.self, from: text)
        } catch {
            throw ValidationFailure(issues: [ValidationIssue(source: source, field: "", message: describe(error))])
        }
        let issues = rules.problems.map { issue in
            var issue = issue
            issue.source = source
            return issue
        }
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
        return rules
    }

    /// The fictional demo deal: its arrangement (as its last profile version), its record and
    /// its shipped profile versions, validated.
    public static func demoDeal() throws -> (
        arrangement: Arrangement, record: DealRecord, profileVersions: [ArrangementVersion]
    ) {
        struct DemoFile: Decodable {
            var omschrijving: String
            var record: DealRecord
            var profielversies: [SeededProfileVersion]

            init(from decoder: any Decoder) throws {
                enum Keys: String, CodingKey { case omschrijving, profielversies }
                let container = try decoder.container(keyedBy: Keys.self)
                omschrijving = try container.decode(String.self, forKey: .omschrijving)
                profielversies =
                    try container.decodeIfPresent([SeededProfileVersion].self, forKey: .profielversies) ?? []
                record = try DealRecord(from: decoder)
            }
        }
        let file: DemoFile
        do {
            file = try YAMLDecoder().decode(DemoFile.self, from: try text(of: demoFileName))
        } catch {
            throw ValidationFailure(issues: [ValidationIssue(source: demoFileName, field: "", message: describe(error))]
            )
        }
        var issues = file.record.problems.map { $0.issue(arrangementID: file.record.deal.id) }
        let unstated = PortfolioSeed.arrangement(
            for: file.record.deal, summary: file.omschrijving, reason: PortfolioSeed.demoReason)
        let versions = try SeededProfileVersion.versions(
            file.profielversies, of: unstated, catalogue: try BundledCatalogue.arrangements(), issues: &issues)
        guard issues.isEmpty else {
            throw ValidationFailure(
                issues: issues.map { issue in
                    var issue = issue
                    issue.source = demoFileName
                    return issue
                })
        }
        return (versions.last?.arrangement ?? unstated, file.record, versions)
    }

    private static func text(of fileName: String) throws -> String {
        let name = (fileName as NSString).deletingPathExtension
        let ext = (fileName as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: name, withExtension: ext) else {
            throw ValidationFailure(issues: [
                ValidationIssue(source: fileName, field: "", message: "het bestand ontbreekt in de installatie")
            ])
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "\((context.codingPath + [key]).fieldPath): ontbreekt"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            return "\(context.codingPath.fieldPath): \(context.debugDescription)"
        default:
            return "onleesbaar: \(error)"
        }
    }
}

/// A profile version as the demo file writes it: a date, an author, a reason, optionally the
/// reference variant whose profile it starts from (`basis`), and the dimensions it sets.
/// Each version starts from the one before.
struct SeededProfileVersion: Decodable {
    struct Setting: Decodable {
        var dimensie: String
        var waarden: [String]
        var citaat: String
        var bron: String
    }

    var datum: String
    var auteur: String
    var reden: String
    var basis: String?
    var instellingen: [Setting]

    /// The versions in order, numbered from 1, each a copy of `arrangement` with its profile.
    static func versions(
        _ seeded: [SeededProfileVersion], of arrangement: Arrangement, catalogue: [Arrangement],
        issues: inout [ValidationIssue]
    ) throws -> [ArrangementVersion] {
        var profile = arrangement.profile
        var versions: [ArrangementVersion] = []
        for (index, version) in seeded.enumerated() {
            let field = "profielversies[\(index)]"
            if let basis = version.basis {
                guard let reference = catalogue.first(where: { $0.id == basis && $0.kind == .reference }) else {
                    issues.append(
                        ValidationIssue(field: "\(field).basis", message: "onbekende referentievariant '\(basis)'"))
                    continue
                }
                profile = reference.profile
            }
            for setting in version.instellingen {
                guard let dimension = ProfileDimension.named(setting.dimensie) else {
                    issues.append(
                        ValidationIssue(
                            field: "\(field).instellingen", message: "onbekende dimensie '\(setting.dimensie)'"))
                    continue
                }
                do {
                    profile = try dimension.setting(
                        setting.waarden, in: profile, quote: setting.citaat, citation: setting.bron)
                } catch {
                    issues.append(contentsOf: error.issues)
                }
            }
            guard let day = CalendarDate(iso: version.datum) else {
                issues.append(
                    ValidationIssue(field: "\(field).datum", message: "'\(version.datum)' is geen JJJJ-MM-DD"))
                continue
            }
            var copy = arrangement
            copy.profile = profile
            versions.append(
                ArrangementVersion(
                    number: versions.count + 1, date: day.startInUTC, author: version.auteur, reason: version.reden,
                    arrangement: copy))
        }
        return versions
    }
}

extension CalendarDate {
    /// Midnight at the start of this day, in UTC.
    var startInUTC: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }
}
