import Foundation

/// Reads, parses and compiles model files.
public enum ModelLoader {
    /// The outcome of loading one model.
    public enum Outcome: Sendable {
        case program(Program)
        case invalid(SourceFile, [Diagnostic])
    }

    /// Loads a model file; unreadable files become a located diagnostic too.
    public static func load(path: String) -> Outcome {
        guard let data = FileManager.default.contents(atPath: path) else {
            let file = SourceFile(path: path, bytes: [])
            return .invalid(file, [Diagnostic(at: .unknown, "cannot read the file")])
        }
        return compile(SourceFile(path: path, bytes: [UInt8](data)))
    }

    /// Stack for compiling one model. The parser and the passes after it
    /// recurse as deep as `LanguageLimits.nesting`; at that depth a debug
    /// build needs about 5 MB (release much less): more than a secondary
    /// thread may have, so compiling runs on a thread of its own.
    static let compilerStackBytes = 64 << 20

    public static func compile(_ file: SourceFile) -> Outcome {
        let result = CompileResult()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result.outcome = compileOnThisThread(file)
            done.signal()
        }
        thread.stackSize = compilerStackBytes
        thread.start()
        done.wait()
        return result.outcome!
    }

    /// Hands the outcome from the compiling thread to the waiting one: the
    /// semaphore orders the single write before the single read.
    private final class CompileResult: @unchecked Sendable {
        var outcome: Outcome?
    }

    private static func compileOnThisThread(_ file: SourceFile) -> Outcome {
        var diagnostics = DiagnosticEngine()
        if file.bytes.contains(0) {
            let offset = file.bytes.firstIndex(of: 0) ?? 0
            diagnostics.error("this is a binary file, not a model (NUL byte)", at: file.location(of: offset))
            return .invalid(file, diagnostics.sorted())
        }
        let header = LitmusHeader.read(file, into: &diagnostics)
        var lexer = Lexer(file: file, start: header.end)
        let tokens = lexer.tokenize(into: &diagnostics)
        var parser = Parser(file: file, tokens: tokens, diagnostics: diagnostics)
        let syntax = parser.parseModel(header: header, comments: lexer.comments)
        diagnostics = parser.diagnostics
        let directives = Directives.parse(comments: syntax.comments, file: file, diagnostics: &diagnostics)
        guard !diagnostics.hasErrors else { return .invalid(file, diagnostics.sorted()) }
        let compiler = Compiler(file: file, diagnostics: diagnostics, config: directives.config)
        guard let program = compiler.compile(syntax, directives: directives) else {
            return .invalid(file, compiler.diagnostics.sorted())
        }
        return .program(program)
    }
}
