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

    /// Everything to seed: the real deals and the demo deal, as arrangements and records.
    public static func seed() throws -> PortfolioSeed {
        let deals = try realDeals()
        let demo = try demoDeal()
        return PortfolioSeed(
            arrangements: deals.map { PortfolioSeed.arrangement(for: $0) } + [demo.arrangement],
            records: deals.map { DealRecord(deal: $0) } + [demo.record])
    }

    /// The deals of `regio-deals.csv`, in the file's order.
    public static func realDeals() throws -> [PortfolioDeal] {
        try deals(fromCSV: try text(of: dealsFileName), source: dealsFileName)
    }

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

    /// The fictional demo deal: its arrangement and its record, validated.
    public static func demoDeal() throws -> (arrangement: Arrangement, record: DealRecord) {
        struct DemoFile: Decodable {
            var omschrijving: String
            var record: DealRecord

            init(from decoder: any Decoder) throws {
                enum Keys: String, CodingKey { case omschrijving }
                omschrijving = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .omschrijving)
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
        let issues = file.record.problems.map { $0.issue(arrangementID: file.record.deal.id) }
        guard issues.isEmpty else {
            throw ValidationFailure(
                issues: issues.map { issue in
                    var issue = issue
                    issue.source = demoFileName
                    return issue
                })
        }
        let arrangement = PortfolioSeed.arrangement(
            for: file.record.deal, summary: file.omschrijving, reason: PortfolioSeed.demoReason)
        return (arrangement, file.record)
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
