#!/bin/sh
# Builds the libFuzzer targets and runs each for FUZZ_SECONDS (see docs/fuzzing.md).
# Usage: Fuzz/fuzz.sh [SECONDS] [TARGET…]    (run from the package root; `make fuzz` calls it)
set -eu
SECONDS_EACH=${1:-60}
shift || true
TARGETS=${*:-"FuzzWorkbook FuzzWordText FuzzNarrative FuzzUnitData FuzzYAMLPieces"}
BUILD=.build-fuzz
WORK=$BUILD/work
FINDINGS=Fuzz/findings

for target in $TARGETS; do
  JUESUAN_FUZZ=1 swift build -c release --build-path "$BUILD" -Xswiftc -sanitize=fuzzer --product "$target"
done

# Seeds: the hostile corpus, the repository's fixtures and samples. libFuzzer adds what it learns to
# $WORK/corpus/<target> (the first directory); seeds stay read-only.
python3 Tests/CLITests/Corpus/make_hostile.py "$WORK/hostile" >/dev/null
mkdir -p "$FINDINGS" "$WORK/seeds/FuzzWorkbook" "$WORK/seeds/FuzzWordText" "$WORK/seeds/FuzzNarrative" "$WORK/seeds/FuzzUnitData" "$WORK/seeds/FuzzYAMLPieces"
cp "$WORK"/hostile/*.xls* Tests/OOXMLTests/Fixtures/spreadsheet/*.xlsx "$WORK/seeds/FuzzWorkbook/"
[ -f Templates/sichuan-2021/template.xlsx ] && cp Templates/sichuan-2021/template.xlsx "$WORK/seeds/FuzzWorkbook/"
python3 - "$WORK" <<'PY'
import glob, os, sys, zipfile
work = sys.argv[1]
def extract(pattern, member_prefix, target, suffix):
    for path in glob.glob(pattern):
        try:
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    if name.startswith(member_prefix) and name.endswith(".xml"):
                        data = z.read(name)
                        if len(data) <= 1 << 20:
                            out = os.path.join(work, "seeds", target, os.path.basename(path) + "-" + name.replace("/", "_"))
                            open(out, "wb").write(data)
        except Exception:
            pass
extract(os.path.join(work, "seeds/FuzzWorkbook/*.xlsx"), "xl/worksheets/", "FuzzWorkbook", "")
extract(os.path.join(work, "seeds/FuzzWorkbook/*.xlsx"), "xl/sharedStrings", "FuzzWorkbook", "")
extract("Tests/OOXMLTests/Fixtures/*.docx", "word/document", "FuzzWordText", "")
extract(os.path.join(work, "hostile/*.docx"), "word/document", "FuzzWordText", "")
PY
cp Tests/OOXMLTests/Fixtures/narrative-extracted.txt "$WORK/seeds/FuzzNarrative/"
cp "$WORK"/hostile/odd-numerals.txt "$WORK"/hostile/no-sections.txt "$WORK/seeds/FuzzNarrative/"
[ -d Tests/NarrativeTests/Corpus ] && find Tests/NarrativeTests/Corpus -type f -size -64k -exec cp {} "$WORK/seeds/FuzzNarrative/" \;
cp Sources/Accounts/Resources/samples/*.yaml Fuzz/seeds/FuzzUnitData/*.yaml "$WORK/seeds/FuzzUnitData/"
cp Sources/Accounts/Resources/samples/*.yaml Fuzz/seeds/FuzzUnitData/*.yaml "$WORK/seeds/FuzzYAMLPieces/"

for target in $TARGETS; do
  mkdir -p "$WORK/corpus/$target"
  echo "== $target: $SECONDS_EACH s"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: over 2 GB is a blow-up.
  SWIFT_BACKTRACE=enable=no "$BUILD/release/$target" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 \
    -max_len=262144 -print_final_stats=1 -artifact_prefix="$FINDINGS/$target-" \
    "$WORK/corpus/$target" "$WORK/seeds/$target" 2>&1 | tee "$WORK/$target.log" | grep -E "^(#[0-9]+ *DONE|==[0-9]+==|stat::|Done )" || true
done
