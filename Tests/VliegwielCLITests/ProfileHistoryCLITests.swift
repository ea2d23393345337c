import Foundation
import Testing

/// `vliegwiel profielversies` and `vliegwiel drift` (issue 6 item 5), on the essay's example:
/// in Zuid- en Oost-Drenthe the Rijk went from facilitating the table to being invited to it (§2).
@Suite struct ProfileHistoryCLITests {
    /// An own arrangement made from the exported Woondeal with the Rijk's role set to `role`,
    /// written as an import file of its own.
    static func ownArrangement(_ cli: CLI, rijk role: String, file: String) throws -> String {
        let export = try cli.run("exporteer").output
        var document = try JSONSerialization.jsonObject(with: Data(export.utf8)) as! [String: Any]
        var arrangement = (document["arrangementen"] as! [[String: Any]]).first { $0["id"] as? String == "woondeal" }!
        arrangement["id"] = "drenthe"
        arrangement["naam"] = "Zuid- en Oost-Drenthe"
        arrangement["soort"] = "praktijk"
        var profile = arrangement["profiel"] as! [String: Any]
        var collaboration = profile["samenwerkend"] as! [String: Any]
        var rijk = collaboration["rolRijk"] as! [String: Any]
        var values = rijk["waarden"] as! [[String: Any]]
        values[0]["waarde"] = role
        rijk["waarden"] = [values[0]]
        collaboration["rolRijk"] = rijk
        profile["samenwerkend"] = collaboration
        arrangement["profiel"] = profile
        document["arrangementen"] = [arrangement]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        return try cli.temporaryFile(file, String(decoding: data, as: UTF8.self))
    }

    /// The output with each timestamp (the time of the test run) replaced by `DATUM`.
    static func dated(_ text: String) throws -> String {
        text.replacing(try Regex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"), with: "DATUM")
            .replacing(
                try Regex(
                    "[0-9]{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) [0-9]{4}, [0-9]{2}:[0-9]{2} UTC"
                ), with: "DATUM")
    }

    /// Two imports of a changed own arrangement, and the same file once more (no version).
    static func twoVersions() throws -> CLI {
        let cli = CLI()
        let first = try ownArrangement(cli, rijk: "nevengeschikt", file: "v1.json")
        let second = try ownArrangement(cli, rijk: "ondergeschikt", file: "v2.json")
        #expect(
            try cli.run("importeer", first, "--auteur", "Programmabureau", "--reden", "Convenant 2019").output
                == "v1.json: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd\n")
        #expect(try cli.run("importeer", second).output == "v2.json: 0 nieuw, 1 bijgewerkt, 0 ongewijzigd\n")
        #expect(try cli.run("importeer", second).output == "v2.json: 0 nieuw, 0 bijgewerkt, 1 ongewijzigd\n")
        return cli
    }

