#!/usr/bin/env python3
"""Mutation fuzzer for `grace check`: no input may crash it or hang it.

Run from the package root, on a release build:

    swift build -c release
    python3 Tests/Fuzz/fuzz.py --mutants 10000 --jobs 2

It reads every model and fixture (Models/, Tests/GraceTests/Fixtures/,
Tests/GraceTests/Litmus/, and ../shared/litmus when present), makes mutants
of them (byte and token deletions, duplications and swaps, splices of other
models, deep nesting of parentheses, braces, prefix operators, binary chains,
statements, conditions and initialisers, extreme literals, huge thread,
register and array numbers, extreme Config values, deep and huge types,
structs containing themselves, long call chains, macros built from macros,
numbers forged into pointers and callbacks, printable and binary noise), runs the binary on each with a state and time budget and a
wall-clock timeout, and checks that
  - it exits 0, 1, 2, 64 or 65, never by a signal and never by the timeout;
  - every exit 65 prints `file:line:col: error: ...`, the source line and a
    caret line under it.
It prints how many mutants ran, a histogram of exit codes and the failures;
each failure is saved (the mutant and what grace printed) under --failures.
The same --seed gives the same mutants. Python 3 standard library only; not
run by `swift test`.
"""
import argparse
import collections
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ALLOWED_EXIT_CODES = {0, 1, 2, 64, 65}

TOKEN = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*|0[xX][0-9A-Fa-f]+[uUlL]*|[0-9]+[uUlL]*|/\\|\\/|->|\+\+|--|<<=?|>>=?|[<>=!]=|&&|\|\||\S")
NUMBER = re.compile(rb"(?<![A-Za-z0-9_])[0-9]+(?![A-Za-z0-9_])")
DIAGNOSTIC = re.compile(r"^(.*):(\d+):(\d+): error: .+$")
CARET = re.compile(r"^[ \t]*\^$")

EXTREME_LITERALS = [
    b"0", b"-1", b"1", b"15", b"16", b"63", b"64", b"255", b"256", b"4095", b"4096", b"4097", b"65536",
    b"2147483647", b"2147483648", b"-2147483648", b"4294967295", b"4294967296",
    b"9223372036854775807", b"9223372036854775808", b"-9223372036854775807", b"-9223372036854775808",
    b"(-9223372036854775807-1)", b"18446744073709551615", b"18446744073709551616",
    b"0xFFFFFFFFFFFFFFFF", b"0x10000000000000000", b"0x8000000000000000", b"1267650600228229401496703205376",
    b"0777777777777777777777", b"0x", b"09", b"1e9", b"1ULL", b"-0",
]
HUGE_NUMBERS = [b"16", b"17", b"99", b"4096", b"65535", b"65536", b"2147483648", b"9223372036854775807",
                b"9223372036854775808", b"18446744073709551615", b"18446744073709551616", b"99999999999999999999999"]
DEPTHS = [8, 64, 200, 250, 255, 256, 257, 300, 1000, 5000, 20000]
CONFIG_KEYS = [b"cpus", b"page_words", b"pool", b"tlb_flush", b"rcu", b"bitops", b"bogus"]
PREFIX_OPERATORS = [b"-", b"!", b"~", b"*", b"&", b"+", b"++", b"--", b"(long)", b"(int *)", b"sizeof "]
BINARY_OPERATORS = [b"+", b"-", b"*", b"/", b"%", b"<<", b">>", b"&", b"|", b"^", b"&&", b"||", b"==", b"<", b"?1:"]


def corpus_files(root):
    folders = [os.path.join(root, "Models"), os.path.join(root, "Tests", "GraceTests", "Fixtures"),
               os.path.join(root, "Tests", "GraceTests", "Litmus"), os.path.join(root, "..", "shared", "litmus")]
    files = []
    for folder in folders:
        for directory, _, names in os.walk(folder):
            for name in names:
                if name.endswith((".grace", ".litmus")):
                    files.append(os.path.normpath(os.path.join(directory, name)))
    return sorted(files)


