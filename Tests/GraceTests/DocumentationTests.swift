import Foundation
import GraceCLI
import GraceExplorer
import GraceFrontend
import Testing

/// The documentation cannot drift from what Grace does. Every model the
/// articles and the README show (a ```c block that starts with `C name`) is
/// compiled, and checked against its `Expect: sc:` line; every
/// ```console block that starts with `$ grace check` is run again, on those
/// models, and must print what it shows; every primitive in the tables of
/// Primitives.md compiles when called as its signature says; every primitive
/// that a bundled model or fixture calls is in those tables.
@Suite struct DocumentationTests {
    static let catalog = packageRoot.appendingPathComponent("Sources/GraceCLI/Grace.docc")

    /// The catalog's articles, then the README.
    static let documents: [URL] = {
        let articles = (try? FileManager.default.contentsOfDirectory(at: catalog, includingPropertiesForKeys: nil)) ?? []
        return articles.filter { $0.pathExtension == "md" }.sorted { $0.path < $1.path }
            + [packageRoot.appendingPathComponent("README.md")]
    }()

    struct Block {
        var place: String
        var language: String
        var lines: [String]
    }

    /// The fenced code blocks of a Markdown file, with the line each opens on.
    static func blocks(in document: URL) -> [Block] {
        guard let text = try? String(contentsOf: document, encoding: .utf8) else { return [] }
        var result: [Block] = []
        var open: Block?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if var block = open {
                if line == "```" {
                    result.append(block)
                    open = nil
                } else {
                    block.lines.append(String(line))
                    open = block
                }
            } else if line.hasPrefix("```") {
                open = Block(place: "\(document.lastPathComponent):\(number + 1)", language: String(line.dropFirst(3)), lines: [])
            }
        }
        return result
    }

    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var source: String
        var place: String
        var testDescription: String { "\(name) (\(place))" }
    }

    static let examples: [Example] = documents.flatMap(blocks).compactMap { block in
        guard block.language == "c", let first = block.lines.first, first.hasPrefix("C ") else { return nil }
        return Example(name: String(first.dropFirst(2)).trimmingWhitespace(), source: block.lines.joined(separator: "\n") + "\n", place: block.place)
    }

    static let examplesWithExpectations = examples.filter { $0.source.contains("Expect:") }

    @Test func examplesHaveDistinctNames() {
        let names = Self.examples.map(\.name)
        #expect(Set(names).count == names.count, "a name shown twice: \(names.sorted())")
        #expect(Self.examplesWithExpectations.count >= 25)
    }

    @Test(arguments: examplesWithExpectations)
    func exampleGetsTheVerdictOfItsExpectLine(_ example: Example) throws {
        let outcome = compileSource(example.source, path: "\(example.name).grace")
        guard case .program(let program) = outcome else {
            if case .invalid(let file, let diagnostics) = outcome {
                Issue.record("\(example.place) does not compile:\n\(diagnostics.map { $0.rendered(in: file) }.joined(separator: "\n"))")
            }
            return
        }
        let expectation = try #require(program.directives.expectations.first { $0.memoryModel == .sc }, "\(example.place) has no 'Expect: sc:' line")
        let result = check(program, options: CheckOptions(maxStates: 2_000_000))
        #expect(result.verdict == expectation.verdict, "\(example.place): got \(result.verdict?.spelled ?? "inconclusive"), expected \(expectation.spelled)")
    }

    struct ConsoleRun: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var output: String
        var place: String
        var testDescription: String { "grace check \(arguments.joined(separator: " ")) (\(place))" }
    }

    static let consoleRuns: [ConsoleRun] = documents.flatMap(blocks).compactMap { block in
        guard block.language == "console", let command = block.lines.first, command.hasPrefix("$ grace check ") else { return nil }
        let arguments = command.dropFirst("$ grace check ".count).split(separator: " ").map(String.init)
        return ConsoleRun(arguments: arguments, output: block.lines.dropFirst().joined(separator: "\n"), place: block.place)
    }

    @Test func consoleRunsAreShown() {
        #expect(Self.consoleRuns.count >= 25)
    }

    /// The models a console run names are written to a fresh folder, and the
    /// folder's path is taken out of what `grace check` prints.
    @Test(arguments: consoleRuns)
    func consoleRunPrintsWhatTheDocumentationShows(_ console: ConsoleRun) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grace-doc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let examples = Dictionary(Self.examples.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var arguments: [String] = []
        for argument in console.arguments {
            guard argument.hasSuffix(".grace") || argument.hasSuffix(".litmus") else {
                arguments.append(argument)
                continue
            }
            let stem = URL(fileURLWithPath: argument).deletingPathExtension().lastPathComponent
            let example = try #require(examples[stem], "\(console.place) checks \(argument), which no model block of the documentation defines")
            let file = folder.appendingPathComponent(argument)
            try example.source.write(to: file, atomically: true, encoding: .utf8)
            arguments.append(file.path)
        }
        let run = runGrace(["check"] + arguments)
        let printed = (run.error + run.output).replacingOccurrences(of: folder.path + "/", with: "")
        #expect(Self.withoutTrailingNewlines(printed) == Self.withoutTrailingNewlines(console.output), "\(console.place)")
    }

    static func withoutTrailingNewlines(_ text: String) -> String {
        var result = text
        while result.hasSuffix("\n") { result.removeLast() }
        return result
    }

    // MARK: Primitives

    struct PrimitiveRow: Sendable, CustomTestStringConvertible {
        var names: [String]
        var signature: String
        var place: String
        var testDescription: String { names.joined(separator: ", ") }
    }

    static let primitiveRows: [PrimitiveRow] = {
        let document = catalog.appendingPathComponent("Primitives.md")
        guard let text = try? String(contentsOf: document, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").enumerated().compactMap { number, line in
            guard line.hasPrefix("| `") else { return nil }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { return nil }
            let names = codeSpans(cells[1])
            guard let signature = codeSpans(cells[2]).first else { return nil }
            return PrimitiveRow(names: names, signature: signature, place: "Primitives.md:\(number + 1)")
        }
    }()

    static func codeSpans(_ text: String) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    static let documentedPrimitives = Set(primitiveRows.flatMap(\.names))

    @Test func tablesListThePrimitives() {
        #expect(Self.primitiveRows.count >= 300)
        #expect(Self.documentedPrimitives.count >= 550)
    }

    @Test(arguments: primitiveRows)
    func documentedPrimitiveCompilesAsItsSignatureSays(_ row: PrimitiveRow) throws {
        let call = try #require(PrimitiveCall(signature: row.signature, name: row.names[0]), "\(row.place): cannot read the signature '\(row.signature)'")
        for name in row.names {
            let source = PrimitiveCall.model(statement: call.statement(calling: name))
            if case .invalid(let file, let diagnostics) = compileSource(source, path: "\(name).grace") {
                Issue.record("\(row.place): \(name) does not compile as '\(row.signature)':\n\(diagnostics.map { $0.rendered(in: file) }.joined(separator: "\n"))")
            }
        }
    }

    /// Names that read like calls but are statements, keywords, init-block
    /// initialisers, or primitives the compiler recognises only to refuse them.
    static let notPrimitives: Set<String> = [
        "if", "while", "for", "do", "switch", "return", "sizeof", "void", "list_for_each_entry", "ATOMIC_INIT",
        "call_srcu", "atomic_dec_if_positive",
    ]

    @Test func everyPrimitiveTheModelsCallIsDocumented() throws {
        let folders = ["Models", "Tests/GraceTests/Fixtures"].map { packageRoot.appendingPathComponent($0) }
        var texts = try folders.flatMap { modelFiles(under: $0) }.map { try String(contentsOf: $0, encoding: .utf8) }
        texts += Self.examples.map(\.source)
        let call = try NSRegularExpression(pattern: "\\b([A-Za-z_][A-Za-z0-9_]*)\\s*\\(")
        var names = Set<String>()
        for text in texts {
            for match in call.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                names.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        let documented = Self.documentedPrimitives
        var undocumented: [String] = []
        for name in names.sorted() where !documented.contains(name) && !Self.notPrimitives.contains(name) && !isThreadName(name) {
            let probe = "C probe\n{\n}\nP0(void)\n{\n\t\(name)();\n}\n"
            guard case .invalid(let file, let diagnostics) = compileSource(probe) else {
                undocumented.append(name)
                continue
            }
            if !diagnostics.contains(where: { $0.rendered(in: file).contains("unknown function or primitive '\(name)'") }) {
                undocumented.append(name)
            }
        }
        #expect(undocumented.isEmpty, "primitives the models call that Primitives.md does not list: \(undocumented)")
        #expect(names.count >= 200)
    }

    func isThreadName(_ name: String) -> Bool {
        name.count >= 2 && name.first == "P" && name.dropFirst().allSatisfy(\.isNumber)
    }

    // MARK: Links

    @Test func articleLinksResolve() throws {
        let articles = Set(Self.documents.dropLast().map { $0.deletingPathExtension().lastPathComponent })
        let link = try NSRegularExpression(pattern: "<doc:([A-Za-z0-9_-]+)>")
        for document in Self.documents.dropLast() {
            let text = try String(contentsOf: document, encoding: .utf8)
            for match in link.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let target = String(text[Range(match.range(at: 1), in: text)!])
                #expect(articles.contains(target), "\(document.lastPathComponent) links to <doc:\(target)>, which is not an article")
            }
        }
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let relative = try NSRegularExpression(pattern: "\\]\\((Sources/[^)#]+)")
        let targets = relative.matches(in: readme, range: NSRange(readme.startIndex..., in: readme)).map { String(readme[Range($0.range(at: 1), in: readme)!]) }
        #expect(targets.count >= 7, "the README links the articles")
        for target in targets {
            #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent(target).path), "README links to \(target), which does not exist")
        }
    }

    /// A call of a documented primitive, with an argument of the right type for
    /// each parameter of its signature, inside a model that declares one shared
    /// object of each type those arguments need.
    struct PrimitiveCall {
        var returnType: String
        var arguments: [String]

        init?(signature: String, name: String) {
            guard let nameRange = signature.range(of: name + "("), signature.hasSuffix(")") else { return nil }
            returnType = String(signature[..<nameRange.lowerBound]).trimmingWhitespace()
            let parameterList = String(signature[nameRange.upperBound..<signature.index(before: signature.endIndex)])
            let parameters = parameterList == "void" ? [] : parameterList.split(separator: ",").map { String($0).trimmingWhitespace() }
            var arguments: [String] = []
            for parameter in parameters where parameter != "..." {
                guard let argument = Self.argument(for: parameter) else { return nil }
                arguments.append(argument)
            }
            self.arguments = arguments
        }

        /// An argument for a parameter such as `atomic_t *v`, from its type and name.
        static func argument(for parameter: String) -> String? {
            var words = parameter.replacingOccurrences(of: "const ", with: "").replacingOccurrences(of: "*", with: " * ")
                .split(separator: " ").map(String.init)
            guard let name = words.last else { return nil }
            if words.count > 1 { words.removeLast() }
            let type = words.joined(separator: " ").replacingOccurrences(of: "* *", with: "**")
            let byType: [String: String] = [
                "rcu_callback_t": "rcu_callback", "smp_call_func_t": "ipi_handler",
                "atomic_t *": "&a0", "atomic_long_t *": "&al0",
                "struct page *": "&pg0", "struct folio *": "&pg0", "struct ptdesc *": "&pg0", "pgtable_t": "&pg0",
                "struct rcu_head *": "&pg0.rcu_head", "struct list_head *": "&list0", "struct mm_struct *": "&mm0",
                "spinlock_t *": "&lock0", "spinlock_t **": "&ptl", "pmd_t *": "&pmd0", "pte_t *": "&pte0",
                "pmd_t": "pmd0", "pte_t": "pte0", "unsigned long *": "&word0", "int *": "&old",
                "T *": "&x0", "void *": "NULL", "char *": "\"message\"",
                "type *": "&pg0", "type": "struct page", "member": "lru",
                "struct vm_area_struct *": "NULL", "struct mmu_gather *": "NULL",
                "struct srcu_struct *": "&ss0",
            ]
            if type == "T" { return name == "x" || name == "p" ? "x0" : "1" }
            if let argument = byType[type] { return argument }
            switch name {
            case "order": return "0"
            case "flags": return "flags"
            case "gfp": return "GFP_KERNEL"
            case "n": return type == "unsigned long" ? "0" : "2"
            default: return "1"
            }
        }

        func statement(calling name: String) -> String {
            let call = "\(name)(\(arguments.joined(separator: ", ")))"
            switch returnType {
            case "void", "T": return call + ";"
            case "type *": return "struct page *result = \(call);"
            default: return returnType + (returnType.hasSuffix("*") ? "" : " ") + "result = \(call);"
            }
        }

        static func model(statement: String) -> String {
            """
            C documented-primitive

            {
            \tint x0 = 0;
            \tatomic_t a0;
            \tatomic_long_t al0;
            \tstruct page pg0;
            \tpmd_t pmd0 = pg0;
            \tpte_t pte0;
            \tspinlock_t lock0;
            \tstruct mm_struct mm0;
            \tstruct list_head list0;
            \tunsigned long word0;
            \tstruct srcu_struct ss0;
            }

            void rcu_callback(struct rcu_head *head)
            {
            }

            void ipi_handler(void *info)
            {
            }

            P0(void)
            {
            \tunsigned long flags = 0;
            \tint old = 0;
            \tspinlock_t *ptl = NULL;

            \t\(statement)
            }

            """
        }
    }
}
