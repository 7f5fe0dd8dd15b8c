import GraceFrontend

/// Names cells and values the way a kernel developer writes them: `pt.pt_frag_refcount`,
/// `&pt.rcu_head`, `page0.contents[1]`, `pte_free_now`.
public struct Symbols: Sendable {
    let program: Program
    private let cellNames: [String]
    private let cellObjects: [Int]
    /// Cells declared pmd_t or pte_t, whose 0 reads as "none".
    private let entryCells: Set<Int>

    public init(program: Program) {
        self.program = program
        var names: [String] = []
        var owners: [Int] = []
        for (index, object) in program.objects.enumerated() {
            for offset in 0..<object.size {
                names.append(Self.path(object: object, offset: offset, types: program.types))
                owners.append(index)
            }
        }
        cellNames = names
        cellObjects = owners
        var entries = Set<Int>()
        for object in program.objects {
            for offset in Self.entryOffsets(in: object.type, types: program.types) { entries.insert(object.base + offset) }
        }
        entryCells = entries
    }

    private static func entryOffsets(in type: CType, types: TypeTable) -> [Int] {
        switch type {
        case .pmd, .pte: return [0]
        case .array(let element, let count):
            let stride = types.size(of: element)
            return (0..<count).flatMap { index in entryOffsets(in: element, types: types).map { index * stride + $0 } }
        case .aggregate(let id):
            return types[id].fields.flatMap { field in entryOffsets(in: field.type, types: types).map { field.offset + $0 } }
        default: return []
        }
    }

    public func cell(_ cell: Int) -> String {
        cell >= 0 && cell < cellNames.count ? cellNames[cell] : "cell \(cell)"
    }

    public func object(ofCell cell: Int) -> Int? {
        cell >= 0 && cell < cellObjects.count ? cellObjects[cell] : nil
    }

    /// A value stored in `cell`: page flag words are spelled with their
    /// PG_ names, anything else as `value(_:)` prints it.
    public func value(_ value: Int64, in cell: Int) -> String {
        if value == 0, entryCells.contains(cell) { return "none" }
        guard let object = self.object(ofCell: cell), program.objects[object].kind == .page,
              cell == program.objects[object].base + KernelStructs.Page.flags, value != 0 else { return self.value(value) }
        let names = PageFlag.allCases.filter { value & $0.mask != 0 }.map(\.constantName)
        return "0x" + String(UInt64(bitPattern: value), radix: 16) + (names.isEmpty ? "" : " (" + names.joined(separator: "|") + ")")
    }

    /// A value as C would print it for a human: numbers, `&x`, `NULL`;
    /// `pointee` picks among union members that start at the same cell.
    public func value(_ value: Int64, pointee: CType? = nil) -> String {
        if value == 0 { return "0" }
        if let function = ValueEncoding.functionIndex(of: value), function < program.functions.count {
            return program.functions[function].name
        }
        if value == ValueEncoding.listPoison1 { return "LIST_POISON1" }
        if value == ValueEncoding.listPoison2 { return "LIST_POISON2" }
        if value == ValueEncoding.rcuQueuedMarker { return "(queued)" }
        guard let object = ValueEncoding.object(of: ValueEncoding.stripFlags(value)), object < program.objects.count else {
            // Masks and flag words read better in hex, counters in decimal.
            return value >= 0x10000 || value <= -0x10000 ? "0x" + String(UInt64(bitPattern: value), radix: 16) : String(value)
        }
        let info = program.objects[object]
        let offset = ValueEncoding.offset(of: value)
        if info.kind == .stack {
            return "&(\(Self.stackLocal(info)))"
        }
        var text = offset < info.size ? "&" + Self.path(object: info, offset: offset, types: program.types, pointee: pointee ?? .void) : "&\(info.name)+\(offset)"
        if offset == 0, info.kind == .page || info.kind == .mm { text = info.name }
        let generation = ValueEncoding.generation(of: value)
        if generation != (info.isDeclared ? 0 : 1) { text += "#\(generation)" }
        if value & ValueEncoding.leafFlag != 0 { text += "|huge" }
        if value & ValueEncoding.readOnlyFlag != 0 { text += "|ro" }
        if value & ValueEncoding.splittingFlag != 0 { text += "|splitting" }
        return text
    }

    /// How a cell of a context's stack memory reads: "a local of CPU0 task".
    static func stackLocal(_ object: ObjectInfo) -> String {
        "a local of " + object.name.replacingOccurrences(of: ".stack", with: "").replacingOccurrences(of: ".", with: " ")
    }

    /// The path to a cell (`pointee` nil: down to the scalar) or to the
    /// outermost member of type `pointee` (or any, for `void`) starting there.
    static func path(object: ObjectInfo, offset: Int, types: TypeTable, pointee: CType? = nil) -> String {
        if object.kind == .stack {
            return stackLocal(object)
        }
        if object.kind == .page && offset >= object.contentsOffset {
            return "\(object.name).contents[\(offset - object.contentsOffset)]"
        }
        return object.name + fieldPath(type: object.type, offset: offset, types: types, pointee: pointee)
    }

    private static func fieldPath(type: CType, offset: Int, types: TypeTable, pointee: CType?) -> String {
        if let pointee, offset == 0, pointee == .void || pointee == type { return "" }
        switch type {
        case .aggregate(let id):
            let covering = types[id].fields.filter { $0.offset <= offset && offset < $0.offset + types.size(of: $0.type) }
            let preferred = covering.first { pointee != nil && pointee != .void && $0.offset == offset && $0.type == pointee }
            guard let field = preferred ?? covering.first else { return offset == 0 ? "" : "+\(offset)" }
            return "." + field.name + fieldPath(type: field.type, offset: offset - field.offset, types: types, pointee: pointee)
        case .array(let element, _):
            let stride = types.size(of: element)
            return "[\(offset / stride)]" + fieldPath(type: element, offset: offset % stride, types: types, pointee: pointee)
        default:
            return offset == 0 ? "" : "+\(offset)"
        }
    }
}
