#!/usr/bin/env python3
"""Runs Grace (under lkmm) and herd7 on litmus tests and reports where they differ.

    differential.py TESTS_DIR [--grace PATH] [--oracle PATH] [--jobs N] [--out FILE]

Grace checks the whole folder in one `grace check --memory lkmm --format json`
run; herd7 runs once per test through the oracle script (herd7 7.57 with the
Linux 6.12 LKMM, ../shared/tools/herd7/lkmm-verdict). For every test the two
must give the same verdict (Never, Sometimes, Always, or DEADLOCK for herd7's
"Never 0 0"), the same numbers of executions that satisfy and that do not
satisfy the exists clause, and the same flags (data-race, ...).

Prints a summary and every disagreement; with --out, writes one line per
test (TSV). Needs the oracle, so it is not part of `swift test`.
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run_grace(grace, directory, time_limit):
    start = time.time()
    completed = subprocess.run([grace, "check", directory, "--memory", "lkmm", "--format", "json", "--time-limit", str(time_limit)],
                               capture_output=True, text=True)
    elapsed = time.time() - start
    document = json.loads(completed.stdout)
    results = {}
    for result in document["results"]:
        name = os.path.basename(result["model"])
        outcomes = result.get("outcomes") or {}
        results[name] = {
            "verdict": result["verdict"],
            "satisfying": outcomes.get("satisfying"),
            "considered": outcomes.get("considered"),
            "flags": sorted(result.get("flags") or []),
            "reason": result.get("reason", ""),
        }
    return results, elapsed


def run_herd(oracle, path, timeout):
    try:
        completed = subprocess.run([oracle, path], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"verdict": "timeout"}, timeout
    fields = completed.stdout.strip().split("\t")
    if len(fields) < 5 or fields[1] == "error":
        return {"verdict": "error", "reason": fields[-1] if fields else completed.stderr.strip()}, 0
    verdict, positive, negative = fields[1], int(fields[2]), int(fields[3])
    if verdict == "Never" and positive == 0 and negative == 0:
        verdict = "DEADLOCK"
    flags = [] if fields[4] == "-" else sorted(fields[4].split(","))
    return {"verdict": verdict.lower(), "positive": positive, "negative": negative, "flags": flags}, 0


def compare(herd, grace):
    """The ways the two differ, empty when they agree."""
    if grace is None:
        return ["grace has no result"]
    if herd["verdict"] in ("error", "timeout"):
        return []
    differences = []
    if grace["verdict"] != herd["verdict"]:
        differences.append(f"verdict herd7 {herd['verdict']} grace {grace['verdict']} {grace['reason']}".strip())
    if grace["satisfying"] is not None:
        negative = grace["considered"] - grace["satisfying"]
        if (grace["satisfying"], negative) != (herd["positive"], herd["negative"]):
            differences.append(f"counts herd7 {herd['positive']}/{herd['negative']} grace {grace['satisfying']}/{negative}")
    if grace["flags"] != herd["flags"]:
        differences.append(f"flags herd7 {','.join(herd['flags']) or '-'} grace {','.join(grace['flags']) or '-'}")
    return differences


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory")
    parser.add_argument("--grace", default=os.path.join(ROOT, ".build", "release", "grace"))
    parser.add_argument("--oracle", default=os.path.join(os.path.dirname(ROOT), "shared", "tools", "herd7", "lkmm-verdict"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--herd-timeout", type=float, default=120)
    parser.add_argument("--grace-time-limit", type=float, default=60)
    parser.add_argument("--out", help="write every test's results here (TSV)")
    args = parser.parse_args()

    files = sorted(f for f in os.listdir(args.directory) if f.endswith(".litmus"))
    grace, grace_seconds = run_grace(args.grace, args.directory, args.grace_time_limit)
    herd = {}
    herd_start = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run_herd, args.oracle, os.path.join(args.directory, f), args.herd_timeout): f for f in files}
        for future in concurrent.futures.as_completed(futures):
            herd[futures[future]] = future.result()[0]
    herd_seconds = time.time() - herd_start

    disagreements = {}
    skipped = {"error": 0, "timeout": 0}
    verdicts = {}
    for name in files:
        if herd[name]["verdict"] in skipped:
            skipped[herd[name]["verdict"]] += 1
            continue
        verdicts[herd[name]["verdict"]] = verdicts.get(herd[name]["verdict"], 0) + 1
        differences = compare(herd[name], grace.get(name))
        if differences:
            disagreements[name] = differences

    compared = len(files) - sum(skipped.values())
    print(f"tests: {len(files)}, compared: {compared}, herd7 errors: {skipped['error']}, herd7 timeouts: {skipped['timeout']}")
    print("herd7 verdicts: " + ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())))
    flagged = sum(1 for name in files if herd[name].get("flags"))
    print(f"tests with flags: {flagged}")
    print(f"disagreements: {len(disagreements)}")
    print(f"grace: {grace_seconds:.1f} s for all tests in one run; herd7: {herd_seconds:.1f} s with {args.jobs} jobs")
    for name, differences in sorted(disagreements.items()):
        print(f"  {name}: " + "; ".join(differences))
    if args.out:
        with open(args.out, "w") as out:
            out.write("file\therd7\tpositive\tnegative\therd7_flags\tgrace\tsatisfying\tconsidered\tgrace_flags\tagree\n")
            for name in files:
                h, g = herd[name], grace.get(name, {})
                out.write("\t".join(str(x) for x in [
                    name, h["verdict"], h.get("positive", "-"), h.get("negative", "-"), ",".join(h.get("flags", [])) or "-",
                    g.get("verdict", "-"), g.get("satisfying", "-"), g.get("considered", "-"), ",".join(g.get("flags", [])) or "-",
                    "no" if name in disagreements else "yes"]) + "\n")
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
