import Foundation
import Testing
import VliegwielCore

/// A toy hash for the core's tests (FNV-1a, 64 bits): the chain's logic does not depend on
/// the strength of the hash; storage supplies SHA-256 and tests it there.
let toyHash = AuditHashFunction(name: "FNV-1a-64") { bytes in
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    return (0..<8).map { UInt8(truncatingIfNeeded: hash >> (56 - 8 * UInt64($0))) }
}

/// A chain of `count` entries about fictional arrangements, one second apart.
func auditChain(_ count: Int) throws -> [AuditEntry] {
    var entries: [AuditEntry] = []
    for number in 1...count {
        let event = AuditEvent(
            actor: "Tester (fictief)", action: "arrangement.opslaan", object: "arrangement:fictief-\(number)",
            result: .succeeded, origin: "cli", details: ["naam": "Fictief \(number)"])
        entries.append(
            try AuditChain.entry(
                for: event, at: AuditTimestamp(millisecondsSince1970: 1_709_285_400_000 + Int64(number) * 1000),
                after: entries.last, hashing: toyHash))
    }
    return entries
}

@Suite("Audit trail: canonical form, chain and verification")
struct AuditChainTests {
    @Test("The canonical form is the documented text, with byte lengths, details sorted by key")
    func canonicalForm() {
        let event = AuditEvent(
            actor: "Jan (fictief)", action: "arrangement.opslaan", object: "arrangement:woondeal", result: .succeeded,
            origin: "cli", details: ["reden": "test", "naam": "Woondeal"])
        let bytes = AuditCanonicalForm.bytes(
            sequence: 1, time: AuditTimestamp(millisecondsSince1970: 1_709_285_400_123), event: event,
            previousHash: AuditChain.genesisHash)
        #expect(
            String(decoding: bytes, as: UTF8.self) == """
                vliegwiel-audit-v1
                volgnummer=1:1
                tijd=24:2024-03-01T09:30:00.123Z
                actor=13:Jan (fictief)
                actie=19:arrangement.opslaan
                object=20:arrangement:woondeal
                resultaat=6:gelukt
                herkomst=3:cli
                details=2
                sleutel=4:naam
                waarde=8:Woondeal
                sleutel=5:reden
                waarde=4:test
                vorige=64:\(String(repeating: "0", count: 64))

                """)
    }

    @Test("Lengths count UTF-8 bytes, so a value holding a line break and '=' cannot pass for two fields")
    func lengthsAreBytes() {
        let plain = AuditEvent(
            actor: "Zoë", action: "a", object: "o", result: .succeeded, origin: "cli", details: ["x": "1\nsleutel=4:y"])
        let text = String(
            decoding: AuditCanonicalForm.bytes(
                sequence: 2, time: AuditTimestamp(millisecondsSince1970: 0), event: plain, previousHash: "ab"),
            as: UTF8.self)
        #expect(text.contains("actor=4:Zoë\n"))
        #expect(text.contains("waarde=13:1\nsleutel=4:y\n"))
        #expect(text.contains("tijd=24:1970-01-01T00:00:00.000Z\n"))
    }

    @Test("Times are UTC with milliseconds and read back exactly, before 1970 too")
    func timestamps() {
        for (milliseconds, text) in [
            (Int64(1_709_285_400_123), "2024-03-01T09:30:00.123Z"), (0, "1970-01-01T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.999Z"), (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        ] {
            #expect(AuditTimestamp(millisecondsSince1970: milliseconds).iso == text)
            #expect(AuditTimestamp(iso: text)?.millisecondsSince1970 == milliseconds)
        }
        #expect(AuditTimestamp(iso: "2024-02-30T00:00:00.000Z") == nil)
        #expect(AuditTimestamp(iso: "2024-03-01 09:30:00.123Z") == nil)
        #expect(AuditTimestamp(startOf: CalendarDate(iso: "2024-03-01")!).iso == "2024-03-01T00:00:00.000Z")
    }

    @Test("A chain built entry by entry verifies, naming its count and its last entry")
    func intactChain() throws {
        let entries = try auditChain(5)
        #expect(entries.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(entries[0].previousHash == AuditChain.genesisHash)
        #expect(entries[3].previousHash == entries[2].hash)
        #expect(
            AuditChain.verify(entries, hashing: toyHash)
                == .intact(count: 5, head: AuditHead(sequence: 5, hash: entries[4].hash)))
        #expect(AuditChain.verify([], hashing: toyHash) == .intact(count: 0, head: nil))
    }

    @Test("A changed entry is named as the first broken entry")
    func changedEntry() throws {
        var entries = try auditChain(5)
        entries[2].event.actor = "Iemand anders"
        guard case .broken(let broken) = AuditChain.verify(entries, hashing: toyHash) else {
            Issue.record("the change went unnoticed")
            return
        }
        #expect(broken.sequence == 3)
        #expect(broken.kind == .changed)
        #expect(broken.explanation.hasPrefix("regel 3 is gewijzigd"))
    }

    @Test("A changed entry whose hash was recomputed breaks the link to the next entry")
    func rehashedEntry() throws {
        var entries = try auditChain(5)
        entries[1].event.details = ["naam": "Vervalst"]
        entries[1].hash = toyHash.hex(entries[1].canonicalBytes)
        let result = AuditChain.verify(entries, hashing: toyHash)
        guard case .broken(let broken) = result else {
            Issue.record("the change went unnoticed")
            return
        }
        #expect(broken.sequence == 3)
        #expect(broken.kind == .linkBroken)
        #expect(broken.explanation.contains("regel 2 is vervangen"))
    }

    @Test("A deleted entry shows as a gap, and a deleted start as a missing entry 1")
    func deletedEntries() throws {
        var entries = try auditChain(5)
        entries.remove(at: 2)
        #expect(
            AuditChain.verify(entries, hashing: toyHash)
                == .broken(
                    AuditBreak(
                        sequence: 3, kind: .missing,
                        explanation: "regel 3 ontbreekt: verwijderd (na regel 2 volgt regel 4)")))
        var twoGone = try auditChain(5)
        twoGone.removeSubrange(1...2)
        guard case .broken(let gap) = AuditChain.verify(twoGone, hashing: toyHash) else {
            Issue.record("the deletion went unnoticed")
            return
        }
        #expect(gap.explanation.hasPrefix("regels 2 tot en met 3 ontbreken"))
        let headless = Array(try auditChain(3).dropFirst())
        guard case .broken(let start) = AuditChain.verify(headless, hashing: toyHash) else {
            Issue.record("the deleted start went unnoticed")
            return
        }
        #expect(start.sequence == 1)
        #expect(start.kind == .missing)
    }

    @Test("Reordered or repeated entries are reported as a change of order")
    func reordered() throws {
        var entries = try auditChain(5)
        entries.swapAt(1, 2)
        guard case .broken(let broken) = AuditChain.verify(entries, hashing: toyHash) else {
            Issue.record("the reordering went unnoticed")
            return
        }
        #expect(broken.kind == .outOfOrder)
        #expect(broken.sequence == 3)
        #expect(broken.explanation == "regel 3 staat vóór regel 2: de volgorde van de regels is veranderd")
        let chain = try auditChain(3)
        guard case .broken(let repeated) = AuditChain.verify(chain + [chain[2]], hashing: toyHash) else {
            Issue.record("the repeated entry went unnoticed")
            return
        }
        #expect(repeated.kind == .outOfOrder)
    }

    @Test("Details that look like secrets are refused, named; ordinary details pass")
    func secretDetails() throws {
        for key in ["wachtwoord", "Password", "session_id", "Sessie-ID", "api-key", "csrfToken", "TOTP-geheim"] {
            let event = AuditEvent(
                actor: "a", action: "b", object: "c", result: .refused, origin: "cli", details: [key: "x"])
            #expect(throws: AuditSecretDetail(key: key)) {
                _ = try AuditChain.entry(
                    for: event, at: AuditTimestamp(millisecondsSince1970: 0), after: nil, hashing: toyHash)
            }
        }
        let header = AuditEvent(
            actor: "a", action: "b", object: "c", result: .refused, origin: "cli",
            details: ["kop": "Bearer abc.def"])
        #expect(AuditChain.secretLookingKeys(in: header.details) == ["kop"])
        let ordinary = AuditEvent(
            actor: "a", action: "b", object: "c", result: .succeeded, origin: "cli",
            details: ["naam": "Woondeal", "reden": "correctie", "auteur": "Jan", "inhoud": "gewijzigd"])
        #expect(AuditChain.secretLookingKeys(in: ordinary.details).isEmpty)
        #expect(
            AuditSecretDetail(key: "wachtwoord").description
                == "auditregel: detail 'wachtwoord' lijkt een geheim (wachtwoord, token, sessie-id of sleutel); geheimen komen nooit in het auditlogboek"
        )
    }

    @Test("The task's audit context names who and from where; nobody set it: onbekend")
    func context() async {
        #expect(AuditContext.current == AuditContext(actor: "onbekend", origin: "onbekend"))
        let event = AuditContext.$current.withValue(.commandLine(actor: " Jan ")) {
            AuditEvent(action: "arrangement.opslaan", object: "arrangement:x")
        }
        #expect(event.actor == "Jan")
        #expect(event.origin == "cli")
        #expect(AuditContext.commandLine(actor: nil) == AuditContext(actor: "onbekend", origin: "cli"))
        #expect(
            AuditContext.web(clientAddress: "192.0.2.7")
                == AuditContext(actor: "anoniem (geen accounts)", origin: "192.0.2.7"))
    }
}
