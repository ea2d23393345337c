import Foundation
import Testing

/// `vliegwiel exporteer --alles` and `vliegwiel importeer --alles`: a whole installation moves
/// between SQLite and PostgreSQL without loss (issue 7 item 4; docs/postgresql.md).
@Suite struct InstallationExportTests {
    static var serverURL: String? {
        ProcessInfo.processInfo.environment["VLIEGWIEL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// An installation with every kind of record: the shipped catalogue, portfolio, demo graph,
    /// indicators and learning log, a QCA outcome, and an arrangement of its own with two
    /// profile versions by a named author.
    static func fullInstallation() throws -> CLI {
        let cli = CLI()
        #expect(try cli.run("uitkomst", "zet", "regio-deal", "VOORTGEZET", "0.67", "--bron", "fictief").status == 0)
        let shown = try cli.run("toon", "woondeal", "--formaat", "json")
        var arrangement = try #require(
            try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any])
        arrangement["id"] = "verhuis-fictief"
        arrangement["soort"] = "praktijk"
        for (name, reason) in [("Verhuis (fictief)", "eerste opzet"), ("Verhuis, hernoemd (fictief)", "nieuwe naam")] {
            arrangement["naam"] = name
            let document = try JSONSerialization.data(
                withJSONObject: ["schemaVersie": 1, "arrangementen": [arrangement]] as [String: Any])
            let file = try cli.temporaryFile("eigen.json", String(decoding: document, as: UTF8.self))
            let imported = try cli.run("importeer", file, "--auteur", "Tester (fictief)", "--reden", reason)
            #expect(imported.status == 0, "\(imported.errors)")
        }
        return cli
    }

    /// The tables of an installation file and their row counts.
    static func rowCounts(_ path: String) throws -> [String: Int] {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let tables = try #require(object["tabellen"] as? [[String: Any]])
        return Dictionary(
            uniqueKeysWithValues: tables.map { ($0["naam"] as? String ?? "", ($0["rijen"] as? [Any])?.count ?? -1) })
    }

    /// Runs `body` with the URL of a fresh PostgreSQL database, dropped afterwards; `nil` when
    /// no server is configured.
    static func withPostgres(_ body: (String?) throws -> Void) throws {
        guard let server = serverURL else { return try body(nil) }
        let name = "vliegwiel_verhuis_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        try psql(server, "CREATE DATABASE \(name)")
        defer { try? psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var components = try #require(URLComponents(string: server))
        components.path = "/\(name)"
        try body(try #require(components.string))
    }

    static func psql(_ url: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "-c", sql, url]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "psql: \(sql)")
    }

    @Test func everyKindOfRecordRoundTripsSQLiteToPostgreSQLToSQLiteByteForByte() throws {
        let source = try Self.fullInstallation()
        let first = try source.temporaryFile("eerste.json")
        let exported = try source.run("exporteer", "--alles", first)
        #expect(exported.status == 0, "\(exported.errors)")
        #expect(exported.errors.contains("zonder auditlogboek en accounts"))
        #expect(!FileManager.default.fileExists(atPath: first + ".deel"), "the partial file is renamed, not left")
        let counts = try Self.rowCounts(first)
        #expect(
            counts.keys.sorted() == [
                "arrangement", "arrangement_indicators", "arrangement_version", "context_observation",
                "context_table", "contribution_graph_version", "finance_line", "learning_log_entry", "partner",
                "partner_role", "portfolio_deal", "programme_line", "project", "project_partner", "project_theme",
                "qca_outcome", "seeded_data",
            ])
        #expect(counts.values.allSatisfy { $0 > 0 }, "every kind of record is in the file: \(counts)")

