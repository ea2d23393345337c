import Foundation
import Hummingbird

/// What the API documentation page shows (`/api-documentatie`), read once at start from the
/// OpenAPI document the API serves, so that the page and `/api/v1/openapi.json` cannot differ:
/// every operation with its parameters, request and response bodies, an example request and
/// answer, the authentication and the error format.
struct APIDocumentation: Sendable {
    struct Parameter: Sendable {
        var name: String
        /// `pad`, `zoekvraag` or `kop`.
        var location: String
        var type: String
        var isRequired: Bool
        var description: String
    }

    /// One property of a body's schema.
    struct Field: Sendable {
        var name: String
        var type: String
        var isRequired: Bool
        var description: String
    }

    struct Body: Sendable {
        var mediaType: String
        /// The schema's name (`Arrangement`), or its type.
        var schema: String
        var fields: [Field]
        /// A made-up example of the body, from the schema's examples and types (pretty JSON).
        var example: String?
    }

    struct Answer: Sendable {
        var status: String
        var description: String
        var body: Body?
    }

    struct Operation: Sendable {
        var id: String
        var method: String
        /// The full path, `/api/v1/arrangementen/{id}`.
        var path: String
        var summary: String
        var description: String
        var parameters: [Parameter]
        var request: Body?
        var answers: [Answer]
        /// Whether reading works without a key (unless the installation runs with
        /// `--alleen-met-account`); changing always needs one.
        var isReading: Bool
        var exampleRequest: String
    }

    struct Section: Sendable {
        var tag: String
        var operations: [Operation]
    }

    var title: String
    var version: String
    var description: String
    var authentication: String
    var sections: [Section]

    /// The operations as `openAPI` (the JSON the API serves) describes them, grouped by their
    /// first tag in the document's order of tags.
    init(openAPI: Data) throws {
        guard let document = try JSONSerialization.jsonObject(with: openAPI) as? [String: Any] else {
            throw WebSetupError.missingAsset("Assets/openapi.yaml (geen object)")
        }
        let reader = SchemaReader(document: document)
        let info = document["info"] as? [String: Any] ?? [:]
        title = info["title"] as? String ?? "API"
        version = info["version"] as? String ?? ""
        description = info["description"] as? String ?? ""
        let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
        authentication = (schemes?.values.first as? [String: Any])?["description"] as? String ?? ""
        let base = ((document["servers"] as? [[String: Any]])?.first?["url"] as? String) ?? APIURL.base
        let paths = document["paths"] as? [String: Any] ?? [:]
        var operations: [String: [Operation]] = [:]
        let methods = ["get", "post", "put", "patch", "delete"]
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
            guard let item = item as? [String: Any] else { continue }
            let shared = item["parameters"] as? [Any] ?? []
            for method in methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                let tag = (operation["tags"] as? [String])?.first ?? "overig"
                operations[tag, default: []].append(
                    reader.operation(operation, method: method, path: base + path, shared: shared))
            }
        }
        let tagOrder = (document["tags"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        let tags = tagOrder + operations.keys.filter { !tagOrder.contains($0) }.sorted()
        sections = tags.compactMap { tag in operations[tag].map { Section(tag: tag, operations: $0) } }
    }

    /// Where the example requests are sent: the address `vliegwiel start` listens on by default.
    static let exampleHost = "http://127.0.0.1:8080"
}

/// Reads operations and schemas out of the OpenAPI document, following `$ref`s.
private struct SchemaReader {
    let document: [String: Any]

    func resolve(_ value: Any?) -> [String: Any] {
        guard var object = value as? [String: Any] else { return [:] }
        var seen = 0
        while let reference = object["$ref"] as? String, seen < 10 {
            seen += 1
            var target: Any? = document
            for part in reference.dropFirst(2).split(separator: "/") {
                target = (target as? [String: Any])?[String(part)]
            }
            object = target as? [String: Any] ?? [:]
        }
        return object
    }

    /// `Arrangement`, `lijst van Partner`, `tekst (datum)`, `tekst: a, b, c`.
    func typeName(_ value: Any?) -> String {
        guard let schema = value as? [String: Any] else { return "" }
        if let reference = schema["$ref"] as? String { return String(reference.split(separator: "/").last ?? "") }
        if let parts = (schema["allOf"] ?? schema["oneOf"] ?? schema["anyOf"]) as? [Any] {
            return parts.map(typeName).joined(separator: schema["allOf"] != nil ? " en " : " of ")
        }
        let type = schema["type"] as? String ?? "object"
        if type == "array" { return "lijst van " + typeName(schema["items"]) }
        let names = [
            "string": "tekst", "integer": "geheel getal", "number": "getal", "boolean": "ja/nee", "object": "object",
        ]
        var name = names[type] ?? type
        if let format = schema["format"] as? String {
            name += " (" + (["date": "datum", "date-time": "tijdstip", "email": "e-mailadres"][format] ?? format) + ")"
        }
        if let values = schema["enum"] as? [Any] {
            let shown = values.prefix(8).map { "\($0)" }.joined(separator: ", ")
            name += ": " + shown + (values.count > 8 ? ", …" : "")
        }
        return name
    }

    func fields(_ value: Any?) -> [APIDocumentation.Field] {
        var schema = resolve(value)
        if schema["type"] as? String == "array" { schema = resolve(schema["items"]) }
        if let parts = schema["allOf"] as? [Any] {
            return parts.flatMap(fields)
        }
        let required = Set(schema["required"] as? [String] ?? [])
        let properties = schema["properties"] as? [String: Any] ?? [:]
        return properties.sorted { $0.key < $1.key }.map { name, property in
            let resolved = resolve(property)
            return APIDocumentation.Field(
                name: name, type: typeName(property), isRequired: required.contains(name),
                description: ((property as? [String: Any])?["description"] ?? resolved["description"]) as? String
                    ?? "")
        }
    }

