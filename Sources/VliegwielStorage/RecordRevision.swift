import Crypto
import Foundation
import VliegwielCore

/// The revision of a stored record as a reader saw it: a fingerprint of its content (the first
/// 128 bits of the SHA-256 of its interchange JSON with sorted keys, in hexadecimal). The API
/// sends it as the `ETag` of an arrangement; the web forms carry it in a hidden field. A writer
/// that passes the revision it read gets a ``RevisionConflict`` instead of overwriting a change
/// made in between.
///
/// A fingerprint rather than a counter: it is the same in every database without a column of
/// its own, an arrangement deleted and made again never takes the revision of the old one, and
/// saving an unchanged record leaves it as it was, so nobody gets a conflict that loses nothing.
public struct RecordRevision: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// The revision of `arrangement` as stored.
    public init(of arrangement: Arrangement) throws {
        rawValue = try Self.fingerprint(arrangement)
    }

    /// The revision of a deal's record (the deal with its partners, money, lines and projects).
    public init(of record: DealRecord) throws {
        rawValue = try Self.fingerprint(record)
    }

    private static func fingerprint(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let digest = SHA256.hash(data: try encoder.encode(value))
        return digest.prefix(16).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}

/// What a writer expects to find before it writes.
public enum ExpectedRevision: Sendable, Hashable {
    /// No record with the id exists yet: a create must not replace one made in the meantime.
    case absent
    /// The record exists with exactly this revision: the one the writer read.
    case revision(RecordRevision)
}

/// A write was refused because the record changed (or appeared, or disappeared) after the
/// writer read it. Nothing was stored.
public struct RevisionConflict: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the record is, in Dutch: `arrangement 'woondeal'`.
    public var record: String
    public var expected: ExpectedRevision
    /// The stored revision now; `nil` when the record no longer exists.
    public var found: RecordRevision?

    public init(record: String, expected: ExpectedRevision, found: RecordRevision?) {
        self.record = record
        self.expected = expected
        self.found = found
    }

    /// What happened, in Dutch, without advice (the caller knows what the user can do).
    public var description: String {
        switch (expected, found) {
        case (.absent, _): "\(record) bestaat al: iemand anders heeft het intussen aangemaakt"
        case (.revision, nil): "\(record) is intussen verwijderd"
        case (.revision, .some): "\(record) is intussen door iemand anders gewijzigd"
        }
    }
}

extension ArrangementStore {
    /// The stored revision of arrangement `id`, or `nil` when it is unknown.
    public func revision(of id: String) async throws -> RecordRevision? {
        try await arrangement(id: id).map(RecordRevision.init(of:))
    }
}

extension ExpectedRevision {
    /// Throws ``RevisionConflict`` on `record` unless `found` (`nil`: no record) is as expected.
    func require(_ found: RecordRevision?, of record: String) throws {
        let matches: Bool =
            switch self {
            case .absent: found == nil
            case .revision(let revision): found == revision
            }
        if !matches { throw RevisionConflict(record: record, expected: self, found: found) }
    }
}