# MARK: Mutators. Each takes the generator, the text (bytes) and the corpus, and returns new text.

def span(rng, text, longest=16):
    if not text:
        return 0, 0
    start = rng.randrange(len(text))
    return start, min(len(text), start + rng.randint(1, longest))


def delete_bytes(rng, text, corpus):
    start, end = span(rng, text)
    return text[:start] + text[end:]


def duplicate_bytes(rng, text, corpus):
    start, end = span(rng, text, 64)
    return text[:end] + text[start:end] * rng.randint(1, 4) + text[end:]


def swap_bytes(rng, text, corpus):
    a, b = sorted([span(rng, text), span(rng, text)])
    if a[1] > b[0]:
        return text
    return text[:a[0]] + text[b[0]:b[1]] + text[a[1]:b[0]] + text[a[0]:a[1]] + text[b[1]:]


def tokens(text):
    return [(match.start(), match.end()) for match in TOKEN.finditer(text)]


def delete_token(rng, text, corpus):
    found = tokens(text)
    if not found:
        return text
    start, end = rng.choice(found)
    return text[:start] + text[end:]


def duplicate_token(rng, text, corpus):
    found = tokens(text)
    if not found:
        return text
    start, end = rng.choice(found)
    return text[:end] + b" " + text[start:end] + text[end:]


def swap_tokens(rng, text, corpus):
    found = tokens(text)
    if len(found) < 2:
        return text
    (a0, a1), (b0, b1) = sorted(rng.sample(found, 2))
    return text[:a0] + text[b0:b1] + text[a1:b0] + text[a0:a1] + text[b1:]


def replace_token(rng, text, corpus):
    found = tokens(text)
    if len(found) < 2:
        return text
    start, end = rng.choice(found)
    source_start, source_end = rng.choice(found)
    return text[:start] + text[source_start:source_end] + text[end:]


def splice(rng, text, corpus):
    with open(rng.choice(corpus), "rb") as file:
        other = file.read().split(b"\n")
    lines = text.split(b"\n")
    first = rng.randrange(len(other))
    chunk = other[first:first + rng.randint(1, 12)]
    at = rng.randrange(len(lines) + 1)
    return b"\n".join(lines[:at] + chunk + lines[at:])


def body_positions(text):
    """Offsets just after a ';' or '{' inside a function body (brace depth > 0 after the init block)."""
    positions = []
    depth = 0
    blocks = 0
    for index, byte in enumerate(text):
        if byte == ord("{"):
            depth += 1
            if depth == 1:
                blocks += 1
        elif byte == ord("}"):
            depth = max(0, depth - 1)
        elif byte == ord(";") and depth > 0 and blocks > 1:
            positions.append(index + 1)
    return positions


def operand_positions(text):
    return [(match.start(), match.end()) for match in TOKEN.finditer(text)
            if re.fullmatch(rb"[A-Za-z_][A-Za-z0-9_]*|[0-9]+", match.group()) and match.group() not in (b"C", b"P0", b"P1", b"exists")]


def deep_parentheses(rng, text, corpus):
    found = operand_positions(text)
    if not found:
        return text
    start, end = rng.choice(found)
    depth = rng.choice(DEPTHS)
    return text[:start] + b"(" * depth + text[start:end] + b")" * rng.choice([depth, depth, depth - 1]) + text[end:]


def deep_prefix(rng, text, corpus):
    found = operand_positions(text)
    if not found:
        return text
    start, _ = rng.choice(found)
    operator = rng.choice(PREFIX_OPERATORS)
    separator = b" " if operator in (b"-", b"+", b"&") else b""
    return text[:start] + (operator + separator) * rng.choice(DEPTHS) + text[start:]


