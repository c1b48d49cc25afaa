"""Reads the neutral dump written by bench/dump_cells.py (shared by the Python anchors)."""


def unesc(s):
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            out.append({"t": "\t", "n": "\n", "\\": "\\"}.get(nxt, nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def load(path):
    """Returns (formats: {id: fields}, sheets: [(name, cols, rows, cells, merges)])."""
    formats, sheets = {}, []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            kind = f[0]
            if kind == "fmt":
                formats[int(f[1])] = [unesc(x) for x in f[2:]]
            elif kind == "sheet":
                sheets.append((unesc(f[1]), [], [], [], []))
            elif kind == "col":
                sheets[-1][1].append((int(f[1]), float(f[2])))
            elif kind == "row":
                sheets[-1][2].append((int(f[1]), float(f[2])))
            elif kind == "num":
                sheets[-1][3].append((int(f[1]), int(f[2]), int(f[3]), "num", float(f[4])))
            elif kind == "str":
                sheets[-1][3].append((int(f[1]), int(f[2]), int(f[3]), "str", unesc(f[4]) if len(f) > 4 else ""))
            elif kind == "blank":
                sheets[-1][3].append((int(f[1]), int(f[2]), int(f[3]), "blank", None))
            elif kind == "merge":
                value = unesc(f[7]) if len(f) > 7 else ""
                sheets[-1][4].append((int(f[1]), int(f[2]), int(f[3]), int(f[4]), int(f[5]), f[6],
                                      float(value) if f[6] == "num" else value))
    return formats, sheets
