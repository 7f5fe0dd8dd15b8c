import Foundation
import GraceCLI
import Testing

/// Ctrl-C on the real `grace` process: SIGINT during a long search ends it
/// as inconclusive (interrupted), prints what was covered, reports the
/// models not started as not run, writes the report files and exits 130.
@Suite struct InterruptTests {
    /// The `grace` executable built beside the test bundle.
    static var executable: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("grace"),
            packageRoot.appendingPathComponent(".build/debug/grace"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test(.timeLimit(.minutes(3)))
    func firstInterruptEndsTheSearchAndWritesTheReports() throws {
        let grace = try #require(Self.executable, "the grace executable is not built beside the tests")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grace-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let stdout = scratch.appendingPathComponent("stdout.txt")
        let stderr = scratch.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        let junit = scratch.appendingPathComponent("junit.xml")
        let sarif = scratch.appendingPathComponent("grace.sarif")
        let html = scratch.appendingPathComponent("html")

        // Under tso the large s390 model takes seconds even optimised on a
        // fast machine (under sc it can end before the first progress line).
        let process = Process()
        process.executableURL = grace
        process.currentDirectoryURL = packageRoot
        process.arguments = ["check", "Models/s390/pte-free-defer-v6.6-large.grace", "Models/powerpc", "--memory", "tso", "--progress",
                             "--junit", junit.path, "--sarif", sarif.path, "--html", html.path]
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()

        // Progress lines (plain, as stderr is a file) show the search is under way.
        let deadline = Date().addingTimeInterval(90)
        while !(try String(contentsOf: stderr, encoding: .utf8)).contains("states/s"), process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        try #require(process.isRunning, "grace finished before it could be interrupted")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()

        #expect(process.terminationStatus == ExitCode.interrupted.rawValue)
        let output = try String(contentsOf: stdout, encoding: .utf8)
        let errors = try String(contentsOf: stderr, encoding: .utf8)
        #expect(errors.contains("grace: Models/s390/pte-free-defer-v6.6-large.grace [tso]: "))
        #expect(errors.contains("grace: interrupted"))
        let lines = output.split(separator: "\n").map(String.init)
        let interrupted = try #require(lines.first { $0.hasPrefix("INCONCLUSIVE  Models/s390/pte-free-defer-v6.6-large.grace [tso]: interrupted after ") })
        // Partial statistics: fewer states than the full search's 708064.
        let covered = try #require(lines.first { $0.hasPrefix("       covered ") && $0.contains(" transitions, depth ") })
        let states = Int(covered.split(separator: " ")[1]) ?? 0
        #expect(states > 0 && states < 708_064)
        #expect(interrupted.contains("after \(states) states"))
        #expect(lines.filter { $0.hasSuffix(": not run: interrupted") }.count == 8)

        let junitText = try String(contentsOf: junit, encoding: .utf8)
        let outline = XMLOutline.parse(junitText)
        #expect(outline.failure == nil)
        let cases = outline.root?.all("testcase") ?? []
        #expect(cases.count == 9)
        #expect(cases.allSatisfy { $0.children.first?.name == "skipped" })
        #expect(cases.first?.children.first?.attributes["message"]?.hasPrefix("inconclusive: interrupted after ") == true)
        let (_, sarifErrors) = try ReportTests.validateSARIF(try String(contentsOf: sarif, encoding: .utf8))
        #expect(sarifErrors.isEmpty)
        #expect(FileManager.default.fileExists(atPath: html.appendingPathComponent("index.html").path))
    }
}
