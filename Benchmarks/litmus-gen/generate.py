#!/usr/bin/env python3
"""Generates LKMM C litmus tests for differential testing against herd7.

Two families, mixed:

  cycle    diy-style tests: threads joined in a cycle by rf, fr and co edges,
           each thread's two accesses ordered (or not) by a fence, a
           dependency, an acquire/release, a lock, an RCU grace period or
           read-side section; the exists clause asks for the cycle.
  program  small random programs over a few locations, an atomic_t and a
           spinlock, with every primitive family, and a random exists clause.

Every ordering class (READ_ONCE/WRITE_ONCE, acquire/release, plain), every
fence, RMWs (void, returning, fetch, relaxed/acquire/release, xchg,
cmpxchg including failing ones), RCU, spinlocks (lock, unlock, trylock,
spin_is_locked) and addr/data/ctrl dependencies appear, with 2 to 6 threads.
SRCU tests (readers nested, migrating, handing over their index; grace
periods of one srcu_struct or another) come with --srcu.

Deterministic: the same --seed gives the same tests. Python 3, standard
library only.
"""

import argparse
import os
import random

INT_LOCATIONS = ["x", "y", "z", "w", "u", "v"]

READS = {
    "once": lambda loc, reg: f"{reg} = READ_ONCE(*{loc});",
    "acquire": lambda loc, reg: f"{reg} = smp_load_acquire({loc});",
    "plain": lambda loc, reg: f"{reg} = *{loc};",
    "deref": lambda loc, reg: f"{reg} = rcu_dereference(*{loc});",
}

WRITES = {
    "once": lambda loc, value: f"WRITE_ONCE(*{loc}, {value});",
    "release": lambda loc, value: f"smp_store_release({loc}, {value});",
    "plain": lambda loc, value: f"*{loc} = {value};",
    "assign": lambda loc, value: f"rcu_assign_pointer(*{loc}, {value});",
}

XCHGS = ["xchg", "xchg_relaxed", "xchg_acquire", "xchg_release"]
CMPXCHGS = ["cmpxchg", "cmpxchg_relaxed", "cmpxchg_acquire", "cmpxchg_release"]
ORDERS = ["", "_relaxed", "_acquire", "_release"]

# Reads of an atomic_t at the end of a cycle edge: plain atomic reads, and
# RMWs whose write leaves the value alone or fails.
ATOMIC_READ_FORMS = (["atomic_read({loc})", "atomic_read_acquire({loc})"]
                     + [f"atomic_xchg{o}({{loc}}, 9)" for o in ORDERS]
                     + [f"atomic_cmpxchg{o}({{loc}}, 7, 8)" for o in ORDERS]
                     + [f"atomic_fetch_add{o}(0, {{loc}})" for o in ORDERS]
                     + [f"atomic_add_return{o}(0, {{loc}})" for o in ORDERS])


def atomic_write_forms(loc, value):
    """Writes of `value` to an atomic_t that held 0, in every RMW family;
    `REG` stands for the register that takes the result, if any."""
    forms = [f"atomic_set({loc}, {value});", f"atomic_set_release({loc}, {value});", f"atomic_add({value}, {loc});"]
    for o in ORDERS:
        forms.append(f"REG = atomic_xchg{o}({loc}, {value});")
        forms.append(f"REG = atomic_cmpxchg{o}({loc}, 0, {value});")
        forms.append(f"REG = atomic_fetch_add{o}({value}, {loc});")
        forms.append(f"REG = atomic_add_return{o}({value}, {loc});")
    return forms


class Thread:
    def __init__(self, index):
        self.index = index
        self.registers = []
        self.lines = []
        self.params = set()

    def register(self, pointer=False):
        name = f"r{len(self.registers)}"
        self.registers.append((name, pointer))
        return name

    def emit(self, line, depth=1):
        self.lines.append("\t" * depth + line)

    def render(self, types):
        params = ", ".join(f"{types[p]} *{p}" for p in sorted(self.params))
        out = [f"P{self.index}({params})", "{"]
        for name, pointer in self.registers:
            out.append(f"\tint {'*' if pointer else ''}{name};")
        if self.registers:
            out.append("")
        out += self.lines
        out.append("}")
        return "\n".join(out)


