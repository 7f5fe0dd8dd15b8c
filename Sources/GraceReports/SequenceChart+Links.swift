import GraceExplorer
import GraceSemantics

extension SequenceChart {
    static let style = """
        .grace-chart { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 11px; }
        .grace-chart .background { fill: #ffffff; }
        .grace-chart .lane-header { fill: #e8eef7; stroke: #8aa1c1; }
        .grace-chart .lane-softirq .lane-header { fill: #eef7e8; stroke: #8fb27a; }
        .grace-chart .lane-ipi .lane-header { fill: #f7efe3; stroke: #c19a62; }
        .grace-chart .lane-name { font-weight: bold; font-size: 12px; fill: #1d2b3a; }
        .grace-chart .lifeline { stroke: #b8c4d4; stroke-dasharray: 4 4; }
        .grace-chart .step .box { fill: #f9fbfd; stroke: #8aa1c1; }
        .grace-chart .step .where { fill: #1d2b3a; }
        .grace-chart .step .what { fill: #4a5a6a; }
        .grace-chart .step-number { fill: #6b7785; }
        .grace-chart .step.current .box { stroke: #1a5fb4; stroke-width: 3; fill: #e3edfb; }
        .grace-chart .step.violation .box { fill: #fde8e8; stroke: #c01c28; stroke-width: 2; }
        .grace-chart .step.violation .what { fill: #a51d2d; font-weight: bold; }
        .grace-chart .link { fill: none; stroke-width: 1.6; }
        .grace-chart .link.ipi { stroke: #c64600; }
        .grace-chart .link.callback { stroke: #26a269; }
        .grace-chart .link.reads-from { stroke: #613583; stroke-dasharray: 5 3; }
        .grace-chart .arrowhead.ipi path { fill: #c64600; }
        .grace-chart .arrowhead.callback path { fill: #26a269; }
        .grace-chart .arrowhead.reads-from path { fill: #613583; }
        .grace-chart .link-label { font-size: 10px; }
        .grace-chart .link-label.ipi { fill: #c64600; }
        .grace-chart .link-label.callback { fill: #26a269; }
        .grace-chart .link-label.reads-from { fill: #613583; }
        .grace-chart .grace-period line { stroke: #1c71d8; stroke-width: 3; }
        .grace-chart .grace-period .tick { stroke-width: 2; }
        .grace-chart .grace-period text { fill: #1c71d8; font-size: 10px; }
        .grace-chart .violation-box { fill: #fde8e8; stroke: #c01c28; }
        .grace-chart .violation-text { fill: #a51d2d; font-size: 12px; }
        """

    static func label(_ kind: Trace.Link.Kind) -> String {
        switch kind {
        case .ipi: return "IPI"
        case .callback: return "callback"
        case .gracePeriod: return "grace period"
        case .readsFrom: return "rf"
        }
    }

    /// One arrow per link between steps, from the side of the sending box
    /// to the side of the receiving one; links within one lane bulge out to
    /// the right of it.
    func linkArrows() -> [String] {
        trace.links.filter { $0.kind != .gracePeriod }.compactMap { link in
            guard let from = trace.steps.first(where: { $0.number == link.from }),
                  let to = trace.steps.first(where: { $0.number == link.to }) else { return nil }
            let fromLane = lanes.index(of: from)
            let toLane = lanes.index(of: to)
            let y1 = rowY(from.number) + Self.boxHeight / 2
            let y2 = rowY(to.number) + Self.boxHeight / 2
            let kind = link.kind.rawValue
            let path: String
            let labelX: Int
            let labelY: Int
            if fromLane == toLane {
                let x = laneX(fromLane) + Self.laneWidth
                path = "M\(x),\(y1) C\(x + 22),\(y1) \(x + 22),\(y2) \(x),\(y2)"
                labelX = x + 4
                labelY = (y1 + y2) / 2
            } else {
                let rightward = toLane > fromLane
                let x1 = laneX(fromLane) + (rightward ? Self.laneWidth : 0)
                let x2 = laneX(toLane) + (rightward ? 0 : Self.laneWidth)
                path = "M\(x1),\(y1) L\(x2),\(y2)"
                labelX = (x1 + x2) / 2
                labelY = (y1 + y2) / 2 - 4
            }
            return "<g class=\"link-group\" data-kind=\"\(kind)\" data-from=\"\(link.from)\" data-to=\"\(link.to)\">"
                + "<path class=\"link \(kind)\" d=\"\(path)\" marker-end=\"url(#\(idPrefix)-arrow-\(kind))\"/>"
                + "<text class=\"link-label \(kind)\" x=\"\(labelX)\" y=\"\(labelY)\">\(Self.label(link.kind))</text></g>"
        }
    }

    /// Each grace period as a bracket in the gutter right of the lanes,
    /// from the step that started it to the step after which it was over.
    func gracePeriodBrackets() -> [String] {
        gracePeriods.enumerated().map { index, link in
            let x = lanesRight + 8 + index * Self.gutterLaneWidth
            let top = rowY(link.from) + Self.boxHeight / 2
            let bottom = rowY(link.to) + Self.boxHeight / 2
            return "<g class=\"grace-period\" data-from=\"\(link.from)\" data-to=\"\(link.to)\">"
                + "<title>grace period: started at step \(link.from), over after step \(link.to)</title>"
                + "<line x1=\"\(x)\" y1=\"\(top)\" x2=\"\(x)\" y2=\"\(bottom)\"/>"
                + "<line class=\"tick\" x1=\"\(x - 5)\" y1=\"\(top)\" x2=\"\(x + 5)\" y2=\"\(top)\"/>"
                + "<line class=\"tick\" x1=\"\(x - 5)\" y1=\"\(bottom)\" x2=\"\(x + 5)\" y2=\"\(bottom)\"/>"
                + "<text x=\"\(x + 7)\" y=\"\(top + 4)\">GP start</text>"
                + "<text x=\"\(x + 7)\" y=\"\(bottom + 4)\">GP over</text></g>"
        }
    }
}
