import Foundation
import VliegwielCore
import VliegwielStorage

/// `vliegwiel exporteer --alles BESTAND` and `vliegwiel importeer --alles BESTAND`: a whole
/// installation to one file and back, between SQLite and PostgreSQL (docs/postgresql.md, "Een
/// installatie verhuizen"; the file: ``InstallationDump``).
enum InstallationExport {
    /// Writes every record of the database `options` names to `file`, as stored: the database
    /// is opened without loading the shipped data, so the file holds exactly what is there.
    static func export(_ options: DatabaseOptions, to file: String) async throws {
        let location = options.resolvedPath
        // A mistyped path would otherwise become a new, empty database and an empty export.
        if !PostgresLocation.isURL(location), !FileManager.default.fileExists(atPath: location) {
            throw CommandFailure(field: "--database", "'\(location)' bestaat niet; er is niets te exporteren")
        }
        let (stores, description) = try await Installation.openStores(location, creating: false)
        // The store counts the rows in the snapshot it reads: the total comes with each report.
        let progress = ProgressLine(total: nil)
        let dump = try await stores.installation.dump {
            progress.update(rows: $0.rows, done: $0.rows, total: $0.total)
        }
        progress.finish()
        do {
            try dump.encoded().write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw CommandFailure(field: "--alles", "kan '\(file)' niet schrijven: \(error.localizedDescription)")
        }
        Terminal.error(
            "installatie van \(description) geschreven naar \(file): \(summary(dump)); "
                + "zonder auditlogboek en accounts (zie docs/postgresql.md)")
    }

    /// Reads `file` into the database `options` names, which must be empty; all or nothing.
    static func importInstallation(_ options: DatabaseOptions, from file: String) async throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CommandFailure(field: "BESTAND", "kan '\(file)' niet lezen: \(error.localizedDescription)")
        }
        let dump: InstallationDump
        do {
            dump = try InstallationDump.decode(data)
        } catch let failure as InstallationDumpError {
            throw CommandFailure(field: "\((file as NSString).lastPathComponent): \(failure.field)", failure.message)
        }
        let (stores, description) = try await Installation.openStores(options.resolvedPath, creating: true)
        do {
            let progress = ProgressLine(total: dump.tables.map(\.rows.count).reduce(0, +))
            defer { progress.finish() }
            try await stores.installation.restore(dump) { progress.update(rows: $0.rows, done: $0.rows) }
        } catch let refusal as InstallationNotEmpty {
            throw CommandFailure(field: "--database", "\(description): \(refusal.description)")
        }
        Terminal.write("\((file as NSString).lastPathComponent) geïmporteerd in \(description): \(summary(dump))\n")
    }

    /// Whether `file` looks like an installation file (its start names the format), so that
    /// `importeer BESTAND` recognises one without `--alles`.
    static func isInstallationFile(_ file: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        let start = String(decoding: (try? handle.read(upToCount: 200)) ?? Data(), as: UTF8.self)
        return start.contains("\"\(InstallationDump.formatName)\"")
    }

    /// `14 arrangementen, 16 profielversies, …`: the tables that hold rows, counted.
    private static func summary(_ dump: InstallationDump) -> String {
        let parts = InstallationTables.all.compactMap { table -> String? in
            guard let rows = dump.table(table.name)?.rows.count, rows > 0 else { return nil }
            return "\(rows) \(table.label)"
        }
        return parts.isEmpty ? "leeg" : parts.joined(separator: ", ")
    }
}
