import GraceExplorer
import GraceFrontend
import GraceSemantics

/// A counterexample as a self-contained SVG sequence chart: one lane per
/// CPU context that appears, steps in order down the page, arrows for the
/// trace's links (IPI sent to taken, call_rcu to its callback, reads-from),
/// grace periods as brackets in a gutter on the right, and the violating
/// step in red with its explanation below. Styled by CSS classes inside the
/// SVG; integer coordinates and a fixed order make the output deterministic.
public struct SequenceChart {
    let trace: Trace
    let title: String
    /// Prefixes every id, so several charts can share one HTML page.
    let idPrefix: String
    let lanes: TraceLanes

    static let margin = 12
    static let numberColumn = 40
    static let laneWidth = 250
    static let laneGap = 24
    static let headerHeight = 34
    static let rowHeight = 46
    static let boxHeight = 38
    static let gutterLaneWidth = 14
    /// Characters of 11px monospace that fit in a step box.
    static let boxCharacters = 35

    public init(trace: Trace, title: String, idPrefix: String = "chart") {
        self.trace = trace
        self.title = title
        self.idPrefix = idPrefix
        lanes = TraceLanes(trace)
    }

    var gracePeriods: [Trace.Link] { trace.links.filter { $0.kind == .gracePeriod } }
    var lanesRight: Int { Self.margin + Self.numberColumn + lanes.lanes.count * (Self.laneWidth + Self.laneGap) }
    var width: Int { lanesRight + max(1, gracePeriods.count) * Self.gutterLaneWidth + 70 }
    var rowsTop: Int { Self.margin + Self.headerHeight + 10 }
    var rowsBottom: Int { rowsTop + trace.steps.count * Self.rowHeight }
    var footerLines: [String] {
        let characters = max(40, (width - 2 * Self.margin) / 7)
        var lines = TextWrapping.wrap("violation \(trace.violation.kind.rawValue): \(trace.violation.message)", width: characters)
        if trace.explanation != trace.violation.message { lines += TextWrapping.wrap(trace.explanation, width: characters) }
        return lines
    }
    var height: Int { rowsBottom + 20 + footerLines.count * 16 + 16 + Self.margin }

    func laneX(_ lane: Int) -> Int { Self.margin + Self.numberColumn + lane * (Self.laneWidth + Self.laneGap) }
    func rowY(_ step: Int) -> Int { rowsTop + (step - 1) * Self.rowHeight }

    /// The whole chart as an SVG document (also valid inline in HTML).
    public func svg() -> String {
        var out: [String] = []
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"grace-chart\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" data-lanes=\"\(lanes.lanes.count)\" data-steps=\"\(trace.steps.count)\" "
            + "role=\"img\" aria-label=\"\(XMLText.escaped(title))\">")
        out.append("<title>\(XMLText.escaped(title))</title>")
        out.append("<style>\(Self.style)</style>")
        out.append("<defs>" + ["ipi", "callback", "reads-from"].map { kind in
            "<marker id=\"\(idPrefix)-arrow-\(kind)\" class=\"arrowhead \(kind)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
                + "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker>"
        }.joined() + "</defs>")
        out.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\"/>")
        out += laneHeaders()
        out += trace.steps.map(stepGroup)
        out += gracePeriodBrackets()
        out += linkArrows()
        out += footer()
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    private func laneHeaders() -> [String] {
        lanes.lanes.enumerated().map { index, lane in
            let x = laneX(index)
            let center = x + Self.laneWidth / 2
            return "<g class=\"lane lane-\(lane.context.name)\" data-lane=\"\(index)\">"
                + "<rect class=\"lane-header\" x=\"\(x)\" y=\"\(Self.margin)\" width=\"\(Self.laneWidth)\" height=\"\(Self.headerHeight)\" rx=\"4\"/>"
                + "<text class=\"lane-name\" x=\"\(center)\" y=\"\(Self.margin + 22)\" text-anchor=\"middle\">\(XMLText.escaped(lane.name))</text>"
                + "<line class=\"lifeline\" x1=\"\(center)\" y1=\"\(Self.margin + Self.headerHeight)\" x2=\"\(center)\" y2=\"\(rowsBottom)\"/></g>"
        }
    }

    private func stepGroup(_ step: Trace.Step) -> String {
        let lane = lanes.index(of: step)
        let x = laneX(lane)
        let y = rowY(step.number)
        let isViolation = step.number == trace.steps.last?.number
        let location = TextWrapping.clip("\(step.function):\(step.line)  \(step.sourceText)", width: Self.boxCharacters)
        let what = TextWrapping.clip(isViolation ? trace.violation.message : step.events.map(\.text).joined(separator: "; "), width: Self.boxCharacters)
        let full = ["\(step.number). \(lanes.lanes[lane].name) \(step.function):\(step.line)  \(step.sourceText)"] + step.events.map(\.text)
            + (isViolation ? ["violation \(trace.violation.kind.rawValue): \(trace.violation.message)"] : [])
        return "<g class=\"step\(isViolation ? " violation" : "")\" id=\"\(idPrefix)-step-\(step.number)\" data-step=\"\(step.number)\" data-lane=\"\(lane)\">"
            + "<title>\(XMLText.escaped(full.joined(separator: "\n")))</title>"
            + "<text class=\"step-number\" x=\"\(Self.margin + Self.numberColumn - 8)\" y=\"\(y + 24)\" text-anchor=\"end\">\(step.number)</text>"
            + "<rect class=\"box\" x=\"\(x)\" y=\"\(y)\" width=\"\(Self.laneWidth)\" height=\"\(Self.boxHeight)\" rx=\"3\"/>"
            + "<text class=\"where\" x=\"\(x + 6)\" y=\"\(y + 15)\">\(XMLText.escaped(location))</text>"
            + "<text class=\"what\" x=\"\(x + 6)\" y=\"\(y + 31)\">\(XMLText.escaped(what))</text></g>"
    }

    private func footer() -> [String] {
        let top = rowsBottom + 20
        let box = "<rect class=\"violation-box\" x=\"\(Self.margin)\" y=\"\(top - 4)\" width=\"\(width - 2 * Self.margin)\" height=\"\(footerLines.count * 16 + 12)\" rx=\"4\"/>"
        let lines = footerLines.enumerated().map { index, line in
            "<text class=\"violation-text\" x=\"\(Self.margin + 8)\" y=\"\(top + 12 + index * 16)\">\(XMLText.escaped(line))</text>"
        }
        return ["<g class=\"violation-note\">" + box + lines.joined() + "</g>"]
    }
}
