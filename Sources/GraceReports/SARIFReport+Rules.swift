import GraceFrontend

extension SARIFReport {
    /// A SARIF rule: one per violation kind (SPEC 2.6), plus `model-error`
    /// for models that do not parse or type-check.
    struct Rule {
        var id: String
        var name: String
        var summary: String
        var details: String
        var help: String
    }

    static let modelErrorRule = Rule(
        id: "model-error", name: "ModelError",
        summary: "The model does not parse or type-check.",
        details: "Grace could not read the model, so it has no verdict. The diagnostic names the line and column of the first problem.",
        help: "Fix the model at the reported line; `grace check FILE` prints every diagnostic with the source line and a caret.")

    static let rules: [Rule] = ViolationKind.allCases.map(rule) + [modelErrorRule]

    static func ruleIndex(_ id: String) -> Int {
        rules.firstIndex { $0.id == id } ?? rules.count - 1
    }

    private static func rule(_ kind: ViolationKind) -> Rule {
        let texts: (name: String, summary: String, details: String, help: String)
        switch kind {
        case .useAfterFree:
            texts = ("UseAfterFree", "An object is used after it was freed.",
                     "A read, write or update reached a page or object whose lifetime had ended, through a pointer taken before it was freed, even if the memory has been allocated again since.",
                     "Make the freeing side wait until no reader can still hold the pointer: a grace period (call_rcu, synchronize_rcu) for RCU readers, an IPI round trip for IRQ-disabled walkers, a TLB flush for cached translations.")
        case .doubleFree:
            texts = ("DoubleFree", "An object is freed twice.",
                     "A page or object was freed while already free.",
                     "Give the object one owner of its last reference: free it where a reference count drops to zero, or where a flag is test-and-cleared.")
        case .rcuHeadReuse:
            texts = ("RcuHeadReuse", "call_rcu on an rcu_head that is still queued.",
                     "The rcu_head was queued again before its callback ran, which corrupts the RCU callback list.",
                     "Queue each rcu_head once per grace period: guard the second call_rcu with a flag the callback clears, or use a separate head.")
        case .unionMisuse:
            texts = ("UnionMisuse", "Two members of a union are in use at once.",
                     "One member of a union was written or linked while another member sharing its cells was live, such as an rcu_head queued over a list_head that is still on a list.",
                     "Take the object off the list (or wait for the callback) before reusing the union's cells for the other member.")
        case .listCorruption:
            texts = ("ListCorruption", "A list operation on a node in the wrong state.",
                     "list_del of a node that is not linked, list_del_init of a poisoned node, or list_add of a node that is already linked.",
                     "Serialise the list operations under the lock that protects the list, and recheck membership after taking it.")
        case .badPageState:
            texts = ("BadPageState", "A page is freed with a flag still set.",
                     "A page was freed with PG_active or another flag that is checked at free time still set; the kernel reports this as a bad page state.",
                     "Clear the flag (TestClearPageActive, folio_test_clear_active) on every path before the page is freed.")
        case .bug:
            texts = ("Bug", "A BUG_ON or VM_BUG_ON fired.",
                     "An assertion the kernel code makes with BUG, BUG_ON or VM_BUG_ON failed on this path.",
                     "Follow the trace to the step that made the condition true and order it against the check.")
        case .warning:
            texts = ("Warning", "A WARN_ON fired.",
                     "A WARN_ON, WARN_ON_ONCE or VM_WARN_ON condition held on this path.",
                     "Follow the trace to the step that made the condition true and order it against the check.")
        case .assertion:
            texts = ("Assertion", "An assert in the model failed.",
                     "An assert() the model makes about its own state failed on this path.",
                     "Follow the trace to the step that broke the asserted invariant.")
        case .deadlock:
            texts = ("Deadlock", "Some context can never move again.",
                     "A context waits forever before the model has finished: a lock cycle, a softirq spinning on a lock held by the context it interrupted, or a wait that can never be satisfied.",
                     "Take locks in one order everywhere; disable bh (spin_lock_bh) around locks that softirq also takes; do not wait for IPIs or grace periods with IRQs disabled.")
        case .sleepInAtomic:
            texts = ("SleepInAtomic", "A sleeping primitive runs in atomic context.",
                     "synchronize_rcu, mmap locks or another primitive that may sleep ran with IRQs, bh or preemption disabled.",
                     "Move the sleeping call out of the atomic section, or use the callback form (call_rcu).")
        case .ipiWithIRQsOff:
            texts = ("IpiWithIrqsOff", "An IPI is sent with IRQs disabled.",
                     "smp_call_function or an IPI-based TLB flush was issued with IRQs disabled, which can deadlock against a CPU that waits for this one.",
                     "Send IPIs with IRQs enabled.")
        case .unlockUnheld:
            texts = ("UnlockUnheld", "A lock is released that is not held.",
                     "spin_unlock or another release ran on a lock the context does not hold.",
                     "Pair every unlock with the lock taken on the same path.")
        }
        return Rule(id: kind.rawValue, name: texts.name, summary: texts.summary, details: texts.details, help: texts.help)
    }
}
