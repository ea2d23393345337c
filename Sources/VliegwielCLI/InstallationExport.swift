import Foundation
import Synchronization
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
        // Written next to the file and renamed over it at the end: a failed export leaves no
        // half file, and an earlier file stays as it was until the new one is whole.
        let partial = file + ".deel"
        guard FileManager.default.createFile(atPath: partial, contents: nil),
            let handle = FileHandle(forWritingAtPath: partial)
        else {
            throw CommandFailure(
                field: "--alles",
                "kan '\(file)' niet schrijven: kan '\(partial)' niet maken; kies een map die bestaat en waarin u mag schrijven"
            )
        }
        // The store counts the rows in the snapshot it reads: the total comes with each report.
        let progress = ProgressLine(total: nil)
        let counts: [(table: InstallationTable, rows: Int)]
        do {
            defer { try? handle.close() }
            counts = try await stores.installation.export(
                to: { try handle.write(contentsOf: $0) },
                progress: { progress.update(rows: $0.rows, done: $0.rows, total: $0.total) })
            try handle.synchronize()
            progress.finish()
        } catch {
            progress.finish()
            try? FileManager.default.removeItem(atPath: partial)
            let reason = (error as? InstallationDumpError)?.description ?? error.localizedDescription
            throw CommandFailure(field: "--alles", "kan '\(file)' niet schrijven: \(reason)")
        }
        guard rename(partial, file) == 0 else {
            try? FileManager.default.removeItem(atPath: partial)
            throw CommandFailure(field: "--alles", "kan '\(file)' niet schrijven: \(String(cString: strerror(errno)))")
        }
        Terminal.error(
            "installatie van \(description) geschreven naar \(file): \(summary(counts)); "
                + "zonder auditlogboek en accounts (zie docs/postgresql.md)")
    }

    /// Reads `file` into the database `options` names, which must be empty, as the file is
    /// read (the installation is never whole in memory); all or nothing.
    static func importInstallation(_ options: DatabaseOptions, from file: String) async throws {
        let name = (file as NSString).lastPathComponent
        // The bytes read so far, for the progress line: the reader runs in the database's
        // transaction, the line hears of it from there.
        let bytesRead = BytesRead()
        func chunks() throws -> (reader: InstallationFileReader, size: Int) {
            guard let handle = FileHandle(forReadingAtPath: file) else {
                let reason = FileManager.default.fileExists(atPath: file) ? "u mag het niet lezen" : "het bestaat niet"
                throw CommandFailure(field: "BESTAND", "kan '\(file)' niet lezen: \(reason)")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            let reader = InstallationFileReader {
                let chunk = try handle.read(upToCount: 1 << 20)
                if chunk == nil || chunk?.isEmpty == true { try? handle.close() }
                bytesRead.count.withLock { $0 += chunk?.count ?? 0 }
                return chunk.map { [UInt8]($0) }
            }
            return (reader, size)
        }
        let location = options.resolvedPath
        // A database file this import makes is removed again when the import fails: a failed
        // import leaves nothing behind, as one that fails before the database is opened.
        let makesFile = !PostgresLocation.isURL(location) && !FileManager.default.fileExists(atPath: location)
        do {
            // The format and version first, wherever they stand, before the database is opened.
            try chunks().reader.header()
            let (reader, size) = try chunks()
            bytesRead.count.withLock { $0 = 0 }
            let (counts, description) = try await restore(reader, size: size, into: location, bytesRead: bytesRead)
            Terminal.write("\(name) geïmporteerd in \(description): \(summary(counts))\n")
        } catch {
            if makesFile {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    try? FileManager.default.removeItem(atPath: location + suffix)
                }
            }
            guard let failure = error as? InstallationDumpError else { throw error }
            throw CommandFailure(field: "\(name): \(failure.field)", failure.message)
        }
    }

    /// Restores what `reader` reads into the database at `location`, which is closed again when
    /// this returns; the rows per table and the database's description.
    private static func restore(
        _ reader: InstallationFileReader, size: Int, into location: String, bytesRead: BytesRead
    ) async throws -> (counts: [(table: InstallationTable, rows: Int)], description: String) {
        let (stores, description) = try await Installation.openStores(location, creating: true)
        let progress = ProgressLine(total: size)
        defer { progress.finish() }
        do {
            let counts = try await stores.installation.restore(reader) {
                progress.update(rows: $0.rows, done: bytesRead.count.withLock { $0 })
            }
            return (counts, description)
        } catch let refusal as InstallationNotEmpty {
            throw CommandFailure(field: "--database", "\(description): \(refusal.description)")
        }
    }

    private final class BytesRead: Sendable {
        let count = Mutex(0)
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
    private static func summary(_ counts: [(table: InstallationTable, rows: Int)]) -> String {
        let parts = counts.filter { $0.rows > 0 }.map { "\($0.rows) \($0.table.label)" }
        return parts.isEmpty ? "leeg" : parts.joined(separator: ", ")
    }
}
