/// The bounds a model must stay within. Each is far above what a protocol
/// model needs; past one, a model is rejected with a located error (exit 65)
/// rather than exhausting Grace's stack or memory or wrapping a number.
public enum LanguageLimits {
    /// How deep expressions, statements, final conditions and initialisers
    /// may nest: 256 levels. Every parenthesis, operand of a prefix operator,
    /// call argument, subscript, block, statement body and `{` of an
    /// initialiser opens one level, and so does every operator of a chain:
    /// `1 + 1 + 1` is two levels deep, as its tree is. The parser enforces it
    /// as it builds the tree, so every later pass may recurse over the tree.
    public static let nesting = 256

    /// How deep a type may nest: pointer stars, array dimensions and structs
    /// within structs, counted together, at most 256.
    public static let typeNesting = 256

    /// How deep calls may nest: 256 frames, the thread's or callback's own
    /// included.
    public static let callDepth = 256

    /// Threads `P0` to `P63`, and as many CPUs: sets of CPUs (readers of a
    /// grace period, targets of an IPI or a TLB flush) are 64-bit masks.
    public static let threads = 64

    /// An array has from 1 to 4096 elements in each dimension.
    public static let arrayBound = 4096

    /// Cells (scalars) one object, local or type may take: 65536.
    public static let objectCells = 1 << 16

    /// Cells of all the model's memory together, per-CPU stack memory
    /// included: 262144 (a state of 2 MB).
    public static let memoryCells = 1 << 18

    /// Locals and temporaries one context holds along its deepest chain of
    /// calls: 16384. Every context of every CPU has room for them in each state.
    public static let values = 1 << 14

    /// Objects and functions are numbered in 16 bits of a pointer value.
    public static let objects = (1 << 16) - 2
    public static let functions = (1 << 16) - 2

    /// Tokens one `#define` may expand to, and all uses of macros in a file
    /// together, so that macros built from macros cannot grow a model
    /// exponentially.
    public static let macroTokens = 4096
    public static let expandedTokens = 1 << 20
}
