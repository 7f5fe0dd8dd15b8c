/// The memory models Grace checks under (SPEC §2.7).
public enum MemoryModelKind: String, Sendable, CaseIterable, Comparable {
    case sc, tso, lkmm

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Stable identifiers of violations (SPEC §2.6), used in Expect lines and JSON.
public enum ViolationKind: String, Sendable, CaseIterable {
    case useAfterFree = "use-after-free"
    case doubleFree = "double-free"
    case rcuHeadReuse = "rcu-head-reuse"
    case unionMisuse = "union-misuse"
    case listCorruption = "list-corruption"
    case badPageState = "bad-page-state"
    case bug
    case warning
    case assertion
    case deadlock
    case sleepInAtomic = "sleep-in-atomic"
    case ipiWithIRQsOff = "ipi-with-irqs-off"
    case unlockUnheld = "unlock-unheld"
}

/// What a check of one model under one memory model concludes.
public enum Verdict: Sendable, Hashable {
    case pass
    case violation(ViolationKind)
    case never, sometimes, always
    /// herd7's DEADLOCK: no execution of the litmus test completes (and
    /// passes its filter), so the exists clause has nothing to judge.
    case deadlock

    public var word: String {
        switch self {
        case .pass: return "pass"
        case .violation: return "violation"
        case .never: return "never"
        case .sometimes: return "sometimes"
        case .always: return "always"
        case .deadlock: return "deadlock"
        }
    }

    public var spelled: String {
        if case .violation(let kind) = self { return "violation \(kind.rawValue)" }
        return word
    }

    /// Parses `pass`, `violation <kind>`, `never`, `sometimes`, `always`.
    public init?(spelled text: String) {
        let words = text.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        switch words.first {
        case "pass" where words.count == 1: self = .pass
        case "never" where words.count == 1: self = .never
        case "sometimes" where words.count == 1: self = .sometimes
        case "always" where words.count == 1: self = .always
        case "deadlock" where words.count == 1: self = .deadlock
        case "violation" where words.count == 2:
            guard let kind = ViolationKind(rawValue: words[1]) else { return nil }
            self = .violation(kind)
        default: return nil
        }
    }
}

/// herd7's `Result:` verdict of the exists clause.
public enum HerdResult: String, Sendable {
    case never = "Never", sometimes = "Sometimes", always = "Always", deadlock = "DEADLOCK"

    public var verdict: Verdict {
        switch self {
        case .never: return .never
        case .sometimes: return .sometimes
        case .always: return .always
        case .deadlock: return .deadlock
        }
    }
}
