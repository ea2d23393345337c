import Foundation
import GRDB
import Testing

@testable import VliegwielCLI

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
            "70072NED.csv",
            """
            "ID";"RegioS";"Perioden";"Werkloosheid_1"
            "0";"GM0363    ";"2021JJ00";"5.1"
            "1";"GM0363    ";"2022JJ00";"4.8"

            """)
        let result = try cli.run("importeer-contextindicatoren", file, "--tabel", "70072NED")
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            result.output
                == "Tabel 70072NED ingelezen uit 70072NED.csv: 2 rijen, 2 waarnemingen, 1 maten (Werkloosheid_1).\n"
                + "Contextindicatoren zijn context: geen deal stuurt erop.\n")
    }

    /// The context import reads no shipped catalogue on a database that had the shipped data
    /// (issue 18): a reference variant changed in the file stays as it is through an import,
    /// and the next command that shows arrangements brings it back. A new database still gets
    /// the shipped data from its first import.
    @Test func theContextImportLeavesTheReferenceVariantsToTheCommandsThatShowThem() throws {
        let cli = CLI()
        let file = try cli.temporaryFile(
            "70072NED.csv", "\"ID\";\"RegioS\";\"Perioden\";\"A_1\"\n\"0\";\"GM0363\";\"2022JJ00\";\"1.5\"\n")
        let first = try cli.run("importeer-contextindicatoren", file, "--tabel", "T1")
        #expect(first.status == 0, "\(first.errors)")
        let shipped = try #require(try Self.storedName(cli, "regio-deal"))
        try DatabaseQueue(path: cli.database).write { db in
            let document = try #require(
                try String.fetchOne(db, sql: "SELECT document FROM arrangement WHERE id = 'regio-deal'"))
            var object = try #require(
                try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
            object["naam"] = "Gewijzigd in het bestand"
            let changed = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            try db.execute(
                sql: "UPDATE arrangement SET document = ? WHERE id = 'regio-deal'",
                arguments: [String(decoding: changed, as: UTF8.self)])
        }
        let second = try cli.run("importeer-contextindicatoren", file, "--tabel", "T2")
        #expect(second.status == 0, "\(second.errors)")
        #expect(try Self.storedName(cli, "regio-deal") == "Gewijzigd in het bestand")
        let shown = try cli.run("toon", "regio-deal", "--formaat", "json")
        #expect(shown.status == 0, "\(shown.errors)")
        let arrangement = try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any]
        #expect(arrangement?["naam"] as? String == shipped)
        #expect(try Self.storedName(cli, "regio-deal") == shipped)
    }

    /// The `naam` of the arrangement `id` as its stored document has it.
    static func storedName(_ cli: CLI, _ id: String) throws -> String? {
        try DatabaseQueue(path: cli.database).read { db in
            guard
                let document = try String.fetchOne(
                    db, sql: "SELECT document FROM arrangement WHERE id = ?", arguments: [id])
            else { return nil }
            let object = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any]
            return object?["naam"] as? String
        }
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
                "Niets opgeslagen: 2 fout(en) in fout.json; de import is één transactie, eerder ingelezen gegevens blijven zoals ze waren.",
                "fout: fout.json: record 2: RegioS: 'Amsterdam' is ongeldig; verwacht een regiocode GM + 4 cijfers (gemeente), PV + 2 (provincie), CR + 2 (COROP-gebied), NL01 (Nederland) of FX + 4 (fictief)",
                "fout: fout.json: record 3: W: 'twee' is ongeldig; verwacht een getal (12.5 of 12,5), of leeg of '.' als CBS geen cijfer heeft",
            ])
        let after = try cli.run("indicatoren", "regio-deal", "--formaat", "json")
        #expect(after.status == 0)
        let bad = try cli.run("importeer-contextindicatoren", file, "--tabel", "T1", "--formaat", "xml")
        #expect(bad.errorLines == ["fout: --formaat: onbekende waarde 'xml'; toegestaan: csv, odata, odata4"])
    }

    /// An OData v4 download in a folder: two pages of Observations, MeasureCodes for names
    /// and units, and a dimension's code list that is skipped. Test fixtures shaped like CBS
    /// output for 70072NED; the figures are invented.
    @Test func anODataV4FolderImportsWithMeasureNamesAndMarkers() throws {
        let cli = CLI()
        let folder = cli.folder + "/70072NED"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func record(_ id: Int, _ measure: String, _ value: String, _ attribute: String, _ region: String) -> String {
            """
            {"Id": \(id), "Measure": "\(measure)", "ValueAttribute": "\(attribute)", "Value": \(value), "RegioS": "\(region)", "Perioden": "2022JJ00"}
            """
        }
        let pages = [
            "Observations-1.json": """
            {"@odata.context": "https://odata4.cbs.nl/CBS/70072NED/$metadata#Observations", "value": [
            \(record(0, "M001534  ", "872757.0", "None", "GM0363    ")), \(record(1, "M000297", "null", "Impossible", "GM0363    "))],
            "@odata.nextLink": "https://odata4.cbs.nl/CBS/70072NED/Observations?$skip=2"}
            """,
            "Observations-2.json": """
            {"value": [\(record(2, "M001534  ", "582506.0", "None", "GM0599    ")), \(record(3, "M000297", "312.0", "None", "GM0599    "))]}
            """,
            "MeasureCodes.json": """
            {"value": [{"Identifier": "M001534", "Title": "Bevolking op 1 januari", "Unit": "aantal"},
                       {"Identifier": "M000297", "Title": "Gemiddelde WOZ-waarde van woningen", "Unit": "1 000 euro"}]}
            """,
            "RegioSCodes.json": #"{"value": [{"Identifier": "GM0363    ", "Title": "Amsterdam"}]}"#,
        ]
        for (name, text) in pages {
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        let result = try cli.run("importeer-contextindicatoren", folder, "--tabel", "70072NED")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errorLines == ["Overgeslagen (metadata, geen waarnemingen): RegioSCodes.json"])
        #expect(
            result.output
                == "Tabel 70072NED ingelezen uit 70072NED (2 pagina's): 4 rijen, 4 waarnemingen, 2 maten (M000297, M001534).\n"
                + "1 waarnemingen zonder cijfer, opgeslagen als ontbrekend:\n"
                + "  1 × Impossible: kan op logische gronden niet voorkomen\n"
                + "Contextindicatoren zijn context: geen deal stuurt erop.\n")
        let indicators = try cli.temporaryFile("ind.yaml", "arrangement: regio-deal\nregios: [GM0363]\n")
        #expect(try cli.run("importeer-indicatoren", indicators).status == 0)
        let shown = try cli.run("indicatoren", "regio-deal").output
        // The name and unit come from MeasureCodes (the code was padded in the data).
        #expect(shown.contains("  Bevolking op 1 januari [aantal; gewenste richting onbekend] — CBS-tabel 70072NED"))
        // Without its second page the download is incomplete: nothing is stored, the command says why.
        try FileManager.default.removeItem(atPath: folder + "/Observations-2.json")
        let incomplete = try cli.run("importeer-contextindicatoren", folder, "--tabel", "70072NEDB")
        #expect(incomplete.status == 1)
        #expect(
            incomplete.errorLines.contains {
                $0.contains("Observations-1.json: pagina's: deze pagina verwijst naar een volgende pagina")
            })
        let tables = try cli.run("indicatoren", "regio-deal", "--formaat", "json").output
        #expect(!tables.contains("70072NEDB"))
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
        #expect(
            shown.contains(
                "      trend: gemiddeld -9,1 % van het eigen gemiddelde per jaar over 2019–2021 (3 waarnemingen): gunstig\n"
            ))
        #expect(shown.contains("    overige regio's (gemiddelde): 2019 5, 2020 5, 2021 5\n"))
        let other = try cli.run("importeer-contextindicatoren", data, "--tabel", "T8", "--beschrijving", description)
        #expect(other.errorLines == ["fout: --beschrijving: beschrijft tabel 'T9', niet --tabel T8"])
    }
}

