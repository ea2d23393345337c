/// A piece of HTML that is safe to send: built only from literals written in the views,
/// escaped text, and other `HTML`. Interpolating a `String` escapes it (`&`, `<`, `>`, `"`
/// and `'`, so the same text is safe in an element and in a quoted attribute); interpolating
/// `HTML` inserts it as it is. Markup that the server generated itself (an SVG chart) becomes
/// `HTML` only through `init(generated:)`, which names the exception at the call.
struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var text: String

    init(stringLiteral literal: String) {
        text = literal
    }

    init(stringInterpolation interpolation: StringInterpolation) {
        text = interpolation.text
    }

    /// Markup that this server produced (charts, diagrams), inserted unescaped. Never pass
    /// text that came from a visitor, a file or the database.
    init(generated markup: String) {
        text = markup
    }

    /// The pieces one after the other, each on its own line; an empty piece takes no line (as
    /// a template section that renders nothing).
    init(lines: [HTML]) {
        text = lines.lazy.filter { !$0.text.isEmpty }.map(\.text).joined(separator: "\n")
    }

    static let empty: HTML = ""

    var isEmpty: Bool { text.isEmpty }

    var description: String { text }

    static func + (left: HTML, right: HTML) -> HTML {
        HTML(generated: left.text + right.text)
    }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var text: String

        init(literalCapacity: Int, interpolationCount: Int) {
            text = ""
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) {
            text += literal
        }

        /// Text, escaped.
        mutating func appendInterpolation(_ value: String) {
            HTML.escape(value, into: &text)
        }

        mutating func appendInterpolation(_ value: Int) {
            text += String(value)
        }

        mutating func appendInterpolation(_ value: Double) {
            text += String(describing: value)
        }

        mutating func appendInterpolation(_ html: HTML) {
            text += html.text
        }

        /// Markup that may be absent: nothing when it is. (There is deliberately no overload for
        /// `String?`: `optional.map { "<b>…</b>" }` must build markup, never escaped text.)
        mutating func appendInterpolation(_ html: HTML?) {
            if let html { text += html.text }
        }

        /// The pieces one after the other, with nothing between them.
        mutating func appendInterpolation(_ pieces: [HTML]) {
            for piece in pieces { text += piece.text }
        }

        /// `html` when `condition` holds, else nothing.
        mutating func appendInterpolation(if condition: Bool, _ html: @autoclosure () -> HTML) {
            if condition { text += html().text }
        }

        /// `html` when `condition` holds, else `otherwise`.
        mutating func appendInterpolation(
            if condition: Bool, _ html: @autoclosure () -> HTML, else otherwise: @autoclosure () -> HTML
        ) {
            text += condition ? html().text : otherwise().text
        }
    }

    /// Appends `value` with the five characters that are special in HTML text and in quoted
    /// attributes replaced by references (the set Mustache escaped, so pages keep their bytes).
    static func escape(_ value: String, into output: inout String) {
        var utf8 = value.utf8.makeIterator()
        var needsEscaping = false
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                needsEscaping = true
            default: continue
            }
            break
        }
        guard needsEscaping else {
            output += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}

/// Builds a block of HTML from statements, one piece per line, with Swift's own `if`,
/// `if let`, `switch` and `for` in place of template sections.
@resultBuilder
enum HTMLBuilder {
    static func buildExpression(_ html: HTML) -> [HTML] { [html] }
    static func buildExpression(_ pieces: [HTML]) -> [HTML] { pieces }
    static func buildBlock(_ parts: [HTML]...) -> [HTML] { parts.flatMap { $0 } }
    static func buildOptional(_ part: [HTML]?) -> [HTML] { part ?? [] }
    static func buildEither(first part: [HTML]) -> [HTML] { part }
    static func buildEither(second part: [HTML]) -> [HTML] { part }
    static func buildArray(_ parts: [[HTML]]) -> [HTML] { parts.flatMap { $0 } }
    static func buildFinalResult(_ parts: [HTML]) -> HTML { HTML(lines: parts) }
}
