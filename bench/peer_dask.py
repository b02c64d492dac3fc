#!/usr/bin/python3
"""The peer side of the benchmark: one workload of shared/bench/WORKLOADS.md with Debian's dask
(threaded scheduler, one worker per core) over zarr and h5py, as peer_dask_reference.py runs it.

Usage: peer_dask.py WORKLOAD DATA_DIR [--scale F] [--out RESULT.npy] [--target COPY.zarr]
Prints one JSON line: workload, wall_s (the timed section only), cpu_s, cpu_pct,
peak_rss_bytes (this process, whole life: VmHWM), and us_per_task for tiny_tasks."""
import argparse
import json
import os
import resource
import shutil
import time

import dask
import dask.array as da
import h5py
import numpy as np
import zarr

GCHUNKS = (6553, 200, 2)


def vm_hwm():
    # This process's own peak RSS. getrusage's ru_maxrss would also count the parent's memory
    # at the fork (run_bench.py holds numpy results), which exec() carries over.
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def allele(arr, lock=False):
    x = da.from_array(arr, chunks=GCHUNKS, lock=lock)

    def count(b):
        return np.stack([(b == a).sum(axis=(1, 2)) for a in range(4)], axis=1)[:, None, :]

    per = x.map_blocks(count, dtype="i8", chunks=(x.chunks[0], (1,) * len(x.chunks[1]), (4,)))
    return per.sum(axis=1).compute()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload")
    p.add_argument("data")
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--out")
    p.add_argument("--target", help="copy_lz4's target (default DATA/peer_copy.zarr, removed after)")
    a = p.parse_args()
    dask.config.set(scheduler="threads", num_workers=a.threads)
    d, w = a.data, a.workload
    extra = {}
    setup = None
    if w in ("allele_lz4", "allele_zlib"):
        z = zarr.open(os.path.join(d, "genotype_lz4.zarr" if w == "allele_lz4" else "genotype_zlib.zarr"), mode="r")
        fn = lambda: allele(z)
    elif w == "allele_h5":
        f = h5py.File(os.path.join(d, "genotype.h5"), "r")
        fn = lambda: allele(f["calldata/genotype"])
    elif w == "copy_lz4":
        src = zarr.open(os.path.join(d, "genotype_lz4.zarr"), mode="r")
        target = a.target or os.path.join(d, "peer_copy.zarr")
        shutil.rmtree(target, ignore_errors=True)
        dst = zarr.open(target, mode="w", shape=src.shape, chunks=src.chunks, dtype=src.dtype,
                        compressor=src.compressor)
        fn = lambda: da.store(da.from_array(src, chunks=src.chunks), dst, lock=False)
    elif w == "copy_mem":
        n = max(1, int(400_000_000 * a.scale))
        a1 = np.arange(n, dtype="i4")
        z1 = zarr.array(a1, chunks=(2 ** 20,))
        z2 = zarr.empty_like(z1)
        del a1
        fn = lambda: da.store(da.from_array(z1, chunks=z1.chunks), z2, lock=False)
    elif w == "expr_mean":
        z = zarr.open(os.path.join(d, "wvel.zarr"), mode="r")
        x = da.from_array(z, chunks=z.chunks)
        fn = lambda: (x ** 2. + x ** 3.).mean(axis=0).compute()
    elif w == "tiny_tasks":
        x = da.from_array(np.arange(200_000, dtype="f8") % 1000, chunks=10)
        fn = lambda: x.sum().compute()
        extra["tasks"] = 20_000
    else:
        raise SystemExit(f"unknown workload {w}")
    c0, t0 = cpu(), time.perf_counter()
    out = fn()
    t1, c1 = time.perf_counter(), cpu()
    if a.out and out is not None:
        np.save(a.out, np.asarray(out))
    if w == "copy_lz4" and not a.target:
        shutil.rmtree(os.path.join(d, "peer_copy.zarr"), ignore_errors=True)
    wall, cs = t1 - t0, c1 - c0
    r = {"workload": w, "wall_s": wall, "cpu_s": cs, "cpu_pct": 100 * cs / wall,
         "peak_rss_bytes": vm_hwm()}
    if "tasks" in extra:
        r["us_per_task"] = wall * 1e6 / extra["tasks"]
    print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
