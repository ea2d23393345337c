import Foundation
import HTTPTypes
import Hummingbird
import VliegwielCore

/// Applies ``InputText`` to every form and JSON body before any handler sees it (security review
/// L6 and the root of H1): a field with a control or bidi character is refused with 400, every
/// such field named — `invalidParams` on the API, the error page on the site. Nothing of the
/// request is stored.
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
                invalidParams: problems)
        }
        return try await next(request, context)
    }

    static func formProblems(_ body: String) -> [Problem.InvalidParameter] {
        var problems: [Problem.InvalidParameter] = []
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            let name = parts.first ?? ""
            for text in parts {
                if let reason = InputText.problem(in: text) {
                    problems.append(.init(name: InputText.problem(in: name) == nil ? name : "veldnaam", reason: reason))
                    break
                }
            }
        }
        return problems
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
