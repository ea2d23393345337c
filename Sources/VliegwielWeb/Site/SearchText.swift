import Foundation

/// Matching of what a visitor types against Dutch text: case and accents ignored ("Zeeuws-
/// Vlaanderen" for "zeeuws vlaanderen", "Hollands Kroon" for "hollands kroon", "Noordoost-
/// Friesland" for "friesland"), each word of the query found somewhere in the item (in any order),
/// and a short piece of the text around the first match to show why an item was found.
struct SearchText: Sendable {
    /// The query's words, folded; empty when nothing but spaces and punctuation was typed.
    let terms: [String]

    init(_ query: String) {
        terms = Self.fold(query).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    var isEmpty: Bool { terms.isEmpty }

    /// Case, accents and width folded; `ĳ` as `ij`.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "ĳ", with: "ij")
    }

    /// Whether every word of the query occurs in one of `fields`.
    func matches(_ fields: [String]) -> Bool {
        guard !terms.isEmpty else { return false }
        let folded = fields.map(Self.fold)
        return terms.allSatisfy { term in folded.contains { $0.contains(term) } }
    }

    /// How many of the query's words `text` contains.
    func hits(in text: String) -> Int {
        let folded = Self.fold(text)
        return terms.filter { folded.contains($0) }.count
    }

    /// The part of `text` around the first word of the query it contains, at most about
    /// `width` characters, with the matched words marked; `nil` when it contains none.
    func excerpt(of text: String, width: Int = 160) -> [Piece]? {
        let characters = Array(text)
        // The folded text character by character, with the original character of each.
        var folded: [Character] = []
        var origin: [Int] = []
        for (index, character) in characters.enumerated() {
            for piece in Self.fold(String(character)) {
                folded.append(piece)
                origin.append(index)
            }
        }
        var marked = [Bool](repeating: false, count: characters.count)
        var first: Int?
        for term in terms {
            let needle = Array(term)
            guard !needle.isEmpty, needle.count <= folded.count else { continue }
            var start = 0
            while start + needle.count <= folded.count {
                if Array(folded[start..<start + needle.count]) == needle {
                    for position in start..<start + needle.count { marked[origin[position]] = true }
                    first = min(first ?? origin[start], origin[start])
                    start += needle.count
                } else {
                    start += 1
                }
            }
        }
        guard let first else { return nil }
        var lower = max(0, first - width / 3)
        var upper = min(characters.count, lower + width)
        lower = max(0, min(lower, upper - width))
        // Whole words at both ends.
        if lower > 0 {
            while lower < first, !characters[lower - 1].isWhitespace { lower += 1 }
        }
        if upper < characters.count {
            var end = upper
            while end > first, !characters[end].isWhitespace { end -= 1 }
            if end > first { upper = end }
        }
        var pieces: [Piece] = lower > 0 ? [Piece(text: "… ", isMatch: false)] : []
        var index = lower
        while index < upper {
            let isMatch = marked[index]
            var end = index
            while end < upper, marked[end] == isMatch { end += 1 }
            pieces.append(Piece(text: String(characters[index..<end]), isMatch: isMatch))
            index = end
        }
        if upper < characters.count { pieces.append(Piece(text: " …", isMatch: false)) }
        return pieces
    }

    /// A part of an excerpt: matched or not.
    struct Piece: Sendable, Hashable {
        var text: String
        var isMatch: Bool
    }
}