def binary_chain(rng, text, corpus):
    found = operand_positions(text)
    if not found:
        return text
    start, end = rng.choice(found)
    operand = text[start:end]
    operator = rng.choice(BINARY_OPERATORS)
    count = rng.choice(DEPTHS + [100000])
    return text[:start] + (b" " + operator + b" ").join([operand] * count) + text[end:]


def deep_braces(rng, text, corpus):
    positions = body_positions(text)
    at = rng.choice(positions) if positions else rng.randrange(len(text) + 1)
    depth = rng.choice(DEPTHS)
    inner = rng.choice([b"", b"x = 1;", b"WRITE_ONCE(*x, 1);", b";"])
    return text[:at] + b"{" * depth + inner + b"}" * rng.choice([depth, depth, depth + 1, depth - 1]) + text[at:]


def deep_statements(rng, text, corpus):
    positions = body_positions(text)
    at = rng.choice(positions) if positions else rng.randrange(len(text) + 1)
    head = rng.choice([b"if (1) ", b"while (0) ", b"for (;;) ", b"do ", b"if (1) ; else "])
    depth = rng.choice(DEPTHS)
    tail = b" while (0);" * depth if head == b"do " else b""
    return text[:at] + head * depth + b";" + tail + text[at:]


def deep_condition(rng, text, corpus):
    depth = rng.choice(DEPTHS + [37000])
    atom = rng.choice([b"x=1", b"0:r0=0", b"x=-9223372036854775808", b"true", b"y=x"])
    shape = rng.randrange(4)
    if shape == 0:
        proposition = b" /\\ ".join([atom] * depth)
    elif shape == 1:
        proposition = b" \\/ ".join([atom] * depth)
    elif shape == 2:
        proposition = b"~" * depth + atom
    else:
        proposition = b"(" * depth + atom + b")" * depth
    clause = rng.choice([b"exists", b"~exists", b"forall", b"filter"]) + b" (" + proposition + b")"
    match = re.search(rb"^(~?exists|forall|filter)\s*\(.*$", text, re.M | re.S)
    if match and rng.random() < 0.7:
        return text[:match.start()] + clause + b"\n"
    return text + b"\n" + clause + b"\n"


def deep_initialiser(rng, text, corpus):
    match = re.search(rb"\{", text)
    if not match:
        return text
    depth = rng.choice(DEPTHS + [100000])
    name = b"v%d" % rng.randrange(1000)
    shape = rng.randrange(4)
    if shape == 0:
        entry = b"int " + name + b" = " + b" + ".join([b"1"] * depth) + b";"
    elif shape == 1:
        entry = b"int " + name + b"[2] = " + b"{" * depth + b"0" + b"}" * depth + b";"
    elif shape == 2:
        entry = b"struct page " + name + b" = { .flags = " + b"(" * depth + b"1" + b")" * depth + b" };"
    else:
        entry = name + b" = " + b"-" * depth + b"1;"
    return text[:match.end()] + b" " + entry + b" " + text[match.end():]


def init_block_end(text):
    """The offset just inside the init block's closing brace, or None."""
    match = re.search(rb"^\{", text, re.M)
    if not match:
        return None
    depth = 0
    for index in range(match.start(), len(text)):
        if text[index] == ord("{"):
            depth += 1
        elif text[index] == ord("}"):
            depth -= 1
            if depth == 0:
                return index
    return None


def deep_type(rng, text, corpus):
    """Pointer stars, array dimensions and huge arrays in a shared declaration."""
    at = init_block_end(text)
    if at is None:
        return text
    depth = rng.choice(DEPTHS)
    shape = rng.randrange(3)
    if shape == 0:
        declaration = b" int " + b"*" * depth + b"deep;"
    elif shape == 1:
        declaration = b" int deep" + b"[1]" * depth + b";"
    else:
        declaration = b" long deep" + b"".join(b"[" + rng.choice(HUGE_NUMBERS + [b"4096"]) + b"]" for _ in range(rng.randint(1, 4))) + b";"
    return text[:at] + declaration + text[at:]


