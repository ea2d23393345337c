import Foundation
import Testing

/// The CLI on a PostgreSQL server (docs/postgresql.md). The tests that need a server run when
/// `VLIEGWIEL_TEST_POSTGRES_URL` names one (`scripts/test` starts one); each gets a database
/// of its own, made and dropped with `psql`.
@Suite struct PostgresCLITests {
    static var serverURL: String? {
        ProcessInfo.processInfo.environment["VLIEGWIEL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs `body` with the URL of a fresh database on the test server, dropped afterwards.
    func withDatabase(_ body: (String) throws -> Void) throws {
        let server = try #require(Self.serverURL)
        let name = "vliegwiel_cli_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        try psql(server, "CREATE DATABASE \(name)")
        defer { try? psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var components = try #require(URLComponents(string: server))
        components.path = "/\(name)"
        try body(try #require(components.string))
    }

    /// The output of `vliegwiel arguments` with `$VLIEGWIEL_DATABASE` set to `database`.
    private func run(_ arguments: [String], database: String) throws -> String {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["VLIEGWIEL_DATABASE": database]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private func psql(_ url: String, _ sql: String) throws {
        try #require(try psqlStatus(url, sql) == 0, "psql: \(sql)")
    }

    /// The exit status of `psql` running `sql` on `url`.
    private func psqlStatus(_ url: String, _ sql: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "-c", sql, url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(.enabled(if: serverURL != nil, "VLIEGWIEL_TEST_POSTGRES_URL is niet gezet"))
    func theCatalogueAndTheSeededPortfolioComeFromTheServer() throws {
        try withDatabase { url in
            let cli = CLI()
            let catalogue = try cli.run("catalogus", "--formaat", "json", "--database", url)
            #expect(catalogue.status == 0, "\(catalogue.errors)")
            let entries = try JSONSerialization.jsonObject(with: Data(catalogue.output.utf8)) as! [[String: String]]
            #expect(entries.count == 14)
            #expect(entries.first?["id"] == "regio-deal")
            let portfolio = try cli.run("portefeuille", "--formaat", "json", "--database", url)
            #expect(portfolio.status == 0, "\(portfolio.errors)")
            let summary = try JSONSerialization.jsonObject(with: Data(portfolio.output.utf8)) as! [String: Any]
            #expect(summary["aantalDeals"] as? Int == 81)
            // The same through $VLIEGWIEL_DATABASE, on the database the first run migrated and seeded.
            let again = try run(["catalogus", "--formaat", "json"], database: url)
            #expect(again == catalogue.output)
        }
    }

    @Test(.enabled(if: serverURL != nil, "VLIEGWIEL_TEST_POSTGRES_URL is niet gezet"))
    func theAuditTrailOnTheServerNamesAnEntryChangedBehindItsBack() throws {
        try withDatabase { url in
            let cli = CLI()
            let recorded = try cli.run(
                "uitkomst", "zet", "regio-deal", "VOORTGEZET", "1", "--bron", "fictief", "--database", url)
            #expect(recorded.status == 0, "\(recorded.errors)")
            let intact = try cli.run("audit", "controleer", "--database", url)
            #expect(intact.status == 0)
            // Opening loaded the portfolio, graph and indicators (entries 1 and 2 at least), then the outcome.
            let count = try #require(Int(intact.output.split(separator: " ").dropFirst(2).first ?? ""))
            #expect(count >= 3)
            #expect(intact.output.hasPrefix("keten intact: \(count) regels\nlaatste regel: \(count):"))
            // The table refuses the change as long as its protection stands.
            #expect(try psqlStatus(url, "UPDATE audit_entry SET actor = 'iemand anders' WHERE sequence = 2") != 0)
            #expect(try psqlStatus(url, "DELETE FROM audit_entry WHERE sequence = 2") != 0)
            #expect(try psqlStatus(url, "TRUNCATE audit_entry") != 0)
            #expect(try cli.run("audit", "controleer", "--database", url).status == 0)
            // An attacker with the rights to drop the protection changes entry 2 and deletes entry 3.
            try psql(
                url,
                "DROP TRIGGER audit_entry_no_update ON audit_entry; UPDATE audit_entry SET actor = 'iemand anders' WHERE sequence = 2"
            )
            let changed = try cli.run("audit", "controleer", "--database", url)
            #expect(changed.status == 1)
            #expect(changed.errorLines.count == 1)
            #expect(
                changed.errorLines.first?.hasPrefix("fout: regel 2: keten verbroken: regel 2 is gewijzigd") == true,
                "\(changed.errors)")
        }
        try withDatabase { url in
            let cli = CLI()
            #expect(try cli.run("audit", "controleer", "--database", url).status == 0)
            try psql(
                url, "DROP TRIGGER audit_entry_no_delete ON audit_entry; DELETE FROM audit_entry WHERE sequence = 3")
            #expect(
                try cli.run("audit", "controleer", "--database", url).errorLines == [
                    "fout: regel 3: keten verbroken: regel 3 ontbreekt: verwijderd (na regel 2 volgt regel 4)"
                ])
        }
    }

    @Test(.enabled(if: serverURL != nil, "VLIEGWIEL_TEST_POSTGRES_URL is niet gezet"))
    func anUnknownDatabaseIsNamed() throws {
        let server = try #require(Self.serverURL)
        var components = try #require(URLComponents(string: server))
        components.path = "/bestaat_niet"
        let result = try CLI().run("catalogus", "--database", try #require(components.string))
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.errors.hasPrefix("fout: --database: database 'bestaat_niet' bestaat niet op PostgreSQL op "))
    }

    @Test func anUnreachableServerGivesOneLineWithoutThePassword() throws {
        let result = try CLI().run("catalogus", "--database", "postgres://iemand:geheim@127.0.0.1:1/vliegwiel")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1, "\(result.errors)")
        #expect(
            result.errorLines == [
                "fout: --database: kan geen verbinding maken met PostgreSQL op 127.0.0.1:1: verbinding geweigerd; draait PostgreSQL op die poort?"
            ])
        #expect(!result.errors.contains("geheim"))
    }

    @Test func aURLWithoutUserOrWithAnUnknownParameterIsRefused() throws {
        let cli = CLI()
        #expect(
            try cli.run("catalogus", "--database", "postgres://127.0.0.1:5432/vliegwiel").errorLines == [
                "fout: --database: de PostgreSQL-URL noemt geen gebruiker; verwacht postgres://gebruiker@host/database"
            ])
        #expect(
            try cli.run("catalogus", "--database", "postgres://iemand@127.0.0.1/vliegwiel?sslmode=ooit").errorLines
                == ["fout: --database: sslmode 'ooit' wordt niet ondersteund; kies disable, prefer, require"])
        #expect(
            try cli.run("catalogus", "--database", "postgres://iemand@127.0.0.1/vliegwiel?schema=x").errorLines == [
                "fout: --database: onbekende parameter 'schema' in de PostgreSQL-URL; bekend zijn sslmode en host"
            ])
    }
}
