#!/usr/bin/env python3
"""The benchmark driver behind bench/run.sh (which builds first). Starts the out-of-process fake GitHub
(src/GitHub.Simulator.Host: the simulator behind Kestrel, plus a throwaway RS256 OIDC issuer), then per database
(SQLite; PostgreSQL when its binaries are here) the service in Production mode with Bench:Enabled, seeds teams,
and drives it with wrk: the bare authenticated endpoint, list, the list's query alone, get and JIT at 1, 16 and 64
clients, JIT over 16 teams at 64 clients, and a quota check; then restarts it on the migrated database. Prints one table per database (each figure also as a ratio of the bare
endpoint's at the same client count) and writes bench/results/latest.{json,md}. Loopback only."""

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGURATION = os.environ.get("BENCH_CONFIGURATION", "Release")
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))  # least warm-up per scenario, s
# Then more, in 2 s slices, until the runtime compiles under BENCH_SETTLED (20) methods a second (tiering done), or
# BENCH_WARMUP_MAX (12) s in all: ReadyToRun code is recompiled at tier 1 over the first tens of seconds of a path's load
# (the JIT path's longer on a slow VM), and a run measured before then measures the JIT compiler as much as the service.
WARMUP_MAX = int(os.environ.get("BENCH_WARMUP_MAX", "12"))
SETTLED = float(os.environ.get("BENCH_SETTLED", "20"))
CLIENTS = [int(c) for c in os.environ.get("BENCH_CLIENTS", "1,16,64").split(",")]
PROVIDERS = os.environ.get("BENCH_PROVIDERS", "sqlite,postgresql").split(",")
# Scenario keys to run (bare,list,query,get,jit,teams,sync,quota); all by default. A profiling aid, like BENCH_TRACE.
SCENARIOS = set(os.environ.get("BENCH_SCENARIOS", "bare,list,query,get,jit,teams,sync,quota").split(","))
# BENCH_TRACE=1: dotnet-trace (on PATH) samples the service's threads during each scenario's 16-client run (or
# BENCH_TRACE_CLIENTS'; with 1 client nearly every sample is CPU, not waiting) into the
# kept work folder (implies BENCH_KEEP=1); the trace's cost shows in that run's figures. BENCH_TRACE_PROFILE picks
# another dotnet-trace profile (gc-verbose: allocations sampled with their stacks).
TRACE = os.environ.get("BENCH_TRACE") == "1"
TRACE_CLIENTS = int(os.environ.get("BENCH_TRACE_CLIENTS", "16"))  # which client count's run is traced
TEAMS = 16
QUOTA = 50
AUDIENCE = "runnertokens-bench"
# The service as deployed: bench/run.sh publishes it (ReadyToRun, for this machine's runtime) into this folder.
API_DLL = Path(os.environ.get("BENCH_API_DLL", ROOT / f"src/Api/bin/{CONFIGURATION}/bench-publish/RunnerTokens.Api.dll"))
HOST_DLL = ROOT / f"src/GitHub.Simulator.Host/bin/{CONFIGURATION}/net10.0/RunnerTokens.GitHub.Simulator.Host.dll"
LUA = ROOT / "bench/wrk.lua"

work = Path(tempfile.mkdtemp(prefix="runnertokens-bench."))
processes = []


def say(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def load_average():
    return float(Path("/proc/loadavg").read_text().split()[0])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, token=None, body=None, expect=(200, 201, 204), timeout=30):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        status = error.code
    if status not in expect:
        raise RuntimeError(f"{method} {url}: {status} {text[:400]}")
    if not text:
        return None
    return json.loads(text) if text[0] in "[{" else text


