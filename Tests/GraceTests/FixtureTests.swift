import Foundation
import GraceExplorer
import GraceFrontend
import Testing

/// Every model shipped as a fixture or bundled in Models/ gets the verdict
/// its Expect line names. The fixtures are one passing and one failing model
/// per primitive; each was written from SPEC's semantics, not from output.
@Suite struct FixtureTests {
    static let folders = ["Tests/GraceTests/Fixtures/primitives", "Tests/GraceTests/Fixtures/kernel", "Tests/GraceTests/Fixtures/mutants", "Models"]

    static var models: [String] {
        folders.flatMap { modelFiles(under: packageRoot.appendingPathComponent($0)) }
            .map { String($0.path.dropFirst(packageRoot.path.count + 1)) }
    }

    @Test(arguments: models)
    func verdictMatchesExpectation(_ relative: String) async throws {
        let path = packageRoot.appendingPathComponent(relative).path
        let program = try loadProgram(path)
        let expectation = try #require(program.directives.expectations.first { $0.memoryModel == .sc }, "\(relative) has no 'Expect: sc:' line")
        let result = try await SharedRuns.states(path, under: .sc)
        #expect(result.verdict == expectation.verdict, "\(relative): got \(result.verdict?.spelled ?? "inconclusive"), expected \(expectation.spelled); \(result.violation?.message ?? "")")
    }

    @Test func everyPrimitiveFixtureComesInPairs() throws {
        let (passing, failing) = fixturePairStems(modelFiles(under: packageRoot.appendingPathComponent("Tests/GraceTests/Fixtures/primitives")).map(\.path))
        #expect(passing.count >= 30)
        #expect(passing.subtracting(failing).isEmpty || passing.subtracting(failing) == ["ctl-2"], "groups without a failing model: \(passing.subtracting(failing).sorted())")
    }
}
