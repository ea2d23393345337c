/// The comparison's chart (usability review: "variatie 10,06" was an abstract score with two
/// colours and no legend): per element, how many of its dimensions differ, are equal and cannot
/// be compared, as one stacked bar of the element's dimensions. The numbers stand beside each
/// bar in words, so colour never carries the meaning alone; the page has a legend and a table.
enum DifferenceChart {
    /// The three parts of a bar, in order, with their CSS class and their word.
    struct Part: Sendable {
        var style: String
        var word: String
        var count: @Sendable (ComparePage.VariationRow) -> Int
    }

    static let parts: [Part] = [
        Part(style: "bar-different", word: "verschillend") { $0.differing },
        Part(style: "bar-equal", word: "gelijk") { $0.equal },
        Part(style: "bar-not-comparable", word: ComparePage.notComparable) { $0.notComparable },
    ]

    static func sentence(_ row: ComparePage.VariationRow) -> String {
        "\(row.differing) van \(row.total) dimensies verschillen"
            + (row.notComparable > 0 ? ", \(row.notComparable) \(ComparePage.notComparable)" : "")
    }

    static func svg(id: String, rows: [ComparePage.VariationRow]) -> String {
        let labelWidth = 200.0
        let barArea = 260.0
        let rowHeight = 46.0
        let height = rowHeight * Double(rows.count) + 10
        let widest = Double(rows.map(\.total).max() ?? 1)
        var svg = """
            <svg class="chart" role="img" aria-labelledby="\(id)-title \(id)-desc" viewBox="0 0 \(Int(labelWidth + barArea + 20)) \(Int(height))" width="100%" height="\(Int(height))" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">Hoeveel dimensies per element verschillen</title>
            <desc id="\(id)-desc">\(BarChart.escape(rows.map { "\($0.label): \(sentence($0))" }.joined(separator: "; ")))</desc>

            """
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 5
            svg += """
                <text x="0" y="\(Int(y + 17))" class="chart-label">\(BarChart.escape(row.label))</text>
                <text x="0" y="\(Int(y + 37))" class="chart-value">\(BarChart.escape(sentence(row)))</text>

                """
            var x = labelWidth
            for part in parts {
                let count = part.count(row)
                guard count > 0 else { continue }
                let width = Double(count) / widest * barArea
                svg += """
                    <rect x="\(Format.decimal(x, digits: 1).replacingOccurrences(of: ",", with: "."))" y="\(Int(y + 6))" width="\(Format.decimal(width, digits: 1).replacingOccurrences(of: ",", with: "."))" height="26" class="\(part.style)"><title>\(count) \(part.word)</title></rect>

                    """
                x += width
            }
        }
        return svg + "</svg>"
    }
}

extension ComparePage {
    /// The status of a dimension that no two arrangements state differently while at least one
    /// does not state it ("onbekend" read as an error, usability review).
    static let notComparable = "niet bij alle bekend"
}
