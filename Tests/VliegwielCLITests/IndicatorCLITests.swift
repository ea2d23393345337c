import Foundation
import Testing

@Suite struct IndicatorCLITests {
    static let demo = "fictief-regio-deal-voorbeeld"

    @Test func theDemoDealShowsIndicatorsOfBothKindsApart() throws {
        let result = try CLI().run("indicatoren", Self.demo)
        #expect(result.status == 0)
        #expect(result.errors == "")
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            Array(lines.prefix(9)) == [
                "Indicatoren van Regio Deal Vliegwielvallei (fictief voorbeeld) (fictief-regio-deal-voorbeeld)",
                "FICTIEF VOORBEELD: alle indicatoren, regio's en cijfers zijn verzonnen; geen CBS-cijfers.",
                "Regio's: FX0001, FX0002",
                "",
                "Programma-indicatoren (het programma stuurt hierop)",
                "  jongeren-werk-in-de-vallei: Jongeren die na hun opleiding in de vallei gaan werken (fictief)",
                "    eenheid aantal per jaar; hoger is beter; bron: Eigen telling van het programmabureau (fictief)",
                "    nulmeting 2022: 120",
                "    streefwaarde 2024: 160, realisatie 152: niet gehaald",
            ])
        #expect(lines.contains("Contextindicatoren (brede welvaart in de regio's; geen deal stuurt hierop)"))
        #expect(
            lines.contains(
                "    vergelijking (context, geen effect van de deal): 2 regio's met de deal, 3 overige regio's"))
        #expect(lines.contains { $0.hasPrefix("      trend: gemiddeld ") && $0.hasSuffix(": ongunstig") })
    }

    @Test func theJSONCarriesRatingsAndTheRule() throws {
        let result = try CLI().run("indicatoren", Self.demo, "--formaat", "json")
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["fictief"] as? Bool == true)
        let programme = try #require(document["programmaIndicatoren"] as? [[String: Any]])
        #expect(
            programme.map { $0["id"] as? String } == [
                "jongeren-werk-in-de-vallei", "dorpshuizen-ontmoeting", "wachttijd-zorgpost",
            ])
        let context = try #require(document["contextIndicatoren"] as? [[String: Any]])
        let comparison = try #require(context.first?["vergelijking"] as? [String: Any])
        #expect(comparison["duiding"] as? String == "context, geen effect van de deal")
    }

    @Test func aCBSFileImportsWithProgressAndASummary() throws {
        let cli = CLI()
        let file = try cli.temporaryFile(
            "85542NED.csv",
            """
            "ID";"RegioS";"Perioden";"Werkloosheid_1"
            "0";"GM0363    ";"2021JJ00";"5.1"
            "1";"GM0363    ";"2022JJ00";"4.8"

            """)
        let result = try cli.run("importeer-contextindicatoren", file, "--tabel", "85542NED")
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            result.output
                == "Tabel 85542NED ingelezen uit 85542NED.csv: 2 rijen, 2 waarnemingen, 1 maten (Werkloosheid_1).\n"
                + "Contextindicatoren zijn context: geen deal stuurt erop.\n")
    }

    @Test func aMalformedFileNamesEveryBadRowAndStoresNothing() throws {
        let cli = CLI()
        let file = try cli.temporaryFile(
            "fout.json",
            """
            {"value": [
              {"ID": 0, "RegioS": "GM0363", "Perioden": "2021JJ00", "W": 1},
              {"ID": 1, "RegioS": "Amsterdam", "Perioden": "2021JJ00", "W": 2},
              {"ID": 2, "RegioS": "GM0363", "Perioden": "2022JJ00", "W": "twee"}
            ]}
            """)
        let result = try cli.run("importeer-contextindicatoren", file, "--tabel", "T1", "--formaat", "odata")
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "Niets opgeslagen: 2 fout(en) in fout.json.",
                "fout: fout.json: record 2: RegioS: 'Amsterdam' is ongeldig; verwacht een regiocode GM + 4 cijfers (gemeente), PV + 2 (provincie), CR + 2 (COROP-gebied), NL01 (Nederland) of FX + 4 (fictief)",
                "fout: fout.json: record 3: W: 'twee' is ongeldig; verwacht een getal (12.5 of 12,5), of leeg of '.' als CBS geen cijfer heeft",
            ])
        let after = try cli.run("indicatoren", "regio-deal", "--formaat", "json")
        #expect(after.status == 0)
        let bad = try cli.run("importeer-contextindicatoren", file, "--tabel", "T1", "--formaat", "xml")
        #expect(bad.errorLines == ["fout: --formaat: onbekende waarde 'xml'; toegestaan: csv, odata"])
    }

    @Test func programmeIndicatorsImportFromYAML() throws {
        let cli = CLI()
        let file = try cli.temporaryFile(
            "indicatoren.yaml",
            """
            arrangement: regio-deal
            regios: [GM0363, PV27]
            programmaIndicatoren:
              - id: banen
                naam: Banen in de regio
                eenheid: aantal
                bron: Eigen telling
                gewensteRichting: hoger-is-beter
                nulmeting: {periode: "2022", waarde: 10}
                streefwaarden: [{periode: "2024", waarde: 12}]
            """)
        let result = try cli.run("importeer-indicatoren", file)
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            result.output == "Indicatoren van Regio Deal (regio-deal) vastgelegd: 1 programma-indicatoren, 2 regio's.\n"
        )
        let shown = try cli.run("indicatoren", "regio-deal")
        #expect(shown.output.contains("    streefwaarde 2024: 12: nog geen realisatie\n"))
        let broken = try cli.temporaryFile(
            "fout.yaml",
            """
            arrangement: regio-deal
            regios: [GM363]
            programmaIndicatoren:
              - {id: x, naam: X, eenheid: "", bron: B, gewensteRichting: omhoog, nulmeting: {periode: "2022", waarde: 1}}
            """)
        let refused = try cli.run("importeer-indicatoren", broken)
        #expect(refused.status == 1)
        #expect(refused.errorLines.count == 2)
        #expect(refused.errorLines.allSatisfy { $0.hasPrefix("fout: fout.yaml: ") })
    }
    @Test func aDescriptionNamesTheMeasuresAndGivesThemARating() throws {
        let cli = CLI()
        let data = try cli.temporaryFile(
            "data.csv",
            """
            "ID";"RegioS";"Perioden";"W_1"
            "0";"GM0363";"2019JJ00";"6.0"
            "1";"GM0363";"2020JJ00";"5.5"
            "2";"GM0363";"2021JJ00";"5.0"
            "3";"GM0344";"2019JJ00";"5.0"
            "4";"GM0344";"2020JJ00";"5.0"
            "5";"GM0344";"2021JJ00";"5.0"

            """)
        let description = try cli.temporaryFile(
            "maten.yaml",
            """
            tabel: T9
            titel: Testtabel
            maten: [{code: W_1, naam: Werkloosheid, thema: arbeid-en-vrije-tijd, eenheid: "%", gewensteRichting: lager-is-beter}]
            """)
        let imported = try cli.run("importeer-contextindicatoren", data, "--tabel", "T9", "--beschrijving", description)
        #expect(imported.status == 0, "\(imported.errors)")
        let indicators = try cli.temporaryFile(
            "ind.yaml", "arrangement: regio-deal\nregios: [GM0363]\n")
        #expect(try cli.run("importeer-indicatoren", indicators).status == 0)
        let shown = try cli.run("indicatoren", "regio-deal").output
        #expect(shown.contains("  Werkloosheid [%; lager is beter] — Testtabel, CBS StatLine, tabel T9\n"))
        #expect(shown.contains("      trend: gemiddeld -9,1 % per jaar over 2019–2021 (3 waarnemingen): gunstig\n"))
        #expect(shown.contains("    overige regio's (gemiddelde): 2019 5, 2020 5, 2021 5\n"))
        let other = try cli.run("importeer-contextindicatoren", data, "--tabel", "T8", "--beschrijving", description)
        #expect(other.errorLines == ["fout: --beschrijving: beschrijft tabel 'T9', niet --tabel T8"])
    }
}