def struct_nesting(rng, text, corpus):
    """A struct containing itself, or a long chain of structs nested by value."""
    at = re.search(rb"^\{", text, re.M)
    if not at:
        return text
    if rng.random() < 0.5:
        definitions = rng.choice([b"struct loop { struct loop inner; int a; };\n",
                                  b"struct loop { int a; };\nstruct loop { struct loop inner[2]; };\n",
                                  b"struct outer { struct { struct outer back; } inner; };\n"])
        declaration = b" struct loop loopy;" if b"loop" in definitions else b" struct outer loopy;"
    else:
        depth = rng.choice(DEPTHS[:-1])
        definitions = b"struct s0 { int a; };\n" + b"".join(b"struct s%d { struct s%d a; };\n" % (i, i - 1) for i in range(1, depth))
        declaration = b" struct s%d chained;" % (depth - 1)
    end = init_block_end(text)
    text = text[:end] + declaration + text[end:] if end is not None else text
    return text[:at.start()] + definitions + text[at.start():]


def call_chain(rng, text, corpus):
    """Helper functions calling each other in a long chain, or in a cycle."""
    at = re.search(rb"^P0\s*\(", text, re.M)
    if not at:
        return text
    depth = rng.choice(DEPTHS[:-1])
    helpers = b"".join(b"void chain%d(void) { chain%d(); }\n" % (i, i + 1) for i in range(depth))
    helpers += b"void chain%d(void) { %s }\n" % (depth, rng.choice([b"", b"chain0();"]))
    body = re.search(rb"\{", text[at.start():])
    if not body:
        return text
    call = at.start() + body.end()
    text = text[:call] + b" chain0();" + text[call:]
    return text[:at.start()] + helpers + text[at.start():]


def macro_growth(rng, text, corpus):
    """Macros built from macros, each several times longer than the last."""
    width = rng.choice([2, 8, 64])
    levels = rng.choice([3, 8, 20])
    lines = [b"#define GROW0 1"]
    for level in range(1, levels):
        lines.append(b"#define GROW%d " % level + b" + ".join([b"GROW%d" % (level - 1)] * width))
    use = b"GROW%d" % (levels - 1)
    found = [(match.start(), match.end()) for match in NUMBER.finditer(text)]
    if found:
        start, end = rng.choice(found)
        text = text[:start] + b"(" + use + b")" + text[end:]
    header_end = text.find(b"\n") + 1
    return text[:header_end] + b"\n".join(lines) + b"\n" + text[header_end:]


def forged_values(rng, text, corpus):
    """Numbers cast to pointers and callbacks, passed where objects belong."""
    found = [(match.start(), match.end()) for match in re.finditer(rb"&[A-Za-z_][A-Za-z0-9_>.\-]*|\b[a-z_]+_(?:func|fn|cb|callback)\b|\b[a-z_]*free[a-z_]*\b(?=\))", text)]
    if not found:
        return text
    start, end = rng.choice(found)
    value = rng.choice([b"0x100000000000FFFF", b"0x1000000000000005", b"0xFFFF0000000000", b"0x10000000000", b"-1", b"4096"])
    cast = rng.choice([b"(rcu_callback_t)", b"(void *)", b"(struct page *)", b"(spinlock_t *)", b"(atomic_t *)", b"(struct rcu_head *)"])
    return text[:start] + cast + value + text[end:]


def extreme_literal(rng, text, corpus):
    found = [(match.start(), match.end()) for match in NUMBER.finditer(text)]
    if not found:
        return text
    for _ in range(rng.randint(1, 3)):
        start, end = rng.choice(found)
        text = text[:start] + rng.choice(EXTREME_LITERALS) + text[end:]
        found = [(match.start(), match.end()) for match in NUMBER.finditer(text)]
        if not found:
            break
    return text


