import Foundation

/// The one rule for text that people and programs send in (security review L6, issue 17): no
/// NUL or other control character except tab, line feed and carriage return, and no
/// bidirectional override or isolate, which make text read differently from what it is
/// (an override can make `evil` display as `live`). Applied to every form and JSON body before anything
/// is stored or hashed, so that the stored text is exactly the text that was sent.
public enum InputText {
    /// Why `text` is refused, in Dutch, naming the first offending character; nil when it passes.
    public static func problem(in text: String) -> String? {
        for scalar in text.unicodeScalars where isRefused(scalar) {
            let code = "U+" + codePoint(scalar)
            return isBidiControl(scalar)
                ? "bevat een teken dat de leesrichting omdraait (\(code)); laat het weg"
                : "bevat een onzichtbaar stuurteken (\(code)); laat het weg"
        }
        return nil
    }

    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: isBidiControl(scalar)
        }
    }

    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

extension InputText {
    /// `text` in Unicode normalisation form C, the form in which Vliegwiel stores and hashes text:
    /// the same name typed as "é" or as "e" with a combining accent is one name.
    public static func normalized(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
    }

    /// Every refused character in the text of a file, each with its line and column (counted
    /// in characters from 1), at most `limit` of them and then a count of the rest.
    public static func fileIssues(in text: String, source: String, limit: Int = 20) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var line = 1
        var column = 0
        var more = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 0
                continue
            }
            column += 1
            guard isRefused(scalar), let reason = problem(in: String(scalar)) else { continue }
            if issues.count < limit {
                issues.append(ValidationIssue(source: source, field: "regel \(line), kolom \(column)", message: reason))
            } else {
                more += 1
            }
        }
        if more > 0 {
            issues.append(
                ValidationIssue(
                    source: source, field: "", message: "en nog \(more) zulke tekens verderop in het bestand"))
        }
        return issues
    }

    /// The text of a file that a person hands to the CLI, as it will be stored: refused with every
    /// offending line and column when it holds a control or bidi character, otherwise in NFC.
    public static func checkedFile(_ text: String, source: String) throws(ValidationFailure) -> String {
        let issues = fileIssues(in: text, source: source)
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
        return normalized(text)
    }
}

extension InputText {
    /// `text` with each refused character written out as `⟨U+202E⟩`, to show a person what was
    /// refused without passing the character on.
    public static func visible(_ text: String) -> String {
        replacingScalars(in: text, where: isRefused) { "⟨U+\($0)⟩" }
    }

    /// A scalar's code point in hexadecimal, at least four digits (`202E`, `0000`).
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with every scalar for which `matches` holds written as `render(codePoint)`; the
    /// rest kept as it is. The one way Vliegwiel makes invisible characters visible.
    static func replacingScalars(
        in text: String, where matches: (Unicode.Scalar) -> Bool, with render: (String) -> String
    ) -> String {
        guard text.unicodeScalars.contains(where: matches) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if matches(scalar) {
                result += render(codePoint(scalar))
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