        // Through PostgreSQL when a server is configured, otherwise through a second SQLite file.
        let target = CLI()
        try Self.withPostgres { postgres in
            let middle = postgres ?? target.folder + "/midden.sqlite"
            let imported = try target.run("importeer", "--alles", first, "--database", middle)
            #expect(imported.status == 0, "\(imported.errors)")
            #expect(imported.output.hasPrefix("eerste.json geïmporteerd in "))
            let second = try target.temporaryFile("tweede.json")
            #expect(try target.run("exporteer", "--alles", second, "--database", middle).status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: second)) == Data(contentsOf: URL(fileURLWithPath: first)))

            // The new database starts its own audit trail with the import.
            let check = try target.run("audit", "controleer", "--database", middle)
            #expect(check.output.hasPrefix("keten intact: 1 regels"), "\(check.output)\(check.errors)")
            #expect(try target.run("audit", "lijst", "--database", middle).output.contains("installatie.importeren"))

            // Back into SQLite (recognised without --alles): the same bytes again.
            let imported2 = try target.run("importeer", second)
            #expect(imported2.status == 0, "\(imported2.errors)")
            let third = try target.temporaryFile("derde.json")
            #expect(try target.run("exporteer", "--alles", third).status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: third)) == Data(contentsOf: URL(fileURLWithPath: first)))
        }

