import Foundation
import GraceExplorer
import GraceFrontend
import GraceReports
import GraceSemantics
import Testing

/// The column view: each step in its CPU's column, lines within the width,
/// nothing of the step text lost to wrapping.
@Suite struct ColumnTraceTests {
    static func trace(_ model: String) throws -> (Trace, Program) {
        let program = try loadProgram(packageRoot.appendingPathComponent(model).path)
        return (try #require(check(program).trace), program)
    }

    @Test(arguments: [40, 72, 100, 160])
    func stepsSitInTheirCPUsColumn(width: Int) throws {
        let (trace, program) = try Self.trace("Models/gup-fast/gup-fast-split-no-ipi.grace")
        let text = ColumnTrace.render(trace, model: program.name, memoryModel: .sc, config: program.config, width: width)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Counterexample for gup-fast-split-no-ipi under sc: violation bug")
        let header = try #require(lines.firstIndex { $0.contains("CPU0") && $0.contains("CPU1") })
        let rule = lines[header + 1]
        #expect(lines[header...].allSatisfy { $0.count <= max(width, rule.count) })
        // Rows until the blank line before the violation.
        let rows = lines[(header + 2)...].prefix { !$0.isEmpty }
        var byStep: [Int: (column: Int, text: String)] = [:]
        var current = 0
        for row in rows {
            let cells = (row + " ").components(separatedBy: " | ")
            if let number = Int(cells[0].trimmingCharacters(in: .whitespaces)) { current = number }
            let filled = cells.indices.dropFirst().filter { !cells[$0].trimmingCharacters(in: .whitespaces).isEmpty }
            #expect(filled.count == 1, "one CPU per row: \(row)")
            guard let column = filled.first else { continue }
            let previous = byStep[current]
            #expect(previous == nil || previous?.column == column)
            byStep[current] = (column, (previous?.text ?? "") + " " + cells[column].trimmingCharacters(in: .whitespaces))
        }
        #expect(byStep.keys.sorted() == Array(1...trace.steps.count))
        for step in trace.steps {
            let cell = try #require(byStep[step.number])
            #expect(cell.column == step.cpu + 1)
            // Wrapping only moves words between lines.
            let words = cell.text.split(separator: " ").joined()
            let expected = (["\(step.function):\(step.line)", step.sourceText] + step.events.map(\.text)).joined(separator: " ").split(separator: " ").joined()
            #expect(words == expected)
        }
        #expect(lines.contains { $0.hasPrefix("violation bug: BUG at line 143") })
    }

    @Test func contextsOtherThanTaskAreNamed() throws {
        let (trace, program) = try Self.trace("Models/s390/context-lock-softirq-deadlock.grace")
        let text = ColumnTrace.render(trace, model: program.name, memoryModel: .sc, config: program.config, width: 100)
        #expect(text.contains("| [softirq] tlb_remove_table_rcu:197"))
        #expect(text.hasPrefix("Counterexample for context-lock-softirq-deadlock under sc: violation deadlock\nConfig: tlb_flush=broadcast cpus=1\n"))
    }

    @Test func commandLineUsesColumnsOnRequestAndStepsByDefault() throws {
        let model = packageRoot.appendingPathComponent("Models/gup-fast/gup-fast-split-no-ipi.grace").path
        let columns = runGrace(["check", model, "--trace-style", "columns"])
        #expect(columns.code == .success)
        // Not a terminal: 100 columns, less the indent of the trace.
        #expect(columns.output.split(separator: "\n").filter { $0.hasPrefix("    ") }.allSatisfy { $0.count <= 100 })
        #expect(columns.output.contains("| CPU0"))
        let steps = runGrace(["check", model])
        #expect(steps.output.contains("    25  CPU1 task    PageTail:109  return test_bit(15, &page->flags);"))
        #expect(runGrace(["check", model, "--trace-style", "wide"]).code == .usage)
    }
}
