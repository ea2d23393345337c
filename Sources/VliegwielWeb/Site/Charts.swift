import Foundation

/// Inline SVG bar charts. Each chart has a title and a description for assistive
/// technology, and the page shows the same numbers in a table beside it.
enum BarChart {
    struct Bar {
        var label: String
        var value: Double
        /// A CSS class for the bar's colour (defined in the stylesheet, works in forced colours).
        var style: String = "bar"
        /// The value as shown beside the bar, when `format` cannot say it (an unknown amount).
        var text: String? = nil
        /// A line under the bar, inside the figure, for what the bar leaves out (deals whose
        /// amount is unknown are never drawn as zero: the chart says how many there are).
        var note: String? = nil
    }

    /// A horizontal bar chart of values in 0...`maximum`.
    static func svg(
        id: String, title: String, description: String, bars: [Bar], maximum: Double, format: (Double) -> String
    )
        -> String
    {
        let labelWidth = 230.0
        let barArea = 300.0
        let noteHeight = bars.contains { $0.note != nil } ? 20.0 : 0
        let rowHeight = 34.0 + noteHeight
        let height = rowHeight * Double(bars.count) + 10
        var svg = """
            <svg class="chart" role="img" aria-labelledby="\(id)-title \(id)-desc" viewBox="0 0 \(Int(labelWidth + barArea + 130)) \(Int(height))" width="100%" height="\(Int(height))" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(escape(title))</title>
            <desc id="\(id)-desc">\(escape(description))</desc>

            """
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * rowHeight + 5
            let width = maximum > 0 ? max(0, min(bar.value / maximum, 1)) * barArea : 0
            svg += """
                <text x="0" y="\(Int(y + 21))" class="chart-label">\(escape(bar.label))</text>
                <rect x="\(Int(labelWidth))" y="\(Int(y + 4))" width="\(String(format: "%.1f", width))" height="22" class="\(bar.style)"/>
                <text x="\(Int(labelWidth + width + 6))" y="\(Int(y + 21))" class="chart-value">\(escape(bar.text ?? format(bar.value)))</text>

                """
            if let note = bar.note {
                svg += """
                    <text x="\(Int(labelWidth))" y="\(Int(y + 43))" class="chart-note">\(escape(note))</text>

                    """
            }
        }
        return svg + "</svg>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// A horizontal bar chart of two values per row, before and after a change (the what-if page).
/// "Voor" is hatched and outlined, "na" solid, and every bar says in words which it is and its
/// value, so that the chart does not lean on colour; a legend above the bars names both.
enum BeforeAfterChart {
    struct Row {
        var label: String
        var before: Double
        var after: Double
    }

    static let beforeLabel = "Voor de wijziging"
    static let afterLabel = "Na de wijziging"

    static func svg(
        id: String, title: String, description: String, rows: [Row], unit: String, format: (Double) -> String
    ) -> String {
        let labelWidth = 230.0
        let barArea = 300.0
        let barHeight = 20.0
        let legendHeight = 34.0
        let rowHeight = 2 * barHeight + 22
        let maximum = rows.flatMap { [$0.before, $0.after] }.max() ?? 0
        let height = legendHeight + rowHeight * Double(rows.count) + 4
        let f = { (value: Double) in String(format: "%.1f", value) }
        let hatch = "url(#\(id)-arcering)"
        var svg = """
            <svg class="chart" role="img" aria-labelledby="\(id)-title \(id)-desc" viewBox="0 0 \(Int(labelWidth + barArea + 130)) \(Int(height))" width="100%" height="\(Int(height))" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(BarChart.escape(title))</title>
            <desc id="\(id)-desc">\(BarChart.escape(description))</desc>
            <defs><pattern id="\(id)-arcering" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" class="bar-before-ground"/><line x1="0" y1="0" x2="0" y2="6" stroke-width="3" class="bar-before-line"/></pattern></defs>
            <rect x="0" y="6" width="28" height="16" fill="\(hatch)" class="bar-before"/>
            <text x="36" y="19" class="chart-label">\(beforeLabel)</text>
            <rect x="230" y="6" width="28" height="16" class="bar"/>
            <text x="266" y="19" class="chart-label">\(afterLabel)</text>

            """
        for (index, row) in rows.enumerated() {
            let y = legendHeight + Double(index) * rowHeight
            func width(_ value: Double) -> Double { maximum > 0 ? max(0, min(value / maximum, 1)) * barArea : 0 }
            let before = width(row.before)
            let after = width(row.after)
            svg += """
                <text x="0" y="\(f(y + 20))" class="chart-label">\(BarChart.escape(row.label))</text>
                <rect x="\(Int(labelWidth))" y="\(f(y + 6))" width="\(f(before))" height="\(Int(barHeight))" fill="\(hatch)" class="bar-before"/>
                <text x="\(f(labelWidth + before + 6))" y="\(f(y + 21))" class="chart-value">voor: \(BarChart.escape(format(row.before))) \(unit)</text>
                <rect x="\(Int(labelWidth))" y="\(f(y + 8 + barHeight))" width="\(f(after))" height="\(Int(barHeight))" class="bar"/>
                <text x="\(f(labelWidth + after + 6))" y="\(f(y + 23 + barHeight))" class="chart-value">na: \(BarChart.escape(format(row.after))) \(unit)</text>

                """
        }
        return svg + "</svg>"
    }
}

/// Dutch number formats for the interface.
enum Format {
    static func decimal(_ value: Double, digits: Int = 2) -> String {
        String(format: "%.\(digits)f", value).replacingOccurrences(of: ".", with: ",")
    }
}
