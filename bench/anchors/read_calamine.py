#!/usr/bin/env python3
"""Anchor (b): python-calamine merely reading every sheet's values.
Usage: read_calamine.py WORKBOOK.xlsx ITERATIONS   -> one JSON line (milliseconds)"""
import json
import statistics
import sys
import time

from python_calamine import CalamineWorkbook


def read(path):
    wb = CalamineWorkbook.from_path(path)
    n = 0
    for name in wb.sheet_names:
        n += len(wb.get_sheet_by_name(name).to_python())
    return n


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    for _ in range(3):
        read(path)
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        read(path)
        samples.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"tool": "calamine", "mode": "read", "iterations": n, "median_ms": statistics.median(samples),
                      "min_ms": min(samples), "max_ms": max(samples)}))


if __name__ == "__main__":
    main()
