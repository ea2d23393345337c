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

/// Dutch number formats for the interface.
enum Format {
    static func decimal(_ value: Double, digits: Int = 2) -> String {
        String(format: "%.\(digits)f", value).replacingOccurrences(of: ".", with: ",")
    }
}
