import Foundation
import Testing

extension CLI {
    /// Runs `vliegwiel` with `input` on standard input.
    func run(input: String, _ arguments: String...) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments + ["--database", database, "--maak-database"]
        let stdin = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            errors: String(decoding: err, as: UTF8.self))
    }
}

@Suite struct AccountCLITests {
    @Test func theFirstAdministratorIsMadeWithAPasswordFromStandardInput() throws {
        let cli = CLI()
        let made = try cli.run(
            input: "een lange zin als wachtwoord\n", "gebruiker", "maak", "beheer", "--beheerder", "--wachtwoord-stdin",
            "--auteur", "installateur")
        #expect(made.status == 0)
        #expect(made.output == "gebruiker beheer gemaakt: beheerder, tweestapsverificatie verplicht\n")
        let list = try cli.run("gebruiker", "lijst")
        #expect(
            list.output
                == "beheer  beheerder  tweestapsverificatie: verplicht, nog niet ingesteld  sessies: 0\n1 gebruiker\n")
        let audit = try cli.run("audit", "lijst", "--actie", "gebruiker.*", "--formaat", "json")
        #expect(audit.output.contains("\"actor\" : \"installateur\""))
        #expect(audit.output.contains("\"object\" : \"gebruiker:beheer\""))
        #expect(!audit.output.contains("een lange zin als wachtwoord"))
    }

    @Test func aRefusedPasswordIsExplainedAndNoAccountIsMade() throws {
        let cli = CLI()
        let common = try cli.run(input: "password\n", "gebruiker", "maak", "lezer", "--lezer", "--wachtwoord-stdin")
        #expect(common.status == 1)
        #expect(
            common.errorLines == [
                "fout: wachtwoord: staat in de lijst van veelgebruikte wachtwoorden en is daardoor snel te raden; kies een ander"
            ])
        let short = try cli.run(input: "kort\n", "gebruiker", "maak", "lezer", "--lezer", "--wachtwoord-stdin")
        #expect(
            short.errorLines == [
                "fout: wachtwoord: te kort: 4 tekens, minstens 8 (een zin van een paar woorden met spaties mag en is sterker)"
            ])
        #expect(try cli.run("gebruiker", "lijst").output == "0 gebruikers\n")
    }

    @Test func withoutATerminalOrStandardInputThePasswordIsNotGuessed() throws {
        let cli = CLI()
        let result = try cli.run(input: "", "gebruiker", "maak", "lezer", "--lezer")
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "fout: wachtwoord: geen terminal om het wachtwoord te vragen; geef het via standaardinvoer met --wachtwoord-stdin"
            ])
    }

    @Test func aRoleIsChangedAndExactlyOneRoleIsAsked() throws {
        let cli = CLI()
        _ = try cli.run(input: "redactie wachtwoord", "gebruiker", "maak", "red", "--lezer", "--wachtwoord-stdin")
        let changed = try cli.run("gebruiker", "rol", "red", "--redacteur", "town-deal", "city-deal")
        #expect(changed.output == "gebruiker red: redacteur van city-deal, town-deal\n")
        // Security review L5: an editor of an arrangement that does not exist could create it with PUT.
        let future = try cli.run("gebruiker", "rol", "red", "--redacteur", "toekomstig-arrangement")
        #expect(
            future.errorLines == [
                "fout: arrangementen: onbekend arrangement 'toekomstig-arrangement'; een redacteur krijgt alleen bestaande arrangementen"
            ])
        let two = try cli.run("gebruiker", "rol", "red", "--lezer", "--beheerder")
        #expect(two.errorLines == ["fout: rol: kies precies één rol: --beheerder, --redacteur ID… of --lezer"])
        let unknown = try cli.run("gebruiker", "rol", "niemand", "--lezer")
        #expect(unknown.errorLines == ["fout: naam: onbekende gebruiker 'niemand'"])
        let taken = try cli.run(
            input: "nog een wachtwoord", "gebruiker", "maak", "red", "--lezer", "--wachtwoord-stdin")
        #expect(taken.errorLines == ["fout: naam: er is al een gebruiker 'red'; kies een andere naam"])
    }

    @Test func aTokenIsShownOnceListedWithoutItsSecretAndRevoked() throws {
        let cli = CLI()
        _ = try cli.run(input: "lezer wachtwoord", "gebruiker", "maak", "lezer", "--lezer", "--wachtwoord-stdin")
        let made = try cli.run("token", "maak", "--gebruiker", "lezer", "rapportage")
        #expect(made.status == 0)
        let secret = try #require(made.output.split(separator: "\n").last.map(String.init))
        #expect(secret.hasPrefix("vw_"))
        let id = String(secret.dropFirst(3).prefix(8))
        let list = try cli.run("token", "lijst", "--gebruiker", "lezer")
        #expect(list.output.hasPrefix("\(id)  rapportage  gemaakt "))
        #expect(list.output.contains("nooit gebruikt  geldig"))
        // A moment for people, in Dutch with the time in UTC, as on the account page.
        #expect(list.output.contains(" UTC  nooit gebruikt"), "\(list.output)")
        #expect(!list.output.contains(secret))
        #expect(
            try cli.run("token", "intrekken", "--gebruiker", "lezer", id).output
                == "API-sleutel \(id) van lezer ingetrokken\n")
        let again = try cli.run("token", "intrekken", "--gebruiker", "lezer", id)
        #expect(again.errorLines == ["fout: id: lezer heeft geen geldige API-sleutel '\(id)'"])
        let revoked = try cli.run("token", "lijst", "--gebruiker", "lezer").output
        #expect(revoked.contains("  ingetrokken ") && revoked.contains(" UTC\n"), "\(revoked)")
        let audit = try cli.run("audit", "lijst", "--formaat", "json")
        #expect(!audit.output.contains(secret))
    }

    @Test func theOperatorSetsASecondFactorThatIsShownOnce() throws {
        let cli = CLI()
        _ = try cli.run(input: "beheer wachtwoord", "gebruiker", "maak", "beheer", "--beheerder", "--wachtwoord-stdin")
        let set = try cli.run("gebruiker", "tweestapsverificatie", "beheer")
        let lines = set.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].split(separator: " ").allSatisfy { $0.count <= 4 })
        #expect(lines[2].hasPrefix("otpauth://totp/Vliegwiel:beheer?secret="))
        #expect(try cli.run("gebruiker", "lijst").output.contains("tweestapsverificatie: ingesteld"))
        #expect(!(try cli.run("audit", "lijst").output.contains(lines[1])))
    }

    @Test func sessionsOfAnUnknownUserAreNamedAsSuch() throws {
        let result = try CLI().run("gebruiker", "sessies-beeindigen", "niemand")
        #expect(result.errorLines == ["fout: naam: onbekende gebruiker 'niemand'"])
        let cli = CLI()
        _ = try cli.run(input: "lezer wachtwoord", "gebruiker", "maak", "lezer", "--lezer", "--wachtwoord-stdin")
        #expect(try cli.run("gebruiker", "sessies-beeindigen", "lezer").output == "0 sessies van lezer beëindigd\n")
    }
}
