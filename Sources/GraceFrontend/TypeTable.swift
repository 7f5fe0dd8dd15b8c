/// Every struct and union of a model: the kernel's built-in ones first, then
/// the model's own, each laid out in cells.
public struct TypeTable: Sendable {
    public private(set) var aggregates: [AggregateLayout] = []
    private var byName: [String: AggregateID] = [:]

    public static let listHead = AggregateID(rawValue: 0)
    public static let rcuHead = AggregateID(rawValue: 1)
    public static let page = AggregateID(rawValue: 2)
    public static let mmContext = AggregateID(rawValue: 3)
    public static let mm = AggregateID(rawValue: 4)
    public static let srcu = AggregateID(rawValue: 5)
    public static let mutex = AggregateID(rawValue: 6)
    public static let rwSemaphore = AggregateID(rawValue: 7)
    public static let refcount = AggregateID(rawValue: 8)
    public static let kref = AggregateID(rawValue: 9)
    public static let hlistHead = AggregateID(rawValue: 10)
    public static let hlistNode = AggregateID(rawValue: 11)
    public static let mmuGather = AggregateID(rawValue: 12)
    /// Aggregates below this id are the kernel's, not the model's.
    static let builtInCount = KernelStructs.layouts.count

    /// The built-in structs alone, for naming kernel types outside a model.
    public static let kernel = TypeTable()

    init() {
        for (layout, names) in KernelStructs.layouts { add(layout, names: names) }
    }

    private mutating func add(_ layout: AggregateLayout, names: [String]) {
        let id = AggregateID(rawValue: aggregates.count)
        aggregates.append(layout)
        for name in names { byName[name] = id }
    }

    func lookup(_ name: String) -> AggregateID? { byName[name] }

    /// Whether `name` is a built-in struct a model's own declaration
    /// replaces (see `KernelStructs.replaceable`).
    func isReplaceable(_ name: String) -> Bool {
        guard let id = byName[name] else { return false }
        return id.rawValue < Self.builtInCount && KernelStructs.replaceable.contains(name)
    }

    public subscript(id: AggregateID) -> AggregateLayout { aggregates[id.rawValue] }

    /// Reserves an id for a model's aggregate so fields may point back at it.
    mutating func declare(name: String, isUnion: Bool) -> AggregateID {
        let id = AggregateID(rawValue: aggregates.count)
        aggregates.append(AggregateLayout(name: name, isUnion: isUnion, fields: [], size: 0))
        if !name.isEmpty { byName[name] = id }
        return id
    }

    mutating func define(_ id: AggregateID, fields: [AggregateLayout.Field], size: Int) {
        aggregates[id.rawValue].fields = fields
        aggregates[id.rawValue].size = size
    }

    public func size(of type: CType) -> Int {
        switch type {
        case .array(let element, let count): return size(of: element) * count
        case .aggregate(let id): return max(aggregates[id.rawValue].size, 1)
        case .void: return 1
        default: return 1
        }
    }

    /// The offset and type of a dotted member path (`context.lock`).
    func member(of id: AggregateID, path: [String]) -> (offset: Int, type: CType)? {
        var offset = 0
        var current = CType.aggregate(id)
        for name in path {
            guard case .aggregate(let inner) = current, let field = aggregates[inner.rawValue].field(named: name) else { return nil }
            offset += field.offset
            current = field.type
        }
        return (offset, current)
    }

    public func describe(_ type: CType) -> String {
        switch type {
        case .void: return "void"
        case .integer(_, let name), .atomic(_, let name): return name
        case .pointer(let inner):
            let innerText = describe(inner)
            return innerText.hasSuffix("*") ? innerText + "*" : innerText + " *"
        case .array(let element, let count): return "\(describe(element))[\(count)]"
        case .aggregate(let id):
            let layout = aggregates[id.rawValue]
            return (layout.isUnion ? "union " : "struct ") + layout.name
        case .function: return "function"
        case .spinlock: return "spinlock_t"
        case .pmd: return "pmd_t"
        case .pte: return "pte_t"
        }
    }

    /// Offsets, within an aggregate, where an rcu_head and a list_head share cells.
    func rcuListOverlays(in type: CType, base: Int = 0) -> [Int] {
        guard case .aggregate(let id) = type else {
            if case .array(let element, let count) = type {
                let stride = size(of: element)
                return (0..<count).flatMap { rcuListOverlays(in: element, base: base + $0 * stride) }
            }
            return []
        }
        let fields = aggregates[id.rawValue].fields
        var result: [Int] = []
        for field in fields where field.type == .aggregate(Self.rcuHead) {
            if fields.contains(where: { $0.offset == field.offset && $0.type == .aggregate(Self.listHead) }) {
                result.append(base + field.offset)
            }
        }
        for field in fields {
            if case .aggregate(let inner) = field.type, inner != Self.rcuHead, inner != Self.listHead {
                result += rcuListOverlays(in: field.type, base: base + field.offset)
            } else if case .array = field.type {
                result += rcuListOverlays(in: field.type, base: base + field.offset)
            }
        }
        return Array(Set(result)).sorted()
    }

    /// Offsets of every rcu_head inside a type.
    func rcuHeadOffsets(in type: CType, base: Int = 0) -> [Int] {
        offsets(of: Self.rcuHead, in: type, base: base)
    }

    /// Offsets of every `target` inside a type.
    func offsets(of target: AggregateID, in type: CType, base: Int = 0) -> [Int] {
        switch type {
        case .aggregate(let id) where id == target: return [base]
        case .aggregate(let id):
            return Array(Set(aggregates[id.rawValue].fields.flatMap { offsets(of: target, in: $0.type, base: base + $0.offset) })).sorted()
        case .array(let element, let count):
            let stride = size(of: element)
            return (0..<count).flatMap { offsets(of: target, in: element, base: base + $0 * stride) }
        default: return []
        }
    }
}
