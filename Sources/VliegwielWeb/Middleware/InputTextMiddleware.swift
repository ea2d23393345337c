import Foundation
import HTTPTypes
import Hummingbird
import VliegwielCore

/// Applies ``InputText`` to every form and JSON body before any handler sees it (security review
/// L6 and the root of H1, issue 17): a field with a control or bidi character is refused with 400,
/// every such field named — `invalidParams` on the API; on the site an error summary linked to
/// each field, with everything the person typed shown again so that nothing is lost. A body that
/// passes is handed on in NFC, so that handlers store and hash the text in one normal form. Nothing
/// of a refused request is stored.
struct InputTextMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let isForm = contentType.hasPrefix("application/x-www-form-urlencoded")
        let isJSON = contentType.hasPrefix("application/json") || contentType.hasPrefix("application/merge-patch+json")
        guard isForm || isJSON, request.method != .get, request.method != .head else {
            return try await next(request, context)
        }
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: maximumBodySize))
        let problems = isForm ? Self.formProblems(body) : Self.jsonProblems(body)
        guard problems.isEmpty else {
            throw Problem(
                .badRequest,
                detail: problems.map { "\($0.name): \($0.reason)" }.joined(separator: "; ")
                    + ". Er is niets opgeslagen.",
                invalidParams: problems,
                keptInput: isForm ? Self.keptInput(body) : [])
        }
        let normalized = isForm ? Self.normalizedForm(body) : InputText.normalized(body)
        if !normalized.unicodeScalars.elementsEqual(body.unicodeScalars) {
            request.body = .init(buffer: ByteBuffer(string: normalized))
        }
        return try await next(request, context)
    }

    /// The name and value of each field of a form body, percent-decoded.
    static func formFields(_ body: String) -> [(name: String, value: String)] {
        body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }
    }

    static func formProblems(_ body: String) -> [Problem.InvalidParameter] {
        var problems: [Problem.InvalidParameter] = []
        for field in formFields(body) {
            if let reason = InputText.problem(in: field.name) {
                problems.append(.init(name: "veldnaam", reason: reason))
            } else if let reason = InputText.problem(in: field.value) {
                problems.append(.init(name: field.name, reason: reason))
            }
        }
        return problems
    }

    /// What the person sent, to show again on the error page: every field except the hidden
    /// CSRF token and passwords, with each refused character written out as `⟨U+202E⟩`.
    static func keptInput(_ body: String) -> [Problem.KeptField] {
        formFields(body).compactMap { field in
            guard field.name != "csrf", !field.name.hasPrefix("wachtwoord"), !field.name.hasPrefix("nieuw-wachtwoord")
            else { return nil }
            return Problem.KeptField(
                name: InputText.visible(field.name), text: InputText.visible(field.value),
                reason: InputText.problem(in: field.name) ?? InputText.problem(in: field.value))
        }
    }

    /// The form body with each name and value in NFC; parts that do not change keep their bytes.
    static func normalizedForm(_ body: String) -> String {
        body.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { part -> String in
                let raw = String(part)
                let decoded = raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw
                let normalized = InputText.normalized(decoded)
                // Swift's == compares canonically equivalent text as equal: compare the scalars.
                guard !normalized.unicodeScalars.elementsEqual(decoded.unicodeScalars) else { return raw }
                return normalized.addingPercentEncoding(withAllowedCharacters: formValueCharacters) ?? raw
            }.joined(separator: "=")
        }.joined(separator: "&")
    }

    static func jsonProblems(_ body: String) -> [Problem.InvalidParameter] {
        // Unparseable JSON is the handler's to refuse, with its own message.
        guard let value = try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed])
        else { return [] }
        var problems: [Problem.InvalidParameter] = []
        func walk(_ value: Any, _ path: String) {
            switch value {
            case let text as String:
                if let reason = InputText.problem(in: text) { problems.append(.init(name: path, reason: reason)) }
            case let object as [String: Any]:
                for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                    let name = path.isEmpty ? key : "\(path).\(key)"
                    if let reason = InputText.problem(in: key) {
                        problems.append(.init(name: name, reason: "de veldnaam " + reason))
                    }
                    walk(member, name)
                }
            case let array as [Any]:
                for (index, member) in array.enumerated() { walk(member, "\(path)[\(index)]") }
            default: break
            }
        }
        walk(value, "")
        return problems
    }
}

/// Characters left as they are in a form value: letters, digits and `-._~` (RFC 3986 unreserved).
private let formValueCharacters = CharacterSet(
    charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
