/// The exact bytes an audit entry's hash covers, version 1. Stable: never change this form;
/// a new form gets a new first line (`vliegwiel-audit-v2`) and verifiers keep reading v1.
///
/// The form is UTF-8 text, one field per line, each line ending in a line feed (0x0A):
///
/// ```
/// vliegwiel-audit-v1
/// volgnummer=<L>:<sequence in decimal>
/// tijd=<L>:<UTC time, JJJJ-MM-DDTuu:mm:ss.SSSZ>
/// actor=<L>:<actor>
/// actie=<L>:<action>
/// object=<L>:<object>
/// resultaat=<L>:<result>
/// herkomst=<L>:<origin>
/// details=<number of details>
/// sleutel=<L>:<key>          (per detail, keys in ascending order of their UTF-8 bytes)
/// waarde=<L>:<value>
/// vorige=<L>:<hash of the previous entry>
/// ```
///
/// `<L>` is the length in UTF-8 bytes of the value that follows the colon, so a value may hold
/// any character, line feeds and `=` included, without two entries ever sharing a form. Text is
/// hashed as stored: no Unicode normalisation, no trimming.
public enum AuditCanonicalForm {
    /// The first line, naming the version of this form.
    public static let header = "vliegwiel-audit-v1"

    public static func bytes(sequence: Int, time: AuditTimestamp, event: AuditEvent, previousHash: String) -> [UInt8] {
        var output: [UInt8] = Array((header + "\n").utf8)
        func field(_ name: String, _ value: String) {
            let utf8 = Array(value.utf8)
            output += Array("\(name)=\(utf8.count):".utf8)
            output += utf8
            output.append(0x0A)
        }
        field("volgnummer", String(sequence))
        field("tijd", time.iso)
        field("actor", event.actor)
        field("actie", event.action)
        field("object", event.object)
        field("resultaat", event.result.rawValue)
        field("herkomst", event.origin)
        output += Array("details=\(event.details.count)\n".utf8)
        for (key, value) in event.details.sorted(by: {
            Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8))
        }) {
            field("sleutel", key)
            field("waarde", value)
        }
        field("vorige", previousHash)
        return output
    }
}
