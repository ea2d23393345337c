import Foundation
import VliegwielCore

/// An inline SVG line chart of indicator values over time. Lines differ by dash pattern as
/// well as by label, so they read without colour; the page shows the same numbers in a table.
enum TrendChart {
    static func svg(id: String, title: String, description: String, series: [TrendSeries]) -> String {
        let periods = Array(Set(series.flatMap { $0.values.map(\.period) })).sorted()
        let values = series.flatMap { $0.values.map(\.value) }
        let width = 640.0
        let left = 70.0
        let right = 200.0
        let top = 15.0
        let plotHeight = 180.0
        let height = top + plotHeight + 40
        var low = values.min() ?? 0
        var high = values.max() ?? 1
        if high - low < 1e-9 {
            low -= 1
            high += 1
        }
        let pad = (high - low) * 0.1
        low -= pad
        high += pad
        let plotWidth = width - left - right
        func x(_ period: IndicatorPeriod) -> Double {
            guard periods.count > 1, let index = periods.firstIndex(of: period) else { return left + plotWidth / 2 }
            return left + plotWidth * Double(index) / Double(periods.count - 1)
        }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }
        let f = { (value: Double) in String(format: "%.1f", value) }
        var svg = """
            <svg class="chart" role="img" aria-labelledby="\(id)-title \(id)-desc" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" height="\(Int(height))" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(BarChart.escape(title))</title>
            <desc id="\(id)-desc">\(BarChart.escape(description))</desc>
            <line x1="\(Int(left))" y1="\(Int(top + plotHeight))" x2="\(Int(left + plotWidth))" y2="\(Int(top + plotHeight))" stroke="currentColor" stroke-width="1"/>
            <line x1="\(Int(left))" y1="\(Int(top))" x2="\(Int(left))" y2="\(Int(top + plotHeight))" stroke="currentColor" stroke-width="1"/>
            <text x="\(Int(left - 6))" y="\(Int(top + 5))" text-anchor="end" class="chart-value">\(BarChart.escape(IndicatorNumber.format(high)))</text>
            <text x="\(Int(left - 6))" y="\(Int(top + plotHeight))" text-anchor="end" class="chart-value">\(BarChart.escape(IndicatorNumber.format(low)))</text>

            """
        for period in periods {
            svg += """
                <text x="\(f(x(period)))" y="\(Int(top + plotHeight + 22))" text-anchor="middle" class="chart-label">\(BarChart.escape(period.label))</text>

                """
        }
        let dashes = ["", "8 4", "2 4", "12 4 2 4", "4 4"]
        for (index, line) in series.enumerated() {
            let points = line.values.map { "\(f(x($0.period))),\(f(y($0.value)))" }.joined(separator: " ")
            let dash = dashes[index % dashes.count]
            svg += """
                <polyline points="\(points)" fill="none" stroke="currentColor" stroke-width="2"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>

                """
            if let last = line.values.last {
                svg += """
                    <text x="\(f(x(last.period) + 8))" y="\(f(y(last.value) + 5))" class="chart-label">\(BarChart.escape(line.label))</text>

                    """
            }
        }
        return svg + "</svg>"
    }
}