    @Test func theVersionsAreListedWithDateAuthorAndReason() throws {
        let cli = try Self.twoVersions()
        let text = try cli.run("profielversies", "drenthe")
        #expect(text.status == 0, "\(text.errors)")
        // For people a Dutch date with the time in UTC; the JSON keeps ISO 8601.
        #expect(text.output.contains(" UTC · Programmabureau · "), "\(text.output)")
        #expect(
            try Self.dated(text.output) == """
                Profielversies van Zuid- en Oost-Drenthe (drenthe)
                  versie 1 · DATUM · Programmabureau · Convenant 2019
                  versie 2 · DATUM · vliegwiel · geïmporteerd uit v2.json
                2 versies

                """)
        let json = try cli.run("profielversies", "drenthe", "--formaat", "json")
        #expect(
            try Self.dated(json.output) == """
                [
                  {
                    "auteur" : "Programmabureau",
                    "datum" : "DATUM",
                    "reden" : "Convenant 2019",
                    "versie" : 1
                  },
                  {
                    "auteur" : "vliegwiel",
                    "datum" : "DATUM",
                    "reden" : "geïmporteerd uit v2.json",
                    "versie" : 2
                  }
                ]

                """)
    }

    @Test func theDriftNamesTheChangedDimensionAndTheVariationPerElement() throws {
        let cli = try Self.twoVersions()
        let text = try cli.run("drift", "drenthe", "--van", "1", "--tot", "2")
        #expect(text.status == 0, "\(text.errors)")
        #expect(
            try Self.dated(text.output) == """
                Drift van het profiel van Zuid- en Oost-Drenthe (drenthe)
                  van: versie 1 · DATUM · Programmabureau · Convenant 2019
                  tot: versie 2 · DATUM · vliegwiel · geïmporteerd uit v2.json

                GEWIJZIGDE DIMENSIES
                  Rol van het Rijk: nevengeschikt → ondergeschikt

                VARIATIE PER ELEMENT (som van de verschillen per dimensie, 0–1 per dimensie; §1.4)
                  Interbestuurlijk: 0,00 (0 van 7 vergelijkbare dimensies verschillen) · cumulatief 0,00
                  Resultaatgericht: 0,00 (0 van 11 vergelijkbare dimensies verschillen) · cumulatief 0,00
                  Samenwerkend: 1,00 (1 van 7 vergelijkbare dimensies verschillen) · cumulatief 1,00

                """)
        let json = try cli.run("drift", "drenthe", "--van", "1", "--tot", "2", "--formaat", "json")
        #expect(json.status == 0)
        let drift = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as! [String: Any]
        #expect(drift["arrangement"] as? String == "drenthe")
        #expect(drift["vanVersie"] as? Int == 1)
        #expect(drift["totVersie"] as? Int == 2)
        #expect(drift["samenvatting"] as? [String] == ["Rol van het Rijk: nevengeschikt → ondergeschikt"])
        #expect((drift["dimensies"] as? [[String: Any]])?.map { $0["dimensie"] as? String } == ["samenwerkend.rolRijk"])
        let elements = try #require(drift["variatiePerElement"] as? [[String: Any]])
        #expect(elements.map { $0["element"] as? String } == ["interbestuurlijk", "resultaatgericht", "samenwerkend"])
        #expect(elements.map { $0["variatie"] as? Double } == [0, 0, 1])
    }

    @Test func unknownVersionsAndTheSameVersionTwiceFailNamingTheOption() throws {
        let cli = try Self.twoVersions()
        let missing = try cli.run("drift", "drenthe", "--van", "3", "--tot", "4")
        #expect(missing.status == 1)
        #expect(missing.output.isEmpty)
        #expect(
            missing.errorLines == [
                "fout: --van: versie 3 bestaat niet; versies: 1, 2",
                "fout: --tot: versie 4 bestaat niet; versies: 1, 2",
            ])
        let same = try cli.run("drift", "drenthe", "--van", "2", "--tot", "2")
        #expect(same.status == 1)
        #expect(same.errorLines == ["fout: --tot: kies een andere versie dan 2 om mee te vergelijken"])
        let format = try cli.run("profielversies", "drenthe", "--formaat", "xml")
        #expect(format.errorLines == ["fout: --formaat: onbekende waarde 'xml'; toegestaan: tekst, json"])
        let unknown = try cli.run("profielversies", "zuid-drenthe")
        #expect(unknown.status == 1)
        #expect(unknown.errorLines.count == 1)
        #expect(
            unknown.errorLines[0].hasPrefix("fout: id: onbekend arrangement 'zuid-drenthe'; bekende ids: regio-deal"))
    }

    @Test func anImportWithoutAReasonIsRefusedAndStoresNothing() throws {
        let cli = CLI()
        let file = try Self.ownArrangement(cli, rijk: "nevengeschikt", file: "v1.json")
        let result = try cli.run("importeer", file, "--reden", " ")
        #expect(result.status == 1)
        #expect(result.errorLines == ["fout: --reden: ontbreekt; waarom?"])
        #expect(
            try cli.run("profielversies", "drenthe").errorLines.first?.hasPrefix(
                "fout: id: onbekend arrangement 'drenthe'") == true)
    }
}
