#!/usr/bin/env python3
"""Cold start, measured N times: launch the service as bench/run.sh does (Production, GitHub mode against the
out-of-process fake GitHub, a fresh database each time, migrations applied at start) and record, per start, the
wall time to /health/ready, the process's CPU time at that moment (user + system, /proc/<pid>/stat), the methods
JIT-compiled by then (/bench/stats, read right after) and the working set. Prints min / median per figure.

    python3 bench/startup.py [--runs 5] [--provider sqlite|postgresql] [--dll path/to/RunnerTokens.Api.dll]
                             [--env NAME=VALUE ...]

Build first (bench/run.sh builds and publishes). Loopback only. Not a CI test."""

import argparse
import os
import shutil
import statistics
import subprocess
from pathlib import Path

import bench


def one_start(dll, provider, connection, github, issuer, key_path, extra_env):
    port = bench.free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**bench.service_env(provider, connection, github, issuer, key_path, [f"startup-{port}"]), **extra_env}
    log = open(bench.work / "api.log", "w")
    process = subprocess.Popen(["dotnet", str(dll), "--urls", base], env={**os.environ, **env},
                               stdout=log, stderr=subprocess.STDOUT, cwd=Path(dll).parent)
    try:
        wall = bench.wait_for(base + "/health/ready", 60, process)  # polls every 10 ms
        if wall is None:
            raise RuntimeError(f"the service did not become ready:\n{bench.tail('api')}")
        cpu = bench.cpu_seconds(process.pid)
        stats = bench.http("GET", base + "/bench/stats")
        return {"wall_s": wall, "cpu_s": cpu, "jit": stats["jitCompiledMethods"],
                "ws_mb": stats["workingSetBytes"] / 1024 / 1024, "server_gc": stats["serverGc"]}
    finally:
        process.terminate()
        process.wait(10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--provider", default="sqlite")
    parser.add_argument("--dll", default=str(bench.API_DLL))
    parser.add_argument("--env", action="append", default=[])
    args = parser.parse_args()
    extra_env = dict(item.split("=", 1) for item in args.env)

    key_path = bench.work / "github-app.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(key_path), "2048"], check=True, capture_output=True)
    github = f"http://127.0.0.1:{bench.free_port()}"
    host = bench.start("github", ["dotnet", str(bench.HOST_DLL), "--urls", github],
                       {"GitHub__AppId": "1", "DOTNET_gcServer": "0"})
    stop_postgres = None
    try:
        if bench.wait_for(github + "/_issuer/jwks", 60, host) is None:
            raise RuntimeError("the fake GitHub did not start")
        if args.provider.startswith("postgres"):
            connection, stop_postgres = bench.start_postgres()
            provider = "PostgreSql"
        else:
            provider = "Sqlite"
        results = []
        for run in range(args.runs):
            if provider == "Sqlite":
                connection_string = f"Data Source={bench.work}/startup-{run}.db"
            else:
                connection_string = connection.replace("runnertokens_bench", f"startup_{run}")
            result = one_start(str(Path(args.dll).resolve()), provider, connection_string, github, github + "/_issuer", key_path, extra_env)
            results.append(result)
            print(f"run {run + 1}: wall {result['wall_s']:.2f} s, CPU {result['cpu_s']:.2f} s, "
                  f"JIT'd {result['jit']}, WS {result['ws_mb']:.0f} MB, server GC {result['server_gc']}, "
                  f"load {bench.load_average()}", flush=True)
        for key in ("wall_s", "cpu_s", "jit", "ws_mb"):
            values = [r[key] for r in results]
            print(f"{key}: min {min(values):.2f}, median {statistics.median(values):.2f}")
    finally:
        if stop_postgres:
            stop_postgres()
        bench.stop(host)
        shutil.rmtree(bench.work, ignore_errors=True)


if __name__ == "__main__":
    main()
