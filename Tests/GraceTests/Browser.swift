import Foundation
import Testing

/// Headless Chromium, for tests that check pages the way a person sees
/// them. Tests that need it are skipped when it is missing, unless
/// GRACE_REQUIRE_BROWSER=1 (CI sets it after installing chromium).
enum Browser {
    static let names = ["chromium", "chromium-browser", "google-chrome"]

    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in names {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }()

    static var isRequired: Bool { ProcessInfo.processInfo.environment["GRACE_REQUIRE_BROWSER"] == "1" }

    /// Whether browser tests run: chromium is there, or it is required
    /// (then a missing chromium fails the test instead of skipping it).
    static var shouldRun: Bool { executable != nil || isRequired }

    static let skipReason: Comment = "chromium not found (apt-get install chromium); set GRACE_REQUIRE_BROWSER=1 to fail instead"

    /// Runs chromium headless on `arguments`, returning what it printed.
    static func run(_ arguments: [String], profile: URL) throws -> String {
        guard let executable else { throw BrowserMissing() }
        let process = Process()
        process.executableURL = executable
        // Root (CI) needs --no-sandbox; a private profile keeps parallel runs apart.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(profile.path)", "--virtual-time-budget=5000"] + arguments
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let output = profile.appendingPathExtension("out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return try String(contentsOf: output, encoding: .utf8)
    }

    struct BrowserMissing: Error, CustomStringConvertible {
        var description: String { "GRACE_REQUIRE_BROWSER=1 but no chromium was found on PATH" }
    }
}
