#!/usr/bin/env python3
"""Extracts the content of a workbook written by juesuan (cells, styles, merges, column widths,
row heights) into a neutral line-based dump that the anchor programs rewrite. Runs outside every
timed region. Format, one record per line, fields separated by TAB, text escaped (\\t \\n \\\\):
  sheet NAME
  col INDEX0 WIDTH
  row INDEX0 HEIGHT
  fmt ID FONT SIZE BOLD HALIGN VALIGN WRAP LEFT RIGHT TOP BOTTOM NUMFMT FILL
  num R C FMT VALUE | str R C FMT TEXT | blank R C FMT
  merge R1 C1 R2 C2 FMT KIND VALUE     (KIND: str, num or blank; the top-left cell of the range)
Usage: dump_cells.py WORKBOOK.xlsx DUMP.txt
"""
import sys
import openpyxl


def esc(s):
    return str(s).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "")


def main(src, dst):
    wb = openpyxl.load_workbook(src)
    formats = {}
    out = []

    def fmt_id(cell):
        f, a, b = cell.font, cell.alignment, cell.border
        fill = cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" and isinstance(cell.fill.fgColor.rgb, str) else ""
        key = (f.name or "", f.sz or 11, 1 if f.b else 0, a.horizontal or "", a.vertical or "", 1 if a.wrap_text else 0,
               b.left.style or "", b.right.style or "", b.top.style or "", b.bottom.style or "", cell.number_format, fill)
        if key not in formats:
            formats[key] = len(formats)
            out.append("fmt\t%d\t%s" % (formats[key], "\t".join(esc(x) for x in key)))
        return formats[key]

    cells_total = 0
    for ws in wb.worksheets:
        out.append("sheet\t" + esc(ws.title))
        for letter, dim in ws.column_dimensions.items():
            if dim.width and dim.customWidth:
                for c in range(dim.min, dim.max + 1):
                    out.append("col\t%d\t%s" % (c - 1, dim.width))
        for idx, dim in ws.row_dimensions.items():
            if dim.ht:
                out.append("row\t%d\t%s" % (idx - 1, dim.ht))
        covered = set()
        for rng in ws.merged_cells.ranges:
            top = ws.cell(rng.min_row, rng.min_col)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    covered.add((r, c))
            v = top.value
            kind = "blank" if v is None else ("num" if isinstance(v, (int, float)) else "str")
            out.append("merge\t%d\t%d\t%d\t%d\t%d\t%s\t%s" % (rng.min_row - 1, rng.min_col - 1, rng.max_row - 1,
                                                            rng.max_col - 1, fmt_id(top), kind, "" if v is None else esc(v)))
        for row in ws.iter_rows():
            for cell in row:
                if (cell.row, cell.column) in covered:
                    continue
                v = cell.value
                if v is None and not cell.has_style:
                    continue
                f = fmt_id(cell)
                r, c = cell.row - 1, cell.column - 1
                if v is None:
                    out.append("blank\t%d\t%d\t%d" % (r, c, f))
                elif isinstance(v, (int, float)):
                    out.append("num\t%d\t%d\t%d\t%r" % (r, c, f, v))
                    cells_total += 1
                else:
                    out.append("str\t%d\t%d\t%d\t%s" % (r, c, f, esc(v)))
                    cells_total += 1
    with open(dst, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    print("%d sheets, %d value cells, %d formats, %d merges" % (
        len(wb.worksheets), cells_total, len(formats), sum(len(ws.merged_cells.ranges) for ws in wb.worksheets)),
        file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
