import Foundation
import GraceExplorer
import GraceFrontend
import Testing

/// The C litmus format as herd7 reads it: each form parses and means what
/// herd7 means by it, and the forms herd7 rejects get a located error.
@Suite struct LitmusFormatTests {
    static let writeX = "{\n}\n\nP0(int *x)\n{\n\tWRITE_ONCE(*x, 1);\n}\n\nexists (x=1)\n"

    func program(_ text: String) throws -> Program {
        switch compileSource(text, path: "test.litmus") {
        case .program(let program): return program
        case .invalid(let file, let found): throw LoadFailure.invalid(found.map { $0.rendered(in: file) })
        }
    }

    func errors(_ text: String) -> [String] {
        switch compileSource(text, path: "test.litmus") {
        case .program: return []
        case .invalid(_, let found): return found.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        }
    }

    // MARK: Header

    @Test func namesHoldAnyCharacterButWhitespace() throws {
        for name in ["C-3.2W+poonceonce+pooncerelease", "auto/C-LB-GRR+R-A", "MP+[fr]+x:y", "na$me@1"] {
            #expect(try program("C \(name)\n" + Self.writeX).name == name)
        }
        #expect(try program("C MP+o (* the name ends at a comment *)\n" + Self.writeX).name == "MP+o")
    }

    @Test func descriptionAndMetadataAreKeptAsWritten() throws {
        let test = try program("""
            C 2+2W+poonceonce
            "PodWWOnceOnce WseOnceOnce
            PodWWOnceOnce WseOnceOnce"
            Cycle=PodWWOnceOnce WseOnceOnce PodWWOnceOnce WseOnceOnce
            Relax=
            Prefetch=0:x=F,0:y=W,1:y=F,1:x=W
            (* Result: Never *)
            Generator=diy7 (version 7.57)
            
            """ + Self.writeX)
        #expect(test.description == "PodWWOnceOnce WseOnceOnce\nPodWWOnceOnce WseOnceOnce")
        #expect(test.metadata.map(\.key) == ["Cycle", "Relax", "Prefetch", "Generator"])
        #expect(test.metadata.map(\.value) == ["PodWWOnceOnce WseOnceOnce PodWWOnceOnce WseOnceOnce", "", "0:x=F,0:y=W,1:y=F,1:x=W", "diy7 (version 7.57)"])
        #expect(test.metadata[2].location.line == 6)
        #expect(test.directives.result == .never)
    }

    @Test func descriptionOnTheNameLine() throws {
        let test = try program("C SB \"Fre PodWR Fre PodWR\";\n" + Self.writeX)
        #expect(test.name == "SB")
        #expect(test.description == "Fre PodWR Fre PodWR")
    }

    @Test func badHeadersAreLocated() {
        #expect(errors("X86 SB\n" + Self.writeX).first == "1:1: Grace reads C litmus tests; 'X86' tests are written for another architecture")
        #expect(errors("C\n" + Self.writeX).first == "1:2: expected the model's name after 'C'")
        #expect(errors("C SB\n\"never closed\n" + Self.writeX).first == "2:1: unterminated description string in the test's header")
        #expect(errors("C SB extra words\n" + Self.writeX).first == "1:6: unexpected text in the test's header: 'extra'")
    }
}
