import Foundation
import VliegwielCore

/// Learning-log entries read from a file or a request body (docs/leerlog.md), and the
/// fictional demo deal's log that ships with the product.
public enum LearningLogFormat {
    /// The shipped fictional learning log.
    public static let fictionalExampleFileName = "leerlog-fictief-regio-deal-voorbeeld.yaml"

    /// The entries in `text` (JSON when it starts with `{`, YAML otherwise, unless `format`
    /// says), or every problem at once: the decoding problems and then those of adding the
    /// entries to `log` (with ids made for entries without one), leaving out a second message
    /// on a field that already has one. Nothing is added; the caller stores the result.
    public static func entries(
        from text: String, format: ArrangementFormat? = nil, source: String, adding log: LearningLog,
        context: LearningLogContext = LearningLogContext()
    ) throws(ValidationFailure) -> LearningLogEntries {
        let format = format ?? (text.drop(while: \.isWhitespace).first == "{" ? .json : .yaml)
        let (entries, decodingIssues) = try format.decodeValue(LearningLogEntries.self, from: text, source: source)
        let named = log.withIDs(entries)
        var issues = decodingIssues
        let decodedFields = decodingIssues.map(\.field)
        for issue in log.issues(adding: named, context: context)
        where !decodedFields.contains(where: { issue.field.hasPrefix($0) || $0.hasPrefix(issue.field) }) {
            issues.append(issue)
        }
        guard issues.isEmpty else {
            throw ValidationFailure(
                issues: issues.map { issue in
                    var issue = issue
                    issue.source = source
                    return issue
                })
        }
        return named
    }

    /// The fictional demo deal's learning log as shipped, checked on its own (its links to
    /// profile and graph versions are checked when it is stored).
    public static func fictionalExample() throws -> LearningLogEntries {
        guard
            let url = Bundle.module.url(
                forResource: (fictionalExampleFileName as NSString).deletingPathExtension, withExtension: "yaml")
        else {
            throw ValidationFailure(issues: [
                ValidationIssue(
                    source: fictionalExampleFileName, field: "", message: "het bestand ontbreekt in de installatie")
            ])
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try entries(
            from: text, format: .yaml, source: fictionalExampleFileName,
            adding: LearningLog(arrangementID: "fictief-regio-deal-voorbeeld", isFictional: true))
    }
}