    /// A made-up value for `value`'s schema: its example, its first allowed value, or one of
    /// its type; `depth` keeps recursive schemas finite.
    func example(_ value: Any?, depth: Int = 0) -> Any {
        let schema = resolve(value)
        if let example = (value as? [String: Any])?["example"] ?? schema["example"] { return example }
        if let first = (schema["enum"] as? [Any])?.first { return first }
        if let parts = schema["allOf"] as? [Any] {
            var merged: [String: Any] = [:]
            for part in parts {
                if let object = example(part, depth: depth) as? [String: Any] {
                    merged.merge(object) { first, _ in first }
                }
            }
            return merged
        }
        if let first = ((schema["oneOf"] ?? schema["anyOf"]) as? [Any])?.first { return example(first, depth: depth) }
        switch schema["type"] as? String ?? "object" {
        case "array": return depth > 5 ? "…" : [example(schema["items"], depth: depth + 1)]
        case "integer": return 1
        case "number": return 1.5
        case "boolean": return true
        case "string":
            switch schema["format"] as? String {
            case "date": return "2026-12-02"
            case "date-time": return "2026-12-02T09:00:00Z"
            default: return "tekst"
            }
        default:
            guard depth <= 5 else { return "…" }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            return properties.mapValues { example($0, depth: depth + 1) }
        }
    }

    func json(_ value: Any) -> String? {
        guard JSONSerialization.isValidJSONObject(value),
            let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func body(_ value: Any?) -> APIDocumentation.Body? {
        let body = resolve(value)
        guard let content = body["content"] as? [String: Any],
            let (mediaType, media) = content.sorted(by: { $0.key < $1.key }).first
        else { return nil }
        let schema = (media as? [String: Any])?["schema"]
        let isJSON = mediaType.contains("json")
        return APIDocumentation.Body(
            mediaType: mediaType, schema: typeName(schema), fields: isJSON ? fields(schema) : [],
            example: isJSON ? json(example(schema)) : nil)
    }

    func operation(_ operation: [String: Any], method: String, path: String, shared: [Any])
        -> APIDocumentation.Operation
    {
        let locations = ["path": "pad", "query": "zoekvraag", "header": "kop"]
        let declared = (shared + (operation["parameters"] as? [Any] ?? [])).map(resolve)
        let parameters = declared.map { parameter in
            APIDocumentation.Parameter(
                name: parameter["name"] as? String ?? "",
                location: locations[parameter["in"] as? String ?? ""] ?? "",
                type: typeName(parameter["schema"]), isRequired: parameter["required"] as? Bool ?? false,
                description: parameter["description"] as? String ?? resolve(parameter["schema"])["description"]
                    as? String ?? "")
        }
        let request = body(operation["requestBody"])
        let responses = operation["responses"] as? [String: Any] ?? [:]
        let answers = responses.sorted { $0.key < $1.key }.map { status, response in
            APIDocumentation.Answer(
                status: status, description: resolve(response)["description"] as? String ?? "",
                body: status.hasPrefix("2") ? body(response) : nil)
        }
        // Computations that store nothing are reading, whatever their method (docs/accounts.md).
        let computations = ["/vergelijkingen", "/adviezen", "/wat-als", "/qca-analyses"]
        let isReading = method == "get" || computations.contains { path.hasSuffix($0) }
        var examplePath = path
        for parameter in parameters where parameter.location == "pad" {
            let schema = declared.first { $0["name"] as? String == parameter.name }
            let value = example(schema?["schema"]) as? String ?? "voorbeeld"
            examplePath = examplePath.replacingOccurrences(of: "{\(parameter.name)}", with: value)
        }
        var lines = ["curl -i"]
        if method != "get" { lines.append("-X \(method.uppercased())") }
        let accepts = answers.first { $0.status.hasPrefix("2") }?.body?.mediaType ?? "application/json"
        lines.append("-H 'Accept: \(accepts)'")
        if !isReading { lines.append("-H 'Authorization: Bearer vw_…'") }
        if let request {
            lines.append("-H 'Content-Type: \(request.mediaType)'")
            if let example = request.example {
                lines.append("--data '" + example.replacingOccurrences(of: "'", with: "'\\''") + "'")
            }
        }
        lines.append("'\(APIDocumentation.exampleHost)\(examplePath)'")
        return APIDocumentation.Operation(
            id: operation["operationId"] as? String ?? "\(method)\(path)", method: method.uppercased(), path: path,
            summary: operation["summary"] as? String ?? "", description: operation["description"] as? String ?? "",
            parameters: parameters, request: request, answers: answers, isReading: isReading,
            exampleRequest: lines.joined(separator: " \\\n  "))
    }
}

/// The API documentation page: a controller, a view and one registration line.
struct APIDocumentationRoutes: Sendable {
    let pages: SitePages
    let renderer: PageRenderer
    let documentation: APIDocumentation

    func register(on routes: RouteGroups) {
        routes.reading.get(SiteURL.apiDocumentation.pattern) { request, context in
            let page = APIDocumentationPage(
                layout: pages.layout("API-documentatie", .apiDocumentation),
                documentation: documentation, openAPIHref: APIURL.openAPI.path)
            return html(renderer.render(page, context))
        }
    }
}

struct APIDocumentationPage: Sendable {
    var layout: Layout
    var documentation: APIDocumentation
    var openAPIHref: String
}
