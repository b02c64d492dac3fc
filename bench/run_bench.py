#!/usr/bin/python3
"""chunkscope's benchmark: every workload of shared/bench/WORKLOADS.md with chunkscope and with
the peer (dask + zarr + h5py, bench/peer_dask.py) on the same data in one run.

Usage: bench/run_bench.py --cli build/release/app/cli/chunkscope-cli [--data DIR] [--scale F]
                          [--repeat N] [--threads N] [--workloads a,b,...]
Writes the demo data with `chunkscope-cli gen-demo` when DIR has none, then prints per workload:
both wall times (best of --repeat; for reductions without writing the result .npy, since the
peer's timed section ends at compute() too), the ratio peer/chunkscope, CPU %, peak RSS of each process,
and the codec-bound limit (single-thread decode (+ encode for copies) time / threads, best of
--repeat, each run right after one of chunkscope's; chunkscope's distance to it best against best
and as the median of the runs' pairs). Then the
instrumentation cost: allele_lz4 and tiny_tasks with task recording on and off, and the cost of one
task's record alone (recording_cost_bench, when built beside the CLI). Also checks that
chunkscope's allele counts and expression result equal dask's."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS = ["allele_lz4", "allele_zlib", "allele_h5", "copy_lz4", "copy_lz4_recode", "copy_mem",
             "copy_mem_recode", "expr_mean", "tiny_tasks"]
# chunkscope copies a same-codec, same-chunks array by moving its stored bytes; the *_recode rows
# run the same copy with --recode (decode + encode every chunk, as the peer always does) against
# the same peer run, so the codec path and its codec-bound limit are measured too.
RECODE = "_recode"


def run_measured(cmd):
    # Peak RSS comes from each process's own VmHWM (in its JSON): wait4's ru_maxrss also counts
    # this Python's memory at the fork, which exec() carries over into the child's figure.
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err.decode()}")
    return out.decode(), usage.ru_maxrss * 1024


def last_json(text):
    return json.loads([l for l in text.splitlines() if l.startswith("{")][-1])


# Copy targets: a new folder per run, all removed with the benchmark's temporary folder when it
# ends. Deleting one run's target before the next made each run's files slow to create: ext4
# without a journal (this machine's root) skips inodes freed in the last 1-5 minutes, and every
# new file scanned past the hundreds the benchmark had just deleted (the write phase of a
# recoding copy took 0.17-0.48 s instead of 0.05-0.08 s, for both sides).
_targets = iter(range(1_000_000))


def new_target(tmp, who):
    return os.path.join(tmp, f"{who}_copy_{next(_targets)}.zarr")


# After each copy (either side's), its target is written back and dropped from the page cache,
# outside any timed section, unless --keep-page-cache: each copy then writes into pages the host
# still backs. Without it, on this VM, a recoding copy's write phase grew from 0.04 s to 0.26 s
# of the workers' time within three copies (each followed by a peer copy) and stayed there; with
# it, 0.037-0.051 s over eight (session 9). The kernel takes page-cache pages for new files from
# free memory the VM has long since handed back to its host (free page reporting), and the host
# then supplies each page again; pages just dropped are still backed.
def release_page_cache(args, target):
    if args.keep_page_cache or not os.path.isdir(target):
        return
    os.sync()  # dirty pages cannot be dropped
    for folder, _, files in os.walk(target):
        for name in files:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def chunkscope(args, w, tmp, record=True, extra=()):
    d, cli = args.data, args.cli
    common = ["--threads", str(args.threads), "--quiet"] + ([] if record else ["--no-record"])
    if w.endswith(RECODE):
        w = w[: -len(RECODE)]
        common.append("--recode")
    summary = os.path.join(tmp, "summary.json")
    out = os.path.join(tmp, f"cs_{w}.npy")
    geno = {"allele_lz4": "genotype_lz4.zarr", "allele_zlib": "genotype_zlib.zarr",
            "allele_h5": "genotype.h5/calldata/genotype"}
    if w in geno:
        cmd = [cli, "run", "bincount(g, 4, axis=(1,2))", "--input", f"g={d}/{geno[w]}", "-o", out, "--summary", summary]
        # Chunks per task is left at its default, auto: allele_lz4 and allele_zlib take a block's
        # 4 chunks per task, allele_h5 a block's 77 (6553, 10, 2) chunks (the peer's dask tasks
        # read (6553, 200, 2) blocks, 20 of the file's chunks).
    elif w == "copy_lz4":
        target = new_target(tmp, "cs")
        cmd = [cli, "copy", f"{d}/genotype_lz4.zarr", target, "--summary", summary]
    elif w == "expr_mean":
        cmd = [cli, "run", "mean(x**2 + x**3, axis=0)", "--input", f"x={d}/wvel.zarr", "-o", out, "--summary", summary]
    elif w == "copy_mem":
        cmd = [cli, "bench", "copy-mem", "--n", str(max(1, int(400_000_000 * args.scale)))]
    else:
        cmd = [cli, "bench", "tiny-tasks"]
    text, _ = run_measured(cmd + common + list(extra))
    if w == "copy_lz4":
        release_page_cache(args, target)
    s = last_json(text) if w in ("copy_mem", "tiny_tasks") else json.load(open(summary))
    rss = s["process_peak_rss_bytes"]
    wall = s["wall_s"]
    if w in geno or w == "expr_mean":
        # The peer's timed section is dask's compute() into memory; np.save comes after it. Our
        # run writes the .npy in its last task, timed as its "write" phase: leave that out, so
        # both sides time the same work (the write is kept in write_s and shown in the notes).
        wall -= s["phase_s"]["write"]
    # Tiny tasks: the whole run_plan() call, so the recorder's set-up counts in recording's cost.
    return {"wall_s": wall, "run_wall_s": s.get("run_plan_s", s["wall_s"]), "write_s": s.get("phase_s", {}).get("write", 0.0),
            "cpu_pct": s["cpu_pct"], "cpu_s": s["cpu_pct"] * s["wall_s"] / 100, "rss": rss, "us_per_task": s.get("us_per_task"),
            "tasks": s.get("tasks"),
            "result": out if os.path.exists(out) else None}


def peer(args, w, tmp):
    w = w.removesuffix(RECODE)
    out = os.path.join(tmp, f"peer_{w}.npy")
    target = new_target(tmp, "peer")
    text, _ = run_measured([sys.executable, os.path.join(HERE, "peer_dask.py"), w, args.data,
                            "--scale", str(args.scale), "--threads", str(args.threads), "--out", out,
                            "--target", target])
    release_page_cache(args, target)
    r = last_json(text)
    r["rss"] = r["peak_rss_bytes"]
    r["result"] = out if os.path.exists(out) else None
    return r


def codec_limit_command(args, w):
    """The `bench codec-limit` command line for w, or None when no codec runs."""
    if w in ("copy_lz4", "copy_mem"):
        return None  # stored bytes are moved: no codec runs
    w = w.removesuffix(RECODE)
    src = {"allele_lz4": "genotype_lz4.zarr", "allele_zlib": "genotype_zlib.zarr",
           "allele_h5": "genotype.h5/calldata/genotype", "copy_lz4": "genotype_lz4.zarr", "expr_mean": "wvel.zarr"}
    if w not in src:
        return None
    return [args.cli, "bench", "codec-limit", f"{args.data}/{src[w]}"] + (["--encode"] if w.startswith("copy") else [])


def codec_limit(cmd, args):
    """One run of the codec-bound limit: single-thread codec seconds over the thread count."""
    r = last_json(run_measured(cmd)[0])
    return (r["decode_s"] + r["encode_s"]) / args.threads


def codec_alone(cmd, args):
    """The codec alone over the chunks in memory: (wall on args.threads threads, wall on one)."""
    r = last_json(run_measured(cmd + ["--threads", str(args.threads)])[0])
    return r["threads_wall_s"], r["one_thread_wall_s"]


def best(runs, key="wall_s"):
    return min(runs, key=lambda r: r[key])


def mb(b):
    return f"{b / 1e6:.0f} MB"


# ext4 without a journal (this machine's root) skips, for every new inode, the free inodes
# deleted in the last 60 s (360 s while their inode table block is dirty): right after a
# benchmark's clean-up deleted thousands of copy targets' files, 11% of a recoding copy's CPU
# went to that scan (perf, session 8). The clean-up's time is kept beside the data, so the next
# benchmark can say when its copies start in that window.
CLEANUP_STAMP = ".last_bench_cleanup"
RECENTLY_DELETED_S = 360
MANY_FILES = 1000  # a clean-up of fewer (a run without the copies) is not waited for


def files_under(path):
    return sum(len(files) for _, _, files in os.walk(path))


def last_cleanup(data):
    """(seconds since the last benchmark's clean-up, files it deleted), or None."""
    try:
        with open(os.path.join(data, CLEANUP_STAMP)) as f:
            when, files = f.read().split()
        return time.time() - float(when), int(files)
    except (OSError, ValueError):
        return None


def recent_mass_delete(data):
    last = last_cleanup(data)
    return last if last and last[0] < RECENTLY_DELETED_S and last[1] >= MANY_FILES else None


def cleanup_warning(data):
    last = recent_mass_delete(data)
    if not last:
        return None
    age, files = last
    return (f"the last benchmark deleted {files} files {age:.0f} s ago: on ext4 without a journal, "
            f"creating files stays slow for up to {RECENTLY_DELETED_S} s after, so the copies' write "
            f"phase may be inflated")


def wait_out_recent_cleanup(data):
    """Sleeps until the last clean-up is RECENTLY_DELETED_S old: a benchmark run right after
    another measured its copies against that inode scan (7% of a recoding copy's CPU samples in
    session 9, half its write phase), which the codec-bound limit, writing nothing, never sees."""
    last = recent_mass_delete(data)
    if not last:
        return
    # A stamp from the future (a clock step, data shared between machines) waits no longer.
    wait = min(RECENTLY_DELETED_S, RECENTLY_DELETED_S - last[0] + 1)
    print(f"# waiting {wait:.0f} s: the last benchmark deleted {last[1]} files {last[0]:.0f} s ago "
          f"(--no-wait to start now; see RECENTLY_DELETED_S)", file=sys.stderr, flush=True)
    time.sleep(wait)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cli", required=True)
    p.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "chunkscope_bench"))
    p.add_argument("--scale", type=float, default=0.1)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--workloads", default=",".join(WORKLOADS))
    p.add_argument("--keep-page-cache", action="store_true",
                   help="leave each copy's target in the page cache (see release_page_cache)")
    p.add_argument("--no-wait", action="store_true",
                   help="start even if the last benchmark's clean-up was under 6 minutes ago")
    args = p.parse_args()
    args.cli = os.path.abspath(args.cli)
    if not os.path.exists(os.path.join(args.data, "wvel.zarr", ".zarray")):
        subprocess.run([args.cli, "gen-demo", args.data, "--scale", str(args.scale), "--quiet"], check=True)
    rows = []
    if not args.no_wait:
        wait_out_recent_cleanup(args.data)
    warning = cleanup_warning(args.data)
    if warning:
        print(f"# note: {warning}", file=sys.stderr, flush=True)
    deleted = 0
    with tempfile.TemporaryDirectory() as tmp:
        peers = {}
        for w in args.workloads.split(","):
            # Each chunkscope run is followed by a run of the codec-bound limit, so that a pair
            # sees the same machine: this VM's speed drifts by the minute by more than the 1.3x
            # target's margin, and bests taken minutes apart moved the ratio with it.
            limit_cmd = codec_limit_command(args, w)
            cs_runs, limit_runs = [], []
            for _ in range(args.repeat):
                cs_runs.append(chunkscope(args, w, tmp))
                if limit_cmd:
                    limit_runs.append(codec_limit(limit_cmd, args))
            cs = best(cs_runs)
            limit = None
            if limit_runs:
                pair_ratios = [r["wall_s"] / lim for r, lim in zip(cs_runs, limit_runs)]
                limit = {"best": min(limit_runs), "pairs": float(np.median(pair_ratios))}
                if args.threads > 1:
                    # In runs of their own, after the pairs: they end with every core busy,
                    # which the pairs' chunkscope runs should not start from.
                    alone = [codec_alone(limit_cmd, args) for _ in range(args.repeat)]
                    limit["codec_s"] = min(a for a, _ in alone)
                    limit["codec_median_s"] = float(np.median([a for a, _ in alone]))
                    limit["cs_median_s"] = float(np.median([r["wall_s"] for r in cs_runs]))
                    limit["scaling"] = [a * args.threads / one for a, one in alone]
            base = w.removesuffix(RECODE)
            if base not in peers:
                peers[base] = best([peer(args, w, tmp) for _ in range(args.repeat)])
            pe = peers[base]
            same = ""
            if cs["result"] and pe["result"]:
                a, b = np.load(cs["result"]), np.load(pe["result"])
                same = "equal" if a.shape == b.shape and (np.array_equal(a, b) if a.dtype.kind in "iu"
                                                          else np.allclose(a, b, rtol=1e-4)) else "DIFFERENT"
            rows.append((w, cs, pe, limit, same))
            print(f"# {w}: chunkscope {cs['wall_s']:.3f} s, peer {pe['wall_s']:.3f} s", file=sys.stderr, flush=True)
        overhead = []
        for w in ("allele_lz4", "tiny_tasks"):
            if w in args.workloads.split(","):
                # Alternating on/off pairs, so a drift in the machine's load hits both sides;
                # the medians are compared (a best-of would reward one lucky run).
                # Tiny tasks ten times over (0.2 s, not 20 ms): steadier medians.
                extra = ["--n", "2000000"] if w == "tiny_tasks" else []
                on, off, tasks = [], [], 0
                for _ in range(3 * args.repeat):
                    # The whole run's wall: with recording off there are no phase times, so
                    # the result write cannot be left out on that side.
                    r = chunkscope(args, w, tmp, extra=extra)
                    on.append(r["run_wall_s"])
                    tasks = r["tasks"] or 0
                    off.append(chunkscope(args, w, tmp, record=False, extra=extra)["run_wall_s"])
                overhead.append((w, float(np.median(on)), float(np.median(off)), tasks))
        in_process = None
        if "tiny_tasks" in args.workloads.split(","):
            # The same pairs in one process: no spread between processes (their memory, the
            # host's), record blocks partly reused from earlier rounds.
            text, _ = run_measured([args.cli, "bench", "tiny-tasks", "--n", "2000000", "--threads",
                                    str(args.threads), "--quiet", "--rounds", str(3 * args.repeat)])
            in_process = last_json(text)
        deleted = files_under(tmp)
    try:
        with open(os.path.join(args.data, CLEANUP_STAMP), "w") as f:
            f.write(f"{time.time()} {deleted}\n")
    except OSError:
        pass  # a read-only data folder: no note for the next run
    load = os.getloadavg()[0]
    print(f"scale {args.scale}, threads {args.threads}, best of {args.repeat}, load average {load:.1f} "
          f"on {os.cpu_count()} cores\n")
    if warning:
        print(f"Note: {warning}.\n")
    print("| workload | chunkscope | peer | peer/chunkscope | CPU s (cs / peer) | CPU % (cs / peer) | peak RSS (cs / peer) | codec-bound limit | cs / limit (best; median of pairs) | result |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for w, cs, pe, limit, same in rows:
        if w == "tiny_tasks":
            t_cs, t_pe = f"{cs['us_per_task']:.2f} µs/task", f"{pe['us_per_task']:.1f} µs/task"
        else:
            t_cs, t_pe = f"{cs['wall_s']:.3f} s", f"{pe['wall_s']:.3f} s"
        lim = f"{limit['best']:.3f} s" if limit else "-"
        rel = f"{cs['wall_s'] / limit['best']:.2f}x; {limit['pairs']:.2f}x" if limit else "-"
        print(f"| {w} | {t_cs} | {t_pe} | {pe['wall_s'] / cs['wall_s']:.1f}x | {cs['cpu_s']:.3f} / {pe['cpu_s']:.3f} "
              f"| {cs['cpu_pct']:.0f} / {pe['cpu_pct']:.0f} "
              f"| {mb(cs['rss'])} / {mb(pe['rss'])} | {lim} | {rel} | {same} |")
    scaled = [(w, cs, limit) for w, cs, _, limit, _ in rows if limit and "codec_s" in limit]
    if scaled:
        # The limit divides one thread's time by the thread count, as if the machine scaled
        # perfectly; this table times the codec alone on all the threads, beside it.
        n = args.threads
        print(f"\n| workload | codec-bound limit (1 thread / {n}) | codec alone on {n} threads | "
              f"scaling: {n} threads against 1 thread / {n} (runs) | cs / codec alone on {n} threads "
              "(best; medians) |")
        print("|---|---|---|---|---|")
        for w, cs, limit in scaled:
            lo, hi = min(limit["scaling"]), max(limit["scaling"])
            print(f"| {w} | {limit['best']:.3f} s | {limit['codec_s']:.3f} s | {lo:.2f}-{hi:.2f} "
                  f"| {cs['wall_s'] / limit['codec_s']:.2f}x; {limit['cs_median_s'] / limit['codec_median_s']:.2f}x |")
    if overhead:
        print(f"\n| instrumentation ({3 * args.repeat} alternating pairs, medians) | recording on | recording off | cost |")
        print("|---|---|---|---|")
        for w, on, off, _ in overhead:
            print(f"| {w} | {on:.4f} s | {off:.4f} s | {100 * (on - off) / off:+.1f}% |")
        if in_process:
            print(f"| tiny_tasks, {in_process['rounds']} pairs in one process | {in_process['run_plan_s_on']:.4f} s "
                  f"| {in_process['run_plan_s_off']:.4f} s | {100 * in_process['recording_cost']:+.1f}% |")
        # Recording costs per task, not per byte: the tiny tasks' on/off difference, spread over
        # their tasks (worker time), gives the cost of one record; each workload's share is that
        # times its task count over its workers' time. A chunk-sized run's own on/off pairs
        # cannot resolve 1% (single runs spread by several %); this estimate can.
        tiny = [o for o in overhead if o[0] == "tiny_tasks" and o[3]]
        if tiny:
            _, on, off, n = tiny[0]
            per_task = max(0.0, on - off) * args.threads / n
            print(f"\nrecording cost per task (tiny_tasks, {n} tasks): {per_task * 1e9:.0f} ns of worker time "
                  f"between processes", end="")
            # The in-process pairs spread far less (+7-10% where the processes' pairs gave +1% to
            # +20%, session 9); both estimates are shown, the in-process one first.
            in_task = None
            if in_process and in_process.get("tasks"):
                in_task = max(0.0, in_process["run_plan_s_on"] - in_process["run_plan_s_off"]) * args.threads / in_process["tasks"]
                print(f", {in_task * 1e9:.0f} ns in one process", end="")
            print("\n")
            print("| workload | tasks | estimated recording cost (share of the workers' time): in one process; between processes |")
            print("|---|---|---|")
            for w, cs, _, _, _ in rows:
                if cs.get("tasks") and w != "tiny_tasks":
                    workers = cs["wall_s"] * args.threads
                    between = f"{100 * per_task * cs['tasks'] / workers:.3f}%"
                    inside = f"{100 * in_task * cs['tasks'] / workers:.3f}%; " if in_task is not None else ""
                    print(f"| {w} | {cs['tasks']} | {inside}{between} |")
        # The on/off pairs above move by more than the cost itself on a noisy machine; this
        # times one tiny task's bookkeeping alone, on reused and on fresh memory.
        rec_bench = os.path.join(os.path.dirname(os.path.abspath(args.cli)), "..", "..", "core",
                                 "trace", "recording_cost_bench")
        if os.path.exists(rec_bench):
            text = subprocess.run([rec_bench], capture_output=True, text=True, check=True).stdout
            print("\nrecording_cost_bench (one lane, 50,000 tasks per round):\n")
            print("".join("    " + line + "\n" for line in text.splitlines()))


if __name__ == "__main__":
    main()
