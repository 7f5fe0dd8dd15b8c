import Foundation
import GraceFrontend
import Testing

/// The catalogue is the compiler's vocabulary: every name in it compiles
/// with arguments of its signature's types, and no name outside it does.
@Suite struct CatalogueTests {
    static var allNames: [String] { PrimitiveCatalogue.entries.flatMap(\.names) }

    @Test func everyCatalogueNameCompiles() {
        let messages = diagnostics(of: CatalogueProbe.model(calling: Self.allNames))
        #expect(messages.isEmpty, "\(messages.joined(separator: "\n"))")
    }

    /// A call with one argument too many, or (for entries that take any)
    /// one too few, is an error for every primitive. READ_ONCE() once
    /// compiled to nothing and got a verdict, as did might_sleep(1, 2).
    @Test func wrongArgumentCountsAreErrors() {
        for entry in PrimitiveCatalogue.entries where entry.form == .call {
            let arguments = CatalogueProbe.arguments(for: entry)
            var counts = [arguments.count + 1]
            if !arguments.isEmpty { counts.append(arguments.count - 1) }
            for count in counts where !(entry.signature.isVariadic && count > arguments.count) {
                let call = "\(entry.name)(\((arguments + ["0"]).prefix(count).joined(separator: ", ")))"
                let messages = diagnostics(of: CatalogueProbe.prelude + "\n}\n" + CatalogueProbe.body + "\n\t\(call);\n}\n")
                #expect(messages.contains { $0.contains("'\(entry.name)' takes ") }, "\(call): \(messages)")
            }
        }
    }

    @Test func everyNameBelongsToOneEntry() {
        var seen: [String: String] = [:]
        for entry in PrimitiveCatalogue.entries {
            for name in entry.names {
                #expect(seen[name] == nil, "'\(name)' is in both \(seen[name] ?? "") and \(entry.name)")
                seen[name] = entry.name
            }
        }
    }

    @Test func namesOutsideTheCatalogueAreRejected() {
        let messages = diagnostics(of: "C t\n{ atomic_t a; }\nP0(atomic_t *a) { atomic_frobnicate(a); }\n")
        #expect(messages.first?.contains("unknown function or primitive 'atomic_frobnicate'") == true)
    }

    /// A user function of a primitive's name shadows the primitive.
    @Test func modelFunctionsShadowPrimitives() throws {
        let result = try check(source: "C t\n{ int x = 0; }\nvoid synchronize_rcu(int *x) { WRITE_ONCE(*x, 1); }\nP0(int *x) { synchronize_rcu(x); }\nexists (x=1)\n")
        #expect(result.verdict == .always)
    }

    /// Each entry names the interpreter method that executes it.
    @Test func implementationsExist() throws {
        let folder = packageRoot.appendingPathComponent("Sources/GraceSemantics")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "swift" }
        let source = try files.map { try String(contentsOf: $0, encoding: .utf8) }.joined()
        for entry in PrimitiveCatalogue.entries {
            #expect(source.contains("func \(entry.implementation)("), "\(entry.name): no Interpreter.\(entry.implementation)")
        }
    }
}
