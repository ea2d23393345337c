import Foundation

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
///
/// The markup is read and written as UTF-8 bytes: `<`, `>`, quotes and the tag names are ASCII,
/// so a byte scan finds exactly the tags a `Character` scan would, at a fraction of the cost
/// (this runs on every page that is made).
enum TableScroll {
    static func wrap(_ html: HTML, fallbackLabel: String) -> HTML {
        let text = html.description
        let source = Array(text.utf8)
        guard var tag = nextTableTag(source, from: 0) else { return html }
        var output: [UInt8] = []
        output.reserveCapacity(source.count + 1024)
        var position = 0
        var wrapped: [Bool] = []  // per open table: whether it was given a container here
        var count = 0
        while true {
            output.append(contentsOf: source[position..<tag.start])
            position = tag.end
            if tag.isClosing {
                output.append(contentsOf: "</table>".utf8)
                if wrapped.popLast() == true { output.append(contentsOf: "</div>".utf8) }
            } else if !wrapped.isEmpty || isInContainer(source, before: tag.start) {
                output.append(contentsOf: source[tag.start..<tag.end])
                wrapped.append(false)
            } else {
                count += 1
                var label: String
                var caption: [UInt8] = []
                if let found = captionTag(source, at: position) {
                    if let id = found.id {
                        label = #"aria-labelledby="\#(String(decoding: source[id], as: UTF8.self))""#
                        caption.append(contentsOf: source[position..<found.end])
                    } else {
                        let id = "tabelbijschrift-\(count)"
                        label = #"aria-labelledby="\#(id)""#
                        caption.append(contentsOf: source[position..<found.nameEnd])
                        caption.append(contentsOf: #" id="\#(id)""#.utf8)
                        caption.append(contentsOf: source[found.nameEnd..<found.end])
                    }
                    position = found.end
                } else {
                    label = ""
                    HTML.escape(fallbackLabel, into: &label)
                    label = #"aria-label="\#(label)""#
                }
                output.append(contentsOf: #"<div class="table-scroll" role="region" \#(label) tabindex="0">"#.utf8)
                output.append(contentsOf: source[tag.start..<tag.end])
                output.append(contentsOf: caption)
                wrapped.append(true)
            }
            guard let next = nextTableTag(source, from: position) else { break }
            tag = next
        }
        output.append(contentsOf: source[position...])
        return HTML(generated: String(decoding: output, as: UTF8.self))
    }

    private struct Tag {
        var start: Int
        var end: Int
        var isClosing: Bool
    }

    private static let lessThan = UInt8(ascii: "<")
    private static let greaterThan = UInt8(ascii: ">")
    private static let space = UInt8(ascii: " ")
    private static let quote = UInt8(ascii: "\"")
    private static let letterT = UInt8(ascii: "t")
    private static let slash = UInt8(ascii: "/")

    private static func has(_ bytes: [UInt8], _ prefix: String.UTF8View, at index: Int) -> Bool {
        var i = index
        for byte in prefix {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
        }
        return true
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// The next `<table …>` or `</table>` tag at or after `from`.
    private static func nextTableTag(_ bytes: [UInt8], from: Int) -> Tag? {
        var search = from
        while let start = index(of: lessThan, in: bytes, from: search) {
            search = start + 1
            // Most tags are another: a look at the byte after `<` passes them by.
            guard start + 1 < bytes.count, bytes[start + 1] == letterT || bytes[start + 1] == slash else { continue }
            if has(bytes, "</table>".utf8, at: start) {
                return Tag(start: start, end: start + 8, isClosing: true)
            }
            if has(bytes, "<table".utf8, at: start), start + 6 < bytes.count,
                bytes[start + 6] == greaterThan || bytes[start + 6] == space
            {
                guard let end = index(of: greaterThan, in: bytes, from: start + 6) else { return nil }
                return Tag(start: start, end: end + 1, isClosing: false)
            }
        }
        return nil
    }

    /// The first `byte` at or after `from`, found with `memchr`: the page is scanned for every
    /// `<`, and a byte loop over the whole page took a few percent of a page's time (issue 14).
    private static func index(of byte: UInt8, in bytes: [UInt8], from: Int) -> Int? {
        guard from < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base + from, Int32(byte), buffer.count - from)
            else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
    }

    /// The `<caption …>` tag right after a table's opening tag (with only white space between):
    /// where the tag's name ends, where the tag ends, and the caption's id if it has one.
    private static func captionTag(_ bytes: [UInt8], at position: Int) -> (
        nameEnd: Int, end: Int, id: Range<Int>?
    )? {
        var start = position
        while start < bytes.count, isWhitespace(bytes[start]) { start += 1 }
        guard has(bytes, "<caption".utf8, at: start), start + 8 < bytes.count,
            bytes[start + 8] == greaterThan || bytes[start + 8] == space,
            let close = bytes[(start + 8)...].firstIndex(of: greaterThan)
        else { return nil }
        let nameEnd = start + 8
        var id: Range<Int>?
        var i = nameEnd
        while i < close {
            if has(bytes, #" id=""#.utf8, at: i) {
                let valueStart = i + 5
                let valueEnd = bytes[valueStart..<close].firstIndex(of: quote) ?? close
                id = valueStart..<valueEnd
                break
            }
            i += 1
        }
        return (nameEnd, close + 1, id)
    }

    /// Whether the tag before `index` (past white space) opens a `table-scroll` container.
    private static func isInContainer(_ bytes: [UInt8], before index: Int) -> Bool {
        var end = index - 1
        while end >= 0, isWhitespace(bytes[end]) { end -= 1 }
        guard end >= 0, bytes[end] == greaterThan,
            let start = bytes[..<end].lastIndex(of: lessThan)
        else { return false }
        return has(bytes, #"<div class="table-scroll""#.utf8, at: start)
    }
}
