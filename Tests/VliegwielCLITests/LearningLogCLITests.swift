import Foundation
import Testing

@Suite struct LearningLogCLITests {
    static let demo = "fictief-regio-deal-voorbeeld"

    @Test func theDemoLogShowsTheChainFromLessonToDecisionToChange() throws {
        let result = try CLI().run("leerlog", Self.demo)
        #expect(result.errors == "")
        #expect(result.status == 0)
        #expect(
            result.output == """
                Leerlog van Regio Deal Vliegwielvallei (fictief voorbeeld) (fictief-regio-deal-voorbeeld)
                FICTIEF VOORBEELD: alle lessen, besluiten, wijzigingen, bronnen en data zijn verzonnen.
                3 lessen, 1 besluit, 2 wijzigingen

                Keten 1: les → besluit → wijziging
                  les les-stages-bouwen-netwerk (30 september 2025, Hogeschool Vallei (fictief); bron: Eindevaluatie Talent blijft, hoofdstuk 3 (fictief))
                    Stages van Talent blijft leggen contacten tussen jongeren en bedrijven die na de stage blijven: de schakel stages → netwerk is sterker dan de veranderingstheorie aannam (fictief).
                  les les-regio-wil-tafel-voorzitten (30 september 2025, Evaluator Vallei (fictief); bron: Eindevaluatie Talent blijft, hoofdstuk 5 over de samenwerking (fictief))
                    De partners in de vallei willen de regionale tafel zelf voorzitten; een Rijk dat de tafel faciliteert, remt hun eigenaarschap (fictief).
                  → besluit besluit-stuurgroep-na-eindevaluatie (1 oktober 2025, Stuurgroep Regio Deal Vliegwielvallei (fictief))
                    De stuurgroep stelt de veranderingstheorie bij op het bewijs uit de eindevaluatie, neemt de zorgpost op als interventie, en laat de regio de regionale tafel voorzitten met het Rijk als deelnemer (fictief).
                  → wijziging wijziging-bijdragegraaf-na-eindevaluatie (6 oktober 2025; bijdragegraafversie 2)
                    In de bijdragegraaf gaat de schakel stages → netwerk van geen naar redelijk bewijs, en de zorgpost staat erin als interventie (fictief).
                  → wijziging wijziging-rol-rijk-aan-tafel (20 oktober 2025; profielversie 2)
                    In het profiel wordt de rol van het Rijk ondergeschikt: het neemt deel aan de tafel die de regio voorzit, in plaats van die te faciliteren (fictief).

                Lessen zonder besluit (1)
                  les les-zorgpost-onbekend (15 november 2025, Dorpsraad Dorpsveen (fictief); bron: Verslag van de dorpsavond van 15 november 2025 (fictief))
                    Inwoners van Dorpsveen kennen de zorgpost nog niet; bekendheid blijkt een voorwaarde voor gebruik (fictief).

                """)
    }

    @Test func whyProfileVersionTwoTracesBackToTheLessons() throws {
        let result = try CLI().run("leerlog", "waarom", Self.demo, "--profielversie", "2")
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "Waarom profielversie 2 van Regio Deal Vliegwielvallei (fictief voorbeeld)")
        #expect(lines.contains("wijziging wijziging-rol-rijk-aan-tafel (20 oktober 2025; profielversie 2)"))
        #expect(
            lines.contains(
                "← besluit besluit-stuurgroep-na-eindevaluatie (1 oktober 2025, Stuurgroep Regio Deal Vliegwielvallei (fictief))"
            ))
        #expect(lines.filter { $0.hasPrefix("← les ") }.count == 2)
        let none = try CLI().run("leerlog", "waarom", Self.demo, "--profielversie", "1")
        #expect(
            none.output
                == "Het leerlog van Regio Deal Vliegwielvallei (fictief voorbeeld) zegt niet waarom profielversie 1 er kwam: geen wijziging verwijst ernaar.\n"
        )
        let neither = try CLI().run("leerlog", "waarom", Self.demo)
        #expect(neither.status == 1)
        #expect(
            neither.errorLines == [
                "fout: --profielversie: noem precies één van --profielversie N, --bijdragegraafversie N of --indicator ID"
            ])
    }

    @Test func theJSONListsTheEntriesAndTheChainsByID() throws {
        let result = try CLI().run("leerlog", Self.demo, "--formaat", "json")
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["arrangement"] as? String == Self.demo)
        #expect(object["fictief"] as? Bool == true)
        #expect(object["lessenZonderBesluit"] as? [String] == ["les-zorgpost-onbekend"])
        let chains = try #require(object["ketens"] as? [[String: Any]])
        #expect(
            chains.first?["wijzigingen"] as? [String] == [
                "wijziging-bijdragegraaf-na-eindevaluatie", "wijziging-rol-rijk-aan-tafel",
            ])
        let changes = try #require(object["wijzigingen"] as? [[String: Any]])
        let target = try #require(changes.last?["betreft"] as? [String: Any])
        #expect(target["soort"] as? String == "profielversie")
        #expect(target["versie"] as? Int == 2)
    }

    @Test func anImportAddsEntriesThatLinkToStoredOnes() throws {
        let cli = CLI()
        let file = try cli.temporaryFile(
            "leerlog.yaml",
            """
            lessen:
              - datum: "2025-12-01"
                les: Een les over de regio-deal
                door: Evaluator
                bron: Verslag
            besluiten:
              - id: besluit-zorgpost-bekend-maken
                datum: "2025-12-02"
                besluit: Zorgpost bekend maken
                door: Stuurgroep
                lessen: [les-zorgpost-onbekend]
            wijzigingen:
              - datum: "2025-12-03"
                wijziging: Folder huis-aan-huis
                besluiten: [besluit-zorgpost-bekend-maken]
                betreft: {soort: anders, omschrijving: Communicatie over de zorgpost}
            """)
        let imported = try cli.run("leerlog", "importeer", "regio-deal", file)
        #expect(imported.status == 1)
        #expect(
            imported.errorLines == [
                "fout: leerlog.yaml: besluiten[0].lessen[0]: onbekende les 'les-zorgpost-onbekend'; lessen: les-een-les-over-de-regio"
            ])
        let demo = try cli.run("leerlog", "importeer", Self.demo, file)
        #expect(demo.errors == "")
        #expect(
            demo.output == """
                3 regels toegevoegd aan het leerlog van Regio Deal Vliegwielvallei (fictief voorbeeld) (fictief-regio-deal-voorbeeld): 1 les, 1 besluit, 1 wijziging
                  les les-een-les-over-de-regio
                  besluit besluit-zorgpost-bekend-maken
                  wijziging wijziging-folder-huis-aan-huis

                """)
        let shown = try cli.run("leerlog", Self.demo)
        #expect(shown.output.contains("Keten 2: les → besluit → wijziging"))
        #expect(
            shown.output.contains(
                "  → wijziging wijziging-folder-huis-aan-huis (3 december 2025; anders: Communicatie over de zorgpost)")
        )
        #expect(!shown.output.contains("Lessen zonder besluit (1)\n  les les-zorgpost-onbekend"))
    }

    @Test func aBadFileReportsEveryProblemAndStoresNothing() throws {
        let cli = CLI()
        let file = try cli.temporaryFile(
            "fout.json",
            """
            {"lessen": [{"id": "les-x", "datum": "30-09-2025", "les": "", "door": "X"}],
             "besluiten": [{"id": "besluit-x", "datum": "2025-10-01", "besluit": "B", "door": "S", "lessen": ["les-x", "les-y"]}],
             "wijzigingen": [{"id": "wijziging-x", "datum": "2025-09-01", "wijziging": "W", "besluiten": ["besluit-x"],
                              "betreft": {"soort": "profielversie", "versie": 7}},
                             {"id": "wijziging-y", "datum": "2025-11-01", "wijziging": "W", "besluiten": ["besluit-x"],
                              "betreft": {"soort": "gebouw"}}]}
            """)
        let before = try cli.run("leerlog", Self.demo, "--formaat", "json").output
        let result = try cli.run("leerlog", "importeer", Self.demo, file)
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "fout: fout.json: lessen[0].datum: '30-09-2025' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2025-09-30",
                "fout: fout.json: wijzigingen[1].betreft.soort: onbekende soort 'gebouw'; toegestaan: profielversie, bijdragegraafversie, indicator, anders",
                "fout: fout.json: lessen[0].les: ontbreekt; wat is er geleerd?",
                "fout: fout.json: lessen[0].bron: ontbreekt; noem de bron (een evaluatie, een verslag, een gesprek)",
                "fout: fout.json: besluiten[0].lessen[1]: onbekende les 'les-y'; lessen: les-stages-bouwen-netwerk, les-regio-wil-tafel-voorzitten, les-zorgpost-onbekend, les-x",
                "fout: fout.json: wijzigingen[0].datum: 2025-09-01 ligt voor besluit 'besluit-x' (2025-10-01); een wijziging volgt op haar besluit",
                "fout: fout.json: wijzigingen[0].betreft.versie: profielversie 7 bestaat niet; versies: 1, 2",
            ])
        #expect(try cli.run("leerlog", Self.demo, "--formaat", "json").output == before)
    }

    @Test func anUnknownArrangementIsNamed() throws {
        let result = try CLI().run("leerlog", "bestaat-niet")
        #expect(result.status == 1)
        #expect(
            result.errorLines.first?.hasPrefix("fout: id: onbekend arrangement 'bestaat-niet'; bekende ids: ") == true)
    }
}
