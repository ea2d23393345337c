/// A cryptographic hash function, supplied by a layer that has one (storage uses SHA-256 from
/// swift-crypto), so that the core stays free of I/O and of crypto libraries.
public struct AuditHashFunction: Sendable {
    /// The function's name, for messages and documentation (`SHA-256`).
    public let name: String
    private let digest: @Sendable ([UInt8]) -> [UInt8]

    public init(name: String, digest: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        self.name = name
        self.digest = digest
    }

    /// The digest of `bytes` in lowercase hexadecimal.
    public func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest(bytes) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// An event was refused because a detail looks like a secret. The audit trail never holds
/// passwords, tokens, session ids, cookies or keys; leave such details out.
public struct AuditSecretDetail: Error, Sendable, Hashable, CustomStringConvertible {
    public var key: String

    public init(key: String) { self.key = key }

    public var description: String {
        "auditregel: detail '\(key)' lijkt een geheim (wachtwoord, token, sessie-id of sleutel); "
            + "geheimen komen nooit in het auditlogboek"
    }
}

/// Builds and verifies the hash chain of the audit trail.
public enum AuditChain {
    /// The "previous hash" of the first entry: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Words that mark a detail key as secret, compared without case, `-`, `_`, `.` or spaces.
    public static let secretKeyWords = [
        "password", "passwd", "wachtwoord", "secret", "geheim", "token", "session", "sessie", "cookie",
        "authorization", "apikey", "apisleutel", "bearer", "totp", "credential", "privatekey",
        "privatesleutel",
    ]

    /// The keys of `details` that look like secrets (``secretKeyWords``), and keys whose value
    /// looks like an HTTP credential (`Bearer …`, `Basic …`), sorted.
    public static func secretLookingKeys(in details: [String: String]) -> [String] {
        details.compactMap { key, value in
            let folded = String(
                key.lowercased().unicodeScalars.filter { !"-_. ".unicodeScalars.contains($0) })
            let credential = ["bearer ", "basic "].contains { value.lowercased().hasPrefix($0) }
            return secretKeyWords.contains(where: folded.contains) || credential ? key : nil
        }.sorted()
    }

    /// The entry that follows `previous` (`nil`: the first entry of the trail) for `event` at `time`.
    ///
    /// - Throws: ``AuditSecretDetail`` when a detail looks like a secret; nothing is made.
    public static func entry(
        for event: AuditEvent, at time: AuditTimestamp, after previous: AuditEntry?, hashing: AuditHashFunction
    ) throws -> AuditEntry {
        try entry(
            for: event, at: time, afterSequence: previous?.sequence ?? 0,
            previousHash: previous?.hash ?? genesisHash, hashing: hashing)
    }

    /// As ``entry(for:at:after:hashing:)`` given only the previous entry's sequence (0 for none)
    /// and hash, which is all a store needs to read.
    public static func entry(
        for event: AuditEvent, at time: AuditTimestamp, afterSequence: Int, previousHash: String,
        hashing: AuditHashFunction
    ) throws -> AuditEntry {
        if let key = secretLookingKeys(in: event.details).first { throw AuditSecretDetail(key: key) }
        let event = event.neutralised
        let sequence = afterSequence + 1
        let bytes = AuditCanonicalForm.bytes(sequence: sequence, time: time, event: event, previousHash: previousHash)
        return AuditEntry(
            sequence: sequence, time: time, event: event, previousHash: previousHash, hash: hashing.hex(bytes))
    }

    /// Checks `entries`, in the order stored (ascending sequence), from the first entry of the
    /// trail; stops at the first entry that breaks the chain.
    public static func verify<Entries: Sequence<AuditEntry>>(
        _ entries: Entries, hashing: AuditHashFunction
    ) -> AuditVerification {
        var verifier = AuditVerifier(hashing: hashing)
        verifier.presentSequences = Set(entries.map(\.sequence))
        for entry in entries {
            if let broken = verifier.check(entry) { return .broken(broken) }
        }
        return verifier.result
    }
}

/// Verifies a chain one entry at a time, so that a store can stream a long trail.
public struct AuditVerifier: Sendable {
    private let hashing: AuditHashFunction
    private var previous: (sequence: Int, hash: String)?
    private var count = 0
    /// Every sequence number in the trail, when known in advance: a number that seems missing
    /// but comes later is then reported as a change of order rather than a deletion.
    public var presentSequences: Set<Int>?

    public init(hashing: AuditHashFunction) { self.hashing = hashing }

