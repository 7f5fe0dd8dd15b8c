extension PrimitiveCatalogue {
    /// `grace help primitives`: every primitive by family, with its ordering
    /// class and its one line.
    public static func listing() -> String {
        var lines = [
            "Every primitive a model can call, by family: name, ordering class, meaning.",
            "`grace help primitives --markdown` prints the reference with signatures and violations.",
        ]
        let nameWidth = entries.map(\.name.count).max() ?? 0
        let classWidth = entries.map(\.ordering.description.count).max() ?? 0
        for family in PrimitiveFamily.allCases {
            lines.append("")
            lines.append(family.title)
            for entry in entries where entry.family == family {
                let also = entry.aliases.isEmpty ? "" : " Also: " + entry.aliases.joined(separator: ", ") + "."
                lines.append("  " + padded(entry.name, nameWidth) + "  " + padded(entry.ordering.description, classWidth) + "  " + entry.summary + also)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The reference article, Grace.docc/Primitives.md: what its tables
    /// say and which names are refused, then per family its introduction
    /// and a table of its entries (names, C signature, ordering class,
    /// semantics, violations). A test keeps the committed article equal to
    /// this, so it cannot drift from what the compiler accepts.
    public static func reference() -> String {
        var lines = [referenceOverview, refusedNames, "## Families"]
        for family in PrimitiveFamily.allCases {
            lines += ["### \(family.title)", family.introduction]
            var table = ["| name | C signature | ordering | semantics | violations |", "|---|---|---|---|---|"]
            for entry in entries where entry.family == family {
                let names = entry.names.map { "`\($0)`" }.joined(separator: ", ")
                let violations = entry.violations.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                let cells = [names, "`\(entry.declaration)`", entry.ordering.description, entry.summary + " " + entry.effect, violations.isEmpty ? "—" : violations]
                table.append("| " + cells.map(tableCell).joined(separator: " | ") + " |")
            }
            lines.append(table.joined(separator: "\n"))
        }
        return lines.joined(separator: "\n\n") + "\n"
    }

    private static let referenceOverview = """
        # Kernel primitives

        Every primitive the compiler accepts, by family, with its C signature, its
        ordering class, what it does and the violations it raises.

        ## Overview

        This article is generated from the primitive catalogue, which is the
        compiler's vocabulary: it lists exactly the names a model may call.
        `grace help primitives` prints the same list in short, a name, its
        ordering class and one line each; `grace help primitives --markdown`
        prints this article.

        The columns of the tables:

        * **name**: the names in one row are aliases, interchangeable in a model.
        * **C signature**: the argument and result types the compiler checks, given
          for the row's first name. `T` is any scalar type: an integer, a pointer, a
          `pmd_t` or a `pte_t`. `READ_ONCE(x)` and the other accessors that take
          `T x` or `T p` take the lvalue itself (`*p`, `p->field`), as the kernel's
          macros do; `flags`, `*old` and `*ptlp` arguments must name local
          variables. Arguments that only locate something in the kernel (an `mm`,
          a `vma`, an address) are evaluated and ignored, so `NULL` and 0 will do.
        * **ordering**: the primitive's class in the Linux-kernel memory model:
          plain access, relaxed access, relaxed RMW (an atomic read-modify-write
          with no ordering), acquire, release, fully ordered; acquire, release or
          fully ordered on success (a conditional RMW that fails only reads,
          unordered); a fence of the kind named; a compiler barrier; or not a
          memory access. Under `sc` every step is ordered, so the class matters
          under `tso` and `lkmm`.
        * **semantics**: what one call does, in a line and then in full. Each call
          is one step (see <doc:ExecutionModel>) unless the row says otherwise.
        * **violations**: the kinds the primitive raises (see <doc:Violations>):
          `bug` among them when it goes through a NULL pointer or one that points
          at no object, `union-misuse` when it writes into the cells of an
          `rcu_head` that `call_rcu` has queued.
        """

    /// The refused names, and a model and run that show the diagnostics:
    /// the documentation tests check that `grace check` prints them.
    private static var refusedNames: String {
        let refused = unsupported.keys.sorted().map { "`\($0)`" }
        return """
            A name the compiler does not know is an error. Some kernel names are
            recognised only to be refused, with the reason: \(refused.dropLast().joined(separator: ", ")) and \(refused.last ?? "").

            ```c
            C unknown-names

            {
            \tatomic_t count;
            \tstruct srcu_struct ss;
            }

            P0(atomic_t *count, struct srcu_struct *ss)
            {
            \tfrob(count);
            \tcall_srcu(ss, NULL, NULL);
            \tatomic_dec_if_positive(count);
            }
            ```

            ```console
            $ grace check unknown-names.grace
            unknown-names.grace:10:2: error: unknown function or primitive 'frob'
            \tfrob(count);
            \t^
            unknown-names.grace:11:2: error: 'call_srcu' \(unsupported["call_srcu"] ?? "")
            \tcall_srcu(ss, NULL, NULL);
            \t^
            unknown-names.grace:12:2: error: 'atomic_dec_if_positive' \(unsupported["atomic_dec_if_positive"] ?? "")
            \tatomic_dec_if_positive(count);
            \t^
            ERROR  unknown-names.grace: does not parse or type-check
            ```
            """
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// A markdown table cell: a vertical bar would end it.
    private static func tableCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
