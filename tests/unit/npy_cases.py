"""Fixtures for tst_npy, written at test time with Debian's numpy.

    npy_cases.py write DIR   -> DIR/<case>.npy (numpy.save), DIR/<case>.raw (C-order bytes),
                                DIR/<case>.json ({"descr", "shape", "fortran"}), DIR/cases.txt
    npy_cases.py verify DIR  -> loads DIR/ours/<case>.npy with numpy.load and checks each equals
                                the case's array (dtype, shape, values); prints "ok <case>" lines
"""
import json
import os
import sys
import warnings

import numpy as np


def cases():
    rng = np.random.default_rng(7)
    out = {
        "int32_1d": np.arange(5, dtype="<i4"),
        "big_endian_int16_2d": np.arange(12, dtype=">i2").reshape(3, 4) - 6,
        "float64_0d": np.array(3.25, dtype="<f8"),
        "bool_1d": np.array([True, False, True, True, False, False, True]),
        "int8_3d": rng.integers(-128, 127, size=(4, 3, 2), dtype="i1"),
        "uint64_big_first_axis": np.arange(1234567, 1234567 + 3, dtype="<u8"),
        "bytes_S5": np.array([b"ab", b"hello", b""], dtype="|S5"),
        "unicode_U3": np.array(["a", "bcd", "\u00e9"], dtype="<U3"),
        "datetime_ns": np.array(["2020-01-01T00:00:00", "2021-06-30T12:34:56"],
                                dtype="<M8[ns]"),
        "timedelta_s": np.array([1, -2, 3], dtype="<m8[s]"),
        "complex_be": (np.arange(4) + 1j * np.arange(4)).astype(">c16"),
        "float16": np.linspace(-1, 1, 6, dtype="<f2"),
        "empty_1d": np.zeros((0,), dtype="<f4"),
        "empty_3d": np.zeros((2, 0, 3), dtype="<i8"),
        "structured": np.array([(1, (2.5, -1.0)), (3, (4.0, 5.5))],
                               dtype=[("a", "<i4"), ("b", ">f8", (2,))]),
        "structured_nested": np.array([((1, 2), b"xy")],
                                      dtype=[("p", [("x", "<i2"), ("y", "u1")]),
                                             ("q", "|S2")]),
        "structured_2d_field": np.zeros((2,), dtype=[("m", "<f4", (2, 3))]),
        "latin1_field_name": np.array([(1,)], dtype=[("caf\u00e9", "<i4")]),
        "quote_in_field_name": np.array([(1,)], dtype=[("it's", "<i4")]),
        # A header longer than 64 KiB needs format 2.0, a non-Latin-1 name format 3.0.
        "many_fields_v2": np.zeros((2,), dtype=[("field%05d" % i, "u1") for i in range(5000)]),
        "greek_field_v3": np.array([(1.5,)], dtype=[("\u03a9", "<f8")]),
        "fortran_order": np.asfortranarray(np.arange(24, dtype="<i4").reshape(2, 3, 4)),
    }
    return out


def write(folder):
    names = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpy warns when it falls back to format 2.0 / 3.0
        for name, arr in cases().items():
            np.save(os.path.join(folder, name + ".npy"), arr)
            with open(os.path.join(folder, name + ".raw"), "wb") as f:
                f.write(arr.tobytes(order="C"))
            meta = {
                "descr": np.lib.format.dtype_to_descr(arr.dtype),
                "shape": list(arr.shape),
                "fortran": bool(arr.flags.f_contiguous and not arr.flags.c_contiguous),
            }
            with open(os.path.join(folder, name + ".json"), "w") as f:
                json.dump(meta, f)
            names.append(name)
    with open(os.path.join(folder, "cases.txt"), "w") as f:
        f.write("\n".join(names) + "\n")


def verify(folder):
    failures = 0
    for name, arr in cases().items():
        path = os.path.join(folder, "ours", name + ".npy")
        if not os.path.exists(path):
            continue
        # numpy >= 1.24 refuses headers over 10000 bytes unless told; the v2 case has one.
        got = np.load(path, allow_pickle=False, max_header_size=1 << 20)
        same = got.dtype == arr.dtype and got.shape == arr.shape and np.array_equal(got, arr)
        print(("ok " if same else "MISMATCH ") + name)
        failures += 0 if same else 1
    return failures


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    else:
        sys.exit(1 if verify(sys.argv[2]) else 0)
