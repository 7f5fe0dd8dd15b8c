import GraceFrontend

/// What a search explores: an initial state, the successors of each state,
/// and what each step touched. The seam between search strategies and the
/// machine they search (stateright's `Model`): a checker knows nothing of
/// CPUs, RCU or pages, and the system decides nothing about verdicts.
///
/// Determinism is part of the contract: the same state has the same
/// successors in the same order, on any machine and in any process, so a
/// search can name a path by successor ordinals and the system replay it.
public protocol TransitionSystem: Sendable {
    associatedtype State: Equatable & Sendable
    associatedtype Action: Hashable & Sendable

    /// The memory model the steps run under.
    var memoryModel: MemoryModelKind { get }

    /// The state before any step, and what the code before the first step
    /// came to: `advanced`, or a violation or a limit met there.
    func initialState() -> (State, Outcome)

    /// Calls `body` with each successor of `state` in a fixed order: the
    /// action, the state it leads to (in `scratch`, which is reused), and
    /// the violation the step ran into, if any. Blocked steps and steps that
    /// change nothing are left out. Returns how many successors there were
    /// and the first limit a step ran into.
    @discardableResult
    func forEachSuccessor(of state: State, scratch: inout State, _ body: (Action, State, Violation?) -> Void) -> Expansion

    /// The CPU that takes a step: searches prefer traces that switch
    /// between CPUs less.
    func cpu(of action: Action) -> Int

    /// Whether a state without successors ends a complete run, rather than
    /// being stuck.
    func isFinal(_ state: State) -> Bool

    /// Why a state that is not final has no successors, naming who waits
    /// for what.
    func describeStuck(_ state: State) -> String

    /// What the step `action` takes from `state` touched; nil when it is not
    /// one of the state's successors.
    func footprint(of state: State, via action: Action) -> Footprint?

    /// The counterexample that follows successor ordinals from the initial
    /// state and ends in `violation`: its steps, the relations between them
    /// and an explanation, from what the steps recorded as they replayed.
    func trace(following ordinals: [Int], to violation: Violation) -> Trace
}

/// A transition system whose states are machine states, which a visited
/// set may cut along the layout: the part every CPU shares, one per CPU.
public protocol MachineTransitionSystem: TransitionSystem where State == MachineState {
    var layout: StateLayout { get }
}