class Test:
    def __init__(self, name):
        self.name = name
        self.threads = []
        self.types = {}
        self.init = {}
        self.exists = ""
        self.comment = ""

    def thread(self):
        t = Thread(len(self.threads))
        self.threads.append(t)
        return t

    def use(self, thread, loc, kind="int"):
        self.types.setdefault(loc, kind)
        thread.params.add(loc)

    def render(self):
        out = [f"C {self.name}", "", "(*", f" * {self.comment}", " *)", "", "{"]
        for loc in sorted(self.init):
            out.append(f"\t{self.init[loc]};")
        out.append("}")
        for t in self.threads:
            out.append("")
            out.append(t.render(self.types))
        out.append("")
        out.append(f"exists ({self.exists})")
        return "\n".join(out) + "\n"


# --- The cycle family -------------------------------------------------------

EDGES = ["rf", "fr", "co"]

DECORATIONS = [
    "po", "mb", "rmb", "wmb", "before-atomic", "after-atomic", "after-spinlock",
    "unlock-lock", "after-unlock-lock", "lock-both", "addr", "data", "ctrl",
    "ctrl-else", "gp", "read-section", "acquire", "release", "acquire-release",
]


def access_read(rng, test, t, loc, kind_choice=None):
    """Emits a read of loc, returns its register."""
    reg = t.register()
    kind = kind_choice or rng.choice(["once"] * 5 + ["acquire", "plain", "deref", "xchg", "cmpxchg-fail", "atomic"])
    if kind == "atomic":
        test.use(t, loc, "atomic_t")
        if test.types[loc] != "atomic_t":
            kind = "once"
    test.use(t, loc)
    if test.types[loc] == "atomic_t":
        t.emit(f"{reg} = {rng.choice(ATOMIC_READ_FORMS).format(loc=loc)};")
    elif kind == "xchg":
        t.emit(f"{reg} = {rng.choice(XCHGS)}({loc}, 9);")
    elif kind == "cmpxchg-fail":
        t.emit(f"{reg} = {rng.choice(CMPXCHGS)}({loc}, 7, 8);")
    else:
        t.emit(READS[kind](loc, reg))
    return reg


def access_write(rng, test, t, loc, value, kind_choice=None, depth=1):
    kind = kind_choice or rng.choice(["once"] * 5 + ["release", "plain", "assign", "xchg", "cmpxchg", "atomic"])
    test.use(t, loc, "atomic_t" if kind == "atomic" else "int")
    if kind == "atomic" and test.types[loc] != "atomic_t":
        kind = "once"
    if test.types[loc] == "atomic_t":
        line = rng.choice(atomic_write_forms(loc, value))
        if line.startswith("REG"):
            line = t.register() + line[3:]
        t.emit(line, depth)
    elif kind == "xchg":
        reg = t.register()
        t.emit(f"{reg} = {rng.choice(XCHGS)}({loc}, {value});", depth)
    elif kind == "cmpxchg":
        # Succeeds from whatever was there before only when that was 0.
        reg = t.register()
        t.emit(f"{reg} = {rng.choice(CMPXCHGS)}({loc}, 0, {value});", depth)
    else:
        t.emit(WRITES[kind](loc, value), depth)


