#!/usr/bin/env python3
"""Prints the benchmark table from bench/run.sh's results (one JSON object per line)."""
import json
import platform
import statistics
import subprocess
import sys


def cpu_model():
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def seconds(wall):
    parts = [float(p) for p in wall.split(":")]
    total = 0.0
    for p in parts:
        total = total * 60 + p
    return total


def main(path):
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    print("机器：%s，%s 核（nproc）" % (cpu_model(), nproc))
    print()
    print("| 测量 | 用例 | juesuan | 参照 | 参照 | 比值（参照/juesuan，>1 表示 juesuan 更快） | 各轮比值 |")
    print("|---|---|---:|---|---:|---:|---:|")
    timed = [r for r in rows if r["mode"] in ("export", "check", "read")]
    for case in ["sample", "largest"]:
        info = next((r.get("info", "") for r in rows if r.get("case") == case and r.get("info")), "")
        in_case = [r for r in timed if r.get("case") == case]
        ours = {(r["mode"], r.get("round", 1)): r for r in in_case if r["tool"] == "juesuan"}
        anchors = []
        for r in in_case:
            if r["tool"] != "juesuan" and (r["tool"], r["mode"]) not in anchors:
                anchors.append((r["tool"], r["mode"]))
        for tool, mode in anchors:
            mine_mode = "export" if mode == "export" else "check"
            # Ratios are taken within a round (timed seconds apart), then the median.
            pairs = [(ours[(mine_mode, r.get("round", 1))]["median_ms"], r["median_ms"])
                     for r in in_case if r["tool"] == tool and r["mode"] == mode and (mine_mode, r.get("round", 1)) in ours]
            if not pairs:
                continue
            ratios = [theirs / mine for mine, theirs in pairs]
            what = "(a) 导出一个单位" if mode == "export" else "(b) 读取+全部表内/表间规则 对 仅读取"
            label = "%s（%s）" % (case, info) if tool in ("xlsxwriter", "calamine") else case
            print("| %s | %s | %.2f ms | %s | %.2f ms | %.2f | %.2f–%.2f |" % (
                what, label, statistics.median(m for m, _ in pairs), tool, statistics.median(t for _, t in pairs),
                statistics.median(ratios), min(ratios), max(ratios)))
    iters = sorted({r["iterations"] for r in timed if "iterations" in r})
    rounds = len({r.get("round", 1) for r in timed})
    print()
    print("(a)(b) 共 %d 轮，每轮每个程序依次计时 %s 次（另有 3 次预热）取中位数；表中的用时是各轮中位数的中位数，"
          "比值是同一轮内参照/juesuan 之比的中位数，后一列是各轮比值的最小–最大。" % (rounds, "/".join(map(str, iters))))
    print()
    print("| (c) 批量 | 单位数 | 并行数 | 用时 | 单位/秒 | 峰值内存（最大 RSS） | 退出状态 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if r["mode"] != "batch":
            continue
        s = seconds(r["wall"])
        print("| juesuan batch | %d | %d | %.1f s | %.1f | %.1f MiB | %d |" % (
            r["units"], r["jobs"], s, r["units"] / s if s else 0, r["max_rss_kb"] / 1024, r["exit"]))
    index = [r for r in rows if r["mode"] == "index"]
    if index:
        print()
        print("| 仅生成索引（虚构行） | 单位数 | 峰值内存（最大 RSS） |")
        print("|---|---:|---:|")
        for r in index:
            print("| %s | %d | %.1f MiB |" % ("index.xlsx（WorkbookWriter）" if r["part"] == "xlsx" else "index.html（逐行渲染）",
                                           r["units"], r["max_rss_kb"] / 1024))


if __name__ == "__main__":
    main(sys.argv[1])