/// The progress line, driven by a clock of the test's own: no real time passes.
@Suite struct ProgressLineTests {
    final class Recorder: @unchecked Sendable {
        var now = 0.0
        var text = ""
    }

    @Test func onATerminalOneLineIsRewrittenWithRateAndTimeLeft() {
        let recorder = Recorder()
        let line = ProgressLine(
            total: 1_000, isTerminal: true, clock: { recorder.now }, output: { recorder.text += $0 })
        recorder.now = 0.1
        line.update(rows: 10, done: 10)
        #expect(recorder.text.isEmpty)
        recorder.now = 2
        line.update(rows: 50_000, done: 250)
        recorder.now = 2.1
        line.update(rows: 52_000, done: 260)
        recorder.now = 4
        line.update(rows: 100_000, done: 500)
        line.finish()
        let shown = recorder.text.split(separator: "\r", omittingEmptySubsequences: true).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(
            shown == [
                "50 000 rijen · 25 000 rijen/s · 25 % · nog ongeveer 6 s",
                "100 000 rijen · 25 000 rijen/s · 50 % · nog ongeveer 4 s",
            ])
        #expect(recorder.text.hasSuffix("\n") && !recorder.text.dropLast().contains("\n"))
    }

    @Test func withoutATerminalPlainLinesAtAnInterval() {
        let recorder = Recorder()
        let line = ProgressLine(
            total: nil, isTerminal: false, logInterval: 5, clock: { recorder.now }, output: { recorder.text += $0 })
        for second in 1...12 {
            recorder.now = Double(second)
            line.update(rows: second * 1_000, done: 0)
        }
        line.finish()
        #expect(recorder.text == "5 000 rijen · 1 000 rijen/s\n10 000 rijen · 1 000 rijen/s\n")
        #expect(ProgressLine.duration(125) == "2 min 05 s")
        #expect(ProgressLine.duration(3_720) == "1 u 02 min")
        #expect(ProgressLine.grouped(1_234_567) == "1 234 567")
    }
}
