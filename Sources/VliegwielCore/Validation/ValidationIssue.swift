import Foundation

/// One problem in an arrangement or a file, named precisely enough to fix it.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// The file the problem is in, when it came from a file.
    public var source: String?
    /// The arrangement the problem is in, when known.
    public var arrangementID: String?
    /// The field path in the file's Dutch keys: `profiel.samenwerkend.rolRijk.waarden[1].waarde`.
    public var field: String
    /// What is wrong and what is allowed, in Dutch.
    public var message: String

    public init(source: String? = nil, arrangementID: String? = nil, field: String, message: String) {
        self.source = source
        self.arrangementID = arrangementID
        self.field = field
        self.message = message
    }

    /// `bestand.yaml: regio-deal: profiel.samenwerkend.rolRijk.waarden[0].waarde: onbekende waarde …`
    public var description: String {
        [source, arrangementID, field.isEmpty ? nil : field].compactMap { $0 }.joined(separator: ": ")
            + ": " + message
    }
}

/// Input was refused; `issues` lists every problem found, not just the first.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public var issues: [ValidationIssue]

    public init(issues: [ValidationIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// Collects problems while decoding, so that one pass reports them all.
///
/// Pass it in the decoder's `userInfo` under ``CodingUserInfoKey/issueCollector``.
/// Without a collector, decoding throws at the first problem.
public final class DecodingIssueCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [ValidationIssue] = []
    private var arrangementID: String?
    private var arrangementDepth = 0

    public init() {}

    public var issues: [ValidationIssue] { lock.withLock { collected } }

    func beginArrangement(id: String?, depth: Int) {
        lock.withLock {
            arrangementID = id
            arrangementDepth = depth
        }
    }

    func record(_ message: String, at path: [any CodingKey]) {
        lock.withLock {
            let relative = arrangementID == nil ? path : Array(path.dropFirst(arrangementDepth))
            collected.append(
                ValidationIssue(arrangementID: arrangementID, field: relative.fieldPath, message: message))
        }
    }
}

extension CodingUserInfoKey {
    /// Where a ``DecodingIssueCollector`` is passed to the decoder.
    public static let issueCollector = CodingUserInfoKey(rawValue: "vliegwiel.issueCollector")!
}

extension Decoder {
    /// Records a problem when a collector is present; throws it otherwise.
    func report(_ message: String, at path: [any CodingKey]) throws {
        if let collector = userInfo[.issueCollector] as? DecodingIssueCollector {
            collector.record(message, at: path)
        } else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: path, debugDescription: message))
        }
    }
}

extension Array where Element == any CodingKey {
    /// `arrangementen[0].profiel.samenwerkend` from a coding path.
    public var fieldPath: String {
        var result = ""
        for key in self {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += (result.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return result
    }
}
