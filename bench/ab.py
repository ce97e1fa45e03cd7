#!/usr/bin/env python3
"""A/B, interleaved: two builds of the service (two checkouts, each built with `dotnet build src/Api -c Release`;
the first also with src/GitHub.Simulator.Host), base, new, base, new ... each started fresh with the background sync
off, seeded with 20 runners in one team, then the bare endpoint, the list and the get at one client count
(3 s warm-up, BENCH_DURATION s measured). Prints one line per run and a summary: KB, CPU µs and req/s per request.
On a shared machine read the KB; CPU and req/s only within one interleaved run, roughly (docs/performance.md).

    bench/ab.py BASE_CHECKOUT NEW_CHECKOUT [ROUNDS=2] [PROVIDERS=sqlite]     # providers: sqlite,postgresql

Environment: AB_CLIENTS (16), AB_SCENARIOS (bare,list,get; also listall: an admin's list of every team),
AB_BOTH_<Key>=v sets a service setting for both builds, AB_NEW_<Key>=v for the new build only (e.g.
AB_NEW_Logging__Console__QueueFullMode=DropWrite compares a setting on one build: pass the same checkout twice).
Loopback only, not a CI test."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import bench as b

CLIENTS = int(os.environ.get("AB_CLIENTS", "16"))
SCENARIOS = os.environ.get("AB_SCENARIOS", "bare,list,get").split(",")


def service_dll(root):
    return Path(root).resolve() / f"src/Api/bin/{b.CONFIGURATION}/net10.0/RunnerTokens.Api.dll"


def run(variant, root, provider, connection, github, issuer, key_path):
    dll = service_dll(root)
    port = b.free_port()
    base = f"http://127.0.0.1:{port}"
    org = f"ab-{variant}-{int(time.time() * 1000) % 100000}"
    # bench.py's service settings (the csproj's workstation GC included), with the background sync off: a row
    # measures the requests only.
    env = {**b.service_env(provider, connection, github, issuer, key_path, [org]), "Sync__Enabled": "false"}
    env.update({k[len("AB_BOTH_"):]: v for k, v in os.environ.items() if k.startswith("AB_BOTH_")})
    if variant == "new":
        env.update({k[len("AB_NEW_"):]: v for k, v in os.environ.items() if k.startswith("AB_NEW_")})
    api = b.start(f"api-{variant}", ["dotnet", str(dll), "--urls", base], env, cwd=dll.parent)
    if b.wait_for(base + "/health/ready", 120, api) is None:
        raise RuntimeError(f"the {variant} service did not become ready:\n{b.tail(f'api-{variant}')}")

    def token(subject, email):
        return b.http("GET", f"{issuer}/token?sub={subject}&aud={b.AUDIENCE}&email={email}&name={subject}")

    admin, member = token("admin", "admin@bench.test"), token("member", "member@bench.test")
    b.http("GET", base + "/api/v1/me", admin)
    member_id = b.http("GET", base + "/api/v1/me", member)["id"]
    policy = {"requiredLabels": ["bench"], "allowedLabelPatterns": ["bench-.*"]}
    b.http("POST", base + "/api/v1/teams", admin, {"name": "bench-list", "organization": org, "policy": policy})
    b.http("PUT", f"{base}/api/v1/teams/bench-list/members/{member_id}", admin, {"role": "member"})
    body = {"team": "bench-list", "namePrefix": "bench", "labels": ["bench-load"]}
    listed = [b.http("POST", base + "/api/v1/runners/jit", member, body) for _ in range(20)]
    runner_id = listed[0]["runner"]["id"] if "runner" in listed[0] else listed[0]["id"]
    paths = {
        "bare": ("/bench/bare", member),
        "list": ("/api/v1/runners?team=bench-list&limit=50", member),
        "get": (f"/api/v1/runners/{runner_id}", member),
        "listall": ("/api/v1/runners?limit=50", admin),
    }
    rows = {}
    for name in SCENARIOS:
        path, who = paths[name]
        b.wrk(base + path, who, CLIENTS, 3)  # warm-up, not recorded
        rows[name] = b.measure(base, base + "/bench/stats", f"{variant}:{provider}:{name}", path, who, CLIENTS)
    b.stop(api)
    return rows


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    roots = {"base": sys.argv[1], "new": sys.argv[2]}
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    providers = (sys.argv[4] if len(sys.argv) > 4 else "sqlite").split(",")
    for root in roots.values():
        if not service_dll(root).exists():
            sys.exit(f"ab: no {service_dll(root)} (dotnet build src/Api -c {b.CONFIGURATION} in {root})")
    host_dll = Path(roots["base"]).resolve() / f"src/GitHub.Simulator.Host/bin/{b.CONFIGURATION}/net10.0/RunnerTokens.GitHub.Simulator.Host.dll"
    if not host_dll.exists():
        host_dll = b.HOST_DLL

    key_path = b.work / "github-app.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(key_path), "2048"], check=True, capture_output=True)
    github = f"http://127.0.0.1:{b.free_port()}"
    host = b.start("github", ["dotnet", str(host_dll), "--urls", github],
                   {"GitHub__AppId": "1", "GitHub__Simulator__RateLimit": "2000000000", "DOTNET_gcServer": "0"})
    if b.wait_for(github + "/_issuer/jwks", 120, host) is None:
        raise RuntimeError(f"the fake GitHub did not start:\n{b.tail('github')}")
    issuer = github + "/_issuer"

    results = []
    for provider in providers:
        for round_ in range(rounds):
            for variant in ("base", "new"):
                stop_postgres = None
                if provider == "sqlite":
                    name, connection = "Sqlite", f"Data Source={b.work}/ab-{variant}-{round_}.db"
                else:
                    started = b.start_postgres()
                    if started is None:
                        sys.exit("ab: no PostgreSQL server binaries here")
                    name, (connection, stop_postgres) = "PostgreSql", started
                try:
                    results.append((provider, variant, round_, run(variant, roots[variant], name, connection, github, issuer, key_path)))
                finally:
                    if stop_postgres:
                        stop_postgres()

    print("\nKB / CPU µs / req/s per request, lock contentions per 1,000 requests")
    for provider, variant, round_, rows in results:
        print(provider, variant, round_, "  ".join(
            f"{k}: {v['alloc_kb_per_request']:.1f} KB {v['cpu_us_per_request']:.0f} us {v['throughput']:.0f}/s "
            f"locks {v['lock_contentions_per_1000']:.0f}" for k, v in rows.items()))


if __name__ == "__main__":
    try:
        main()
    finally:
        for p in b.processes:
            b.stop(p)
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(b.work, ignore_errors=True)
