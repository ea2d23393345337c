/// The one rule for text that people and programs send in (security review L6, issue 17): no
/// NUL or other control character except tab, line feed and carriage return, and no
/// bidirectional override or isolate, which make text read differently from what it is
/// (an override can make `evil` display as `live`). Applied to every form and JSON body before anything
/// is stored or hashed, so that the stored text is exactly the text that was sent.
public enum InputText {
    /// Why `text` is refused, in Dutch, naming the first offending character; nil when it passes.
    public static func problem(in text: String) -> String? {
        for scalar in text.unicodeScalars where isRefused(scalar) {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
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
