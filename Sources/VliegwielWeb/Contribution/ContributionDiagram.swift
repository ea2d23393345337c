import VliegwielCore

/// The contribution graph drawn as inline SVG, read from left to right as a theory of change:
/// the sources (the arrangement's interventions, third parties' interventions, context
/// factors), then partial effects, conditions and outcomes. A link's evidence strength shows
/// in its line (dashes and width, never colour alone); a link back to an earlier column (the
/// circular relation of §5.1) curves below. The page shows the same links in a table.
/// The figure is drawn at its own size (one unit is one CSS pixel), so that its text is as large
/// as the page's small print and never shrinks with the screen (usability review: about 11 px);
/// on a narrow screen it scrolls in its box, which the keyboard reaches through the nodes: each
/// node is a link to its row in the table of nodes, where its links and their evidence are
/// (WCAG 1.4.10 and 2.1.1). The picture is therefore a group, not an image, whose children a
/// screen reader would skip. A legend under the columns says what the boxes and lines mean.
enum ContributionDiagram {
    static let columnWidth = 280.0
    static let boxWidth = 234.0
    static let boxHeight = 66.0
    static let rowHeight = 92.0
    static let top = 38.0
    /// Characters per line in a box, at 15 px.
    static let lineLength = 25
    static let legendRow = 32.0

    /// The column of each kind of node, in reading order.
    static func column(of kind: ContributionNodeKind) -> Int {
        switch kind {
        case .intervention, .thirdPartyIntervention, .contextFactor: 0
        case .partialEffect: 1
        case .condition: 2
        case .outcome: 3
        }
    }

    static let columnTitles = ["Interventies en context", "Deeleffecten", "Voorwaarden", "Uitkomsten"]

    /// The page's anchor of node `id`: its row in the table of nodes, with the links and
    /// their evidence (usability review: "nodes are not clickable to their evidence").
    static func nodeAnchor(_ id: String) -> String { "knoop-\(id)" }
    /// The page's anchor of link `id`: its row in the table of links, with its evidence.
    static func linkAnchor(_ id: String) -> String { "schakel-\(id)" }

    static func svg(_ graph: ContributionGraph, id: String, title: String) -> String {
        var position: [String: (x: Double, y: Double)] = [:]
        var rows = [0, 0, 0, 0]
        for node in graph.nodes where position[node.id] == nil {
            let column = column(of: node.kind)
            position[node.id] = (10 + Double(column) * columnWidth, top + Double(rows[column]) * rowHeight)
            rows[column] += 1
        }
        let legendTop = top + Double(max(rows.max() ?? 1, 1)) * rowHeight + 40
        let height = legendTop + 40 + legendRow * 4
        let width = 10 + 4 * columnWidth
        var svg = """
            <svg class="graph" role="group" aria-labelledby="\(id)-title \(id)-desc" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(BarChart.escape(title))</title>
            <desc id="\(id)-desc">\(graph.nodes.count) knopen en \(graph.links.count) schakels, van links naar rechts: \
            interventies, derden en context; deeleffecten; voorwaarden; uitkomsten. De tabel met schakels onder de figuur geeft dezelfde informatie.</desc>
            <defs><marker id="\(id)-pijl" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="graph-arrow"/></marker></defs>

            """
        for (index, columnTitle) in columnTitles.enumerated() {
            svg +=
                "<text x=\"\(Int(10 + Double(index) * columnWidth))\" y=\"20\" class=\"graph-heading\">\(columnTitle)</text>\n"
        }
        for link in graph.links {
            guard let from = position[link.from], let to = position[link.to], link.from != link.to else { continue }
            let (dash, stroke) = lineStyle(link.evidenceStrength)
            let path: String
            if to.x > from.x {
                let startX = from.x + boxWidth
                let startY = from.y + boxHeight / 2
                let endY = to.y + boxHeight / 2
                let middle = (startX + to.x) / 2
                path =
                    "M\(f(startX)),\(f(startY)) C\(f(middle)),\(f(startY)) \(f(middle)),\(f(endY)) \(f(to.x)),\(f(endY))"
            } else {
                // Back or sideways: leave below the source and enter below the target.
                let startX = from.x + boxWidth / 2
                let startY = from.y + boxHeight
                let endX = to.x + boxWidth / 2 + 12
                let endY = to.y + boxHeight
                let low = max(startY, endY) + 26
                path = "M\(f(startX)),\(f(startY)) C\(f(startX)),\(f(low)) \(f(endX)),\(f(low)) \(f(endX)),\(f(endY))"
            }
            svg += """
                <path d="\(path)" class="graph-link" fill="none" stroke-width="\(stroke)"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") marker-end="url(#\(id)-pijl)"><title>\(BarChart.escape(graph.describe(link)))</title></path>

                """
        }
        for node in graph.nodes {
            guard let place = position[node.id] else { continue }
            svg += """
                <a href="#\(nodeAnchor(node.id))" aria-label="\(BarChart.escape("\(node.label) (\(node.kind.label)): schakels en bewijs"))"><g class="graph-node graph-node--\(node.kind.rawValue)"><rect x="\(f(place.x))" y="\(f(place.y))" width="\(Int(boxWidth))" height="\(Int(boxHeight))" rx="6"/>

                """
            for (line, text) in wrap(node.label, width: lineLength, lines: 3).enumerated() {
                svg +=
                    "<text x=\"\(f(place.x + 8))\" y=\"\(f(place.y + 20 + Double(line) * 19))\">\(BarChart.escape(text))</text>\n"
            }
            svg += "</g></a>\n"
        }
        return svg + legend(top: legendTop) + "</svg>"
    }

