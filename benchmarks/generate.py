#!/usr/bin/env python3
"""Generates a synthetic coalitions-and-pledges dataset for benchmarks.

    benchmarks/generate.py --pledges 200000 --coalitions 50 > big.yaml
    benchmarks/generate.py --pledges 20000 --split DIR         (one file per pledge in DIR)
    benchmarks/generate.py --pledges 200000 --negative-amounts > broken.yaml

The data is valid under the shipped rules (members are real ISO codes, leaders are members,
counts match, dates are in order, references resolve), so a check measures the whole path and
not the reporting of millions of violations. Deterministic: the same arguments give the same file.
`--negative-amounts` makes every pledge break exactly one rule (financial pledges get a negative
amount, in-kind pledges a quantity of zero) to measure the cost of reporting. `--split DIR`
writes the same records as DIR/coalitions.yaml plus one file per pledge (DIR/pledges/NNNNNNN.yaml).
"""
import os
import argparse
import random
import sys

COUNTRIES = ["BE", "CA", "DK", "EE", "FI", "FR", "DE", "IS", "IT", "JP", "LV", "LT", "LU", "NL",
             "NO", "PL", "PT", "RO", "SE", "ES", "CZ", "SK", "GB", "US", "UA", "AU", "NZ", "GR"]
CURRENCIES = ["EUR", "DKK", "GBP", "USD", "NOK", "SEK", "PLN", "CZK"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pledges", type=int, default=200_000)
    parser.add_argument("--coalitions", type=int, default=50)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--negative-amounts", action="store_true")
    parser.add_argument("--split", metavar="DIR")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sign = -1 if args.negative_amounts else 1
    out = sys.stdout
    if args.split:
        os.makedirs(os.path.join(args.split, "pledges"), exist_ok=True)
        out = open(os.path.join(args.split, "coalitions.yaml"), "w")
    w = out.write

    w("coalitions:\n")
    members_of = []
    for c in range(args.coalitions):
        members = sorted(rng.sample(COUNTRIES, rng.randint(4, 14)))
        leaders = members[:2]
        members_of.append(members)
        w(f"  - id: coalition-{c:04d}\n")
        w(f"    name: Capability coalition {c}\n")
        w("    framework: UDCG\n")
        w("    leaders: [" + ", ".join(f'"{m}"' for m in leaders) + "]\n")
        w("    members: [" + ", ".join(f'"{m}"' for m in members) + "]\n")
        w(f"    member_count: {len(members)}\n")
        w('    founded: "2023-10"\n')
        w("    founded_event: announcement\n")
        w("    sources:\n")
        w(f"      - url: https://example.org/coalitions/{c}\n")
        w(f'        title: "Coalition {c} founded"\n')
        w("        publisher: Example News\n")
        w('        published: "2023-10-12"\n')

    if not args.split:
        w("pledges:\n")
    for p in range(args.pledges):
        if args.split:
            out.close()
            out = open(os.path.join(args.split, "pledges", f"{p:07d}.yaml"), "w")
            w = out.write
            w("pledges:\n")
        c = rng.randrange(args.coalitions)
        donor = rng.choice(members_of[c])
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        w(f"  - id: pledge-{p:07d}\n")
        w(f'    donor: "{donor}"\n')
        w('    recipient: "UA"\n')
        w(f"    coalition: coalition-{c:04d}\n")
        if p % 5 == 0:
            w("    kind: in-kind\n")
            w(f"    items: [{{name: vehicles, quantity: {rng.randint(1, 50) if sign > 0 else 0}}}]\n")
        else:
            w("    kind: financial\n")
            w(f"    amount: {{value: {sign * rng.randint(1, 900) * 100_000}, currency: {rng.choice(CURRENCIES)}}}\n")
        w(f'    announced: "2024-{month:02d}-{day:02d}"\n')
        w(f"    sources: [{{url: https://ex.org/p/{p}, title: P{p}, publisher: X, published: \"2024-{month:02d}-{day:02d}\"}}]\n")
    out.close()


if __name__ == "__main__":
    main()