def huge_numbers(rng, text, corpus):
    """Thread numbers (`0:r0`, `P0`), register numbers, array indexes and bounds."""
    patterns = [rb"(?<![A-Za-z0-9_])([0-9]+)(?=:[A-Za-z_])", rb"\bP([0-9]+)\b", rb"\br([0-9]+)\b", rb"\[([0-9]+)\]"]
    pattern = re.compile(rng.choice(patterns))
    found = list(pattern.finditer(text))
    if not found:
        return text + b"\nexists (" + rng.choice(HUGE_NUMBERS) + b":r0=0 /\\ x[" + rng.choice(HUGE_NUMBERS) + b"]=1)\n"
    match = rng.choice(found)
    return text[:match.start(1)] + rng.choice(HUGE_NUMBERS) + text[match.end(1):]


def extreme_config(rng, text, corpus):
    key = rng.choice(CONFIG_KEYS)
    value = rng.choice(HUGE_NUMBERS + [b"0", b"-1", b"1", b"ipi", b"", b"=", b"2e3"])
    line = b" * Config: " + key + b"=" + value + b"\n"
    match = re.search(rb"\(\*\n", text)
    if match:
        return text[:match.end()] + line + text[match.end():]
    lines = text.split(b"\n", 1)
    return lines[0] + b"\n(*\n" + line + b" *)\n" + (lines[1] if len(lines) > 1 else b"")


def printable_noise(rng, text, corpus):
    at = rng.randrange(len(text) + 1)
    alphabet = bytes(range(32, 127)) + b"\n\t"
    return text[:at] + bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 64))) + text[at:]


def binary_noise(rng, text, corpus):
    at = rng.randrange(len(text) + 1)
    noise = bytes(rng.randrange(256) for _ in range(rng.randint(1, 32)))
    if rng.random() < 0.8:
        noise = noise.replace(b"\0", b"\x01")
    return text[:at] + noise + text[at:]


MUTATORS = [
    (delete_bytes, 4), (duplicate_bytes, 3), (swap_bytes, 2), (delete_token, 4), (duplicate_token, 3),
    (swap_tokens, 3), (replace_token, 3), (splice, 3), (deep_parentheses, 2), (deep_prefix, 2),
    (binary_chain, 2), (deep_braces, 2), (deep_statements, 2), (deep_condition, 2), (deep_initialiser, 2),
    (extreme_literal, 5), (huge_numbers, 4), (extreme_config, 2), (printable_noise, 2), (binary_noise, 1),
    (deep_type, 1), (struct_nesting, 1), (call_chain, 1), (macro_growth, 1), (forged_values, 2),
]


def make_mutant(seed, number, corpus):
    rng = random.Random(seed * 1_000_003 + number)
    source = corpus[number % len(corpus)]
    with open(source, "rb") as file:
        text = file.read()
    functions, weights = zip(*MUTATORS)
    applied = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        mutator = rng.choices(functions, weights)[0]
        text = mutator(rng, text, corpus)
        applied.append(mutator.__name__)
    return source, applied, text


# MARK: Running and judging

def judge(code, stderr, path):
    """The failure kind of one run, or None when it behaved."""
    if code is None:
        return "timeout"
    if code < 0:
        return f"signal {-code}"
    if code not in ALLOWED_EXIT_CODES:
        return f"exit {code}"
    if code == 65:
        lines = stderr.split("\n")
        headers = [index for index, line in enumerate(lines) if DIAGNOSTIC.match(line) and line.startswith(path + ":")]
        if not headers:
            return "exit 65 without 'file:line:col: error:'"
        for index in headers:
            if index + 2 >= len(lines) or not CARET.match(lines[index + 2]):
                return "exit 65 without source line and caret"
    return None


