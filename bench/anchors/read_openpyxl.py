#!/usr/bin/env python3
"""Anchor (b): openpyxl merely reading every sheet's values (read_only, data_only: its fastest path).
Usage: read_openpyxl.py WORKBOOK.xlsx ITERATIONS   -> one JSON line (milliseconds)"""
import json
import statistics
import sys
import time

import openpyxl


def read(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += len(row)
    wb.close()
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
    print(json.dumps({"tool": "openpyxl", "mode": "read", "iterations": n, "median_ms": statistics.median(samples),
                      "min_ms": min(samples), "max_ms": max(samples)}))


if __name__ == "__main__":
    main()
