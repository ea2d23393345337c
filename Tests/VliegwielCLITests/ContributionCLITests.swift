import Foundation
import Testing

@Suite struct ContributionCLITests {
    static let demo = "fictief-regio-deal-voorbeeld"

    static let graphFile = """
        arrangement: regio-deal
        knopen:
          - {id: fonds, soort: interventie, naam: Regiofonds}
          - {id: banen, soort: uitkomst, naam: Meer banen, thema: arbeid-en-vrije-tijd}
          - {id: los, soort: interventie, naam: Losse actie}
        schakels:
          - {id: fonds-banen, van: fonds, naar: banen, aanname: Geld trekt bedrijven aan, bewijskracht: zwak}
        """

    @Test func theDemoGraphShowsItsAnalysis() throws {
        let result = try CLI().run("bijdragegraaf", Self.demo)
        #expect(result.status == 0)
        #expect(result.errors == "")
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            Array(lines.prefix(3)) == [
                "Bijdragegraaf van Regio Deal Vliegwielvallei (fictief voorbeeld) (fictief-regio-deal-voorbeeld)",
                "Versie 2 van 2, 6 oktober 2025, Evaluator Vallei (fictief): Na de eindevaluatie van Talent blijft; zorgpost toegevoegd (fictief)",
                "FICTIEF VOORBEELD: alle knopen, schakels, bronnen en data zijn verzonnen.",
            ])
        #expect(lines.contains("Knopen (9)"))
        #expect(
            lines.contains(
                "  netwerk-werk            netwerk → werk-in-de-regio              zwak      Via het netwerk horen jongeren van vacatures in de regio (fictief)."
            ))
        let analysis = try #require(
            lines.firstIndex(of: "Wat elke interventie kan bereiken, met de zwakste schakel per pad"))
        #expect(
            Array(lines[analysis...]) == [
                "Wat elke interventie kan bereiken, met de zwakste schakel per pad",
                "  dorpshuizen (Dorpshuizen als ontmoetingsplek (fictief))",
                "    → samenhang (Sterkere sociale samenhang in de kernen (fictief)): 1 pad",
                "      dorpshuizen → ontmoeting → netwerk → samenhang; zwakste schakel ontmoeting-netwerk (zwak)",
                "    → werk-in-de-regio (Jongeren vinden werk in de regio (fictief)): 1 pad",
                "      dorpshuizen → ontmoeting → netwerk → werk-in-de-regio; zwakste schakel ontmoeting-netwerk (zwak)",
                "  stages (Stages bij bedrijven in de vallei (fictief))",
                "    → samenhang (Sterkere sociale samenhang in de kernen (fictief)): 1 pad",
                "      stages → netwerk → samenhang; zwakste schakel stages-netwerk (redelijk)",
                "    → werk-in-de-regio (Jongeren vinden werk in de regio (fictief)): 1 pad",
                "      stages → netwerk → werk-in-de-regio; zwakste schakel netwerk-werk (zwak)",
                "  zorgpost (Zorgpost in de kern (fictief))",
                "    bereikt geen uitkomst",
                "",
                "Uitkomsten die geen interventie bereikt: geen",
                "Interventies zonder uitkomst: zorgpost (Zorgpost in de kern (fictief))",
                "",
                "Afhankelijk van derden en context",
                "  werk-in-de-regio: interventies van derden: buslijn; contextfactoren: krappe-arbeidsmarkt",
                "",
                "Geen percentages: een uitkomst wordt nooit over de interventies verdeeld (docs/bijdrage.md).",
                "",
            ])
    }

    @Test func anEarlierVersionAndItsJSON() throws {
        let cli = CLI()
        let first = try cli.run("bijdragegraaf", Self.demo, "--versie", "1")
        #expect(
            first.output.split(separator: "\n")[1]
                == "Versie 1 van 2, 15 januari 2024, Evaluator Vallei (fictief): Eerste veranderingstheorie van de deal (fictief)"
        )
        #expect(first.output.contains("\nInterventies zonder uitkomst: geen\n"))
        let json = try cli.run("bijdragegraaf", Self.demo, "--formaat", "json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(document.keys.sorted() == ["aantalVersies", "analyse", "arrangement", "versie"])
        let analysis = try #require(document["analyse"] as? [String: Any])
        #expect(analysis["interventiesZonderUitkomst"] as? [String] == ["zorgpost"])
        let version = try #require(document["versie"] as? [String: Any])
        #expect(version["versie"] as? Int == 2)
        #expect((version["graaf"] as? [String: Any])?["fictief"] as? Bool == true)
    }

    @Test func theDifferenceBetweenTwoVersions() throws {
        let result = try CLI().run("bijdragegraaf", Self.demo, "--verschil", "1", "2")
        #expect(result.status == 0)
        #expect(
            result.output.split(separator: "\n").map(String.init) == [
                "Bijdragegraaf van Regio Deal Vliegwielvallei (fictief voorbeeld) (fictief-regio-deal-voorbeeld): van versie 1 naar versie 2",
                "  knoop toegevoegd: zorgpost (interventie) Zorgpost in de kern (fictief)",
                "  schakel gewijzigd: stages-netwerk",
                "    bewijskracht: geen → redelijk",
                "    bewijs: + Eindevaluatie Talent blijft (fictief) (Hogeschool Vallei (fictief), 30 september 2025)",
                "  schakel gewijzigd: netwerk-werk",
                "    rivaliserendeVerklaringen: + Jongeren kiezen de regio om de lagere woonlasten, niet om het netwerk (fictief).",
            ])
    }

    @Test func wrongVersionsAndMissingGraphsAreNamed() throws {
        let cli = CLI()
        let results = [
            (
                try cli.run("bijdragegraaf", Self.demo, "--versie", "3"),
                "fout: --versie: versie 3 bestaat niet; versies: 1 (15 januari 2024), 2 (6 oktober 2025)"
            ),
            (
                try cli.run("bijdragegraaf", Self.demo, "--verschil", "1"),
                "fout: --verschil: verwacht twee versienummers, bijvoorbeeld --verschil 1 2"
            ),
            (
                try cli.run("bijdragegraaf", Self.demo, "--verschil", "1", "5"),
                "fout: --verschil: versie 5 bestaat niet; versies: 1 (15 januari 2024), 2 (6 oktober 2025)"
            ),
            (
                try cli.run("bijdragegraaf", Self.demo, "--formaat", "xml"),
                "fout: --formaat: onbekende waarde 'xml'; toegestaan: tekst, json"
            ),
        ]
        for (result, error) in results {
            #expect(result.status == 1)
            #expect(result.output == "")
            #expect(result.errorLines == [error])
        }
        let none = try cli.run("bijdragegraaf", "regio-deal")
        #expect(
            none.errorLines == [
                "fout: id: 'regio-deal' heeft nog geen bijdragegraaf; lees er een in met 'vliegwiel bijdragegraaf importeer regio-deal BESTAND'"
            ])
    }

    @Test func theStoryOfOneOutcome() throws {
        let cli = CLI()
        let result = try cli.run("bijdrageverhaal", Self.demo, "samenhang")
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "Bijdrageverhaal: Sterkere sociale samenhang in de kernen (fictief)")
        #expect(
            lines.filter { $0.first?.isNumber == true }.map { String($0.prefix(3)) } == [
                "1. ", "2. ", "3. ", "4. ", "5. ",
            ]
        )
        #expect(
            lines.contains(
                "Verzamel bewijs voor schakel 'Inwoners ontmoeten elkaar vaker (fictief)' → 'Een netwerk van inwoners, jongeren en bedrijven (fictief)', nu zwak: Wie elkaar vaker ziet, gaat samen dingen ondernemen (fictief)."
            ))
        let all = try cli.run("bijdrageverhaal", Self.demo)
        #expect(
            all.output.split(separator: "\n").filter { $0.hasPrefix("Bijdrageverhaal: ") } == [
                "Bijdrageverhaal: Sterkere sociale samenhang in de kernen (fictief)",
                "Bijdrageverhaal: Jongeren vinden werk in de regio (fictief)",
            ])
        let unknown = try cli.run("bijdrageverhaal", Self.demo, "stages")
        #expect(unknown.status == 1)
        #expect(
            unknown.errorLines == [
                "fout: UITKOMST: 'stages' is geen uitkomst van de graaf; uitkomsten: samenhang, werk-in-de-regio"
            ])
    }

    @Test func importAddsAVersionAndRefusesTheSameGraphTwice() throws {
        let cli = CLI()
        let file = try cli.temporaryFile("graaf.yaml", Self.graphFile)
        let result = try cli.run(
            "bijdragegraaf", "importeer", "regio-deal", file, "--auteur", "Ann", "--reden", "Eerste", "--datum",
            "2025-01-01")
        #expect(result.status == 0)
        #expect(
            result.output
                == "Versie 1 van de bijdragegraaf van Regio Deal (regio-deal) vastgelegd: 3 knopen, 1 schakels, "
                + "0 uitkomsten zonder interventie, 1 interventies zonder uitkomst\n")
        let shown = try cli.run("bijdragegraaf", "regio-deal")
        #expect(shown.output.contains("\nInterventies zonder uitkomst: los (Losse actie)\n"))
        #expect(!shown.output.contains("FICTIEF"))
        let again = try cli.run(
            "bijdragegraaf", "importeer", "regio-deal", file, "--auteur", "Ann", "--reden", "Nog eens")
        #expect(again.status == 1)
        #expect(again.errorLines == ["fout: graaf.yaml: graaf: niets gewijzigd ten opzichte van versie 1"])
        let elsewhere = try cli.run("bijdragegraaf", "importeer", "city-deal", file, "--auteur", "A", "--reden", "R")
        #expect(
            elsewhere.errorLines == [
                "fout: graaf.yaml: arrangement: de graaf hoort bij 'regio-deal', deze geschiedenis bij 'city-deal'"
            ])
    }

    @Test func aBadFileListsEveryProblemAndStoresNothing() throws {
        let cli = CLI()
        let file = try cli.temporaryFile(
            "fout.json",
            """
            {"arrangement": "regio-deal",
             "knopen": [{"id": "Fonds", "soort": "interventie", "naam": ""}, {"id": "banen", "soort": "uitkomst", "naam": "Banen"}],
             "schakels": [{"id": "a", "van": "fonds", "naar": "banen", "aanname": "", "bewijskracht": "zwak"}]}
            """)
        let result = try cli.run("bijdragegraaf", "importeer", "regio-deal", file)
        #expect(result.status == 1)
        #expect(result.output == "")
        #expect(
            result.errorLines == [
                "fout: fout.json: knopen[0].id: 'Fonds' is geen geldige id; gebruik kleine letters en cijfers met losse streepjes",
                "fout: fout.json: knopen[0].naam: ontbreekt of is leeg",
                "fout: fout.json: knopen[1].thema: een uitkomst hoort bij een brede-welvaartsthema of een indicator; toegestaan: subjectief-welzijn, materiele-welvaart, gezondheid, arbeid-en-vrije-tijd, wonen, samenleving, veiligheid, milieu, economisch-kapitaal, natuurlijk-kapitaal, menselijk-kapitaal, sociaal-kapitaal",
                "fout: fout.json: schakels[0].van: onbekende knoop 'fonds'; bekende knopen: Fonds, banen",
                "fout: fout.json: schakels[0].aanname: ontbreekt; zeg in woorden waarom deze schakel werkt",
                "fout: --auteur: ontbreekt; wie wijzigde?",
                "fout: --reden: ontbreekt; waarom?",
            ])
        #expect(try cli.run("bijdragegraaf", "regio-deal").status == 1)

        let code = try cli.temporaryFile(
            "code.json",
            """
            {"arrangement": "regio-deal", "knopen": [{"id": "fonds", "soort": "actie", "naam": "x"}]}
            """)
        let unknown = try cli.run("bijdragegraaf", "importeer", "regio-deal", code, "--auteur", "A", "--reden", "R")
        #expect(
            unknown.errorLines == [
                "fout: code.json: knopen[0].soort: onbekende waarde 'actie'; toegestaan: interventie, deeleffect, voorwaarde, uitkomst, interventie-van-derden, contextfactor"
            ])
        let date = try cli.run(
            "bijdragegraaf", "importeer", "regio-deal", code, "--auteur", "A", "--reden", "R", "--datum", "gisteren")
        #expect(
            date.errorLines == ["fout: --datum: 'gisteren' is geen datum; verwacht JJJJ-MM-DD, bijvoorbeeld 2024-02-09"]
        )
    }
}
