"""Print bench/web.sh's RESULT lines as a table, with each page's share of the bare view."""

import sys

rows = {}
for line in sys.stdin:
    name, *pairs = line.split()
    rows[name] = {k: float(v) for k, v in (p.split("=") for p in pairs)}
ceiling = rows["bare"]["rps"]
print(f"{'page':<15}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>9}{'vs bare':>9}{'errors':>8}")
for name, r in rows.items():
    share = r["rps"] / ceiling
    print(
        f"{name:<15}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}{r['rps']:>9.1f}"
        f"{share:>8.0%}{int(r['errors']):>8}"
    )
