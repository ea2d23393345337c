import Foundation
import Testing

/// `vliegwiel uitkomst` and `vliegwiel qca --uit-database`, run as a user would.
@Suite struct QCAOutcomeCLITests {
    static let regio = "REGIO=samenwerkend.initiatiefVoorstel:regio,steden,gemeenten,decentraal-en-privaat"
    static let cofin = "COFIN=resultaatgericht.cofinanciering:regio-en-rijk,meerpartijen"

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func outcomesAreRecordedWithTheirSourceAndListed() throws {
        let cli = CLI()
        let set = try cli.run(
            "uitkomst", "zet", "regio-deal", "VOORTGEZET", "1", "--bron", "Evaluatie Regio Deals 2023")
        #expect(set.status == 0, "\(set.errors)")
        #expect(
            set.output
                == "Uitkomst VOORTGEZET = 1 vastgelegd voor Regio Deal (regio-deal); bron: Evaluatie Regio Deals 2023\n"
        )
        try cli.run("uitkomst", "zet", "city-deal", "VOORTGEZET", "0,25", "--bron", "Monitor City Deals")
        try cli.run("uitkomst", "zet", "green-deal", "BEREIKT", "0", "--bron", "Jaarverslag")
        // The shipped outcome VERVOLGDEAL of the real deals (docs/portefeuille.md) is listed too.
        let list = try cli.run("uitkomst", "lijst").output.split(separator: "\n")
            .filter { !$0.hasPrefix("VERVOLGDEAL") }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(
            list == [
                "uitkomst arrangement waarde bron", "BEREIKT green-deal 0 Jaarverslag",
                "VOORTGEZET city-deal 0,25 Monitor City Deals", "VOORTGEZET regio-deal 1 Evaluatie Regio Deals 2023",
            ])
        let named = try json(
            "{\"l\":" + (try cli.run("uitkomst", "lijst", "BEREIKT", "--formaat", "json").output) + "}")
        let entries = try #require(named["l"] as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries[0]["arrangement"] as? String == "green-deal")
        #expect(entries[0]["bron"] as? String == "Jaarverslag")
        #expect(try cli.run("uitkomst", "lijst", "ONBEKEND").output == "Geen uitkomst ONBEKEND vastgelegd.\n")
    }

    /// The worked example of docs/qca.md (issue 13, item 3): the real Regio Deals of tranches
    /// 1–4 with the outcome VERVOLGDEAL derived from the dataset, on a fresh database.
    @Test func theWorkedExampleOnTheRealPortfolioHasAtLeastThirtyCases() throws {
        let result = try CLI().run(
            "qca", "--uit-database", "--uitkomst", "VERVOLGDEAL",
            "--voorwaarde", "SPECIFIEK=resultaatgericht.doel:specifiek,streefwaarden",
            "--voorwaarde", "PROVINCIE=interbestuurlijk.bestuurslagen.provincie:aanwezig,leidend",
            "--voorwaarde", "MEERPARTIJEN=resultaatgericht.cofinanciering:meerpartijen",
            "--voorwaarde", "GEMENGD=interbestuurlijk.maatschappelijkePartijen.nadruk:gemengd,privaat",
            "--formaat", "json")
        #expect(result.status == 0, "\(result.errors)")
        let document = try json(result.output)
        #expect((document["aantalGevallen"] as? Int ?? 0) >= 30)
        #expect(((document["waarheidstabel"] as? [String: Any])?["rijen"] as? [Any])?.isEmpty == false)
        let data = try #require(document["gegevens"] as? [String: Any])
        let cases = try #require(data["gevallen"] as? [[String: Any]])
        #expect(cases.allSatisfy { ($0["arrangement"] as? String)?.hasPrefix("regio-deal-") == true })
        #expect(cases.contains { ($0["uitkomstBron"] as? String)?.hasPrefix("Voortgezet in regio-deal-") == true })
        let text = try CLI().run(
            "qca", "--uit-database", "--uitkomst", "VERVOLGDEAL",
            "--voorwaarde", "SPECIFIEK=resultaatgericht.doel:specifiek,streefwaarden",
            "--voorwaarde", "PROVINCIE=interbestuurlijk.bestuurslagen.provincie:aanwezig,leidend")
        #expect(text.output.contains("Waarheidstabel"))
        #expect(text.output.contains("Oplossing: conservatief"))
    }

    @Test func badOutcomesNameTheField() throws {
        let cli = CLI()
        let result = try cli.run("uitkomst", "zet", "regio-deal", "VOORT-GEZET", "1,5")
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "fout: naam: 'VOORT-GEZET' is geen geldige naam; gebruik letters en cijfers, beginnend met een letter, bijvoorbeeld REGIO",
                "fout: waarde: 1,5 valt buiten het bereik 0 tot en met 1 (0 of 1 voor een crisp set, daartussen voor een fuzzy set)",
                "fout: --bron: verplicht: waar komt de waarde vandaan (evaluatie, rapport, gesprek)?",
            ])
        let text = try cli.run("uitkomst", "zet", "regio-deal", "V", "veel", "--bron", "x")
        #expect(
            text.errorLines == [
                "fout: waarde: 'veel' is geen getal; geef 0, 1 of een score daartussen, bijvoorbeeld 0,75"
            ])
        let unknown = try cli.run("uitkomst", "zet", "bestaat-niet", "V", "1", "--bron", "x")
        #expect(unknown.status == 1)
        #expect(
            unknown.errorLines.first?.hasPrefix(
                "fout: id: onbekend arrangement 'bestaat-niet'; bekende ids: regio-deal,") == true)
        #expect(try cli.run("uitkomst", "lijst", "V").output == "Geen uitkomst V vastgelegd.\n")
    }

    @Test func anAnalysisFromTheDatabaseListsCasesSourcesAndWhatIsLeftOut() throws {
        let cli = CLI()
        try cli.run("uitkomst", "zet", "regio-deal", "VOORTGEZET", "1", "--bron", "Evaluatie Regio Deals")
        try cli.run("uitkomst", "zet", "city-deal", "VOORTGEZET", "1", "--bron", "Evaluatie City Deals")
        try cli.run("uitkomst", "zet", "green-deal", "VOORTGEZET", "0", "--bron", "Evaluatie Green Deals")
        try cli.run("uitkomst", "zet", "nprz", "VOORTGEZET", "1", "--bron", "Evaluatie NPRZ")
        let result = try cli.run(
            "qca", "--uit-database", "--uitkomst", "VOORTGEZET", "--voorwaarde", Self.regio, "--oplossing", "spaarzaam",
            "--formaat", "json")
        #expect(result.status == 0, "\(result.errors)")
        let document = try json(result.output)
        #expect(document["aantalGevallen"] as? Int == 3)
        let data = try #require(document["gegevens"] as? [String: Any])
        #expect(data["bron"] as? String == "database")
        let cases = try #require(data["gevallen"] as? [[String: Any]])
        #expect(cases.map { $0["arrangement"] as? String } == ["regio-deal", "city-deal", "green-deal"])
        #expect(cases[0]["uitkomstBron"] as? String == "Evaluatie Regio Deals")
        let regio = try #require((cases[0]["voorwaarden"] as? [[String: Any]])?.first)
        #expect(regio["naam"] as? String == "REGIO")
        #expect(regio["waarde"] as? Double == 1)
        #expect(regio["codes"] as? [String] == ["regio"])
        let left = try #require(data["weggelaten"] as? [[String: Any]])
        // The NPRZ has an outcome but its profile does not state who initiates proposals:
        // it is left out with the reason, not coded 0.
        let nprz = try #require(left.first { $0["arrangement"] as? String == "nprz" })
        let reasons = try #require(nprz["redenen"] as? [String])
        #expect(reasons.count == 1)
        #expect(reasons[0].hasPrefix("samenwerkend.initiatiefVoorstel (REGIO) niet vastgesteld: Het essay zegt niet"))
        // Every other arrangement is listed as well, with its reasons.
        let exported = try cli.run("exporteer", "--formaat", "json").output
        let arrangements = exported.components(separatedBy: "\"soort\" : ").count - 1
        #expect(arrangements > 14 + 81)
        #expect(left.count == arrangements - 3)

        try cli.run("uitkomst", "zet", "town-deal", "VOORTGEZET", "0", "--bron", "Evaluatie Town Deals")
        let text = try cli.run(
            "qca", "--uit-database", "--uitkomst", "VOORTGEZET", "--voorwaarde", Self.regio, "--voorwaarde", Self.cofin)
        #expect(text.status == 0, "\(text.errors)")
        #expect(
            text.output.contains(
                "\nGevallen (3) met de bron van elke waarde\n  regio-deal: VOORTGEZET = 1 (bron: Evaluatie Regio Deals)\n    REGIO = 1: regio ("
            ))
        #expect(
            text.output.contains(
                "\n  REGIO = samenwerkend.initiatiefVoorstel: regio, steden, gemeenten, decentraal-en-privaat\n"))
        #expect(text.output.contains("\n  nprz: samenwerkend.initiatiefVoorstel (REGIO) niet vastgesteld: "))
        #expect(text.output.contains("\n  green-deal: resultaatgericht.cofinanciering (COFIN) niet vastgesteld: "))
        #expect(text.output.contains("\n  veiligheidsregio: geen uitkomst VOORTGEZET vastgelegd\n"))
    }

    @Test func badDatabaseAnalysesNameTheField() throws {
        let cli = CLI()
        let both = try cli.run(
            "qca", "--data", "x.csv", "--uit-database", "--uitkomst", "Y", "--voorwaarde", Self.regio)
        #expect(both.status == 1)
        #expect(both.errorLines == ["fout: data: --data en --uit-database sluiten elkaar uit; kies er één"])
        let neither = try cli.run("qca", "--uitkomst", "Y")
        #expect(neither.errorLines == ["fout: data: geef --data BESTAND.csv of --uit-database"])
        let definitions = try cli.run(
            "qca", "--uit-database", "--uitkomst", "Y", "--voorwaarden", "A,B", "--voorwaarde",
            "X=samenstelling:vast,los",
            "--voorwaarde", "Z=bestaat.niet:ja")
        #expect(definitions.errorLines.count == 3)
        #expect(
            definitions.errorLines[0]
                == "fout: voorwaarden: alleen te gebruiken met --data; geef voorwaarden uit de database met --voorwaarde NAAM=DIMENSIE:CODES"
        )
        #expect(
            definitions.errorLines[1]
                == "fout: voorwaarde[1].codes: onbekende code 'los' voor samenwerkend.samenstelling; toegestaan: vast, basis-met-nieuwkomers, vloeiend, groeiend-netwerk"
        )
        #expect(
            definitions.errorLines[2].hasPrefix(
                "fout: voorwaarde[2].dimensie: onbekende dimensie 'bestaat.niet'; toegestaan: "))
        let none = try cli.run("qca", "--uit-database", "--uitkomst", "Y")
        #expect(
            none.errorLines == [
                "fout: voorwaarde: geef ten minste één --voorwaarde NAAM=DIMENSIE:CODES, bijvoorbeeld REGIO=samenwerkend.initiatiefVoorstel:regio,steden"
            ])
        let withFile = try cli.run("qca", "--data", "x.csv", "--uitkomst", "Y", "--voorwaarde", Self.regio)
        #expect(
            withFile.errorLines == [
                "fout: data: bestand \"x.csv\" bestaat niet",
                "fout: voorwaarde: alleen te gebruiken met --uit-database; kies kolommen van het bestand met --voorwaarden",
            ])
        let unrecorded = try cli.run("qca", "--uit-database", "--uitkomst", "Y", "--voorwaarde", Self.regio)
        #expect(
            unrecorded.errorLines == [
                "fout: uitkomst: geen uitkomst \"Y\" vastgelegd; vastgelegd: VERVOLGDEAL (leg vast met: vliegwiel uitkomst zet ID NAAM WAARDE --bron TEKST)"
            ])
        try cli.run("uitkomst", "zet", "nprz", "Y", "1", "--bron", "Evaluatie NPRZ")
        let allOut = try cli.run("qca", "--uit-database", "--uitkomst", "Y", "--voorwaarde", Self.regio)
        #expect(allOut.errorLines.count == 2)
        #expect(
            allOut.errorLines[0]
                == "fout: uitkomst: geen enkel arrangement met uitkomst Y heeft alle voorwaarden vastgesteld")
        #expect(
            allOut.errorLines[1].hasPrefix(
                "fout: voorwaarden: nprz: samenwerkend.initiatiefVoorstel (REGIO) niet vastgesteld: "))
    }
}
