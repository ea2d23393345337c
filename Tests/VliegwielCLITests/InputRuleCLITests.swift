import Foundation
import Testing

/// Issue 17: the CLI holds to the same input rule as the web (no control or bidi characters,
/// NFC), and only `start` and `importeer` may begin a new database (security review M6).
@Suite struct InputRuleCLITests {
    @Test("A command on a missing database file refuses it and creates nothing")
    func aMissingDatabaseIsRefused() throws {
        let cli = CLI()
        let missing = cli.folder + "/verdwenen.sqlite"
        let result = try cli.run("toon", "regio-deal", "--database", missing)
        #expect(result.status == 1)
        #expect(result.errorLines.first?.hasPrefix("fout: --database: er is geen database '\(missing)'") == true)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test("--maak-database begins a new database on purpose")
    func aNewDatabaseOnPurpose() throws {
        let cli = CLI()
        let path = cli.folder + "/nieuw.sqlite"
        let result = try cli.run("toon", "regio-deal", "--database", path, "--maak-database")
        #expect(result.status == 0, "\(result.errors)")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("importeer begins a new database, as the README's first steps expect")
    func importCreates() throws {
        let cli = CLI()
        let path = cli.folder + "/import.sqlite"
        let exported = try cli.run("exporteer", "--formaat", "json")
        let file = try cli.temporaryFile("alle.json", exported.output)
        let result = try cli.run("importeer", file, "--database", path)
        #expect(result.status == 0, "\(result.errors)")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    /// The export with the Woondeal reference turned into a practice arrangement of our own,
    /// whose name begins with `prefix`.
    static func ownArrangement(_ cli: CLI, namePrefix prefix: String) throws -> String {
        let export = try cli.run("exporteer").output
        var own = export.replacingOccurrences(of: "\"id\" : \"woondeal\"", with: "\"id\" : \"woondeal-fictief\"")
            .replacingOccurrences(
                of: "\"soort\" : \"referentie\",\n      \"variant\" : \"woondeal\"",
                with: "\"soort\" : \"praktijk\",\n      \"variant\" : \"woondeal\"")
        let id = try #require(own.range(of: "\"id\" : \"woondeal-fictief\""))
        let name = try #require(own.range(of: "\"naam\" : \"", range: id.upperBound..<own.endIndex))
        own.insert(contentsOf: prefix, at: name.upperBound)
        return own
    }

    @Test("A file with a bidi override is refused with its line and column; nothing is stored")
    func aFileWithAnOverrideIsRefused() throws {
        let cli = CLI()
        let text = try Self.ownArrangement(cli, namePrefix: "Eigen \u{202E}")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.unicodeScalars.contains("\u{202E}") })
        let column = try #require(Array(lines[line].unicodeScalars).firstIndex(of: "\u{202E}")) + 1
        let result = try cli.run("importeer", try cli.temporaryFile("ontwerp.json", text))
        #expect(result.status == 1)
        #expect(result.errors.contains("ontwerp.json: regel \(line + 1), kolom \(column): "))
        #expect(result.errors.contains("(U+202E)"))
        #expect(try cli.run("toon", "woondeal-fictief").status == 1)
    }

    @Test("A file's text is stored in NFC")
    func aFileIsStoredInNFC() throws {
        let cli = CLI()
        let text = try Self.ownArrangement(cli, namePrefix: "Su\u{0301}dwest ")
        #expect(try cli.run("importeer", try cli.temporaryFile("ontwerp.json", text)).status == 0)
        let shown = try cli.run("toon", "woondeal-fictief", "--formaat", "json").output
        #expect(shown.unicodeScalars.contains("ú"))
        #expect(!shown.unicodeScalars.contains("\u{0301}"))
    }
}