def cpu_seconds(pid):
    """User + system CPU time of a process so far (/proc/<pid>/stat fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(url, timeout, process):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            return None
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.01)
    return None


def start(name, args, env, cwd=None):
    log = open(work / f"{name}.log", "w")
    process = subprocess.Popen(args, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT, cwd=cwd)
    processes.append(process)
    return process


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def tail(name, lines=30):
    path = work / f"{name}.log"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


# ---------------------------------------------------------------- PostgreSQL (like scripts/test.sh)

def find_postgres():
    for candidate in ["/usr/lib/postgresql/15/bin", *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]:
        path = Path(candidate)
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            return path
    return None


def as_postgres(args):
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def start_postgres():
    binaries = find_postgres()
    if binaries is None:
        say("no PostgreSQL server binaries: PostgreSQL skipped")
        return None
    if os.geteuid() == 0 and subprocess.run(["id", "postgres"], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], check=True)
    directory = Path(tempfile.mkdtemp(prefix="runnertokens-bench-pg.", dir="/tmp"))
    os.chmod(directory, 0o700)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    initdb = subprocess.run(as_postgres([str(binaries / "initdb"), "-D", f"{directory}/data", "-U", "postgres", "-A", "trust",
                                         "-E", "UTF8", "--locale=C", "--no-sync"]), capture_output=True, text=True)
    if initdb.returncode != 0:
        say(f"initdb failed, PostgreSQL skipped: {initdb.stderr[-400:]}")
        return None
    port = free_port()
    started = subprocess.run(as_postgres([str(binaries / "pg_ctl"), "-D", f"{directory}/data", "-l", f"{directory}/server.log", "-w",
                                          "-t", "60", "-o", f"-h 127.0.0.1 -p {port} -k {directory} -F -c synchronous_commit=off "
                                          "-c full_page_writes=off -c max_connections=200", "start"]), capture_output=True, text=True)
    if started.returncode != 0:
        say(f"PostgreSQL did not start, skipped: {started.stderr[-400:]}")
        return None

    def stop_postgres():
        subprocess.run(as_postgres([str(binaries / "pg_ctl"), "-D", f"{directory}/data", "-m", "immediate", "-w", "stop"]), capture_output=True)
        shutil.rmtree(directory, ignore_errors=True)

    # BENCH_PG_OPTIONS: more connection-string settings for the service, e.g. "Maximum Pool Size=16" (pool experiments).
    options = os.environ.get("BENCH_PG_OPTIONS", "").strip().strip(";")
    connection = f"Host=127.0.0.1;Port={port};Username=postgres;Database=runnertokens_bench" + (f";{options}" if options else "")
    return connection, stop_postgres


# ---------------------------------------------------------------- load

def wrk(url, token, clients, seconds, method="GET", bodies=()):
    env = {**os.environ, "BENCH_TOKEN": token, "BENCH_METHOD": method, "BENCH_BODIES": "\n".join(bodies)}
    args = ["wrk", "-t", str(min(2, clients)), "-c", str(clients), "-d", f"{seconds}s", "--timeout", "5s", "-s", str(LUA), url]
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            return json.loads(line[len("BENCH_RESULT "):])
    raise RuntimeError(f"wrk gave no result: {result.stdout[-400:]} {result.stderr[-400:]}")


def warm_up(base, stats_url, path, token, method, bodies):
    """Load at 16 clients, not recorded, until tiering has settled (see WARMUP_MAX). Returns (seconds, settled)."""
    started = time.monotonic()
    while True:
        before = http("GET", stats_url)["jitCompiledMethods"]
        wrk(base + path, token, 16, 2, method, bodies)
        compiled = http("GET", stats_url)["jitCompiledMethods"] - before
        spent = time.monotonic() - started
        settled = compiled / 2 <= SETTLED
        if (settled and spent >= WARMUP) or spent >= WARMUP_MAX:
            return spent, settled


def measure(base, stats_url, name, path, token, clients, method="GET", bodies=(), pid=None):
    before = http("GET", stats_url)
    load_before = load_average()
    tracer = None
    if TRACE and pid and clients == TRACE_CLIENTS:
        trace_file = work / (name.replace("/", "_").replace(" ", "_").strip("_") + ".nettrace")
        # BENCH_TRACE_PROVIDERS replaces the profile, e.g. the runtime's JIT events with method names:
        # Microsoft-Windows-DotNETRuntime:0x10:5
        what = (["--providers", os.environ["BENCH_TRACE_PROVIDERS"]] if os.environ.get("BENCH_TRACE_PROVIDERS")
                else ["--profile", os.environ.get("BENCH_TRACE_PROFILE", "dotnet-sampled-thread-time")])
        tracer = subprocess.Popen(["dotnet-trace", "collect", "-p", str(pid), *what,
                                   "--duration", f"00:00:00:{DURATION:02}", "-o", str(trace_file)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)  # the session starts before the load does
    result = wrk(base + path, token, clients, DURATION, method, bodies)
    if tracer:
        tracer.wait(timeout=60)
    after = http("GET", stats_url)
    requests = max(result["requests"], 1)
    row = {
        "scenario": name,
        "clients": clients,
        "requests": result["requests"],
        "throughput": result["requests"] / (result["duration_us"] / 1e6),
        "p50_ms": result["p50_us"] / 1000,
        "p99_ms": result["p99_us"] / 1000,
        "max_ms": result["max_us"] / 1000,
        "errors": result["status_errors"] + result["socket_errors"],
        "cpu_us_per_request": (after["cpuMilliseconds"] - before["cpuMilliseconds"]) * 1000 / requests,
        "alloc_kb_per_request": (after["allocatedBytes"] - before["allocatedBytes"]) / 1024 / requests,
        "gen0_per_1000": (after["gen0Collections"] - before["gen0Collections"]) * 1000 / requests,
        "jit_methods": after["jitCompiledMethods"] - before["jitCompiledMethods"],
        "lock_contentions_per_1000": (after["lockContentions"] - before["lockContentions"]) * 1000 / requests,
        "working_set_mb": after["workingSetBytes"] / 1024 / 1024,
        "gc_committed_mb": after["gcCommittedBytes"] / 1024 / 1024,
        "finalization_pending": after["finalizationPending"],
        "load_average": round((load_before + load_average()) / 2, 1),
    }
    say(f"{name} c={clients}: {row['throughput']:.0f} req/s, p50 {row['p50_ms']:.1f} ms, p99 {row['p99_ms']:.1f} ms, "
        f"errors {row['errors']}, {row['cpu_us_per_request']:.0f} us CPU/req, {row['alloc_kb_per_request']:.1f} KB/req, "
        f"JIT'd methods {row['jit_methods']}, load {row['load_average']}")
    return row


# ---------------------------------------------------------------- one database

def service_env(provider, connection, github, issuer, key_path, orgs):
    """The service's environment: Production, GitHub mode against the fake GitHub, the test issuer, the bench endpoints."""
    env = {
        "ASPNETCORE_ENVIRONMENT": "Production",
        "Database__Provider": provider,
        "ConnectionStrings__RunnerTokens": connection,
        "Authentication__Issuers__0__Name": "bench",
        "Authentication__Issuers__0__Authority": issuer,
        "Authentication__Issuers__0__Audiences__0": AUDIENCE,
        "Authentication__Issuers__0__RequireHttpsMetadata": "false",
        "Authentication__Issuers__0__TrustEmail": "true",  # the test issuer vouches for emails (bootstrap admin by email)
        "AllowInsecureTransport": "true",  # a test rig: the issuer and the fake GitHub answer on plain HTTP
        "Authentication__AutoProvisionUsers": "true",
        "Authorization__BootstrapAdmins__0": "email:admin@bench.test",
        "GitHub__Mode": "GitHub",
        "GitHub__AppId": "1",
        "GitHub__PrivateKeyPath": str(key_path),
        "GitHub__ApiBaseUrl": github,
        "RateLimiting__Enabled": "false",
        "Bench__Enabled": "true",
        "Audit__ChainKey": base64.b64encode(os.urandom(32)).decode(),
    }
    for index, name in enumerate(orgs):
        env[f"GitHub__Organizations__{index}__Name"] = name
    if os.environ.get("BENCH_SERVER_GC"):  # else the artifact's own setting (the csproj's ServerGarbageCollection)
        env["DOTNET_gcServer"] = os.environ["BENCH_SERVER_GC"]
    return env


