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

    /// The reference as a DocC article: a table per family (name, C
    /// signature, ordering class, semantics, violations) and the kernel
    /// constants. Committed as Grace.docc/PrimitiveCatalogue.md; a test
    /// keeps the two equal.
    public static func reference() -> String {
        var lines = [
            "# Primitive catalogue",
            "",
            "Every kernel primitive a model can call: its C signature as Grace checks it, how it is ordered, what it does, and the violations it can raise.",
            "",
            "## Overview",
            "",
            "This article is generated from the primitive catalogue by `grace help primitives --markdown`; it lists exactly the names the compiler accepts. "
                + "`T` stands for any scalar type the argument may have. Arguments that only locate something in the kernel (an `mm`, an `addr`) are evaluated and ignored, and a model may pass NULL or 0. "
                + "Under `sc` the ordering class does not change what a step does; `tso` and `lkmm` read it.",
        ]
        for family in PrimitiveFamily.allCases {
            lines += ["", "## \(family.title)", "", "| Name | C signature | Ordering | Semantics | Violations |", "|---|---|---|---|---|"]
            for entry in entries where entry.family == family {
                let names = entry.names.map { "`\($0)`" }.joined(separator: ", ")
                let violations = entry.violations.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                let cells = [names, "`\(entry.declaration)`", entry.ordering.description, entry.summary + " " + entry.effect, violations.isEmpty ? "none" : violations]
                lines.append("| " + cells.map(tableCell).joined(separator: " | ") + " |")
            }
        }
        lines += ["", "## Kernel constants", "", "| Name | Value |", "|---|---|"]
        for (name, value) in KernelConstants.values {
            lines.append("| `\(name)` | `\(value < 0 || value >= 0x10000 ? "0x" + String(UInt64(bitPattern: value), radix: 16) : String(value))` |")
        }
        lines.append("| `\(KernelConstants.ptrsPerPTE)` | `page_words` (Config, 4 by default) |")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// A markdown table cell: a vertical bar would end it.
    private static func tableCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