def cycle_test(rng, name):
    test = Test(name)
    n = rng.choice([2, 2, 2, 3, 3, 3, 4, 4, 5, 6])
    edges = [rng.choice(EDGES) for _ in range(n)]
    locs = INT_LOCATIONS[:n]
    for loc in locs:
        if rng.random() < 0.25:
            test.types[loc] = "atomic_t"
    conditions = []
    decorations = []
    for i in range(n):
        t = test.thread()
        incoming, outgoing = edges[i - 1], edges[i]
        first_loc, second_loc = locs[i - 1], locs[i]
        first_is_read = incoming == "rf"
        second_is_read = outgoing == "fr"
        decoration = rng.choice(DECORATIONS)
        if decoration in ("addr", "data", "ctrl", "ctrl-else") and not first_is_read:
            decoration = "po"
        if decoration == "data" and second_is_read:
            decoration = "addr"
        decorations.append(decoration)
        first_value = 2 if incoming == "co" else 1
        second_value = 1
        lock = "l" if rng.random() < 0.7 else "m"

        def first():
            if first_is_read:
                kind = "acquire" if decoration in ("acquire", "acquire-release") else None
                if decoration == "after-atomic":
                    kind = "xchg"
                reg = access_read(rng, test, t, first_loc, kind)
                conditions.append(f"{i}:{reg}=1")
                return reg
            kind = "xchg" if decoration == "after-atomic" else None
            access_write(rng, test, t, first_loc, first_value, kind)
            return None

        def second(reg, depth=1):
            address = second_loc
            if decoration == "addr" and reg:
                address = f"({second_loc} + ({reg} & 0))"
            if decoration == "addr" and test.types.get(second_loc) == "atomic_t":
                test.use(t, second_loc)
                if second_is_read:
                    r = t.register()
                    t.emit(f"{r} = {rng.choice(['atomic_read', 'atomic_read_acquire'])}({address});", depth)
                    conditions.append(f"{i}:{r}=0")
                else:
                    t.emit(f"{rng.choice(['atomic_set', 'atomic_set_release'])}({address}, {second_value});", depth)
                return
            if second_is_read:
                kind = "xchg" if decoration == "before-atomic" else None
                if decoration == "addr":
                    kind = rng.choice(["once", "acquire", "plain"])
                test.use(t, second_loc)
                r = t.register()
                if kind in (None, "xchg") and decoration != "addr":
                    # Re-emit through the helper so atomic kinds work too.
                    t.registers.pop()
                    r = access_read(rng, test, t, second_loc, kind)
                    if depth > 1:
                        t.lines[-1] = "\t" * depth + t.lines[-1].lstrip("\t")
                else:
                    t.emit(READS[kind](address, r), depth)
                conditions.append(f"{i}:{r}=0")
                return
            value = f"{second_value} + ({reg} & 0)" if decoration == "data" and reg else str(second_value)
            kind = "release" if decoration in ("release", "acquire-release") else None
            if decoration == "before-atomic":
                kind = "xchg"
            if decoration == "addr":
                test.use(t, second_loc)
                t.emit(WRITES[rng.choice(["once", "release", "plain"])](address, value), depth)
                return
            if kind is None and decoration == "data":
                kind = rng.choice(["once", "release", "plain", "assign"])
            access_write(rng, test, t, second_loc, value, kind, depth)

        if decoration == "lock-both":
            test.use(t, lock, "spinlock_t")
            t.emit(f"spin_lock({lock});")
            reg = first()
            second(reg)
            t.emit(f"spin_unlock({lock});")
        elif decoration == "read-section":
            t.emit("rcu_read_lock();")
            reg = first()
            second(reg)
            t.emit("rcu_read_unlock();")
        elif decoration in ("unlock-lock", "after-unlock-lock"):
            other = lock if rng.random() < 0.8 else ("m" if lock == "l" else "l")
            test.use(t, lock, "spinlock_t")
            test.use(t, other, "spinlock_t")
            t.emit(f"spin_lock({lock});")
            reg = first()
            t.emit(f"spin_unlock({lock});")
            t.emit(f"spin_lock({other});")
            if decoration == "after-unlock-lock":
                t.emit("smp_mb__after_unlock_lock();")
            second(reg)
            t.emit(f"spin_unlock({other});")
        elif decoration == "after-spinlock":
            test.use(t, lock, "spinlock_t")
            reg = first()
            t.emit(f"spin_lock({lock});")
            t.emit("smp_mb__after_spinlock();")
            second(reg)
            t.emit(f"spin_unlock({lock});")
        elif decoration in ("ctrl", "ctrl-else"):
            reg = first()
            t.emit(f"if ({reg} == 1) {{")
            second(reg, depth=2)
            if decoration == "ctrl-else":
                t.emit("} else {")
                t.emit("smp_mb();", 2)
            t.emit("}")
        else:
            reg = first()
            fence = {"mb": "smp_mb();", "rmb": "smp_rmb();", "wmb": "smp_wmb();", "gp": "synchronize_rcu();",
                     "before-atomic": "smp_mb__before_atomic();", "after-atomic": "smp_mb__after_atomic();"}.get(decoration)
            if fence:
                t.emit(fence)
            second(reg)
    for i, edge in enumerate(edges):
        if edge == "co":
            conditions.append(f"{locs[i]}=2")
    # Some tests negate or relax the cycle, so Sometimes and Always occur too.
    shape = rng.random()
    if shape < 0.1 and len(conditions) > 1:
        conditions[-1] = f"~({conditions[-1]})"
    elif shape < 0.2 and len(conditions) > 1:
        test.exists = " /\\ ".join(conditions[:-1]) + f" \\/ {conditions[-1]}"
    if not test.exists:
        test.exists = " /\\ ".join(conditions)
    test.comment = "cycle " + " ".join(f"{d}+{e}" for d, e in zip(decorations, edges))
    return test