def run_provider(provider, connection, github, issuer, key_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # Organizations per database: the fake GitHub outlives one service run, and the quota check counts its runners.
    org, quota_org = f"{provider.lower()}-load", f"{provider.lower()}-quota"
    orgs = [org, quota_org]
    env = service_env(provider, connection, github, issuer, key_path, orgs)
    say(f"{provider}: starting the service on {base}")
    launched = time.monotonic()
    api = start(f"api-{provider}", ["dotnet", str(API_DLL), "--urls", base], env, cwd=API_DLL.parent)
    cold_start = wait_for(base + "/health/ready", 60, api)
    if cold_start is None:
        raise RuntimeError(f"the service did not become ready:\n{tail(f'api-{provider}')}")
    ready_cpu = cpu_seconds(api.pid)
    ready = http("GET", base + "/bench/stats")
    say(f"{provider}: ready after {cold_start:.2f} s, {ready_cpu:.2f} s of CPU, {ready['jitCompiledMethods']} methods "
        f"JIT-compiled, server GC {ready['serverGc']} (fresh database, migrations included)")

    def token(subject, email):
        return http("GET", f"{issuer}/token?sub={subject}&aud={AUDIENCE}&email={email}&name={subject}")

    admin = token("admin", "admin@bench.test")
    member = token("member", "member@bench.test")
    http("GET", base + "/api/v1/me", admin)
    member_id = http("GET", base + "/api/v1/me", member)["id"]
    policy = {"requiredLabels": ["bench"], "allowedLabelPatterns": ["bench-.*"]}
    teams = ["bench", "bench-list", *[f"bench-t{i:02}" for i in range(TEAMS)]]
    for team in teams:
        http("POST", base + "/api/v1/teams", admin, {"name": team, "organization": org, "policy": policy})
    http("POST", base + "/api/v1/teams", admin,
         {"name": "bench-quota", "organization": quota_org, "policy": {**policy, "maxRunners": QUOTA}})
    for team in [*teams, "bench-quota"]:
        http("PUT", f"{base}/api/v1/teams/{team}/members/{member_id}", admin, {"role": "member"})

    def jit_body(team):
        return json.dumps({"team": team, "namePrefix": "bench", "labels": ["bench-load"]})

    listed = [http("POST", base + "/api/v1/runners/jit", member, json.loads(jit_body("bench-list"))) for _ in range(20)]
    runner_id = listed[0]["runner"]["id"] if "runner" in listed[0] else listed[0]["id"]
    list_team_id = http("GET", base + "/api/v1/teams/bench-list", member)["id"]
    stats = base + "/bench/stats"
    rows = []
    scenarios = [
        ("bare", "bare (auth only)", "/bench/bare", "GET", ()),
        ("list", "GET /runners (20)", "/api/v1/runners?team=bench-list&limit=50", "GET", ()),
        ("query", "list's query alone (20)", f"/bench/query?team={list_team_id}", "GET", ()),
        ("get", "GET /runners/{id}", f"/api/v1/runners/{runner_id}", "GET", ()),
        ("jit", "POST /runners/jit", "/api/v1/runners/jit", "POST", (jit_body("bench"),)),
    ]
    for key, name, path, method, bodies in scenarios:  # noqa: B007
        if key not in SCENARIOS:
            continue
        warmed, settled = warm_up(base, stats, path, member, method, bodies)
        say(f"{name}: warmed up {warmed:.0f} s, " + ("settled" if settled else f"still compiling after BENCH_WARMUP_MAX={WARMUP_MAX} s"))
        for clients in CLIENTS:
            rows.append({**measure(base, stats, name, path, member, clients, method, bodies, api.pid),
                         "warmup_s": round(warmed), "warmup_settled": settled})
    if "teams" in SCENARIOS:
        multi = tuple(jit_body(f"bench-t{i:02}") for i in range(TEAMS))
        rows.append(measure(base, stats, f"POST /runners/jit ({TEAMS} teams)", "/api/v1/runners/jit", member, 64,
                            "POST", multi, api.pid))
    sync = measure_sync(base, stats, admin, org) if "sync" in SCENARIOS else None
    if "quota" not in SCENARIOS:
        stop(api)
        return provider_result(provider, cold_start, ready_cpu, ready, None, sync, rows, launched)

    # Quota: 64 clients race for a team allowing QUOTA runners; exactly QUOTA may exist, here and at GitHub.
    quota = wrk(base + "/api/v1/runners/jit", member, 64, 3, "POST", (jit_body("bench-quota"),))
    accepted = quota["requests"] - quota["status_errors"] - quota["socket_errors"]
    at_github = http("GET", f"{github}/_simulator/orgs/{quota_org}/runners")["total"]
    recorded = len(http("GET", base + "/api/v1/runners?team=bench-quota&limit=200", member)["items"])
    say(f"{provider}: runners at the fake GitHub: {org} {http('GET', f'{github}/_simulator/orgs/{org}/runners')['total']}, {quota_org} {at_github}")
    quota_exact = accepted == QUOTA and at_github == QUOTA and recorded == QUOTA
    say(f"{provider}: quota {QUOTA}: {accepted} accepted of {quota['requests']}, {at_github} at GitHub, {recorded} recorded: "
        f"{'exact' if quota_exact else 'NOT EXACT'}")
    stop(api)
    quota_result = {"limit": QUOTA, "accepted": accepted, "at_github": at_github, "recorded": recorded, "exact": quota_exact}
    result = provider_result(provider, cold_start, ready_cpu, ready, quota_result, sync, rows, launched)
    result["restart"] = restart(provider, base, env)
    return result


def measure_sync(base, stats_url, admin, org):
    """One sync of the load organization (POST /api/v1/admin/sync), now holding every runner the JIT runs made: the
    background sync's cost at that fleet size (every Sync:Interval, 60 s by default, on one replica)."""
    before = http("GET", stats_url)
    started = time.monotonic()
    runs = http("POST", base + "/api/v1/admin/sync", admin, timeout=300)
    seconds = time.monotonic() - started
    after = http("GET", stats_url)
    run = next((r for r in runs if r["organization"] == org), {})
    result = {
        "runners_at_github": run.get("runnersAtGitHub"),
        "changes": run.get("changes"),
        "errors": run.get("errors"),
        "seconds": seconds,
        "cpu_s": (after["cpuMilliseconds"] - before["cpuMilliseconds"]) / 1000,
        "allocated_mb": (after["allocatedBytes"] - before["allocatedBytes"]) / 1024 / 1024,
    }
    say(f"sync of {org}: {result['runners_at_github']} runners at GitHub, {result['changes']} changes, {result['errors']} errors, "
        f"{seconds:.2f} s, {result['cpu_s']:.2f} s of CPU, {result['allocated_mb']:.0f} MB allocated")
    return result


def restart(provider, base, env):
    """A second start on the now migrated, populated database: how a replica starts when migrations are their own
    deployment step (docs/operations.md), as opposed to the first start above, which migrates a fresh database."""
    api = start(f"api-{provider}-restart", ["dotnet", str(API_DLL), "--urls", base], env, cwd=API_DLL.parent)
    try:
        seconds = wait_for(base + "/health/ready", 60, api)
        if seconds is None:
            raise RuntimeError(f"the service did not become ready again:\n{tail(f'api-{provider}-restart')}")
        cpu = cpu_seconds(api.pid)
        say(f"{provider}: restart on the migrated database ready after {seconds:.2f} s, {cpu:.2f} s of CPU")
        return {"ready_s": seconds, "cpu_s": cpu}
    finally:
        stop(api)


def provider_result(provider, cold_start, ready_cpu, ready, quota, sync, rows, launched):
    return {
        "provider": provider,
        "cold_start_s": cold_start,
        "launched_to_ready_s": cold_start,
        "cold_start_cpu_s": ready_cpu,
        "cold_start_jit_methods": ready["jitCompiledMethods"],
        "server_gc": ready["serverGc"],
        "quota": quota,
        "sync": sync,
        # None when no wrk scenario ran (e.g. BENCH_SCENARIOS=sync,quota): there is no peak under load to report.
        "max_working_set_mb": max((r["working_set_mb"] for r in rows), default=None),
        "gc_committed_at_peak_mb": max(rows, key=lambda r: r["working_set_mb"])["gc_committed_mb"] if rows else None,
        "rows": rows,
        "_launched": launched,
    }


def warmup_cell(row):
    if "warmup_s" not in row:
        return "-"  # a run after another scenario's warm-up of the same path (the 16 teams)
    return f"{row['warmup_s']}" + ("" if row["warmup_settled"] else " (not settled)")


def table(result):
    bare = {r["clients"]: r for r in result["rows"] if r["scenario"].startswith("bare")}
    bare = bare or {r["clients"]: {key: 0 for key in r} for r in result["rows"]}  # bare not run: no ratios
    lines = [
        f"### {result['provider']}",
        "",
        "| Scenario | Clients | req/s | p50 ms | p99 ms | Errors | CPU µs/req | KB/req | req/s ÷ bare | p99 ÷ bare | CPU ÷ bare | KB ÷ bare | JIT'd methods | warm-up s | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["rows"]:
        b = bare.get(r["clients"]) or bare.get(max(bare))

        def ratio(key):
            return f"{r[key] / b[key]:.2f}" if b[key] else "-"

        lines.append(
            f"| {r['scenario']} | {r['clients']} | {r['throughput']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} | "
            f"{r['cpu_us_per_request']:.0f} | {r['alloc_kb_per_request']:.1f} | {ratio('throughput')} | {ratio('p99_ms')} | "
            f"{ratio('cpu_us_per_request')} | {ratio('alloc_kb_per_request')} | {r['jit_methods']} | "
            f"{warmup_cell(r)} | {r['load_average']} |")
    q, sy = result["quota"], result.get("sync")
    lines += [
        "",
        f"Cold start to /health/ready: {result['cold_start_s']:.2f} s, {result['cold_start_cpu_s']:.2f} s of process CPU, "
        f"{result['cold_start_jit_methods']} methods JIT-compiled (fresh database, migrations applied at start)" +
        (f"; restarted on the migrated database: {result['restart']['ready_s']:.2f} s, {result['restart']['cpu_s']:.2f} s of CPU. "
         if result.get("restart") else ". ") +
        (f"Peak working set: {result['max_working_set_mb']:.0f} MB (GC committed {result['gc_committed_at_peak_mb']:.0f} MB; "
         f"{'server' if result['server_gc'] else 'workstation'} GC). " if result["max_working_set_mb"] is not None
         else "Peak working set: not measured (no load run). ") +
        (f"One sync of the load organization ({sy['runners_at_github']} runners at GitHub, {sy['changes']} changes): "
         f"{sy['seconds']:.2f} s, {sy['cpu_s']:.2f} s of CPU, {sy['allocated_mb']:.0f} MB allocated. " if sy else "") +
        (f"Quota {q['limit']} under 64 clients: {q['accepted']} accepted, {q['at_github']} at GitHub, {q['recorded']} recorded "
         f"({'exact' if q['exact'] else 'NOT EXACT'})." if q else "Quota not checked in this run."),
        "",
    ]
    return "\n".join(lines)


def main():
    for tool, dll in (("wrk", None), ("dotnet", API_DLL), ("dotnet", HOST_DLL)):
        if shutil.which(tool) is None or (dll is not None and not dll.exists()):
            sys.exit(f"bench: missing {tool} {dll or ''} (bench/run.sh installs and builds them)")
    started = time.monotonic()
    load_at_start = os.getloadavg()[0]  # for the header when no wrk scenario ran (no row carries a load)
    cores = os.cpu_count()
    say(f"{cores} cores, load average {load_average()}, {DURATION} s per run, warm-up per scenario {WARMUP}-{WARMUP_MAX} s "
        f"(until under {SETTLED:g} methods/s are compiled)")

    key_path = work / "github-app.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(key_path), "2048"], check=True, capture_output=True)
    github_port = free_port()
    github = f"http://127.0.0.1:{github_port}"
    host = start("github", ["dotnet", str(HOST_DLL), "--urls", github],
                 {"GitHub__AppId": "1", "GitHub__Simulator__RateLimit": "2000000000", "DOTNET_gcServer": "0"})
    if wait_for(github + "/_issuer/jwks", 60, host) is None:
        raise RuntimeError(f"the fake GitHub did not start:\n{tail('github')}")
    issuer = github + "/_issuer"
    say(f"fake GitHub and test issuer on {github}")

    results = []
    for provider in PROVIDERS:
        provider = provider.strip().lower()
        if provider == "sqlite":
            results.append(run_provider("Sqlite", f"Data Source={work}/bench.db", github, issuer, key_path))
        elif provider in ("postgresql", "postgres"):
            postgres = start_postgres()
            if postgres is None:
                continue
            connection, stop_postgres = postgres
            try:
                results.append(run_provider("PostgreSql", connection, github, issuer, key_path))
            finally:
                stop_postgres()
    stop(host)

    header = (f"Machine: {cores} cores ({platform_line()}), load generator wrk on the same cores; "
              f"{DURATION} s per run; load average 1 min at start {results[0]['rows'][0]['load_average'] if results and results[0]['rows'] else load_at_start:.1f}; "
              f"whole run {time.monotonic() - started:.0f} s.\n")
    text = header + "\n" + "\n".join(table(r) for r in results)
    print(text)
    out = ROOT / "bench/results"
    out.mkdir(exist_ok=True)
    for r in results:
        r.pop("_launched", None)
    (out / "latest.json").write_text(json.dumps({"duration_s": DURATION, "cores": cores, "results": results}, indent=2))
    (out / "latest.md").write_text(text)
    failed = any(r["errors"] > 0 for res in results for r in res["rows"]) or any(r["quota"] and not r["quota"]["exact"] for r in results)
    return 1 if failed or not results else 0


def platform_line():
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (StopIteration, OSError):
        model = "unknown CPU"
    return model


if __name__ == "__main__":
    try:
        code = main()
    except Exception as error:  # noqa: BLE001 - report and clean up
        say(f"failed: {error}")
        traceback.print_exc()
        code = 1
    finally:
        for p in processes:
            stop(p)
        if os.environ.get("BENCH_KEEP") != "1" and not TRACE:
            shutil.rmtree(work, ignore_errors=True)
        else:
            say(f"logs kept in {work}")
    sys.exit(code)
