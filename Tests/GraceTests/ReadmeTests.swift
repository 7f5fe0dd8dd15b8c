import Foundation
import GraceCLI
import Testing

/// README's "Models at a glance" table is what `grace check --format
/// markdown` prints now, every column but the run's time.
@Suite struct ReadmeTests {
    static func rows(_ table: String) -> [String] {
        table.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| model ") }.map { row in
            var cells = row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            cells.removeLast(2)
            return cells.joined(separator: "|")
        }
    }

    @Test func modelsTableMatchesAFreshRun() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- models-table:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- models-table:end -->"))
        let documented = String(readme[begin.upperBound..<end.lowerBound])
        let fresh = runGrace(["check", packageRoot.appendingPathComponent("Models").path, "--format", "markdown", "--no-reduction"])
        #expect(fresh.code == .success)
        let freshRows = Self.rows(fresh.output).map { $0.replacingOccurrences(of: packageRoot.path + "/", with: "") }
        #expect(Self.rows(documented) == freshRows)
        #expect(freshRows.count >= 38)
    }
}