# --- The program family -----------------------------------------------------

ATOMIC_VOID = ["atomic_add(1, a)", "atomic_sub(1, a)", "atomic_inc(a)", "atomic_dec(a)"]
ATOMIC_RETURN = [f"atomic_{op}_return{order}({arg}a)" for op, arg in
                 [("add", "1, "), ("sub", "1, "), ("inc", ""), ("dec", "")] for order in ORDERS]
ATOMIC_FETCH = [f"atomic_fetch_{op}{order}({arg}a)" for op, arg in
                [("add", "2, "), ("sub", "1, "), ("inc", ""), ("dec", "")] for order in ORDERS]
ATOMIC_OTHER = [f"atomic_xchg{order}(a, 3)" for order in ORDERS] + \
               [f"atomic_cmpxchg{order}(a, {e}, {n})" for order in ORDERS for e, n in [(0, 1), (1, 2), (5, 6)]] + \
               ["atomic_dec_and_test(a)", "atomic_inc_and_test(a)", "atomic_sub_and_test(1, a)", "atomic_add_negative(1, a)",
                "atomic_read(a)", "atomic_read_acquire(a)"]

FENCES = ["smp_mb();", "smp_rmb();", "smp_wmb();", "smp_mb__before_atomic();", "smp_mb__after_atomic();",
          "smp_mb__after_spinlock();", "smp_mb__after_unlock_lock();", "barrier();"]


