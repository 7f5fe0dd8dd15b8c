extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let listsIntroduction = """
        A `list_head` is on a list when its neighbours point back at it; an
        `hlist_node` is on an hlist when the pointer its `pprev` names points back
        at it. Each list operation is one step. The `list_for_each_entry` and
        `hlist_for_each_entry` forms are statements (see <doc:LanguageReference>);
        the `_rcu` forms read each link once, as `rcu_dereference` does, and
        accept the kernel's optional lockdep condition, which is not evaluated.
        The `_rcu` updates publish with a release store and leave the `next` of a
        removed node for the readers still on it; only the grace period makes the
        node free to reuse. In the signatures, `type` is a struct type and
        `member` a field name, possibly dotted (`context.pgtable_list`).
        """

    /// Doubly linked lists of `struct list_head`, and the macros that get
    /// from a member back to its container.
    static var lists: [PrimitiveEntry] {
        listOperations + rcuListOperations + hlistOperations + containers
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
            walk("list_for_each_entry", .listHead, ordering: .plainAccess,
                 summary: "Runs the loop body with pos at each entry of the list, from the first.",
                 effect: "A loop statement: pos, a local pointer to the containing struct, follows member.next from head until it is back at head; each step reads the link."),
            PrimitiveEntry(
                "list_for_each_entry_safe",
                PrimitiveSignature(.none, [Parameter("pos", .value("type *")), Parameter("n", .value("type *")), Parameter("head", .pointer(.listHead)), Parameter("member", .member)]),
                ordering: .plainAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Runs the loop body with pos at each entry of the list; the body may remove or free pos.",
                effect: "A loop statement: as list_for_each_entry, but n, a second local cursor, reads pos's successor before the body runs, and pos moves to n after it.",
                lowering: .statement),
        ]
    }

    /// A list_for_each_entry form over a list (`listHead`) or an hlist.
    private static func walk(_ name: String, _ head: PointerTarget, ordering: OrderingClass, summary: String, effect: String) -> PrimitiveEntry {
        PrimitiveEntry(
            name, PrimitiveSignature(.none, [Parameter("pos", .value("type *")), Parameter("head", .pointer(head)), Parameter("member", .member)]),
            ordering: ordering, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
            summary: summary, effect: effect, lowering: .statement)
    }

    /// The RCU list updates and the reader's walk (include/linux/rculist.h).
    private static var rcuListOperations: [PrimitiveEntry] {
        let changing: [ViolationKind] = [.listCorruption, .unionMisuse, .useAfterFree, .bug]
        let new = Parameter("new", .pointer(.listHead))
        let head = Parameter("head", .pointer(.listHead))
        func operation(_ name: String, _ parameters: [Parameter], _ operation: ListOperation, ordering: OrderingClass,
                       summary: String, effect: String) -> PrimitiveEntry {
            PrimitiveEntry(name, PrimitiveSignature(.none, parameters), ordering: ordering, events: [.write], violations: changing,
                           implementation: "executeList", summary: summary, effect: effect, lowering: .emit(.primitive(.list(operation))))
        }
        return [
            operation("list_add_rcu", [new, head], .addRCU, ordering: .release, summary: "Inserts new after head, for RCU readers.",
                      effect: "As list_add; the store that links new in is a release (rcu_assign_pointer), so a reader that finds new sees it initialised."),
            operation("list_add_tail_rcu", [new, head], .addTailRCU, ordering: .release, summary: "Inserts new before head (at the tail), for RCU readers.",
                      effect: "As list_add_tail, publishing new with a release store."),
            operation("list_del_rcu", [Parameter("entry", .pointer(.listHead))], .deleteRCU, ordering: .relaxedAccess,
                      summary: "Removes entry from its list; readers on it may go on.",
                      effect: "Unlinks entry and poisons its prev only (LIST_POISON2): its next still leads a reader back onto the list. Deleting a node that is not on a list, or was deleted already, is list corruption."),
            walk("list_for_each_entry_rcu", .listHead, ordering: .relaxedAccess,
                 summary: "Runs the loop body with pos at each entry of an RCU list, from the first.",
                 effect: "A loop statement: as list_for_each_entry, each link read once (rcu_dereference); the caller holds rcu_read_lock. An optional fourth argument, the lockdep condition, is not evaluated."),
        ]
    }

    /// hlists: a head with one pointer, nodes that point back at what points
    /// at them (include/linux/list.h, rculist.h).
    private static var hlistOperations: [PrimitiveEntry] {
        let changing: [ViolationKind] = [.listCorruption, .unionMisuse, .useAfterFree, .bug]
        let node = Parameter("n", .pointer(.hlistNode))
        let head = Parameter("h", .pointer(.hlistHead))
        func operation(_ name: String, _ parameters: [Parameter], _ operation: ListOperation, ordering: OrderingClass,
                       summary: String, effect: String) -> PrimitiveEntry {
            PrimitiveEntry(name, PrimitiveSignature(.none, parameters), ordering: ordering, events: [.write], violations: changing,
                           implementation: "executeHList", summary: summary, effect: effect, lowering: .emit(.primitive(.list(operation))))
        }
        let adding = "Links n first on h; adding a node that is already on an hlist is list corruption."
        let deleting = "Unlinks n; deleting a node that is not on an hlist, or was deleted already, is list corruption."
        return [
            PrimitiveEntry(
                "INIT_HLIST_HEAD", PrimitiveSignature(.none, [head]),
                ordering: .relaxedAccess, events: [.write], violations: [.unionMisuse, .useAfterFree, .bug], implementation: "execute",
                summary: "Makes h an empty hlist.", effect: "Stores NULL into h->first.", lowering: .emit(.push(0), .store(.once, nil))),
            PrimitiveEntry(
                "INIT_HLIST_NODE", PrimitiveSignature(.none, [node]),
                ordering: .relaxedAccess, events: [.write], violations: [.unionMisuse, .useAfterFree, .bug], implementation: "execute",
                summary: "Makes n an unhashed node.", effect: "Stores NULL into n->next, then into n->pprev: two steps.",
                lowering: .emit(.dup, .push(0), .store(.once, nil), .offset(KernelStructs.HListNode.pprev), .push(0), .store(.once, nil))),
            PrimitiveEntry(
                "hlist_empty", PrimitiveSignature(.type(.int), [head]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Returns whether the hlist is empty.", effect: "Reads h->first once: 1 when it is NULL.",
                lowering: .emit(.load(.once), .unary(.logicalNot))),
            PrimitiveEntry(
                "hlist_unhashed", PrimitiveSignature(.type(.int), [node]),
                ordering: .plainAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Returns whether n is unhashed (was never added, or hlist_del_init took it off).",
                effect: "Reads n->pprev: 1 when it is NULL.",
                lowering: .emit(.offset(KernelStructs.HListNode.pprev), .load(.plain), .unary(.logicalNot))),
            operation("hlist_add_head", [node, head], .hlistAddHead, ordering: .relaxedAccess, summary: "Adds n at the front of h.", effect: adding),
            operation("hlist_add_head_rcu", [node, head], .hlistAddHeadRCU, ordering: .release, summary: "Adds n at the front of h, for RCU readers.",
                      effect: adding + " The store that links n in is a release (rcu_assign_pointer)."),
            operation("hlist_del", [node], .hlistDelete, ordering: .relaxedAccess, summary: "Removes n from its hlist and poisons it.",
                      effect: deleting + " Sets n->next and n->pprev to LIST_POISON1 and LIST_POISON2."),
            operation("hlist_del_rcu", [node], .hlistDeleteRCU, ordering: .relaxedAccess, summary: "Removes n from its hlist; readers on it may go on.",
                      effect: deleting + " Poisons n->pprev only: n->next still leads a reader on."),
            operation("hlist_del_init", [node], .hlistDeleteInit, ordering: .relaxedAccess, summary: "Removes n from its hlist, if it is on one, and unhashes it.",
                      effect: "Unlinks n and sets n->next and n->pprev to NULL; an unhashed n is left alone, a poisoned one is list corruption."),
            walk("hlist_for_each_entry", .hlistHead, ordering: .plainAccess,
                 summary: "Runs the loop body with pos at each entry of the hlist, from the first.",
                 effect: "A loop statement: pos, a local pointer to the containing struct, follows member.next from h->first until it is NULL; each step reads the link."),
            walk("hlist_for_each_entry_rcu", .hlistHead, ordering: .relaxedAccess,
                 summary: "Runs the loop body with pos at each entry of an RCU hlist, from the first.",
                 effect: "A loop statement: as hlist_for_each_entry, each link read once (rcu_dereference); the caller holds rcu_read_lock. An optional fourth argument, the lockdep condition, is not evaluated."),
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
                "list_first_entry_or_null", aliases: ["list_first_or_null_rcu"], PrimitiveSignature(.computed("type *"), [Parameter("head", .pointer(.listHead))] + typeAndMember, operands: []),
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
