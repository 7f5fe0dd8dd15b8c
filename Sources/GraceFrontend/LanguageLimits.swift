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

    /// Threads `P0` to `P15`, and as many CPUs.
    public static let threads = 16

    /// An array has from 1 to 4096 elements in each dimension.
    public static let arrayBound = 4096
}