def program_test(rng, name):
    test = Test(name)
    n = rng.choice([2, 2, 2, 3, 3])
    locs = INT_LOCATIONS[:rng.choice([2, 2, 3])]
    use_atomic = rng.random() < 0.5
    use_lock = rng.random() < 0.4
    if use_atomic:
        test.init["a"] = "atomic_t a"
    values_of = {loc: {0} for loc in locs}
    results = []
    rmws_on_a = 0

    def operation(t, depth, allow_blocks=True):
        nonlocal rmws_on_a
        choices = ["read", "read", "write", "write", "xchg", "cmpxchg", "fence", "dep"]
        if use_atomic:
            choices += ["atomic", "atomic"]
        if use_lock and allow_blocks:
            choices += ["lock", "trylock", "islocked"]
        if allow_blocks:
            choices += ["rcu-read", "sync"]
        kind = rng.choice(choices)
        loc = rng.choice(locs)
        if kind == "read":
            test.use(t, loc)
            reg = t.register()
            t.emit(READS[rng.choice(["once", "once", "acquire", "plain", "deref"])](loc, reg), depth)
            results.append((t.index, reg, sorted(values_of[loc])))
        elif kind == "write":
            value = rng.choice([1, 2])
            values_of[loc].add(value)
            test.use(t, loc)
            t.emit(WRITES[rng.choice(["once", "once", "release", "plain", "assign"])](loc, value), depth)
        elif kind == "xchg":
            value = rng.choice([1, 2])
            values_of[loc].add(value)
            test.use(t, loc)
            reg = t.register()
            t.emit(f"{reg} = {rng.choice(XCHGS)}({loc}, {value});", depth)
            results.append((t.index, reg, sorted(values_of[loc])))
        elif kind == "cmpxchg":
            expected, value = rng.choice([(0, 1), (1, 2), (0, 2), (2, 1), (7, 8)])
            if value != 8:
                values_of[loc].add(value)
            test.use(t, loc)
            reg = t.register()
            t.emit(f"{reg} = {rng.choice(CMPXCHGS)}({loc}, {expected}, {value});", depth)
            results.append((t.index, reg, sorted(values_of[loc])))
        elif kind == "fence":
            t.emit(rng.choice(FENCES), depth)
        elif kind == "dep":
            test.use(t, loc)
            reg = t.register()
            t.emit(f"{reg} = READ_ONCE(*{loc});", depth)
            results.append((t.index, reg, sorted(values_of[loc])))
            target = rng.choice(locs)
            test.use(t, target)
            style = rng.choice(["addr", "data", "ctrl"])
            if style == "addr":
                second = t.register()
                t.emit(f"{second} = READ_ONCE(*({target} + ({reg} & 0)));", depth)
                results.append((t.index, second, sorted(values_of[target])))
            elif style == "data":
                values_of[target].update({1, 2})
                t.emit(f"WRITE_ONCE(*{target}, {reg} + 1);", depth)
            else:
                value = rng.choice([1, 2])
                values_of[target].add(value)
                t.emit(f"if ({reg} == {rng.choice([0, 1])}) {{", depth)
                t.emit(f"WRITE_ONCE(*{target}, {value});", depth + 1)
                t.emit("}", depth)
        elif kind == "atomic":
            test.use(t, "a", "atomic_t")
            family = rng.choice(["void", "return", "fetch", "other"])
            if family != "other" or rmws_on_a < 3:
                rmws_on_a += 1
            if rmws_on_a > 3 and family != "other":
                family = "other"
            if family == "void":
                t.emit(rng.choice(ATOMIC_VOID) + ";", depth)
            else:
                reg = t.register()
                pool = {"return": ATOMIC_RETURN, "fetch": ATOMIC_FETCH, "other": ATOMIC_OTHER}[family]
                t.emit(f"{reg} = {rng.choice(pool)};", depth)
                results.append((t.index, reg, [0, 1, 2]))
        elif kind == "lock":
            test.use(t, "l", "spinlock_t")
            t.emit("spin_lock(l);", depth)
            operation(t, depth, allow_blocks=False)
            t.emit("spin_unlock(l);", depth)
        elif kind == "trylock":
            test.use(t, "l", "spinlock_t")
            reg = t.register()
            t.emit(f"{reg} = spin_trylock(l);", depth)
            results.append((t.index, reg, [0, 1]))
            t.emit(f"if ({reg}) {{", depth)
            operation(t, depth + 1, allow_blocks=False)
            t.emit("spin_unlock(l);", depth + 1)
            t.emit("}", depth)
        elif kind == "islocked":
            test.use(t, "l", "spinlock_t")
            reg = t.register()
            t.emit(f"{reg} = spin_is_locked(l);", depth)
            results.append((t.index, reg, [0, 1]))
        elif kind == "rcu-read":
            t.emit("rcu_read_lock();", depth)
            for _ in range(rng.choice([1, 2])):
                operation(t, depth, allow_blocks=False)
            t.emit("rcu_read_unlock();", depth)
        elif kind == "sync":
            t.emit("synchronize_rcu();", depth)

    for _ in range(n):
        t = test.thread()
        for _ in range(rng.choice([1, 2, 2, 3])):
            operation(t, 1)
        if not t.lines:
            operation(t, 1)
    terms = []
    for thread, reg, values in rng.sample(results, min(len(results), rng.choice([1, 2, 2, 3]))):
        terms.append(f"{thread}:{reg}={rng.choice(values)}")
    if rng.random() < 0.5 or not terms:
        loc = rng.choice(locs)
        if any(loc in t.params for t in test.threads):
            terms.append(f"{loc}={rng.choice(sorted(values_of[loc]))}")
    if not terms:
        # Grace declares locations named only in the final condition, as
        # herd7 does, only when some thread names them too.
        used = sorted(set().union(*(t.params for t in test.threads)) & set(locs))
        terms.append(f"{used[0]}=0" if used else "0:r0=0")
        if not used and not test.threads[0].registers:
            test.threads[0].register()
    test.exists = " /\\ ".join(terms)
    test.comment = "random program"
    return test


