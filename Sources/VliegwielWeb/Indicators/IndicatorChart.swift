import Foundation
import VliegwielCore

/// An inline SVG line chart of indicator values over time. Lines differ by dash pattern and
/// by the shape of their points as well as by name, so they read without colour; a legend
/// under the plot names them (no label at the end of a line, where a long name was cut off).
/// The value axis is labelled with its unit and starts at zero (or below, for negative
/// values), so that a small change does not look dramatic; the page shows the same numbers
/// in a table. Periods stand at their place in time.
enum TrendChart {
    /// The shape drawn at each value of a line.
    enum Marker: Sendable {
        case circle, square, triangle, diamond, cross
    }

    struct Line: Sendable {
        var label: String
        var values: [IndicatorValue]
        var dash: String?
        var marker: Marker
    }

    static let dashes: [String?] = [nil, "8 4", "2 4", "12 4 2 4", "4 4"]
    static let markers: [Marker] = [.circle, .square, .triangle, .diamond, .cross]

    /// Lines for `series` in order, each with its own dash pattern and point shape.
    static func lines(_ series: [TrendSeries]) -> [Line] {
        series.enumerated().map { index, line in
            Line(
                label: line.label, values: line.values, dash: dashes[index % dashes.count],
                marker: markers[index % markers.count])
        }
    }

    /// The value axis from zero (or the lowest negative value) to a round number at or above
    /// the highest value, with its ticks.
    static func axis(_ values: [Double]) -> (low: Double, high: Double, ticks: [Double]) {
        let low0 = min(values.min() ?? 0, 0)
        let high0 = max(values.max() ?? 0, 0)
        let range = high0 - low0 > 0 ? high0 - low0 : 1
        let rough = range / 4
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let low = floor(low0 / step) * step
        var high = ceil(high0 / step) * step
        if high <= low { high = low + step }
        let count = Int(((high - low) / step).rounded())
        return (low, high, (0...count).map { low + Double($0) * step })
    }

    /// Where the value axis for `values` starts, in words for a caption: at zero, or below it
    /// (and why) when a value is negative.
    static func axisNote(_ values: [Double]) -> String {
        let low = axis(values).low
        return low == 0
            ? "De as begint bij 0."
            : "De as begint bij \(IndicatorNumber.format(low)), onder 0, omdat er negatieve waarden zijn."
    }

    static func svg(id: String, title: String, description: String, unit: String, lines: [Line]) -> String {
        let periods = Array(Set(lines.flatMap { $0.values.map(\.period) })).sorted()
        let (low, high, ticks) = axis(lines.flatMap { $0.values.map(\.value) })
        let width = 640.0
        let left = 70.0
        let right = 24.0
        let top = 34.0
        let plotHeight = 180.0
        let legendTop = top + plotHeight + 48
        let legendRow = 24.0
        let height = legendTop + legendRow * Double(lines.count) + 4
        let plotWidth = width - left - right
        // Time runs in proportion: 2022, 2024 and 2025 are not evenly spaced.
        let first = periods.first?.midpoint ?? 0
        let span = (periods.last?.midpoint ?? 0) - first
        func x(_ period: IndicatorPeriod) -> Double {
            guard span > 0 else { return left + plotWidth / 2 }
            return left + 16 + (plotWidth - 32) * (period.midpoint - first) / span
        }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }
        let f = { (value: Double) in String(format: "%.1f", value) }
        var svg = """
            <svg class="chart" role="img" aria-labelledby="\(id)-title \(id)-desc" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" height="\(Int(height))" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(BarChart.escape(title))</title>
            <desc id="\(id)-desc">\(BarChart.escape(description))</desc>
            <text x="0" y="16" class="chart-label">\(BarChart.escape(unit.isEmpty ? "eenheid onbekend" : unit))</text>

            """
        for tick in ticks {
            svg += """
                <line x1="\(Int(left))" y1="\(f(y(tick)))" x2="\(Int(left + plotWidth))" y2="\(f(y(tick)))" class="chart-grid"/>
                <text x="\(Int(left - 8))" y="\(f(y(tick) + 5))" text-anchor="end" class="chart-value">\(BarChart.escape(IndicatorNumber.format(tick)))</text>

                """
        }
        svg += """
            <line x1="\(Int(left))" y1="\(f(y(max(low, 0))))" x2="\(Int(left + plotWidth))" y2="\(f(y(max(low, 0))))" stroke="currentColor" stroke-width="1"/>
            <line x1="\(Int(left))" y1="\(Int(top))" x2="\(Int(left))" y2="\(Int(top + plotHeight))" stroke="currentColor" stroke-width="1"/>

            """
        for period in periods {
            svg += """
                <text x="\(f(x(period)))" y="\(Int(top + plotHeight + 24))" text-anchor="middle" class="chart-label">\(BarChart.escape(period.label))</text>

                """
        }
        for line in lines {
            let points = line.values.sorted { $0.period < $1.period }.map { (x($0.period), y($0.value)) }
            if points.count > 1 {
                svg += """
                    <polyline points="\(points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))" fill="none" stroke="currentColor" stroke-width="2"\(line.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>

                    """
            }
            for point in points { svg += marker(line.marker, x: point.0, y: point.1) }
        }
        for (index, line) in lines.enumerated() {
            let rowY = legendTop + legendRow * Double(index)
            svg += """
                <line x1="0" y1="\(f(rowY))" x2="40" y2="\(f(rowY))" stroke="currentColor" stroke-width="2"\(line.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>
                \(marker(line.marker, x: 20, y: rowY))<text x="50" y="\(f(rowY + 5))" class="chart-label">\(BarChart.escape(line.label))</text>

                """
        }
        return svg + "</svg>"
    }

    /// Context trends: one line per series, named in the legend.
    static func svg(id: String, title: String, description: String, unit: String, series: [TrendSeries]) -> String {
        svg(id: id, title: title, description: description, unit: unit, lines: lines(series))
    }

    private static func marker(_ shape: Marker, x: Double, y: Double) -> String {
        let f = { (value: Double) in String(format: "%.1f", value) }
        return switch shape {
        case .circle: "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4.5\" fill=\"currentColor\"/>\n"
        case .square:
            "<rect x=\"\(f(x - 4.5))\" y=\"\(f(y - 4.5))\" width=\"9\" height=\"9\" fill=\"currentColor\"/>\n"
        case .triangle:
            "<path d=\"M\(f(x)),\(f(y - 5.5)) L\(f(x + 5.5)),\(f(y + 4.5)) L\(f(x - 5.5)),\(f(y + 4.5)) Z\" fill=\"currentColor\"/>\n"
        case .diamond:
            "<path d=\"M\(f(x)),\(f(y - 6)) L\(f(x + 6)),\(f(y)) L\(f(x)),\(f(y + 6)) L\(f(x - 6)),\(f(y)) Z\" fill=\"currentColor\"/>\n"
        case .cross:
            "<path d=\"M\(f(x - 5)),\(f(y - 5)) L\(f(x + 5)),\(f(y + 5)) M\(f(x - 5)),\(f(y + 5)) L\(f(x + 5)),\(f(y - 5))\" stroke=\"currentColor\" stroke-width=\"2.5\"/>\n"
        }
    }
}
