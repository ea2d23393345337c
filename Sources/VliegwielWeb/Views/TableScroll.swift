/// Every table of a page in a container of its own that scrolls sideways when the table is wider
/// than the screen, so that the page itself reflows at 320 CSS px (WCAG 1.4.10, issue 16 item 8):
///
///     <div class="table-scroll" role="region" aria-labelledby="tabelbijschrift-1" tabindex="0">
///     <table>
///       <caption id="tabelbijschrift-1">…</caption>
///
/// The container can be focused, so that it can be scrolled with the keyboard, and it is a region
/// named by the table's caption (the caption gets an id when it has none); a table without a
/// caption is named `fallbackLabel`. Views write plain `<table>`; the page frame wraps them here.
/// A table that a view already put in a `table-scroll` container, and a table inside another
/// table, is left as it is.
///
/// Reading the finished markup is sound because `HTML` escapes all text: `<table` and
/// `</table>` in it can only be tags that a view wrote.
enum TableScroll {
    static func wrap(_ html: HTML, fallbackLabel: String) -> HTML {
        let text = html.description
        guard text.contains("<table") else { return html }
        var output = ""
        output.reserveCapacity(text.utf8.count + 512)
        var rest = text[...]
        var wrapped: [Bool] = []  // per open table: whether it was given a container here
        var count = 0
        while let tag = nextTableTag(in: rest) {
            output += rest[..<tag.range.lowerBound]
            rest = rest[tag.range.upperBound...]
            if tag.isClosing {
                output += "</table>"
                if wrapped.popLast() == true { output += "</div>" }
                continue
            }
            let opening = String(text[tag.range])
            guard wrapped.isEmpty, !endsInContainer(output) else {
                output += opening
                wrapped.append(false)
                continue
            }
            count += 1
            var label: String
            var caption = ""
            if let found = captionTag(at: rest) {
                if let id = found.id {
                    label = #"aria-labelledby="\#(id)""#
                    caption = String(rest[..<found.end])
                } else {
                    let id = "tabelbijschrift-\(count)"
                    label = #"aria-labelledby="\#(id)""#
                    caption = rest[..<found.nameEnd] + #" id="\#(id)""# + rest[found.nameEnd..<found.end]
                }
                rest = rest[found.end...]
            } else {
                label = ""
                HTML.escape(fallbackLabel, into: &label)
                label = #"aria-label="\#(label)""#
            }
            output += #"<div class="table-scroll" role="region" \#(label) tabindex="0">"#
            output += opening
            output += caption
            wrapped.append(true)
        }
        output += rest
        return HTML(generated: output)
    }

    private struct Tag {
        var range: Range<Substring.Index>
        var isClosing: Bool
    }

    /// The next `<table …>` or `</table>` tag (searched in UTF-8: `<` and `>` are ASCII, so every
    /// index found is a valid index of the text).
    private static func nextTableTag(in text: Substring) -> Tag? {
        let bytes = text.utf8
        var search = bytes.startIndex
        while let start = bytes[search...].firstIndex(of: UInt8(ascii: "<")) {
            let after = bytes[bytes.index(after: start)...]
            if after.starts(with: "/table>".utf8) {
                return Tag(range: start..<bytes.index(start, offsetBy: 8), isClosing: true)
            }
            if after.starts(with: "table".utf8),
                let next = after.dropFirst(5).first, next == UInt8(ascii: ">") || next == UInt8(ascii: " ")
            {
                guard let end = after.firstIndex(of: UInt8(ascii: ">")) else { return nil }
                return Tag(range: start..<bytes.index(after: end), isClosing: false)
            }
            search = after.startIndex
        }
        return nil
    }

    /// The `<caption …>` tag right after a table's opening tag (with only white space between):
    /// where the tag's name ends, where the tag ends, and the caption's id if it has one.
    private static func captionTag(at text: Substring) -> (
        nameEnd: Substring.Index, end: Substring.Index, id: Substring?
    )? {
        let start = text.drop(while: \.isWhitespace)
        guard start.hasPrefix("<caption"), let close = start.firstIndex(of: ">") else { return nil }
        let nameEnd = start.index(start.startIndex, offsetBy: 8)
        guard start[nameEnd] == ">" || start[nameEnd] == " " else { return nil }
        let attributes = start[nameEnd..<close]
        var id: Substring?
        if let marker = attributes.firstRange(of: #" id=""#) {
            id = attributes[marker.upperBound...].prefix(while: { $0 != "\"" })
        }
        return (nameEnd, start.index(after: close), id)
    }

    /// Whether the last tag written is the opening of a `table-scroll` container.
    private static func endsInContainer(_ output: String) -> Bool {
        guard let start = output.lastIndex(of: "<") else { return false }
        let tag = output[start...]
        return tag.hasPrefix(#"<div class="table-scroll""#)
            && tag.drop(while: { $0 != ">" }).dropFirst().allSatisfy(\.isWhitespace)
    }
}
