import Foundation

// A small typed RDF graph and its two writers, Turtle (W3C RDF 1.1 Turtle) and JSON-LD 1.1 (a
// flattened document with a context of prefixes). No RDF library for Swift is on the package
// mirror, so the writers are here; they take only typed terms, and every IRI and literal goes
// through one escaping function per syntax, so that no text of the data can end a string, an
// IRI or a statement. The JSON is written by Foundation's JSONSerialization.

/// An IRI. Characters an IRI may not hold (space, `<>"{}|\^` and backquote, control
/// characters) are percent-encoded when it is made, so the writers never meet one.
public struct RDFIRI: Sendable, Hashable, Comparable {
    public let value: String

    public init(_ text: String) {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F || "<>\"{}|\\^`".unicodeScalars.contains(scalar) {
                for byte in String(scalar).utf8 { result += String(format: "%%%02X", byte) }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        value = result
    }

    /// This IRI with `fragment` (percent-encoded where it is not a plain name) after a `#`.
    public func with(fragment: String) -> RDFIRI {
        let allowed = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let base = value.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return RDFIRI(base + "#" + (fragment.addingPercentEncoding(withAllowedCharacters: allowed) ?? fragment))
    }

    public static func < (a: RDFIRI, b: RDFIRI) -> Bool { a.value < b.value }
}

/// A literal: a plain string, a string in a language (`@nl`) or a typed value (`^^xsd:date`).
public struct RDFLiteral: Sendable, Hashable {
    public var lexical: String
    public var language: String?
    public var datatype: RDFIRI?

    public init(_ lexical: String, language: String? = nil) {
        self.lexical = lexical
        self.language = language
        self.datatype = nil
    }

    public init(_ lexical: String, datatype: RDFIRI) {
        self.lexical = lexical
        self.language = nil
        self.datatype = datatype
    }
}

/// The subject of a statement: an IRI or a blank node (its label, unique in the graph).
public enum RDFSubject: Sendable, Hashable {
    case iri(RDFIRI)
    case blank(String)
}

/// The object of a statement.
public enum RDFObject: Sendable, Hashable {
    case iri(RDFIRI)
    case blank(String)
    case literal(RDFLiteral)

    public init(_ subject: RDFSubject) {
        switch subject {
        case .iri(let iri): self = .iri(iri)
        case .blank(let label): self = .blank(label)
        }
    }
}

public struct RDFTriple: Sendable, Hashable {
    public var subject: RDFSubject
    public var predicate: RDFIRI
    public var object: RDFObject

    public init(_ subject: RDFSubject, _ predicate: RDFIRI, _ object: RDFObject) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
    }
}

/// A graph: its statements in the order they were added, and the prefixes its documents use.
public struct RDFGraph: Sendable {
    /// Prefix name → namespace IRI, used by both writers for shorter documents.
    public var prefixes: [(name: String, namespace: String)]
    public private(set) var triples: [RDFTriple] = []
    private var seen: Set<RDFTriple> = []

    public static let rdfType = RDFIRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

    public init(prefixes: [(name: String, namespace: String)]) {
        self.prefixes = prefixes
    }

    /// Adds a statement, once.
    public mutating func add(_ subject: RDFSubject, _ predicate: RDFIRI, _ object: RDFObject) {
        let triple = RDFTriple(subject, predicate, object)
        if seen.insert(triple).inserted { triples.append(triple) }
    }

    /// The subjects in the order they first appear, each with its statements in order.
    private var bySubject: [(RDFSubject, [RDFTriple])] {
        var order: [RDFSubject] = []
        var groups: [RDFSubject: [RDFTriple]] = [:]
        for triple in triples {
            if groups[triple.subject] == nil { order.append(triple.subject) }
            groups[triple.subject, default: []].append(triple)
        }
        return order.map { ($0, groups[$0]!) }
    }

    // MARK: Turtle

    /// The graph as Turtle, UTF-8 text.
    public func turtle() -> String {
        var out = ""
        for (name, namespace) in prefixes {
            out += "@prefix \(name): \(Self.iriRef(namespace)) .\n"
        }
        for (subject, statements) in bySubject {
            out += "\n" + turtle(subject)
            var predicates: [RDFIRI] = []
            var objects: [RDFIRI: [RDFObject]] = [:]
            for triple in statements {
                if objects[triple.predicate] == nil { predicates.append(triple.predicate) }
                objects[triple.predicate, default: []].append(triple.object)
            }
            for (index, predicate) in predicates.enumerated() {
                let verb = predicate == Self.rdfType ? "a" : name(predicate)
                let values = objects[predicate]!.map(turtle).joined(separator: ",\n        ")
                out += "\n    \(verb) \(values)" + (index == predicates.count - 1 ? " .\n" : " ;")
            }
        }
        return out
    }