# --- The publish family: pointers as values ---------------------------------

def publish_test(rng, name):
    """A writer initialises x and publishes &x through p (initially &y);
    readers follow p, so their second read has an address dependency on
    the first, through a pointer value."""
    test = Test(name)
    test.init["p"] = "p=y"
    test.types.update({"p": "int *", "x": "int", "y": "int"})
    writer = test.thread()
    writer.params.update({"x", "p"})
    writer.emit(rng.choice(["WRITE_ONCE(*x, 1);", "*x = 1;"]))
    writer.emit(rng.choice(["", "smp_wmb();", "smp_mb();", "synchronize_rcu();"]) or "barrier();")
    writer.emit(rng.choice(["rcu_assign_pointer(*p, x);", "WRITE_ONCE(*p, x);", "smp_store_release(p, x);"]))
    terms = []
    for _ in range(rng.choice([1, 1, 2])):
        reader = test.thread()
        reader.params.update({"x", "p", "y"})
        pointer = reader.register(pointer=True)
        value = reader.register()
        section = rng.random() < 0.5
        if section:
            reader.emit("rcu_read_lock();")
        reader.emit(f"{pointer} = {rng.choice(['rcu_dereference(*p)', 'READ_ONCE(*p)', 'smp_load_acquire(p)'])};")
        if rng.random() < 0.3:
            reader.emit(rng.choice(["smp_rmb();", "smp_mb();"]))
        reader.emit(f"{value} = {rng.choice(['READ_ONCE(*{0})', '*{0}']).format(pointer)};")
        if section:
            reader.emit("rcu_read_unlock();")
        terms += [f"{reader.index}:{pointer}=x", f"{reader.index}:{value}={rng.choice([0, 0, 1])}"]
    test.exists = " /\\ ".join(terms)
    test.comment = "publish a pointer"
    return test


# --- SRCU (behind --srcu) ---------------------------------------------------

SRCU_GRACE_PERIODS = ["synchronize_srcu(s);", "synchronize_srcu_expedited(s);", "synchronize_srcu(t);",
                      "synchronize_rcu();", "smp_mb();", None]


def srcu_access(rng, thread, test, loc, written):
    """A random read or write of `loc` inside or around an SRCU section;
    returns the register read, if any."""
    test.use(thread, loc)
    if rng.random() < 0.5:
        reg = thread.register()
        thread.emit(READS[rng.choice(["once", "once", "acquire", "plain"])](loc, reg))
        return reg
    value = written.setdefault(loc, 0) + 1
    written[loc] = value
    thread.emit(WRITES[rng.choice(["once", "once", "release", "plain"])](loc, value))
    return None


def srcu_reader(rng, test, reads, written, handoff=None):
    """A thread with one or two (nested) SRCU read-side sections of s or t,
    sometimes srcu_down_read/srcu_up_read, sometimes handing its index to
    another thread through `handoff`, which ends the section there."""
    thread = test.thread()
    struct = "s" if rng.random() < 0.8 else "t"
    test.use(thread, struct, "struct srcu_struct")
    down = rng.random() < 0.3
    idx = thread.register()
    thread.emit(f"{idx} = {'srcu_down_read' if down else 'srcu_read_lock'}({struct});")
    nested = rng.random() < 0.2
    if nested:
        inner = thread.register()
        thread.emit(f"{inner} = srcu_read_lock({struct});")
    for _ in range(rng.randint(1, 2)):
        reg = srcu_access(rng, thread, test, rng.choice(["x", "y", "z"]), written)
        if reg:
            reads.append((thread.index, reg))
    if nested:
        thread.emit(f"srcu_read_unlock({struct}, {inner});")
    if handoff is not None:
        test.use(thread, handoff)
        thread.emit(rng.choice([f"smp_store_release({handoff}, {idx} + 1);", f"WRITE_ONCE(*{handoff}, {idx} + 1);"]))
        return thread, struct
    thread.emit(f"{'srcu_up_read' if down else 'srcu_read_unlock'}({struct}, {idx});")
    if rng.random() < 0.3:
        thread.emit(rng.choice(["smp_mb__after_srcu_read_unlock();", "smp_mb();"]))
        reg = srcu_access(rng, thread, test, rng.choice(["x", "y", "z"]), written)
        if reg:
            reads.append((thread.index, reg))
    return thread, struct


