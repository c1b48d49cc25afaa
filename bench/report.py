#!/usr/bin/env python3
"""Prints the benchmark table from bench/run.sh's results (one JSON object per line)."""
import json
import platform
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
    print("| 测量 | 用例 | juesuan 中位数 | 参照 | 参照中位数 | 比值（参照/juesuan，>1 表示 juesuan 更快） |")
    print("|---|---|---:|---|---:|---:|")
    for case in ["sample", "largest"]:
        info = next((r.get("info", "") for r in rows if r.get("case") == case and r.get("info")), "")
        ours = {r["mode"]: r for r in rows if r.get("case") == case and r["tool"] == "juesuan"}
        for r in rows:
            if r.get("case") != case or r["tool"] == "juesuan":
                continue
            mine = ours["export" if r["mode"] == "export" else "check"]
            what = "(a) 导出一个单位" if r["mode"] == "export" else "(b) 读取+全部表内/表间规则 对 仅读取"
            print("| %s | %s（%s） | %.2f ms | %s | %.2f ms | %.2f |" % (
                what, case, info, mine["median_ms"], r["tool"], r["median_ms"], r["median_ms"] / mine["median_ms"]))
    iters = sorted({r["iterations"] for r in rows if "iterations" in r})
    print()
    print("(a)(b) 每项 %s 次计时（另有 3 次预热），取中位数。" % "/".join(map(str, iters)))
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