    /// What the boxes and the lines mean (usability review: line styles explained only in a
    /// sentence under the figure, fills and dashed boxes not at all): boxes on the left, lines on
    /// the right, each drawn as in the graph.
    static let legendBoxes: [(kind: ContributionNodeKind, label: String)] = [
        (.intervention, "Interventie van het arrangement (gekleurd, dikke rand)"),
        (.thirdPartyIntervention, "Interventie van derden of contextfactor (gestreepte rand)"),
        (.partialEffect, "Deeleffect of voorwaarde (dunne rand)"),
        (.outcome, "Uitkomst in brede welvaart (groen, dikke rand)"),
    ]

    static func legendLine(_ strength: EvidenceStrength) -> String {
        switch strength {
        case .none: "Geen bewijs (stippellijn)"
        case .weak: "Zwak bewijs (streepjeslijn)"
        case .reasonable: "Redelijk bewijs (doorgetrokken)"
        case .strong: "Sterk bewijs (dik doorgetrokken)"
        }
    }

    static func legend(top: Double) -> String {
        let middle = 10 + 2 * columnWidth
        var svg = "<text x=\"10\" y=\"\(f(top + 16))\" class=\"graph-heading\">Legenda: knopen</text>\n"
        svg +=
            "<text x=\"\(f(middle))\" y=\"\(f(top + 16))\" class=\"graph-heading\">Legenda: schakels (bewijs)</text>\n"
        for (index, box) in legendBoxes.enumerated() {
            let y = top + 32 + Double(index) * legendRow
            svg += """
                <g class="graph-node graph-node--\(box.kind.rawValue)"><rect x="10" y="\(f(y))" width="40" height="22" rx="4"/></g>
                <text x="60" y="\(f(y + 16))">\(BarChart.escape(box.label))</text>

                """
        }
        for (index, strength) in [EvidenceStrength.none, .weak, .reasonable, .strong].enumerated() {
            let y = top + 32 + Double(index) * legendRow + 11
            let (dash, stroke) = lineStyle(strength)
            svg += """
                <line x1="\(f(middle))" y1="\(f(y))" x2="\(f(middle + 48))" y2="\(f(y))" class="graph-link graph-legend-line" stroke-width="\(stroke)"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>
                <text x="\(f(middle + 60))" y="\(f(y + 5))">\(BarChart.escape(legendLine(strength)))</text>

                """
        }
        return svg
    }

    /// Dashes and width per evidence strength: no evidence dotted and thin, strong solid and thick.
    static func lineStyle(_ strength: EvidenceStrength) -> (dash: String?, width: String) {
        switch strength {
        case .none: ("2 4", "1.5")
        case .weak: ("7 4", "1.5")
        case .reasonable: (nil, "2")
        case .strong: (nil, "3.5")
        }
    }

    /// `text` in lines of at most `width` characters, at most `lines` of them (the last ends in "…").
    static func wrap(_ text: String, width: Int, lines: Int) -> [String] {
        var result: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                result.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { result.append(current) }
        guard result.count > lines else { return result }
        var kept = Array(result.prefix(lines))
        kept[lines - 1] = String(kept[lines - 1].prefix(width - 1)) + "…"
        return kept
    }

    private static func f(_ value: Double) -> String { String(Int(value.rounded())) }
}
