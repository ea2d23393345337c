import Foundation
import Testing

/// Runs the built `vliegwiel` executable as a user would, each test on its own database.
struct CLI {
    /// A folder of its own per test, holding its database and files.
    let folder: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vliegwiel-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }()
    var database: String { folder + "/vliegwiel.sqlite" }

    struct Result {
        var status: Int32
        var output: String
        var errors: String
        /// The lines on standard error, without progress lines (`12 000 rijen · 8 000 rijen/s · …`),
        /// which a slow machine prints during any long enough command (ProgressLine).
        var errorLines: [String] {
            errors.split(separator: "\n").map(String.init).filter { !$0.contains(" rijen/s") }
        }
    }

    static var executable: URL {
        // The test runner lives in the products folder beside the executable.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("vliegwiel").path) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("vliegwiel")
    }

    @discardableResult
    func run(_ arguments: String...) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        // Each test begins its own database; the refusal of a missing file has tests of its own.
        process.arguments =
            arguments + (arguments.contains("--database") ? [] : ["--database", database, "--maak-database"])
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            errors: String(decoding: err, as: UTF8.self))
    }

    func temporaryFile(_ name: String, _ content: String? = nil) throws -> String {
        let path = folder + "/" + name
        if let content { try content.write(toFile: path, atomically: true, encoding: .utf8) }
        return path
    }
}

