#!/usr/bin/env python3
"""Anchor (a): Python XlsxWriter writing the same cells, styles, merges, widths and heights as
juesuan's exported workbook, read from the neutral dump (parsed once, outside the timed loop).
Usage: xlsxwriter_export.py DUMP OUT.xlsx ITERATIONS   -> one JSON line (milliseconds)"""
import json
import os
import statistics
import sys
import time

import xlsxwriter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dump  # noqa: E402

BORDERS = {"": 0, "thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6, "hair": 7}


def write(formats, sheets, path):
    wb = xlsxwriter.Workbook(path)
    fmts = {}
    for fid, (font, size, bold, halign, valign, wrap, left, right, top, bottom, numfmt, fill) in formats.items():
        props = {"font_name": font, "font_size": float(size), "bold": bold == "1", "text_wrap": wrap == "1",
                 "left": BORDERS.get(left, 1), "right": BORDERS.get(right, 1),
                 "top": BORDERS.get(top, 1), "bottom": BORDERS.get(bottom, 1)}
        if halign:
            props["align"] = "centre_across" if halign == "centerContinuous" else halign
        if valign:
            props["valign"] = "vcenter" if valign == "center" else valign
        if numfmt and numfmt != "General":
            props["num_format"] = numfmt
        if fill:
            props["bg_color"] = "#" + fill
            props["pattern"] = 1
        fmts[fid] = wb.add_format(props)
    for name, cols, rows, cells, merges in sheets:
        ws = wb.add_worksheet(name)
        for c, width in cols:
            ws.set_column(c, c, width)
        for r, height in rows:
            ws.set_row(r, height)
        for r1, c1, r2, c2, fid, kind, value in merges:
            ws.merge_range(r1, c1, r2, c2, "" if kind == "blank" else value, fmts[fid])
        for r, c, fid, kind, value in cells:
            if kind == "num":
                ws.write_number(r, c, value, fmts[fid])
            elif kind == "str":
                ws.write_string(r, c, value, fmts[fid])
            else:
                ws.write_blank(r, c, None, fmts[fid])
    wb.close()


def main():
    formats, sheets = dump.load(sys.argv[1])
    out, n = sys.argv[2], int(sys.argv[3])
    for _ in range(3):
        write(formats, sheets, out)
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        write(formats, sheets, out)
        samples.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"tool": "xlsxwriter", "mode": "export", "iterations": n, "median_ms": statistics.median(samples),
                      "min_ms": min(samples), "max_ms": max(samples)}))


if __name__ == "__main__":
    main()
