extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let listsIntroduction = """
        A `list_head` is on a list when its neighbours point back at it. Each
        list operation is one step. `list_for_each_entry(pos, head, member) { ... }`
        is a statement (see <doc:LanguageReference>). In the signatures, `type` is
        a struct type and `member` a field name, possibly dotted
        (`context.pgtable_list`).
        """

    /// Doubly linked lists of `struct list_head`, and the macros that get
    /// from a member back to its container.
    static var lists: [PrimitiveEntry] {
        listOperations + containers
    }

    /// Each is one step. Their ordering is the kernel's marked access: the
    /// store that links or unlinks a node is a WRITE_ONCE, list_empty's
    /// read a READ_ONCE.
    private static var listOperations: [PrimitiveEntry] {
        let head = Parameter("head", .pointer(.listHead))
        let entry = Parameter("entry", .pointer(.listHead))
        let new = Parameter("new", .pointer(.listHead))
        let changing: [ViolationKind] = [.listCorruption, .unionMisuse, .useAfterFree, .bug]
        func operation(_ name: String, _ parameters: [Parameter], _ operation: ListOperation, result: ResultType = .none,
                       events: [EventKind] = [.write], violations: [ViolationKind] = changing, summary: String, effect: String) -> PrimitiveEntry {
            PrimitiveEntry(name, PrimitiveSignature(result, parameters), ordering: .relaxedAccess,
                           events: events, violations: violations, implementation: "executeList",
                           summary: summary, effect: effect, lowering: .emit(.primitive(.list(operation))))
        }
        let overlay = " A list_head whose cells a queued rcu_head shares cannot be touched (union misuse)."
        return [
            operation("INIT_LIST_HEAD", [Parameter("list", .pointer(.listHead))], .initHead, violations: [.unionMisuse, .useAfterFree, .bug],
                      summary: "Makes list an empty list.", effect: "Points list's next and prev at list itself." + overlay),
            operation("list_add", [new, head], .add, summary: "Inserts new after head.",
                      effect: "Links new between head and its successor; adding a node that is on a list, or to a list whose links do not point back, is list corruption." + overlay),
            operation("list_add_tail", [new, head], .addTail, summary: "Inserts new before head (at the tail).",
                      effect: "Links new between head's predecessor and head; adding a node that is on a list, or to a corrupted list, is list corruption." + overlay),
            operation("list_del", [entry], .delete, summary: "Removes entry from its list and poisons it.",
                      effect: "Unlinks entry and sets its pointers to LIST_POISON1 and LIST_POISON2; deleting a node that is not on a list, or was deleted already, is list corruption." + overlay),
            operation("list_del_init", [entry], .deleteInit, summary: "Removes entry from its list and makes it an empty list.",
                      effect: "Unlinks entry (an empty one is left alone) and points it at itself; a poisoned node is list corruption." + overlay),
            operation("list_empty", [head], .isEmpty, result: .type(.int), events: [.read], violations: [.useAfterFree, .bug],
                      summary: "Returns whether the list is empty.", effect: "Reads head->next: 1 when it points at head."),
            PrimitiveEntry(
                "list_for_each_entry",
                PrimitiveSignature(.none, [Parameter("pos", .value("type *")), Parameter("head", .pointer(.listHead)), Parameter("member", .member)]),
                ordering: .plainAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Runs the loop body with pos at each entry of the list, from the first.",
                effect: "A loop statement: pos, a local pointer to the containing struct, follows member.next from head until it is back at head; each step reads the link.",
                lowering: .statement),
        ]
    }

    private static var containers: [PrimitiveEntry] {
        let entryFromHead = { (name: String, offset: Int) -> Lowering in
            .custom { compiler, call in compiler.listEntry(call, linkOffset: offset) }
        }
        let typeAndMember = [Parameter("type", .type), Parameter("member", .member)]
        return [
            PrimitiveEntry(
                "container_of", aliases: ["list_entry"],
                PrimitiveSignature(.computed("type *"), [Parameter("ptr", .value("void *"))] + typeAndMember, operands: []),
                ordering: .none, events: [], implementation: "execute",
                summary: "Returns the struct of type whose member ptr points at.",
                effect: "Pointer arithmetic: ptr moved back by member's offset. No step.",
                lowering: .custom { compiler, call in compiler.containerOf(call) }),
            PrimitiveEntry(
                "list_first_entry", PrimitiveSignature(.computed("type *"), [Parameter("head", .pointer(.listHead))] + typeAndMember, operands: []),
                ordering: .plainAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Returns the struct containing the list's first node.",
                effect: "Reads head->next (a plain read) and moves it back to its container; the list must not be empty.",
                lowering: entryFromHead("list_first_entry", KernelStructs.ListHead.next)),
            PrimitiveEntry(
                "list_last_entry", PrimitiveSignature(.computed("type *"), [Parameter("head", .pointer(.listHead))] + typeAndMember, operands: []),
                ordering: .plainAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Returns the struct containing the list's last node.",
                effect: "Reads head->prev (a plain read) and moves it back to its container; the list must not be empty.",
                lowering: entryFromHead("list_last_entry", KernelStructs.ListHead.prev)),
            PrimitiveEntry(
                "list_first_entry_or_null", PrimitiveSignature(.computed("type *"), [Parameter("head", .pointer(.listHead))] + typeAndMember, operands: []),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Returns the struct containing the list's first node, or NULL when the list is empty.",
                effect: "Reads head->next once; NULL when it is head, else its container.",
                lowering: .custom { compiler, call in compiler.firstEntryOrNull(call) }),
            PrimitiveEntry(
                "list_next_entry", PrimitiveSignature(.computed("type *"), [Parameter("pos", .value("type *")), Parameter("member", .member)], operands: [.argument(0)]),
                ordering: .plainAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Returns the struct after pos on its list.",
                effect: "Reads pos->member.next (a plain read) and moves it back to its container.",
                lowering: .custom { compiler, call in compiler.neighbourEntry(call, linkOffset: KernelStructs.ListHead.next) }),
            PrimitiveEntry(
                "list_prev_entry", PrimitiveSignature(.computed("type *"), [Parameter("pos", .value("type *")), Parameter("member", .member)], operands: [.argument(0)]),
                ordering: .plainAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Returns the struct before pos on its list.",
                effect: "Reads pos->member.prev (a plain read) and moves it back to its container.",
                lowering: .custom { compiler, call in compiler.neighbourEntry(call, linkOffset: KernelStructs.ListHead.prev) }),
            PrimitiveEntry(
                "offsetof", PrimitiveSignature(.type(.unsignedLong), typeAndMember, operands: []),
                ordering: .none, events: [], implementation: "execute",
                summary: "The byte offset of member in type.",
                effect: "A constant: eight bytes a cell.",
                lowering: .custom { compiler, call in compiler.offsetOf(call) }),
        ]
    }
}
