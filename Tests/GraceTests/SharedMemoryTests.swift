import GraceFrontend
import GraceSemantics
import Testing

/// Every access to shared memory goes through the memory model's seam and
/// is recorded as one event with its location, kind, role and ordering.
@Suite struct SharedMemoryTests {
    /// The accesses of each step P0 takes from the start, running only P0.
    static func accessesOfThread0(_ source: String, steps: Int) throws -> [[MemoryAccess]] {
        guard case .program(let program) = compileSource(source) else {
            Issue.record("the model does not compile")
            return []
        }
        let system = KernelSystem<SequentialConsistency>(program: program)
        var state = system.initialState().0
        var result: [[MemoryAccess]] = []
        for _ in 0..<steps {
            var successors: [Successor] = []
            system.successors(of: state, into: &successors, logging: true)
            let next = try #require(successors.first { $0.action.cpu == 0 })
            result.append(next.log?.kernelEvents.compactMap { event in
                if case .access(let access) = event { return access }
                return nil
            } ?? [])
            state = next.state
        }
        return result
    }

    static func cell(_ program: Program, _ name: String) -> SharedLocation {
        .cell(program.objects.first { $0.name == name }!.base)
    }

    @Test func loadsAndStoresCarryTheirOrdering() throws {
        let source = """
            C orderings
            { int x = 0; int y = 0; }
            P0(int *x, int *y)
            {
            \tint r0;
            \tWRITE_ONCE(*x, 1);
            \tsmp_store_release(y, 2);
            \tr0 = smp_load_acquire(x);
            \tr0 = *y;
            }
            """
        let steps = try Self.accessesOfThread0(source, steps: 4)
        #expect(steps.map { $0.map(\.kind) } == [[.write], [.write], [.read], [.read]])
        #expect(steps.map { $0.map(\.ordering) } == [[.relaxedAccess], [.release], [.acquire], [.plainAccess]])
        #expect(steps.map { $0.map(\.value) } == [[1], [2], [1], [2]])
        #expect(steps.allSatisfy { $0.allSatisfy { $0.role == .data } })
        guard case .program(let program) = compileSource(source) else { return }
        #expect(steps.map { $0.map(\.location) } == [[Self.cell(program, "x")], [Self.cell(program, "y")], [Self.cell(program, "x")], [Self.cell(program, "y")]])
    }

    /// Sequential consistency keeps nothing of its own: the state vector is
    /// the layout without a memory-model region.
    @Test func sequentialConsistencyOwnsNoState() throws {
        guard case .program(let program) = compileSource("C t\n{ int x = 0; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\n") else { return }
        let system = KernelSystem<SequentialConsistency>(program: program)
        #expect(system.layout.memoryModelRegion == .empty)
        #expect(system.layout.memoryModelBase == system.layout.cpuBase)
        let padded = StateLayout(program: program, memoryModelRegion: MemoryModelRegion(sharedWords: 3, wordsPerCPU: 2))
        #expect(padded.cpuBase == system.layout.cpuBase + 3)
        #expect(padded.cpuSize == system.layout.cpuSize + 2)
        #expect(padded.memoryModelWords(of: 0) + 2 <= padded.context(cpu: 0, level: 0))
    }
}
