/// The parsed model, before names and types are resolved.
struct ModelSyntax {
    var name = ""
    var nameLocation = SourceLocation.unknown
    var description: String?
    var metadata: [MetadataField] = []
    var initEntries: [InitEntry] = []
    var aggregates: [AggregateDecl] = []
    var functions: [FunctionDecl] = []
    var condition: FinalCondition?
    var filter: Proposition?
    var locations: [PropositionLocation] = []
    var comments: [TopLevelComment] = []
}

/// A type as written: a base, pointer stars and array bounds.
struct TypeName {
    enum Base {
        case scalar(String)
        case aggregate(name: String, isUnion: Bool)
        case anonymousAggregate(AggregateDecl)
        case function
    }

    var base: Base
    var pointerDepth = 0
    var arrayBounds: [Expression] = []
    var location: SourceLocation

    var spelled: String {
        var text: String
        switch base {
        case .scalar(let name): text = name
        case .aggregate(let name, let isUnion): text = (isUnion ? "union " : "struct ") + name
        case .anonymousAggregate(let decl): text = decl.isUnion ? "union" : "struct"
        case .function: text = "function"
        }
        if pointerDepth > 0 { text += " " + String(repeating: "*", count: pointerDepth) }
        return text
    }
}

/// `struct name { fields }` or `union name { fields }`.
struct AggregateDecl {
    var name: String?
    var isUnion: Bool
    var fields: [VariableDecl]
    var location: SourceLocation
}

/// A variable, field or parameter with its type and optional initialiser.
struct VariableDecl {
    var name: String
    var type: TypeName?
    var initializer: Expression?
    var location: SourceLocation
}

enum InitEntry {
    /// A shared object: C form (`int x = 1;`) or herd7 form (`x=1;`, `p=y;`, type nil).
    case object(VariableDecl)
    /// herd7 `0:r1=5;`: a thread's local starts with a value.
    case register(thread: Int, decl: VariableDecl)
}

struct FunctionDecl {
    var name: String
    var returnType: TypeName
    var parameters: [VariableDecl]
    var body: Statement
    var location: SourceLocation
    /// `n` for a thread `Pn`, nil for a helper function.
    var threadIndex: Int?
}

/// One argument of a call; kernel macros take types and member names too.
enum CallArgument {
    case expression(Expression)
    case type(TypeName)
    case member([String], SourceLocation)
}

final class Expression {
    enum Kind {
        case integer(Int64)
        case identifier(String)
        case string(String)
        case unary(String, Expression)
        case postfix(String, Expression)
        case binary(String, Expression, Expression)
        case assign(String, Expression, Expression)
        case conditional(Expression, Expression, Expression)
        case call(String, [CallArgument])
        case member(Expression, String, arrow: Bool)
        case index(Expression, Expression)
        case cast(TypeName, Expression)
        case sizeOf(TypeName)
        case initializerList([(designator: String?, value: Expression)])
    }

    let kind: Kind
    let location: SourceLocation
    /// Edges on the longest path down to a leaf: what a recursive pass over
    /// this expression nests, and what the parser bounds.
    let height: Int

    init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
        self.height = kind.height
    }
}

extension Expression.Kind {
    fileprivate var height: Int {
        switch self {
        case .integer, .identifier, .string, .sizeOf:
            return 0
        case .unary(_, let inner), .postfix(_, let inner), .member(let inner, _, _), .cast(_, let inner):
            return inner.height + 1
        case .binary(_, let left, let right), .assign(_, let left, let right), .index(let left, let right):
            return max(left.height, right.height) + 1
        case .conditional(let condition, let then, let otherwise):
            return max(condition.height, then.height, otherwise.height) + 1
        case .call(_, let arguments):
            var highest = 0
            for case .expression(let argument) in arguments { highest = max(highest, argument.height) }
            return highest + 1
        case .initializerList(let entries):
            return (entries.map(\.value.height).max() ?? 0) + 1
        }
    }
}

/// A list_for_each_entry form: which list it walks, how it reads the
/// links, and its cursor variables.
struct ListWalk {
    enum Kind: String {
        case list = "list_for_each_entry"
        case listRCU = "list_for_each_entry_rcu"
        case listSafe = "list_for_each_entry_safe"
        case hlist = "hlist_for_each_entry"
        case hlistRCU = "hlist_for_each_entry_rcu"

        var isHList: Bool { self == .hlist || self == .hlistRCU }
        var isRCU: Bool { self == .listRCU || self == .hlistRCU }
    }

    var kind: Kind
    var cursor: String
    /// list_for_each_entry_safe's second cursor, read before the body runs.
    var next: String?
}

final class Statement {
    enum Kind {
        case expression(Expression)
        case declaration([VariableDecl])
        case block([Statement])
        case ifElse(Expression, Statement, Statement?)
        case whileLoop(Expression, Statement)
        case doWhile(Statement, Expression)
        case forLoop(initial: Statement?, condition: Expression?, step: Expression?, body: Statement)
        case listForEachEntry(ListWalk, head: Expression, member: [String], body: Statement)
        /// `switch (value) body`; the body's own statements may be
        /// `case` and `default` labels.
        case switchStatement(Expression, Statement)
        case caseLabel(Expression)
        case defaultLabel
        case breakStatement
        case continueStatement
        case returnStatement(Expression?)
        case empty
    }

    let kind: Kind
    let location: SourceLocation

    init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

/// `exists`, `~exists` or `forall` with its proposition.
struct FinalCondition {
    enum Quantifier: String { case exists, notExists = "~exists", forall }
    var quantifier: Quantifier
    var proposition: Proposition
    var location: SourceLocation
}

indirect enum Proposition {
    case constant(Bool)
    case compare(PropositionLocation, equal: Bool, PropositionValue)
    case and(Proposition, Proposition)
    case or(Proposition, Proposition)
    case not(Proposition)
}

extension Proposition {
    /// Edges on the longest path down to a comparison. Recursive, and
    /// linear in the size: the parser bounds it as it builds, so the
    /// recursion stays shallow.
    var height: Int {
        switch self {
        case .constant, .compare: return 0
        case .and(let left, let right), .or(let left, let right): return max(left.height, right.height) + 1
        case .not(let inner): return inner.height + 1
        }
    }
}

/// `x`, `0:r0`, `x[1]`, `mm.mm_count` or `pt.contents[2]` in a final condition.
struct PropositionLocation {
    enum Component {
        case field(String)
        case index(Int)
    }

    var thread: Int?
    var name: String
    var path: [Component] = []
    var location: SourceLocation
}

enum PropositionValue {
    case integer(Int64)
    /// A location's name stands for its address (`p=x`); a named constant for its value.
    case name(String, SourceLocation)
    /// `a[1]`: the address of an element.
    case element(String, index: Int, SourceLocation)
    /// Another location's value: `1:r2`, `*y` or `[y]`.
    case location(PropositionLocation)
}
