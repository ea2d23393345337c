import Foundation
import VliegwielCore
import Yams

/// The file formats arrangements move in and out with (docs/catalogusformaat.md).
public enum ArrangementFormat: String, CaseIterable, Sendable {
    case json
    case yaml

    /// The format a file name suggests (`.json`, `.yaml`, `.yml`), or `nil`.
    public init?(fileName: String) {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "json": self = .json
        case "yaml", "yml": self = .yaml
        default: return nil
        }
    }

    /// Writes `arrangements` as a document. The output depends only on the arrangements,
    /// so that export → import → export gives the same bytes.
    public func encode(_ arrangements: [Arrangement]) throws -> String {
        let document = ArrangementDocument(arrangements: arrangements)
        switch self {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
        case .yaml:
            let encoder = YAMLEncoder()
            encoder.options = .init(indent: 2, width: -1, allowUnicode: true, sortKeys: true)
            return try encoder.encode(document)
        }
    }

    /// Reads a document, reporting every problem it can find at once.
    ///
    /// - Parameters:
    ///   - text: the file's content.
    ///   - source: the file name, used in the messages.
    /// - Throws: ``ValidationFailure`` with one issue per problem, each naming the file,
    ///   the arrangement and the field.
    public func decode(_ text: String, source: String) throws(ValidationFailure) -> [Arrangement] {
        let (document, decodingIssues) = try decodeValue(ArrangementDocument.self, from: text, source: source)
        var issues = decodingIssues
        if document.schemaVersion != ArrangementDocument.currentSchemaVersion {
            issues.append(
                ValidationIssue(
                    field: "schemaVersie",
                    message:
                        "versie \(document.schemaVersion) wordt niet ondersteund; deze versie van Vliegwiel leest versie \(ArrangementDocument.currentSchemaVersion)"
                ))
        }
        try Self.finish(issues, validating: document.arrangements, source: source)
        return document.arrangements
    }

    /// Reads one arrangement (the body of an API request), reporting every problem at once.
    public func decodeArrangement(_ text: String, source: String) throws(ValidationFailure) -> Arrangement {
        let (arrangement, issues) = try decodeValue(Arrangement.self, from: text, source: source)
        try Self.finish(issues, validating: [arrangement], source: source)
        return arrangement
    }

    /// Reads any value of the format (a profile, a request body), reporting every vocabulary
    /// problem at once; no validation beyond the vocabularies.
    public func decodeValue<T: Decodable>(
        _ type: T.Type, from text: String, source: String
    ) throws(ValidationFailure) -> (T, [ValidationIssue]) {
        let collector = DecodingIssueCollector()
        do {
            let value: T
            switch self {
            case .json:
                let decoder = JSONDecoder()
                decoder.userInfo[.issueCollector] = collector
                value = try decoder.decode(T.self, from: Data(text.utf8))
            case .yaml:
                value = try YAMLDecoder().decode(T.self, from: text, userInfo: [.issueCollector: collector])
            }
            return (value, collector.issues)
        } catch {
            var issues = collector.issues
            issues.append(Self.issue(for: error, format: self))
            throw Self.failure(issues, source: source)
        }
    }

    /// Adds the semantic checks to the decoding problems and throws when there are any.
    private static func finish(
        _ decodingIssues: [ValidationIssue], validating arrangements: [Arrangement], source: String
    ) throws(ValidationFailure) {
        var issues = decodingIssues
        // Semantic checks, except where decoding already reported a problem on the same field,
        // one above it or one below it: one mistake gives one line.
        let decodingPaths = issues.map { ($0.arrangementID, $0.field) }
        for issue in ArrangementValidator.issues(in: arrangements)
        where !decodingPaths.contains(where: { id, field in
            id == issue.arrangementID && (issue.field.hasPrefix(field) || field.hasPrefix(issue.field))
        }) {
            issues.append(issue)
        }
        guard issues.isEmpty else { throw failure(issues, source: source) }
    }

    private static func failure(_ issues: [ValidationIssue], source: String) -> ValidationFailure {
        ValidationFailure(
            issues: issues.map { issue in
                var issue = issue
                issue.source = source
                return issue
            })
    }

    private static func issue(for error: any Error, format: ArrangementFormat) -> ValidationIssue {
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            return ValidationIssue(
                field: context.codingPath.fieldPath, message: "verkeerd soort waarde; verwacht \(dutchName(of: type))")
        case DecodingError.valueNotFound(let type, let context):
            return ValidationIssue(
                field: context.codingPath.fieldPath, message: "ontbreekt; verwacht \(dutchName(of: type))")
        case DecodingError.keyNotFound(let key, let context):
            return ValidationIssue(field: (context.codingPath + [key]).fieldPath, message: "ontbreekt")
        case DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty:
            return ValidationIssue(field: context.codingPath.fieldPath, message: context.debugDescription)
        case DecodingError.dataCorrupted(let context) where context.underlyingError is YamlError:
            return ValidationIssue(field: "", message: "geen geldige YAML: \(oneLine(context.underlyingError!))")
        case DecodingError.dataCorrupted(let context):
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return ValidationIssue(
                field: "",
                message: "geen geldige \(format.rawValue.uppercased()): \(detail ?? context.debugDescription)")
        case let error as YamlError:
            return ValidationIssue(field: "", message: "geen geldige YAML: \(oneLine(error))")
        default:
            return ValidationIssue(field: "", message: "onleesbaar: \(error)")
        }
    }

    /// A parser message on one line, without the quoted source lines and caret under them.
    private static func oneLine(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n")
            .filter { !$0.hasPrefix(" ") && !$0.hasPrefix("\t") && $0.trimmingCharacters(in: .whitespaces) != "^" }
            .joined(separator: "; ")
    }

    private static func dutchName(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "tekst"
        case is Int.Type: "een geheel getal"
        case is [Any].Type: "een lijst"
        case is [String: Any].Type: "een object met velden"
        default:
            String(describing: type).hasPrefix("Array") ? "een lijst" : "een object met velden"
        }
    }
}

/// The reference catalogue that ships with the product: the essay's fourteen variants.
public enum BundledCatalogue {
    /// The file name used in messages.
    public static let fileName = "catalogus.yaml"

    /// The catalogue file's text.
    public static func text() throws -> String {
        guard let url = Bundle.module.url(forResource: "catalogus", withExtension: "yaml") else {
            throw ValidationFailure(issues: [
                ValidationIssue(source: fileName, field: "", message: "het bestand ontbreekt in de installatie")
            ])
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The catalogue's arrangements, validated.
    public static func arrangements() throws -> [Arrangement] {
        try ArrangementFormat.yaml.decode(try text(), source: fileName)
    }
}
