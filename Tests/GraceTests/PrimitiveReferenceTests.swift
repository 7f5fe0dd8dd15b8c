import Foundation
import GraceCLI
import GraceFrontend
import Testing

/// `grace help primitives` and the committed reference article,
/// Primitives.md, both generated from the catalogue.
@Suite struct PrimitiveReferenceTests {
    static let article = packageRoot.appendingPathComponent("Sources/GraceCLI/Grace.docc/Primitives.md")

    /// The committed article is what the catalogue generates now, so it
    /// cannot drift from what the compiler accepts. After changing the
    /// catalogue, regenerate it with `grace help primitives --markdown`.
    @Test func committedReferenceIsFresh() throws {
        let committed = try String(contentsOf: Self.article, encoding: .utf8)
        #expect(committed == PrimitiveCatalogue.reference())
    }

    @Test func helpListsEveryPrimitiveByFamily() {
        let run = runGrace(["help", "primitives"])
        #expect(run.code == .success)
        let lines = run.output.split(separator: "\n").map(String.init)
        for family in PrimitiveFamily.allCases {
            #expect(lines.contains(family.title), "no heading for \(family.title)")
        }
        let listed = Set(lines.filter { $0.hasPrefix("  ") }.map { String($0.dropFirst(2).prefix { $0 != " " }) })
        #expect(listed == Set(PrimitiveCatalogue.entries.map(\.name)))
        let callRCU = lines.first { $0.hasPrefix("  call_rcu ") }
        #expect(callRCU?.contains("release") == true)
        #expect(callRCU?.contains("Runs func(head) in softirq after a grace period. Also: call_rcu_hurry.") == true)
    }

    @Test func markdownReferenceHasATableRowPerEntry() {
        for arguments in [["help", "primitives", "--markdown"], ["help", "primitives", "--format", "markdown"]] {
            let run = runGrace(arguments)
            #expect(run.code == .success)
            #expect(run.output == PrimitiveCatalogue.reference())
        }
        let rows = PrimitiveCatalogue.reference().split(separator: "\n").filter { $0.hasPrefix("| `") && $0.components(separatedBy: " | ").count == 5 }
        #expect(rows.count == PrimitiveCatalogue.entries.count)
        let row = rows.first { $0.hasPrefix("| `call_rcu`, `call_rcu_hurry` |") }
        #expect(row?.contains("`void call_rcu(struct rcu_head *head, rcu_callback_t func)`") == true)
        #expect(row?.contains("`rcu-head-reuse`, `union-misuse`, `use-after-free`, `bug`") == true)
        #expect(runGrace(["help", "primitives", "--html"]).code == .usage)
    }

    /// Each family's section opens with its introduction, then its table.
    @Test func familiesAreIntroducedBeforeTheirTables() {
        let reference = PrimitiveCatalogue.reference()
        for family in PrimitiveFamily.allCases {
            #expect(reference.contains("\n### \(family.title)\n\n\(family.introduction)\n\n| name | C signature |"), "\(family.title)")
        }
        let srcu = reference.components(separatedBy: "### SRCU\n").last ?? ""
        #expect(srcu.contains("| `synchronize_srcu`, `synchronize_srcu_expedited` | `void synchronize_srcu(struct srcu_struct *ssp)` | fully ordered |"))
    }
}
