/// The kernel's named constants a model may use (SPEC §2.1), with the
/// values the compiler gives them and the interpreter reads back.
public enum KernelConstants {
    /// gfp bits only need to tell apart allocations that may fail from
    /// those that may not.
    public enum GFP {
        public static let kernel: Int64 = 0x1
        public static let noWait: Int64 = 0x2
        public static let atomic: Int64 = 0x4
        /// An allocation with one of these bits may return NULL.
        public static let mayFail: Int64 = noWait | atomic
    }

    /// `PTRS_PER_PTE`, which is the configured number of words a page holds.
    static let ptrsPerPTE = "PTRS_PER_PTE"

    /// Every constant but PTRS_PER_PTE, in the order the reference lists them.
    public static let values: [(name: String, value: Int64)] = [
        ("NULL", 0), ("true", 1), ("false", 0),
        ("GFP_KERNEL", GFP.kernel), ("GFP_NOWAIT", GFP.noWait), ("GFP_ATOMIC", GFP.atomic),
        ("GFP_KERNEL_ACCOUNT", GFP.kernel), ("GFP_PGTABLE_USER", GFP.kernel), ("GFP_PGTABLE_KERNEL", GFP.kernel),
        ("__GFP_NOWARN", 0x100), ("__GFP_ZERO", 0x200), ("__GFP_NORETRY", 0x400),
        ("PAGE_KERNEL", 0), ("PAGE_KERNEL_RO", ValueEncoding.readOnlyFlag), ("PAGE_SHARED", 0), ("PAGE_READONLY", ValueEncoding.readOnlyFlag),
        ("PAGE_SIZE", 4096), ("PAGE_SHIFT", 12),
    ] + PageFlag.allCases.map { ($0.constantName, $0.rawValue) } + [
        ("LIST_POISON1", ValueEncoding.listPoison1), ("LIST_POISON2", ValueEncoding.listPoison2),
        ("SINGLE_DEPTH_NESTING", 1),
    ]

    /// The name of every constant, PTRS_PER_PTE among them.
    public static var names: [String] { values.map(\.name) + [ptrsPerPTE] }

    private static let byName: [String: Int64] = Dictionary(values.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })

    /// The value of a named constant in a model whose pages hold `pageWords` words.
    static func value(of name: String, pageWords: Int) -> Int64? {
        name == ptrsPerPTE ? Int64(pageWords) : byName[name]
    }

    /// The type a named constant has in an expression.
    static func type(of name: String) -> CType {
        switch name {
        case "NULL": return .voidPointer
        case "true", "false": return .bool
        default: return .long
        }
    }
}