    private func turtle(_ subject: RDFSubject) -> String {
        switch subject {
        case .iri(let iri): name(iri)
        case .blank(let label): "_:" + Self.blankLabel(label)
        }
    }

    private func turtle(_ object: RDFObject) -> String {
        switch object {
        case .iri(let iri): return name(iri)
        case .blank(let label): return "_:" + Self.blankLabel(label)
        case .literal(let literal):
            var text = "\"" + Self.escapeString(literal.lexical) + "\""
            if let language = literal.language {
                text += "@" + language
            } else if let datatype = literal.datatype {
                text += "^^" + name(datatype)
            }
            return text
        }
    }

    /// A prefixed name when a prefix covers the IRI and the rest is a plain local name;
    /// the full IRI otherwise.
    private func name(_ iri: RDFIRI) -> String {
        if let local = localName(iri) { return local.prefix + ":" + local.name }
        return Self.iriRef(iri.value)
    }

    private func localName(_ iri: RDFIRI) -> (prefix: String, name: String)? {
        for (prefix, namespace) in prefixes where iri.value.hasPrefix(namespace) {
            let rest = iri.value.dropFirst(namespace.count)
            guard let first = rest.first, first.isASCII, first.isLetter,
                rest.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
            else { continue }
            return (prefix, String(rest))
        }
        return nil
    }

    /// `<…>`; the characters an IRIREF may not hold were percent-encoded by ``RDFIRI``.
    static func iriRef(_ value: String) -> String { "<" + RDFIRI(value).value + ">" }

    /// The inside of a Turtle `"…"` string: backslash, quote and every control character escaped.
    static func escapeString(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A blank node label as Turtle and JSON-LD allow it: letters, digits, `_` and `-`.
    static func blankLabel(_ label: String) -> String {
        let cleaned = String(label.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "_" })
        return cleaned.first?.isLetter == true ? cleaned : "b" + cleaned
    }

    // MARK: JSON-LD

    /// The graph as a JSON-LD 1.1 document: `@context` with the prefixes, `@graph` with one node
    /// object per subject. Every value is an explicit `@id` or `@value` object, so the context
    /// needs no term definitions and the document reads back as exactly this graph.
    public func jsonLD() throws -> Data {
        var context: [String: Any] = [:]
        for (name, namespace) in prefixes { context[name] = namespace }
        var nodes: [[String: Any]] = []
        for (subject, statements) in bySubject {
            var node: [String: Any] = ["@id": jsonID(subject)]
            var types: [String] = []
            var properties: [String: [[String: Any]]] = [:]
            for triple in statements {
                if triple.predicate == Self.rdfType, case .iri(let type) = triple.object {
                    types.append(compact(type))
                    continue
                }
                properties[compact(triple.predicate), default: []].append(jsonValue(triple.object))
            }
            if !types.isEmpty { node["@type"] = types }
            for (key, values) in properties { node[key] = values }
            nodes.append(node)
        }
        return try JSONSerialization.data(
            withJSONObject: ["@context": context, "@graph": nodes],
            options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    private func compact(_ iri: RDFIRI) -> String {
        if let local = localName(iri) { return local.prefix + ":" + local.name }
        return iri.value
    }

    private func jsonID(_ subject: RDFSubject) -> String {
        switch subject {
        case .iri(let iri): compact(iri)
        case .blank(let label): "_:" + Self.blankLabel(label)
        }
    }

    private func jsonValue(_ object: RDFObject) -> [String: Any] {
        switch object {
        case .iri(let iri): return ["@id": compact(iri)]
        case .blank(let label): return ["@id": "_:" + Self.blankLabel(label)]
        case .literal(let literal):
            var value: [String: Any] = ["@value": literal.lexical]
            if let language = literal.language {
                value["@language"] = language
            } else if let datatype = literal.datatype {
                value["@type"] = compact(datatype)
            }
            return value
        }
    }
}