    /// The next entry in stored order; the break it shows, or `nil` when it fits the chain.
    public mutating func check(_ entry: AuditEntry) -> AuditBreak? {
        let expected = (previous?.sequence ?? 0) + 1
        let previousHash = previous?.hash ?? AuditChain.genesisHash
        if entry.sequence > expected, presentSequences?.contains(expected) == true {
            return AuditBreak(
                sequence: entry.sequence, kind: .outOfOrder,
                explanation:
                    "regel \(entry.sequence) staat vóór regel \(expected): de volgorde van de regels is veranderd")
        }
        if entry.sequence > expected {
            let missing =
                entry.sequence - expected == 1
                ? "regel \(expected) ontbreekt" : "regels \(expected) tot en met \(entry.sequence - 1) ontbreken"
            return AuditBreak(
                sequence: expected, kind: .missing,
                explanation: "\(missing): verwijderd (na regel \(expected - 1) volgt regel \(entry.sequence))")
        }
        if entry.sequence < expected {
            return AuditBreak(
                sequence: entry.sequence, kind: .outOfOrder,
                explanation:
                    "regel \(entry.sequence) staat na regel \(expected - 1): de volgorde is veranderd of een regel is dubbel"
            )
        }
        let recomputed = hashing.hex(entry.canonicalBytes)
        if recomputed != entry.hash {
            return AuditBreak(
                sequence: entry.sequence, kind: .changed,
                explanation:
                    "regel \(entry.sequence) is gewijzigd: de inhoud past niet bij de opgeslagen hash \(entry.hash.prefix(12))…"
            )
        }
        if entry.previousHash != previousHash {
            return AuditBreak(
                sequence: entry.sequence, kind: .linkBroken,
                explanation: entry.sequence == 1
                    ? "regel 1 verwijst naar een eerdere regel: het begin van het logboek is verwijderd"
                    : "regel \(entry.sequence) verwijst niet naar de hash van regel \(entry.sequence - 1): "
                        + "regel \(entry.sequence - 1) is vervangen of er is een regel tussengevoegd")
        }
        previous = (entry.sequence, entry.hash)
        count += 1
        return nil
    }

    /// Checks the next entry and, after a break, goes on from it, so that one broken entry
    /// cannot hide later tampering (security review H1): a changed entry is taken with its stored
    /// hash, a gap or broken link is resumed from the entry found, and an entry out of order
    /// is skipped. Returns every break the entry shows.
    public mutating func checkContinuing(_ entry: AuditEntry) -> [AuditBreak] {
        guard let broken = check(entry) else { return [] }
        var found = [broken]
        switch broken.kind {
        case .missing, .linkBroken:
            previous = (entry.sequence - 1, entry.previousHash)
            if let again = check(entry) {
                found.append(again)
                previous = (entry.sequence, entry.hash)
            }
        case .changed:
            previous = (entry.sequence, entry.hash)
        case .outOfOrder:
            break
        }
        return found
    }

    /// The outcome for the entries checked so far, when none broke the chain.
    public var result: AuditVerification {
        .intact(count: count, head: previous.map { AuditHead(sequence: $0.sequence, hash: $0.hash) })
    }
}

/// The last entry of an intact chain: keep its hash outside the database to anchor the trail.
public struct AuditHead: Sendable, Hashable {
    public var sequence: Int
    public var hash: String

    public init(sequence: Int, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}

/// The first place where a chain is broken.
public struct AuditBreak: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The entry's content does not match its hash.
        case changed = "gewijzigd"
        /// One or more entries before this sequence number are gone.
        case missing = "ontbreekt"
        /// The sequence numbers go backwards or repeat.
        case outOfOrder = "volgorde"
        /// The entry does not point to the hash of the entry before it.
        case linkBroken = "schakel"
    }

    /// The sequence number of the first broken entry (for ``Kind/missing``: the first missing one).
    public var sequence: Int
    public var kind: Kind
    /// Dutch, naming the entry and what is wrong.
    public var explanation: String

    public init(sequence: Int, kind: Kind, explanation: String) {
        self.sequence = sequence
        self.kind = kind
        self.explanation = explanation
    }

    public var description: String { explanation }
}

/// Every break of a chain, found by verifying it to the end (``AuditVerifier/checkContinuing(_:)``).
public struct AuditReport: Sendable, Hashable {
    /// How many entries the trail holds.
    public var count: Int
    /// The last entry read.
    public var head: AuditHead?
    /// Every break, in the order found; empty for an intact chain.
    public var breaks: [AuditBreak]

    public init(count: Int, head: AuditHead?, breaks: [AuditBreak]) {
        self.count = count
        self.head = head
        self.breaks = breaks
    }

    public var isIntact: Bool { breaks.isEmpty }
}

/// The outcome of verifying a chain.
public enum AuditVerification: Sendable, Hashable {
    /// Every entry fits: `count` entries, the last one `head` (`nil` for an empty trail).
    case intact(count: Int, head: AuditHead?)
    /// The chain breaks; the first break.
    case broken(AuditBreak)
}
