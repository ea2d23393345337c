import Foundation
import Testing

@testable import VliegwielCLI

@Suite("vliegwiel qca")
struct QCACommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("VliegwielCoreTests/Fixtures/QCA")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent("\(name).csv").path }

    static func temporaryCSV(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qca-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func output(_ arguments: [String]) throws -> Result<String, QCACommand.Failure> {
        try QCACommand.parse(arguments).report()
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func parsimoniousJSONForLipset() throws {
        let text = try output([
            "--data", Self.fixture("LC"), "--uitkomst", "SURV", "--oplossing", "spaarzaam", "--formaat", "json",
        ]).get()
        let document = try object(text)
        let models = try #require(document["modellen"] as? [[String: Any]])
        #expect(models.count == 1)
        #expect(models[0]["formule"] as? String == "DEV*STB")
        #expect(models[0]["inclusie"] as? Double == 1)
        #expect(models[0]["dekking"] as? Double == 1)
        #expect(models[0]["vereenvoudigendeAannames"] as? [Int] == [18, 20, 26, 28, 30])
        let table = try #require(document["waarheidstabel"] as? [String: Any])
        #expect((table["rijen"] as? [Any])?.count == 9)
        #expect(table["aantalRijen"] as? Int == 32)
        #expect(document["volledig"] as? Bool == true)
        // Sorted keys, pretty printed.
        #expect(text.contains("\n  \"aantalGevallen\" : 18,\n  \"budgetBereikt\""))
    }

    @Test func multiValueNotationAndNegatedOutcome() throws {
        let mv = try object(
            try output([
                "--data", Self.fixture("LM"), "--uitkomst", "SURV", "--voorwaarden", "DEV,URB,LIT,IND",
                "--oplossing", "spaarzaam", "--formaat", "json",
            ]).get())
        let terms = (mv["modellen"] as? [[String: Any]])?.first?["termen"] as? [[String: Any]]
        #expect(Set(terms?.compactMap { $0["term"] as? String } ?? []) == ["DEV[2]", "DEV[1]*IND[0]"])
        let negated = try output(["--data", Self.fixture("LC"), "--uitkomst", "~SURV", "--oplossing", "spaarzaam"])
            .get()
        #expect(negated.contains("QCA-analyse van ~SURV"))
        #expect(negated.contains("M1: ~DEV + ~STB"))
    }

    @Test func intermediateTextForFuzzyData() throws {
        let text = try output([
            "--data", Self.fixture("LF"), "--uitkomst", "SURV", "--incl-drempel", "0.8", "--oplossing", "intermediair",
            "--verwachtingen", "DEV,STB,~LIT,IND",
        ]).get()
        #expect(text.contains("M1: DEV*URB*STB + DEV*~IND*STB") || text.contains("M1: DEV*~IND*STB + DEV*URB*STB"))
        #expect(text.contains("Eenvoudige contrafeitelijken: rijen"))
        #expect(text.contains("Waarheidstabel (9 van 32 rijen waargenomen)"))
    }

    @Test func necessityIsListed() throws {
        let document = try object(
            try output([
                "--data", Self.fixture("LF"), "--uitkomst", "SURV", "--oplossing", "spaarzaam", "--formaat", "json",
            ]).get())
        let necessity = try #require(document["noodzakelijkheid"] as? [[String: Any]])
        #expect(necessity.count == 10)
        let development = try #require(necessity.first { $0["voorwaarde"] as? String == "DEV" })
        #expect(development["inclusie"] as? Double == 0.831)
        #expect(development["relevantie"] as? Double == 0.811)
        #expect(development["dekking"] as? Double == 0.775)
        let models = try #require(document["modellen"] as? [[String: Any]])
        #expect(models.first?["inclusie"] as? Double == 0.85)
        #expect(models.first?["pri"] as? Double == 0.819)
        #expect(models.first?["dekking"] as? Double == 0.714)
    }

    @Test func allModelsOnAmbiguity() throws {
        let document = try object(
            try output([
                "--data", Self.fixture("CVF"), "--uitkomst", "PROTEST", "--oplossing", "spaarzaam", "--formaat", "json",
            ]).get())
        #expect((document["modellen"] as? [Any])?.count == 4)
    }

    @Test func optionProblemsAreListedInDutch() throws {
        let failure = try #require(
            try output([
                "--data", "bestaat-niet.csv", "--uitkomst", "SURV", "--oplossing", "snel", "--formaat", "xml",
                "--incl-drempel", "1.5", "--min-gevallen", "0",
            ]).failureValue)
        #expect(failure.lines.count == 5)
        #expect(
            failure.lines.contains("oplossing: onbekend \"snel\"; toegestaan: conservatief, spaarzaam, intermediair"))
        #expect(failure.lines.contains("formaat: onbekend \"xml\"; toegestaan: tekst, json"))
        #expect(failure.lines.contains { $0.hasPrefix("incl-drempel: ") })
        #expect(failure.lines.contains { $0.hasPrefix("min-gevallen: ") })
        #expect(failure.lines.contains("data: bestand \"bestaat-niet.csv\" bestaat niet"))
        let missing = try #require(
            try output(["--data", Self.fixture("LC"), "--uitkomst", "SURV", "--oplossing", "intermediair"]).failureValue
        )
        #expect(missing.lines == ["verwachtingen: verplicht bij --oplossing intermediair, bijvoorbeeld \"A,B,~C\""])
        let unknown = try #require(
            try output([
                "--data", Self.fixture("LC"), "--uitkomst", "SURV", "--oplossing", "intermediair", "--verwachtingen",
                "DEV,XYZ",
            ]).failureValue)
        #expect(unknown.lines.first?.hasPrefix("verwachtingen: onbekende voorwaarde \"XYZ\"") == true)
    }

    @Test func dataProblemsNameRowAndColumn() throws {
        let path = try Self.temporaryCSV(
            """
            "","A","B","Y"
            "c1",1,0,1
            "c2",abc,1,1
            "c3",1,-2,1
            "c4",0.5,7,1
            """)
        let failure = try #require(
            try output(["--data", path, "--uitkomst", "Y", "--voorwaarden", "A,B,C"]).failureValue)
        #expect(failure.lines.contains { $0.hasPrefix("voorwaarden: kolom \"C\" ontbreekt") })
        let values = try #require(try output(["--data", path, "--uitkomst", "Y"]).failureValue)
        #expect(values.lines.contains("data: rij 3 (geval \"c2\"), kolom \"A\": \"abc\" is geen getal"))
        #expect(
            values.lines.contains {
                $0.hasPrefix("data: rij 4 (geval \"c3\"), kolom \"B\": waarde -2 valt buiten het bereik")
            })
        #expect(values.lines.contains { $0.hasPrefix("uitkomst: kolom \"Y\" heeft geen variatie") })
    }

    /// Issue 16 item 9: the first column of a file without names is not read as names silently.
    @Test func aFirstColumnThatLooksLikeAConditionNeedsTheFlag() throws {
        let path = try Self.temporaryCSV("A,B,Y\n1,0,1\n0,1,0\n1,1,1\n0,0,0\n")
        let refused = try output(["--data", path, "--uitkomst", "Y"])
        guard case .failure(let failure) = refused else {
            Issue.record("zonder --eerste-kolom gelezen: \(refused)")
            return
        }
        #expect(failure.lines.count == 1)
        #expect(failure.lines[0].hasPrefix("eerste-kolom: de eerste kolom \"A\" lijkt een voorwaarde"))
        #expect(failure.lines[0].hasSuffix("geef --eerste-kolom namen of --eerste-kolom gegevens"))
        let data = try object(
            try output(["--data", path, "--uitkomst", "Y", "--eerste-kolom", "gegevens", "--formaat", "json"]).get())
        #expect(data["voorwaarden"] as? [String] == ["A", "B"])
        #expect(data["aantalGevallen"] as? Int == 4)
        let names = try object(
            try output(["--data", path, "--uitkomst", "Y", "--eerste-kolom", "namen", "--formaat", "json"]).get())
        #expect(names["voorwaarden"] as? [String] == ["B"])
        guard case .failure(let wrong) = try output(["--data", path, "--uitkomst", "Y", "--eerste-kolom", "x"]) else {
            Issue.record("--eerste-kolom x aanvaard")
            return
        }
        #expect(wrong.lines == ["eerste-kolom: onbekend \"x\"; toegestaan: namen, gegevens"])
    }

    @Test func runThrowsExitCodeOne() async throws {
        var command = try QCACommand.parse(["--data", "bestaat-niet.csv", "--uitkomst", "Y"])
        await #expect(throws: (any Error).self) { try await command.run() }
        command = try QCACommand.parse(["--data", Self.fixture("LC"), "--uitkomst", "SURV"])
        try await command.run()
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