@Suite struct CLITests {
    @Test func catalogueListsTheFourteenReferenceVariantsAsJSON() throws {
        let result = try CLI().run("catalogus", "--formaat", "json")
        #expect(result.status == 0)
        let entries = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [[String: String]]
        #expect(
            entries.map { $0["id"]! } == [
                "regio-deal", "city-deal", "town-deal", "woondeal", "green-deal", "nplv", "np-res", "nprz", "npg",
                "metropoolregio", "veiligheidsregio", "onderwijsregio", "regionale-uitvoeringsdienst",
                "arbeidsmarktregio",
            ])
        #expect(entries.allSatisfy { $0["soort"] == "referentie" })
    }

    @Test func catalogueAsTextEndsWithTheCount() throws {
        let result = try CLI().run("catalogus")
        #expect(result.output.hasPrefix("id "))
        #expect(result.output.contains("\n14 arrangementen\nMet --alle ook de "))
        let all = try CLI().run("catalogus", "--alle", "--formaat", "json")
        let entries = try JSONSerialization.jsonObject(with: Data(all.output.utf8)) as! [[String: String]]
        #expect(entries.count > 14)
        #expect(entries.contains { $0["soort"] == "praktijk" && $0["variant"] == "regio-deal" })
    }

    @Test func showPrintsAllThreeElementsWithQuotesAndCitations() throws {
        let result = try CLI().run("toon", "regio-deal")
        #expect(result.status == 0)
        for heading in [
            "INTERBESTUURLIJK — Wie doet mee? (§2)", "RESULTAATGERICHT — Wat geldt als resultaat? (§3)",
            "SAMENWERKEND — Hoe werken de partijen samen? (§4)",
        ] {
            #expect(result.output.contains(heading))
        }
        #expect(result.output.contains("Rol van het Rijk: bovengeschikt én nevengeschikt"))
        #expect(result.output.contains("(§4.1, tabel samenwerking deals"))
        #expect(result.output.contains("“"))
    }

    @Test func anUnknownIDFailsNamingTheFieldAndTheKnownIDs() throws {
        let result = try CLI().run("toon", "super-deal")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(
            result.errorLines[0].hasPrefix(
                "fout: id: onbekend arrangement 'super-deal'; bekende ids: regio-deal, city-deal"))
    }

    @Test func anUnknownFormatNamesTheAllowedValues() throws {
        let result = try CLI().run("catalogus", "--formaat", "xml")
        #expect(result.status == 1)
        #expect(result.errorLines == ["fout: --formaat: onbekende waarde 'xml'; toegestaan: tekst, json"])
    }

    @Test(arguments: ["json", "yaml"])
    func exportImportExportIsByteIdentical(format: String) throws {
        let cli = CLI()
        let first = try cli.temporaryFile("eerste.\(format)")
        #expect(try cli.run("exporteer", "--formaat", format, "--uitvoer", first).status == 0)
        // Add an arrangement of our own so the round trip carries more than the catalogue.
        let own = try String(contentsOfFile: first, encoding: .utf8)
        #expect(own.contains("regio-deal"))

        let other = CLI()
        let imported = try other.run("importeer", first)
        #expect(imported.status == 0)
        let count = own.components(separatedBy: format == "json" ? "\"soort\" : " : "soort: ").count - 1
        #expect(count > 14)
        #expect(imported.output.hasSuffix(": 0 nieuw, 0 bijgewerkt, \(count) ongewijzigd\n"))
        let second = try other.temporaryFile("tweede.\(format)")
        #expect(try other.run("exporteer", "--formaat", format, "--uitvoer", second).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
    }

    @Test func aPracticeArrangementRoundTripsThroughAnotherDatabase() throws {
        let cli = CLI()
        let export = try cli.run("exporteer").output
        // Turn the Woondeal reference into a practice arrangement of our own.
        let own = export.replacingOccurrences(of: "\"id\" : \"woondeal\"", with: "\"id\" : \"woondeal-fictief\"")
            .replacingOccurrences(
                of: "\"soort\" : \"referentie\",\n      \"variant\" : \"woondeal\"",
                with: "\"soort\" : \"praktijk\",\n      \"variant\" : \"woondeal\"")
        #expect(own.contains("woondeal-fictief") && own.contains("\"praktijk\""))
        let file = try cli.temporaryFile("eigen.json", own)
        let imported = try cli.run("importeer", file)
        #expect(imported.status == 0, "\(imported.errors)")
        let count = own.components(separatedBy: "\"soort\" : ").count - 1
        #expect(imported.output.hasSuffix(": 1 nieuw, 0 bijgewerkt, \(count - 1) ongewijzigd\n"))
        let after = try cli.run("exporteer", "--formaat", "yaml").output
        let other = CLI()
        #expect(try other.run("importeer", try other.temporaryFile("na.yaml", after)).status == 0)
        #expect(try other.run("exporteer", "--formaat", "yaml").output == after)
    }

    @Test func aBadFileIsRefusedWholeWithOneLinePerProblemAndNothingStored() throws {
        let cli = CLI()
        let before = try cli.run("exporteer").output
        let good = before.replacingOccurrences(of: "\"id\" : \"woondeal\"", with: "\"id\" : \"nieuw\"")
            .replacingOccurrences(
                of: "\"soort\" : \"referentie\",\n      \"variant\" : \"woondeal\"",
                with: "\"soort\" : \"praktijk\",\n      \"variant\" : \"woondeal\"")
        let bad = good.replacingOccurrences(of: "\"waarde\" : \"bovengeschikt\"", with: "\"waarde\" : \"baas\"")
        let file = try cli.temporaryFile("fout.json", bad)
        let result = try cli.run("importeer", file)
        #expect(result.status == 1)
        #expect(result.errorLines.count > 1)
        #expect(result.errorLines.allSatisfy { $0.hasPrefix("fout: ") && $0.contains("fout.json: ") })
        #expect(
            result.errorLines.contains {
                $0.contains("rolRijk.waarden[0].waarde: onbekende waarde 'baas'; toegestaan: bovengeschikt")
            })
        #expect(try cli.run("exporteer").output == before)
    }

    @Test func changingAReferenceVariantIsRefused() throws {
        let cli = CLI()
        let export = try cli.run("exporteer").output
        let changed = export.replacingOccurrences(
            of: "\"naam\" : \"Woondeal\"", with: "\"naam\" : \"Woondeal (aangepast)\"")
        #expect(changed != export)
        let result = try cli.run("importeer", try cli.temporaryFile("ref.json", changed))
        #expect(result.status == 1)
        #expect(
            result.errorLines.first?.hasPrefix(
                "fout: ref.json: woondeal: profiel: referentievarianten komen uit het essay") == true)
        #expect(try cli.run("exporteer").output == export)
    }

    @Test func aMalformedFileIsNamed() throws {
        let cli = CLI()
        let result = try cli.run("importeer", try cli.temporaryFile("kapot.yaml", "arrangementen: [\n  - id: x\n  :"))
        #expect(result.status == 1)
        #expect(result.errorLines.first?.hasPrefix("fout: kapot.yaml: geen geldige YAML") == true, "\(result.errors)")
    }

    @Test func startRefusesAnImpossiblePortBeforeTouchingAnything() throws {
        let cli = CLI()
        let result = try cli.run("start", "--poort", "70000")
        #expect(result.status == 1)
        #expect(result.errorLines == ["fout: --poort: 70000 is geen geldige poort; kies 1 tot en met 65535"])
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test func startRefusesAContactAddressThatIsNoEmailAddress() throws {
        let cli = CLI()
        let result = try cli.run("start", "--contact-e-mail", "beheer bij de provincie")
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "fout: --contact-e-mail: 'beheer bij de provincie' is geen e-mailadres; verwacht naam@domein.nl"
            ])
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test func startServesUntilSIGTERMAndASecondStartOnTheSamePortSaysItIsTaken() async throws {
        let cli = CLI()
        let port = String(Int.random(in: 20_000..<30_000))
        let server = Process()
        server.executableURL = CLI.executable
        server.arguments = ["start", "--poort", port, "--database", cli.database]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // Wait until the first server listens, so that the second cannot take the port itself.
        for _ in 0..<100 where !Self.isListening(port) { try await Task.sleep(for: .milliseconds(100)) }
        #expect(Self.isListening(port))
        let taken = try cli.run("start", "--poort", port)
        #expect(taken.status == 1)
        #expect(
            taken.errorLines.last
                == "fout: --poort: poort \(port) op 127.0.0.1 is al in gebruik; kies een andere met --poort")
        server.terminate()  // SIGTERM: the server finishes its requests and stops cleanly.
        server.waitUntilExit()
        #expect(server.terminationReason == .exit)
        #expect(server.terminationStatus == 0)
    }

    /// Whether something accepts TCP connections on the loopback port (bash's /dev/tcp).
    static func isListening(_ port: String) -> Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/bin/bash")
        probe.arguments = ["-c", "exec 3<>/dev/tcp/127.0.0.1/\(port)"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }
}