def srcu_test(rng, name):
    """Readers and an updater around SRCU grace periods: sections of one
    srcu_struct or another, nested, migrating between threads
    (srcu_down_read on one, srcu_up_read on another), an index handed
    over by a shared variable, smp_mb__after_srcu_read_unlock, and
    grace periods of SRCU, RCU or none."""
    test = Test(name)
    reads, written = [], {}
    migrate = rng.random() < 0.25
    _, struct = srcu_reader(rng, test, reads, written, handoff="h" if migrate else None)
    if migrate:
        finisher = test.thread()
        test.use(finisher, "h")
        test.use(finisher, struct, "struct srcu_struct")
        got = finisher.register()
        finisher.emit(rng.choice([f"{got} = smp_load_acquire(h);", f"{got} = READ_ONCE(*h);"]))
        reg = srcu_access(rng, finisher, test, rng.choice(["x", "y"]), written)
        if reg:
            reads.append((finisher.index, reg))
        finisher.emit(f"srcu_up_read({struct}, {got} - 1);")
        reads.append((finisher.index, got))
    elif rng.random() < 0.3:
        srcu_reader(rng, test, reads, written)
    updater = test.thread()
    for loc in rng.sample(["x", "y", "z"], 2):
        reg = srcu_access(rng, updater, test, loc, written)
        if reg:
            reads.append((updater.index, reg))
        if not updater.lines[-1].strip().startswith(("synchronize", "smp_mb")):
            grace = rng.choice(SRCU_GRACE_PERIODS)
            if grace:
                if "(s)" in grace or "(t)" in grace:
                    test.use(updater, grace[grace.index("(") + 1], "struct srcu_struct")
                if rng.random() < 0.1:
                    updater.emit("rcu_read_lock();")
                    updater.emit(grace)
                    updater.emit("rcu_read_unlock();")
                else:
                    updater.emit(grace)
    if not reads:
        reg = updater.register()
        updater.emit(READS["once"]("x", reg))
        test.use(updater, "x")
        reads.append((updater.index, reg))
    terms = [f"{thread}:{reg}={rng.choice([0, 1])}" for thread, reg in rng.sample(reads, min(len(reads), rng.randint(1, 3)))]
    test.exists = " /\\ ".join(terms)
    test.comment = "srcu grace period"
    return test


# --- Large fixed shapes (for timing) -----------------------------------------

