import Foundation
import GraceReports
import Testing

/// The HTML report and the SVG charts in a real browser: the page's script
/// records what it rendered and any error into the DOM, which a headless
/// Chromium dumps after scripts ran; screenshots go to .build/artifacts/.
@Suite(.enabled(if: Browser.shouldRun, Browser.skipReason))
struct BrowserTests {
    let scratch: URL
    static let artifacts = packageRoot.appendingPathComponent(".build/artifacts")

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grace-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
    }

    static let charted = [
        "Models/powerpc/pte-free-defer-v1-rcu-head-reuse.grace",
        "Models/s390/context-lock-softirq-deadlock.grace",
        "Tests/GraceTests/Fixtures/kernel/mmu-gather-fallback-rcu-walker-uaf.grace",
    ]

    /// The attributes of every start tag named `tag` in a DOM dump.
    static func tags(_ tag: String, in dom: String) -> [[String: String]] {
        let tagPattern = try! NSRegularExpression(pattern: "<\(tag)(\\s[^>]*)?>")
        let attributePattern = try! NSRegularExpression(pattern: "([a-zA-Z-]+)=\"([^\"]*)\"")
        return tagPattern.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).map { match in
            let text = String(dom[Range(match.range, in: dom)!])
            var attributes: [String: String] = [:]
            for attribute in attributePattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                attributes[String(text[Range(attribute.range(at: 1), in: text)!])] = String(text[Range(attribute.range(at: 2), in: text)!])
            }
            return attributes
        }
    }

    @Test func htmlReportRendersEveryCounterexampleAndStepsThrough() throws {
        let html = scratch.appendingPathComponent("html")
        let run = runGrace(["check"] + Self.charted.map { packageRoot.appendingPathComponent($0).path } + ["--memory", "sc", "--html", html.path])
        #expect(run.code == .success)
        let page = html.appendingPathComponent("index.html")
        let dom = try Browser.run(["--dump-dom", page.absoluteString + "#selftest"], profile: scratch.appendingPathComponent("profile-dom"))
        let root = try #require(Self.tags("html", in: dom).first)
        #expect(root["data-errors"] == nil, "script errors: \(dom.components(separatedBy: "id=\"errors\"").last?.prefix(400) ?? "")")
        let body = try #require(Self.tags("body", in: dom).first)
        #expect(body["data-rendered"] == String(Self.charted.count))
        // Two ArrowDown presses and one ArrowUp from step 1.
        #expect(body["data-selftest-step"] == "2")
        let sections = Self.tags("section", in: dom)
        #expect(sections.count == Self.charted.count)
        for section in sections {
            #expect(section["data-rendered-lanes"] == section["data-lanes"])
            #expect(section["data-rendered-steps"] == section["data-steps"])
            #expect(section["data-rendered-items"] == section["data-steps"])
            #expect(section["data-current-step"] != nil)
        }
        #expect(sections.map { $0["data-lanes"] } == ["1", "2", "3"])
        // The deadlock's callback arrow, and the walker's IPI arrow, were drawn.
        #expect(sections.map { $0["data-rendered-links"] } == ["0", "1", "1"])

        let screenshot = Self.artifacts.appendingPathComponent("grace-report.png")
        try? FileManager.default.removeItem(at: screenshot)
        _ = try Browser.run(["--window-size=1400,1800", "--screenshot=\(screenshot.path)", page.absoluteString],
                            profile: scratch.appendingPathComponent("profile-shot"))
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000)
    }

    @Test func svgChartsRenderAsDocuments() throws {
        let directory = scratch.appendingPathComponent("svg")
        _ = runGrace(["check"] + Self.charted.map { packageRoot.appendingPathComponent($0).path } + ["--svg", directory.path])
        let chart = directory.appendingPathComponent("mmu-gather-fallback-rcu-walker-uaf.sc.svg")
        let dom = try Browser.run(["--dump-dom", chart.absoluteString], profile: scratch.appendingPathComponent("profile-svg"))
        let svg = try #require(Self.tags("svg", in: dom).first)
        #expect(svg["data-lanes"] == "3")
        #expect(Self.tags("g", in: dom).filter { ($0["class"] ?? "").hasPrefix("step") }.count == Int(svg["data-steps"] ?? ""))
        let screenshot = Self.artifacts.appendingPathComponent("grace-chart.png")
        try? FileManager.default.removeItem(at: screenshot)
        _ = try Browser.run(["--window-size=1000,1000", "--screenshot=\(screenshot.path)", chart.absoluteString],
                            profile: scratch.appendingPathComponent("profile-svg-shot"))
        #expect(try Data(contentsOf: screenshot).count > 10_000)
    }
}
