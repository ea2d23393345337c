import Foundation
import GRDB
import Testing

/// `vliegwiel audit controleer` and `audit lijst` on a real database file, tampered with
/// directly as an attacker with access to the file would (issue 7 item 3).
@Suite struct AuditCLITests {
    /// A database with a few recorded changes, made through the CLI by a named author.
    static func recordedChanges() throws -> CLI {
        let cli = CLI()
        #expect(try cli.run("uitkomst", "zet", "regio-deal", "VOORTGEZET", "1", "--bron", "fictief").status == 0)
        let shown = try cli.run("toon", "woondeal", "--formaat", "json")
        var arrangement = try #require(
            try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any])
        arrangement["id"] = "audit-fictief"
        arrangement["soort"] = "praktijk"
        arrangement["naam"] = "Audit (fictief voorbeeld)"
        let document = try JSONSerialization.data(
            withJSONObject: ["schemaVersie": 1, "arrangementen": [arrangement]] as [String: Any])
        let file = try cli.temporaryFile("audit.json", String(decoding: document, as: UTF8.self))
        let imported = try cli.run("importeer", file, "--auteur", "Tester (fictief)", "--reden", "test")
        #expect(imported.status == 0, "\(imported.errors)")
        return cli
    }

    static func tamper(_ cli: CLI, _ sql: String) throws {
        let queue = try DatabaseQueue(path: cli.database)
        try queue.write { db in try db.execute(sql: sql) }
    }

    static func count(_ cli: CLI) throws -> Int {
        try DatabaseQueue(path: cli.database).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry") ?? 0
        }
    }

    @Test func anIntactChainSaysSoWithItsLastEntry() throws {
        let cli = try Self.recordedChanges()
        let count = try Self.count(cli)
        #expect(count >= 3)
        let result = try cli.run("audit", "controleer")
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "keten intact: \(count) regels")
        #expect(lines.last?.hasPrefix("laatste regel: \(count):") == true)
        #expect(lines.last?.count == "laatste regel: \(count):".count + 64)
    }

    @Test func theListShowsWhoChangedWhatFromWhere() throws {
        let cli = try Self.recordedChanges()
        let result = try cli.run("audit", "lijst", "--actor", "Tester (fictief)", "--formaat", "json")
        #expect(result.status == 0)
        let entries = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries[0]["actie"] as? String == "arrangement.opslaan")
        #expect(entries[0]["object"] as? String == "arrangement:audit-fictief")
        #expect(entries[0]["herkomst"] as? String == "cli")
        #expect(entries[0]["resultaat"] as? String == "gelukt")
        #expect((entries[0]["details"] as? [String: String])?["reden"] == "test")
        let outcome = try cli.run("audit", "lijst", "--object", "arrangement:regio-deal/*")
        #expect(outcome.output.contains("qca-uitkomst.vastleggen"))
        #expect(outcome.output.contains("  onbekend  cli  "))
        #expect(outcome.output.hasSuffix("1 regel\n"))
        let bad = try cli.run("audit", "lijst", "--van", "gisteren", "--tot", "2024-13-01", "--formaat", "xml")
        #expect(bad.status == 1)
        #expect(
            bad.errorLines == [
                "fout: --formaat: onbekende waarde 'xml'; toegestaan: tekst, json",
                "fout: --van: 'gisteren' is geen datum; verwacht JJJJ-MM-DD, bijvoorbeeld 2024-02-09",
                "fout: --tot: '2024-13-01' is geen datum; verwacht JJJJ-MM-DD, bijvoorbeeld 2024-02-09",
            ])
    }

    @Test func aChangedEntryIsNamed() throws {
        let cli = try Self.recordedChanges()
        try Self.tamper(
            cli, "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET actor = 'iemand anders' WHERE sequence = 2"
        )
        let result = try cli.run("audit", "controleer")
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.hasPrefix("fout: regel 2: keten verbroken: regel 2 is gewijzigd") == true)
    }

    @Test func aDeletedEntryIsNamed() throws {
        let cli = try Self.recordedChanges()
        try Self.tamper(cli, "DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE sequence = 2")
        let result = try cli.run("audit", "controleer")
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "fout: regel 2: keten verbroken: regel 2 ontbreekt: verwijderd (na regel 1 volgt regel 3)"
            ])
    }

    /// Security review H1: after one broken entry, later tampering must still show — every break
    /// is listed, and a break already investigated can be acknowledged.
    @Test func everyBreakIsListedAndAKnownOneCanBeAcknowledged() throws {
        let cli = try Self.recordedChanges()
        let count = try Self.count(cli)
        #expect(count >= 3)
        try Self.tamper(
            cli,
            "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET actor = 'iemand anders' WHERE sequence = 2; "
                + "UPDATE audit_entry SET object = 'vervalst' WHERE sequence = \(count)")
        let result = try cli.run("audit", "controleer")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 3)
        #expect(result.errorLines[0].hasPrefix("fout: regel 2: keten verbroken: regel 2 is gewijzigd"))
        #expect(result.errorLines[1].hasPrefix("fout: regel \(count): keten verbroken: regel \(count) is gewijzigd"))
        #expect(result.errorLines[2] == "fout: 2 breuken in \(count) regels")
        // The first break acknowledged: the second still fails the check.
        let known = try cli.run("audit", "controleer", "--bekend", "2")
        #expect(known.status == 1)
        #expect(known.output.hasPrefix("bekend: regel 2: keten verbroken: regel 2 is gewijzigd"))
        #expect(known.errorLines.first?.hasPrefix("fout: regel \(count): keten verbroken") == true)
        let both = try cli.run("audit", "controleer", "--bekend", "2", "--bekend", "\(count)")
        #expect(both.status == 0)
        #expect(both.output.contains("keten intact op de bekende breuken na: \(count) regels"))
    }

    /// Security review L7: a line feed stored in an old entry cannot print a fake row.
    @Test func aLineFeedInAStoredEntryIsListedEscaped() throws {
        let cli = try Self.recordedChanges()
        try Self.tamper(
            cli,
            "DROP TRIGGER audit_entry_no_update; "
                + "UPDATE audit_entry SET actor = 'x' || char(10) || '31  nep  aud' WHERE sequence = 1")
        let listing = try cli.run("audit", "lijst")
        #expect(listing.status == 0)
        #expect(listing.output.contains("x\\u{000A}31  nep  aud"))
        #expect(!listing.output.contains("\n31  nep"))
    }

    @Test func aTruncatedTailIsCaughtByAnAnchorKeptElsewhere() throws {
        let cli = try Self.recordedChanges()
        let head = try #require(try cli.run("audit", "controleer").output.split(separator: "\n").last)
        let anchor = String(head.dropFirst("laatste regel: ".count))
        #expect(try cli.run("audit", "controleer", "--anker", anchor).status == 0)
        let count = try Self.count(cli)
        try Self.tamper(cli, "DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE sequence = \(count)")
        // The chain alone cannot see a cut-off tail …
        #expect(try cli.run("audit", "controleer").output.hasPrefix("keten intact: \(count - 1) regels"))
        // … the anchor can.
        let result = try cli.run("audit", "controleer", "--anker", anchor)
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "fout: --anker: regel \(count) ontbreekt: het logboek telt \(count - 1) regels en is dus ingekort"
            ])
        let bad = try cli.run("audit", "controleer", "--anker", "laatste")
        #expect(
            bad.errorLines == [
                "fout: --anker: 'laatste' is geen anker; verwacht VOLGNUMMER:HASH, zoals 'audit controleer' het als laatste regel toont"
            ])
    }
}
