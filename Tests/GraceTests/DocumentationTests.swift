import Foundation
import GraceCLI
import GraceExplorer
import GraceFrontend
import GraceSemantics
import Testing

/// The documentation cannot drift from what Grace does. Every model the
/// articles and the README show (a ```c block that starts with `C name`) is
/// compiled, and checked against its `Expect: sc:` line and any for tso
/// and lkmm; every
/// ```console block that starts with `$ grace check` is run again, on those
/// models, and must print what it shows; every primitive that a bundled
/// model or fixture calls is in the reference, which the catalogue
/// generates; the constants table names the predefined constants.
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
        for weak in program.directives.expectations where weak.memoryModel != .sc {
            switch ModelChecker.check(program, under: weak.memoryModel, options: CheckOptions(maxStates: 2_000_000)) {
            case .success(let result):
                #expect(result.verdict == weak.verdict && result.hasDataRace == weak.dataRace,
                        "\(example.place) under \(weak.memoryModel.rawValue): got \(result.verdict?.spelled ?? "inconclusive"), expected \(weak.spelled)")
            case .failure(let unsupported):
                Issue.record("\(example.place) under \(weak.memoryModel.rawValue): \(unsupported.reason)")
            }
        }
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

    /// Names that read like calls but are statements, keywords, or kernel
    /// names the compiler recognises only to refuse them.
    static let notPrimitives: Set<String> = [
        "if", "while", "for", "do", "switch", "return", "sizeof", "void", "list_for_each_entry",
        "call_srcu", "atomic_dec_if_positive",
    ]

    /// Primitives.md is generated from the catalogue, whose every name
    /// compiles (CatalogueTests); here, no name a bundled model, fixture or
    /// article calls compiles without being in it.
    @Test func everyPrimitiveTheModelsCallIsInTheReference() throws {
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
        let documented = Set(PrimitiveCatalogue.entries.flatMap(\.names))
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

    /// The language reference's table of predefined constants names every
    /// constant the compiler predefines, and no other.
    @Test func constantsTableListsTheKernelConstants() throws {
        let text = try String(contentsOf: Self.catalog.appendingPathComponent("LanguageReference.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Predefined constants").dropFirst().first?.components(separatedBy: "\n## ").first)
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }
        let listed = rows.flatMap { row in row.split(separator: "|").first.map { Self.codeSpans(String($0)) } ?? [] }
        #expect(listed.sorted() == KernelConstants.names.sorted())
    }

    static func codeSpans(_ text: String) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
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
}