def scaled_tests(threads):
    """Classic shapes stretched to `threads` threads, with names saying so."""
    locs = [f"x{i}" for i in range(threads)]
    tests = []

    def ring(name, comment, first, fence, second, condition):
        test = Test(f"{name}-{threads}")
        test.comment = comment
        terms = []
        for i in range(threads):
            t = test.thread()
            a, b = locs[i], locs[(i + 1) % threads]
            test.use(t, a)
            test.use(t, b)
            reg = t.register()
            for line in (first(a, b, reg), fence, second(a, b, reg)):
                if line:
                    t.emit(line)
            terms.append(condition(i, reg))
        test.exists = " /\\ ".join(terms)
        tests.append(test)

    ring("SB+mbs", "store buffering around a ring, smp_mb() between each write and read",
         lambda a, b, r: f"WRITE_ONCE(*{a}, 1);", "smp_mb();", lambda a, b, r: f"{r} = READ_ONCE(*{b});",
         lambda i, r: f"{i}:{r}=0")
    ring("SB", "store buffering around a ring, no fences",
         lambda a, b, r: f"WRITE_ONCE(*{a}, 1);", None, lambda a, b, r: f"{r} = READ_ONCE(*{b});",
         lambda i, r: f"{i}:{r}=0")
    ring("LB+ctrls", "load buffering around a ring, control dependencies",
         lambda a, b, r: f"{r} = READ_ONCE(*{a});", f"if ({{r}} == 1)", lambda a, b, r: f"\tWRITE_ONCE(*{b}, 1);",
         lambda i, r: f"{i}:{r}=1")
    ring("LB", "load buffering around a ring, no ordering",
         lambda a, b, r: f"{r} = READ_ONCE(*{a});", None, lambda a, b, r: f"WRITE_ONCE(*{b}, 1);",
         lambda i, r: f"{i}:{r}=1")
    for test in tests:
        for t in test.threads:
            t.lines = [line.replace("{r}", t.registers[0][0]) for line in t.lines]

    # ISA2 chain: release-acquire message passing through every thread.
    test = Test(f"ISA2+releases+acquires-{threads}")
    test.comment = "a release-acquire chain through every thread"
    terms = []
    for i in range(threads):
        t = test.thread()
        if i == 0:
            test.use(t, "data")
            test.use(t, locs[1])
            t.emit("WRITE_ONCE(*data, 1);")
            t.emit(f"smp_store_release({locs[1]}, 1);")
        elif i < threads - 1:
            test.use(t, locs[i])
            test.use(t, locs[i + 1])
            r = t.register()
            t.emit(f"{r} = smp_load_acquire({locs[i]});")
            t.emit(f"smp_store_release({locs[i + 1]}, 1);")
            terms.append(f"{i}:{r}=1")
        else:
            test.use(t, locs[i])
            test.use(t, "data")
            r, d = t.register(), t.register()
            t.emit(f"{r} = smp_load_acquire({locs[i]});")
            t.emit(f"{d} = READ_ONCE(*data);")
            terms += [f"{i}:{r}=1", f"{i}:{d}=0"]
    test.exists = " /\\ ".join(terms)
    tests.append(test)

    # IRIW with many readers: half the threads write, half read all in a rotated order.
    writers = threads // 2
    test = Test(f"IRIW+mbs-{threads}")
    test.comment = f"{writers} writers, {threads - writers} readers each reading two writes with smp_mb() between"
    terms = []
    for i in range(threads):
        t = test.thread()
        if i < writers:
            test.use(t, locs[i])
            t.emit(f"WRITE_ONCE(*{locs[i]}, 1);")
        else:
            k = i - writers
            a, b = locs[k % writers], locs[(k + 1) % writers]
            test.use(t, a)
            test.use(t, b)
            r1, r2 = t.register(), t.register()
            t.emit(f"{r1} = READ_ONCE(*{a});")
            t.emit("smp_mb();")
            t.emit(f"{r2} = READ_ONCE(*{b});")
            terms += [f"{i}:{r1}=1", f"{i}:{r2}=0"]
    test.exists = " /\\ ".join(terms)
    tests.append(test)
    return tests


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", help="where to write the tests")
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--srcu", type=float, nargs="?", const=0.05, default=0.0, metavar="SHARE",
                        help="also generate SRCU tests, this share of them (default 0.05)")
    parser.add_argument("--scaled", type=int, metavar="THREADS",
                        help="instead, write the classic shapes stretched to THREADS threads (for timing)")
    args = parser.parse_args()
    if args.scaled:
        os.makedirs(args.directory, exist_ok=True)
        for test in scaled_tests(args.scaled):
            with open(os.path.join(args.directory, test.name + ".litmus"), "w") as out:
                out.write(test.render())
        return
    rng = random.Random(args.seed)
    os.makedirs(args.directory, exist_ok=True)
    for index in range(args.count):
        name = f"gen-{args.seed}-n{index:05d}"
        roll = rng.random()
        if roll < args.srcu:
            test = srcu_test(rng, name)
        elif roll < 0.1:
            test = publish_test(rng, name)
        elif roll < 0.6:
            test = cycle_test(rng, name)
        else:
            test = program_test(rng, name)
        with open(os.path.join(args.directory, name + ".litmus"), "w") as out:
            out.write(test.render())


if __name__ == "__main__":
    main()