        // What a user sees is the same: the profile history with its dates, authors and reasons.
        let history = try source.run("profielversies", "verhuis-fictief", "--formaat", "json")
        #expect(history.status == 0, "\(history.errors)")
        #expect(try target.run("profielversies", "verhuis-fictief", "--formaat", "json").output == history.output)
        #expect(try target.run("uitkomst", "lijst").output == source.run("uitkomst", "lijst").output)
    }

    @Test func aDatabaseThatHoldsRecordsIsRefusedAndKeptAsItWas() throws {
        let source = try Self.fullInstallation()
        let file = try source.temporaryFile("alles.json")
        #expect(try source.run("exporteer", "--alles", file).status == 0)
        let target = CLI()
        #expect(try target.run("catalogus").status == 0)
        let before = try target.temporaryFile("voor.json")
        #expect(try target.run("exporteer", "--alles", before).status == 0)
        let refused = try target.run("importeer", "--alles", file)
        #expect(refused.status == 1)
        #expect(refused.errorLines.count == 1)
        // The catalogue, the real deals of the shipped dataset and the demo deal: their number
        // grows with the dataset.
        let message = refused.errorLines.first ?? ""
        #expect(
            message.hasPrefix("fout: --database: \(target.database): de database is niet leeg: ze bevat al ")
                && message.contains(" arrangementen, "), "\(refused.errors)")
        #expect(
            refused.errors.hasSuffix(
                "; importeer een installatie alleen in een nieuwe, lege database (een nieuw bestand of createdb)\n"))
        let after = try target.temporaryFile("na.json")
        #expect(try target.run("exporteer", "--alles", after).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: after)) == Data(contentsOf: URL(fileURLWithPath: before)))
    }

    @Test func aDatabaseFileThatDoesNotExistIsNamedAndNotMade() throws {
        let cli = CLI()
        let missing = cli.folder + "/tikfout.sqlite"
        let result = try cli.run("exporteer", "--alles", cli.folder + "/uit.json", "--database", missing)
        #expect(result.status == 1)
        #expect(result.errorLines == ["fout: --database: '\(missing)' bestaat niet; er is niets te exporteren"])
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/uit.json"))
    }

    @Test func anExportThatCannotBeWrittenLeavesNoFileAndKeepsTheOldOne() throws {
        let cli = CLI()
        #expect(try cli.run("catalogus").status == 0)
        let missingFolder = cli.folder + "/bestaat-niet/alles.json"
        let failed = try cli.run("exporteer", "--alles", missingFolder)
        #expect(failed.status == 1)
        #expect(
            failed.errorLines == [
                "fout: --alles: kan '\(missingFolder)' niet schrijven: kan '\(missingFolder).deel' niet maken; "
                    + "kies een map die bestaat en waarin u mag schrijven"
            ], "\(failed.errors)")
        let absent = try cli.run("importeer", "--alles", cli.folder + "/bestaat-niet.json")
        #expect(
            absent.errorLines == ["fout: BESTAND: kan '\(cli.folder)/bestaat-niet.json' niet lezen: het bestaat niet"])
        // A file of the same name stays as it was until the new one is whole.
        // (The partial file cannot be made: a folder stands in its place.)
        let earlier = try cli.temporaryFile("alles.json", "vorige")
        try FileManager.default.createDirectory(atPath: earlier + ".deel", withIntermediateDirectories: false)
        #expect(try cli.run("exporteer", "--alles", earlier).status == 1)
        #expect(try String(contentsOfFile: earlier, encoding: .utf8) == "vorige")
        try FileManager.default.removeItem(atPath: earlier + ".deel")
        #expect(try cli.run("exporteer", "--alles", earlier).status == 0)
        #expect(try String(contentsOfFile: earlier, encoding: .utf8).contains("\"vliegwiel-installatie\""))
    }

    @Test func aFileThatIsNotAnInstallationOrDoesNotFitStoresNothing() throws {
        let cli = CLI()
        let other = try cli.temporaryFile("ander.json", #"{"formaat": "iets", "versie": 1, "tabellen": []}"#)
        let wrongFormat = try cli.run("importeer", "--alles", other)
        #expect(wrongFormat.status == 1)
        #expect(
            wrongFormat.errorLines == [
                "fout: ander.json: formaat: 'iets' is geen installatiebestand; verwacht 'vliegwiel-installatie' (van 'vliegwiel exporteer --alles')"
            ])
        let newer = try cli.temporaryFile(
            "nieuwer.json", #"{"formaat": "vliegwiel-installatie", "versie": 2, "tabellen": []}"#)
        #expect(
            try cli.run("importeer", newer).errorLines == [
                "fout: nieuwer.json: versie: versie 2 wordt niet gelezen; deze Vliegwiel leest versie 1"
            ])

        // A learning-log entry of an arrangement that is not in the file: the database refuses
        // it after every other table was written, and the whole import is rolled back.
        let source = try Self.fullInstallation()
        let good = try source.temporaryFile("goed.json")
        #expect(try source.run("exporteer", "--alles", good).status == 0)
        var object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: good))) as? [String: Any])
        var tables = try #require(object["tabellen"] as? [[String: Any]])
        let index = try #require(tables.firstIndex { $0["naam"] as? String == "learning_log_entry" })
        var rows = try #require(tables[index]["rijen"] as? [[Any]])
        rows[0][0] = "bestaat-niet"
        tables[index]["rijen"] = rows
        object["tabellen"] = tables
        let bad = try cli.temporaryFile(
            "fout.json", String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        try Self.withPostgres { postgres in
            for database in [cli.folder + "/leeg.sqlite"] + (postgres.map { [$0] } ?? []) {
                let refused = try cli.run("importeer", "--alles", bad, "--database", database)
                #expect(refused.status == 1)
                #expect(refused.errorLines.count == 1, "\(refused.errors)")
                if database == postgres {
                    let empty = try cli.run("exporteer", "--alles", cli.folder + "/leeg.json", "--database", database)
                    #expect(empty.errors.contains(": leeg; zonder auditlogboek"), "\(database): \(empty.errors)")
                } else {
                    // The file this import made is removed again: nothing is left behind.
                    #expect(!FileManager.default.fileExists(atPath: database))
                    #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
                }
            }
        }
        // A value that does not fit its column is named before anything is written.
        rows[0][0] = "a"
        rows[0][4] = "vier"
        tables[index]["rijen"] = rows
        object["tabellen"] = tables
        let wrongValue = try cli.temporaryFile(
            "waarde.json", String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        let named = try cli.run("importeer", "--alles", wrongValue, "--database", cli.folder + "/leeg2.sqlite")
        #expect(
            named.errorLines == [
                #"fout: tabellen[learning_log_entry].rijen[0].sequence: "vier" past niet; verwacht een geheel getal of null"#
            ])
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/leeg2.sqlite"))
        // A file cut short after its header: named where it breaks, and no database is left.
        let whole = try String(contentsOfFile: good, encoding: .utf8)
        let cut = try cli.temporaryFile("kort.json", String(whole.prefix(whole.count / 2)))
        let broken = try cli.run("importeer", "--alles", cut, "--database", cli.folder + "/leeg3.sqlite")
        #expect(broken.status == 1)
        #expect(broken.errorLines.first?.hasPrefix("fout: kort.json: tabellen[") == true, "\(broken.errors)")
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/leeg3.sqlite"))
    }
}
