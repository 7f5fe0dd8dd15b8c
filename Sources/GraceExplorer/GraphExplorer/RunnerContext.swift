import GraceFrontend
import GraceSemantics

/// What every thread runner of one program shares: the code, its control
/// flow, and how pointers map to memory cells.
struct RunnerContext: Sendable {
    let program: Program
    let code: [[Instruction]]
    let flow: ControlFlow
    let symbols: Symbols
    /// The cells whose initial value is not zero.
    private let initialValues: [Int: Int64]
    /// Whether the program can free an object: then every access to a
    /// page's contents also reads the page's lifetime location.
    let tracksLifetimes: Bool

    init(program: Program) {
        self.program = program
        code = program.functions.map(\.code)
        flow = ControlFlow(program: program)
        symbols = Symbols(program: program)
        var initialValues: [Int: Int64] = [:]
        for object in program.objects {
            for (offset, value) in object.initialValues { initialValues[object.base + offset] = value }
        }
        for (index, object) in program.objects.enumerated() where object.initiallyAlive {
            initialValues[program.memoryCells + index] = RunnerContext.alive
        }
        self.initialValues = initialValues
        tracksLifetimes = program.functions.contains { function in
            function.code.contains { instruction in
                if case .primitive(.memory(let operation)) = instruction { return operation == .freePage || operation == .freePageAddress || operation == .putPage }
                return false
            }
        }
    }

    func initialValue(of cell: Int) -> Int64 { initialValues[cell] ?? 0 }

    // MARK: Lifetimes

    /// What an object's lifetime location holds while it is allocated; a
    /// free writes 0 there.
    static let alive: Int64 = 1

    /// The location of an object's lifetime: one per object, after the
    /// program's memory.
    func lifetimeCell(of object: Int) -> Int { program.memoryCells + object }

    /// The object whose lifetime `cell` is, if it is one.
    func lifetimeObject(of cell: Int) -> Int? {
        cell >= program.memoryCells && cell - program.memoryCells < program.objects.count ? cell - program.memoryCells : nil
    }

    /// The lifetime location an access of `cell` reads first: that of the
    /// page whose contents `cell` is (SPEC 2.3: freeing a page invalidates
    /// its contents, not its struct page), when the program frees objects.
    /// With `inMetadata`, for a cell of the `struct page` too (the RCU
    /// core's use of a head queued in a freed page).
    func lifetimeCell(guarding cell: Int, inMetadata: Bool = false) -> Int? {
        guard tracksLifetimes, let object = symbols.object(ofCell: cell), program.objects[object].kind == .page else { return nil }
        let info = program.objects[object]
        return inMetadata || info.isLifetimeChecked(offset: cell - info.base) ? lifetimeCell(of: object) : nil
    }

    /// A value of `cell` in traces: a lifetime's as allocated or freed.
    func valueName(_ value: Int64, in cell: Int) -> String {
        guard lifetimeObject(of: cell) != nil else { return symbols.value(value, in: cell) }
        return value == RunnerContext.alive ? "allocated" : "freed"
    }

    /// A cell's name in traces, lifetimes included.
    func cellName(_ cell: Int) -> String {
        lifetimeObject(of: cell).map { "\(program.objects[$0].name) (lifetime)" } ?? symbols.cell(cell)
    }

    /// The cell a pointer designates, or the violation of using it. Without
    /// allocation and freeing every object lives throughout the run.
    func resolve(_ pointer: Int64, access: String) -> Result<Int, Violation> {
        guard let object = ValueEncoding.object(of: pointer), object < program.objects.count else {
            let message: String
            switch pointer {
            case 0: message = "NULL pointer dereference (\(access))"
            case 1..<4096: message = "\(access) through a NULL-based pointer (address \(pointer))"
            default: message = "\(access) through \(pointer), which is not a pointer to an object"
            }
            return .failure(Violation(.bug, message))
        }
        let info = program.objects[object]
        let offset = ValueEncoding.offset(of: pointer)
        guard offset < info.size else {
            return .failure(Violation(.bug, "\(access) beyond the end of \(info.name) (cell \(offset) of \(info.size))", object: object))
        }
        return .success(info.base + offset)
    }
}
