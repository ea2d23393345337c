import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

@Suite struct FormatTests {
    let arrangements = [
        TestProfiles.arrangement("mijn-deal"),
        TestProfiles.arrangement(
            "andere-deal",
            profile: TestProfiles.setting(["rolRijk": ["bovengeschikt", "nevengeschikt"], "looptijd": ["open"]])),
    ]

    @Test(arguments: ArrangementFormat.allCases)
    func roundTripLosesNothingAndIsByteIdentical(format: ArrangementFormat) throws {
        var withNote = arrangements
        withNote[0].summary = "Fictief voorbeeld met “aanhalingstekens”, ë en een regel\neinde."
        withNote[0].profile.collaboration.rijkRoles = .stated([
            Coded(.subordinate, quote: "dienende rol: \"ja\"", citation: "§1.3", note: "toelichting")
        ])
        withNote[1].profile.resultOrientation.effectHorizon = .notStated(reason: "Het essay zegt het niet.")
        let first = try format.encode(withNote)
        let decoded = try format.decode(first, source: "x")
        #expect(decoded == withNote)
        #expect(try format.encode(decoded) == first)
    }

    @Test func theCatalogueSurvivesBothFormats() throws {
        let catalogue = try BundledCatalogue.arrangements()
        for format in ArrangementFormat.allCases {
            #expect(try format.decode(try format.encode(catalogue), source: "x") == catalogue)
        }
    }

    @Test func everyProblemInAFileIsReportedWithFileArrangementAndField() throws {
        var mine = arrangements[0]
        mine.profile.collaboration.rijkRoles = .one(.subordinate, quote: "q", citation: "c")
        var text = try ArrangementFormat.yaml.encode([mine, arrangements[1]])
        func replaceFirst(_ old: String, _ new: String) {
            text = text.replacingCharacters(in: text.range(of: old)!, with: new)
        }
        replaceFirst("waarde: bovengeschikt", "waarde: baas")
        replaceFirst("familie: deal", "familie: dealtje")
        replaceFirst("waarde: open\n", "waarde: altijd\n")
        do {
            _ = try ArrangementFormat.yaml.decode(text, source: "fout.yaml")
            Issue.record("a file with three problems was accepted")
        } catch {
            #expect(
                error.issues.map(\.description).sorted() == [
                    "fout.yaml: andere-deal: profiel.resultaatgericht.looptijd.waarden[0].waarde: onbekende waarde 'altijd'; toegestaan: 'open' of een aantal jaren als N of N-M (bijvoorbeeld 1-4)",
                    "fout.yaml: andere-deal: profiel.samenwerkend.rolRijk.waarden[0].waarde: onbekende waarde 'baas'; toegestaan: bovengeschikt, nevengeschikt, ondergeschikt, kaderstellend",
                    "fout.yaml: mijn-deal: familie: onbekende waarde 'dealtje'; toegestaan: deal, nationaal-programma, structurele-samenwerking, overig",
                ])
        }
    }

    @Test func aMissingDimensionAndAnUnknownFieldAreNamed() throws {
        var text = try ArrangementFormat.yaml.encode([arrangements[0]])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Drop the `dealmaker:` dimension (its key and the lines indented below it).
        let start = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "dealmaker:" }!
        let indent = lines[start].prefix { $0 == " " }.count
        let end = lines[(start + 1)...].firstIndex { $0.prefix { $0 == " " }.count <= indent }!
        text = (lines[..<start] + lines[end...]).joined(separator: "\n")
        text = text.replacingOccurrences(of: "naam: Test mijn-deal", with: "naam: Test mijn-deal\n  kleur: rood")
        do {
            _ = try ArrangementFormat.yaml.decode(text, source: "a.yaml")
            Issue.record("a file with a missing dimension was accepted")
        } catch {
            #expect(
                error.issues.map(\.description).sorted() == [
                    "a.yaml: mijn-deal: kleur: onbekend veld; toegestaan: bronnen, familie, id, naam, omschrijving, profiel, soort, variant",
                    "a.yaml: mijn-deal: profiel.samenwerkend.dealmaker: ontbreekt; geef 'waarden' of 'nietVermeld'",
                ])
        }
    }

    @Test func malformedFilesSayWhatIsWrong() {
        for (format, text) in [
            (ArrangementFormat.json, "{\"arrangementen\": ["), (.yaml, "arrangementen: [\n  - id: x\n  :"),
        ] {
            do {
                _ = try format.decode(text, source: "kapot")
                Issue.record("malformed \(format) accepted")
            } catch {
                #expect(error.issues.count == 1)
                #expect(error.issues[0].description.hasPrefix("kapot: geen geldige \(format.rawValue.uppercased())"))
            }
        }
    }

    @Test func aWrongTypeNamesTheExpectedKind() {
        do {
            _ = try ArrangementFormat.json.decode(#"{"schemaVersie": 1, "arrangementen": {"id": 3}}"#, source: "t.json")
            Issue.record("accepted")
        } catch {
            #expect(
                error.issues.map(\.description) == ["t.json: arrangementen: verkeerd soort waarde; verwacht een lijst"])
        }
    }

    @Test func anotherSchemaVersionIsRefused() throws {
        let text = try ArrangementFormat.json.encode(arrangements).replacingOccurrences(
            of: "\"schemaVersie\" : 1", with: "\"schemaVersie\" : 2")
        #expect(throws: ValidationFailure.self) { try ArrangementFormat.json.decode(text, source: "v2.json") }
    }
}
