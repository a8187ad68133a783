#!/bin/sh
# Prints Surefire's summary line ("Tests run: N, Failures: F, Errors: E, Skipped: S") from the
# XML reports in $1, since `mvn -q` hides Surefire's own console summary.
dir=${1:-target/surefire-reports}
if ! ls "$dir"/TEST-*.xml >/dev/null 2>&1; then
  echo "Tests run: 0 (no Surefire reports in $dir)"
  exit 0
fi
for f in "$dir"/TEST-*.xml; do
  # The <testsuite ...> opening tag carries the counts.
  sed -n 's/.*<testsuite \(.*\)>.*/\1/p' "$f" | head -n 1
done | awk '
  {
    for (i = 1; i <= NF; i++) {
      split($i, kv, "=")
      gsub(/"/, "", kv[2])
      if (kv[1] == "tests") t += kv[2]
      else if (kv[1] == "failures") f += kv[2]
      else if (kv[1] == "errors") e += kv[2]
      else if (kv[1] == "skipped") s += kv[2]
    }
  }
  END { printf "[surefire] Tests run: %d, Failures: %d, Errors: %d, Skipped: %d\n", t, f, e, s }'