def run_one(arguments, corpus, work, number):
    source, applied, text = make_mutant(arguments.seed, number, corpus)
    extension = os.path.splitext(source)[1]
    path = os.path.join(work, f"mutant-{number}{extension}")
    with open(path, "wb") as file:
        file.write(text)
    command = [arguments.binary, "check", path, "--max-states", str(arguments.max_states),
               "--time-limit", str(arguments.time_limit)]
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=arguments.timeout)
        code, stdout, stderr = result.returncode, result.stdout, result.stderr
    except subprocess.TimeoutExpired as expired:
        code, stdout, stderr = None, expired.stdout or b"", expired.stderr or b""
    stderr_text = stderr.decode("utf-8", "replace")
    failure = judge(code, stderr_text, path)
    if failure:
        os.makedirs(arguments.failures, exist_ok=True)
        saved = os.path.join(arguments.failures, f"failure-{number}{extension}")
        shutil.copyfile(path, saved)
        with open(saved + ".txt", "w") as report:
            report.write(f"failure: {failure}\nsource: {source}\nmutators: {', '.join(applied)}\n")
            report.write(f"command: {' '.join(command[:2] + [saved] + command[3:])}\n\n")
            report.write("stdout (head):\n" + stdout.decode("utf-8", "replace")[:4000] + "\n")
            report.write("stderr (head):\n" + stderr_text[:4000] + "\n")
        failure = (failure, source, applied, saved)
    os.remove(path)
    return number, code, failure, applied


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/release/grace", help="the grace binary to run")
    parser.add_argument("--mutants", type=int, default=10000)
    parser.add_argument("--first", type=int, default=0, help="number of the first mutant (to replay a range)")
    parser.add_argument("--jobs", type=int, default=2, help="processes run at once")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-states", type=int, default=20000)
    parser.add_argument("--time-limit", type=float, default=5)
    parser.add_argument("--timeout", type=float, default=120, help="wall-clock seconds before a run counts as hung")
    parser.add_argument("--failures", default=".build/fuzz-failures", help="folder for failing mutants")
    arguments = parser.parse_args()
    arguments.binary = os.path.abspath(arguments.binary)
    if not os.access(arguments.binary, os.X_OK):
        print(f"fuzz: no binary at {arguments.binary}; build it with 'swift build -c release'", file=sys.stderr)
        return 64
    corpus = corpus_files(os.getcwd())
    if not corpus:
        print("fuzz: no models found; run from the package root", file=sys.stderr)
        return 64
    print(f"fuzz: {len(corpus)} models and fixtures, {arguments.mutants} mutants from #{arguments.first}, "
          f"seed {arguments.seed}, {arguments.jobs} jobs", flush=True)
    codes = collections.Counter()
    mutators = collections.Counter()
    failures = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="grace-fuzz-") as work:
        numbers = range(arguments.first, arguments.first + arguments.mutants)
        with concurrent.futures.ThreadPoolExecutor(max_workers=arguments.jobs) as pool:
            jobs = [pool.submit(run_one, arguments, corpus, work, number) for number in numbers]
            for done, job in enumerate(concurrent.futures.as_completed(jobs), 1):
                number, code, failure, applied = job.result()
                codes["timeout" if code is None else code] += 1
                mutators.update(applied)
                if failure:
                    failures.append((number, failure))
                    print(f"  FAIL #{number}: {failure[0]} ({', '.join(failure[2])} of {failure[1]}) -> {failure[3]}", flush=True)
                if done % 500 == 0:
                    print(f"  {done} mutants, {len(failures)} failures, {time.monotonic() - started:.0f} s", flush=True)
    print(f"\nmutants: {arguments.mutants}")
    print("exit codes: " + ", ".join(f"{code}: {count}" for code, count in sorted(codes.items(), key=lambda item: str(item[0]))))
    print("mutators applied: " + ", ".join(f"{name} {count}" for name, count in sorted(mutators.items())))
    print(f"failures: {len(failures)}")
    for number, (kind, source, applied, saved) in sorted(failures):
        print(f"  #{number} {kind}: {', '.join(applied)} of {source}; reproducer {saved}")
    print(f"time: {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
