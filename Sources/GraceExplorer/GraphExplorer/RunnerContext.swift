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

    init(program: Program) {
        self.program = program
        code = program.functions.map(\.code)
        flow = ControlFlow(program: program)
        symbols = Symbols(program: program)
        var initialValues: [Int: Int64] = [:]
        for object in program.objects {
            for (offset, value) in object.initialValues { initialValues[object.base + offset] = value }
        }
        self.initialValues = initialValues
    }

    func initialValue(of cell: Int) -> Int64 { initialValues[cell] ?? 0 }

    /// The object holding thread `thread`'s address-taken locals.
    func stackObject(of thread: Int) -> Int? {
        program.stackObjectBase.map { $0 + thread * StateLayout.contextsPerCPU }
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
