#!/usr/bin/env python3
"""The soak driver behind scripts/soak.sh (which builds and starts PostgreSQL first). Loopback only.

Starts the out-of-process fake GitHub (src/GitHub.Simulator.Host), migrates a fresh PostgreSQL database once, starts
two replicas of the service (Production mode, GitHub mode against the fake, sync and audit sealer on in both) behind
the soak proxy (tests/Soak.Proxy, YARP), then for SOAK_DURATION seconds: several teams with small quotas, JIT and
registration-token provisioning, listing, deleting, signed webhook deliveries (some duplicated, some out of order),
policy changes and member removals, GitHub faults injected throughout (5xx, 429 with Retry-After, slow answers,
connections dropped after GitHub acted, installation tokens revoked), and one replica killed with SIGKILL and
restarted every SOAK_KILL_EVERY seconds. Afterwards, once both replicas have synced, it checks the invariants of
issue 13, prints each with its counts and ends with `N passed, N failed`. Exit code 0 only if all hold.
"""

import base64
import hashlib
import hmac
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.request
import uuid
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGURATION = os.environ.get("SOAK_CONFIGURATION", "Release")
DURATION = int(os.environ.get("SOAK_DURATION", "90"))
KILL_EVERY = int(os.environ.get("SOAK_KILL_EVERY", "20"))
SEED = int(os.environ.get("SOAK_SEED", str(int(time.time()))))
PG_ADMIN = os.environ.get("RUNNERTOKENS_TEST_POSTGRES", "")
PG_BIN = os.environ.get("SOAK_PG_BIN", "")
API_DLL = ROOT / f"src/Api/bin/{CONFIGURATION}/net10.0/RunnerTokens.Api.dll"
HOST_DLL = ROOT / f"src/GitHub.Simulator.Host/bin/{CONFIGURATION}/net10.0/RunnerTokens.GitHub.Simulator.Host.dll"
PROXY_DLL = ROOT / f"tests/Soak.Proxy/bin/{CONFIGURATION}/net10.0/RunnerTokens.Soak.Proxy.dll"
AUDIENCE = "runnertokens-soak"
ORG = "soak-org"
SYNC_INTERVAL = 3
LEASE_SECONDS = 8
# Longer than a provisioning can stay in flight (token mint plus generate-jitconfig, each bounded by the 10 s total
# timeout below): a shorter grace lets the sync clean a reservation whose request is still running (see the report).
PROVISIONING_GRACE = 25
WEBHOOK_SECRET = "soak-webhook-" + uuid.uuid4().hex
CHAIN_KEY = base64.b64encode(os.urandom(32)).decode()
TEAMS = {"soak-a": 3, "soak-b": 4, "soak-c": 2, "soak-d": 5}

work = Path(tempfile.mkdtemp(prefix="runnertokens-soak."))
rng = random.Random(SEED)
lock = threading.Lock()
stop_load = threading.Event()
# Lease sampling goes on through the settle phase: a holder killed shortly before the load ends is taken over after it.
stop_sampling = threading.Event()
started_at = time.time()


def say(message):
    print(f"soak: [{time.time() - started_at:6.1f}s] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    def __init__(self, status, headers, text):
        self.status, self.headers, self.text = status, headers, text

    def json(self):
        return json.loads(self.text) if self.text and self.text[0] in "[{" else None


def request(method, url, token=None, body=None, headers=None, raw=None, timeout=60):
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    req = urllib.request.Request(url, data=data, method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if data is not None and not (headers and "Content-Type" in headers):
        req.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return Response(response.status, dict(response.headers), response.read().decode(errors="replace"))
    except urllib.error.HTTPError as error:
        return Response(error.code, dict(error.headers), error.read().decode(errors="replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
        return Response(0, {}, f"{type(error).__name__}: {error}")


def must(response, *statuses):
    if response.status not in statuses:
        raise RuntimeError(f"expected {statuses}, got {response.status}: {response.text[:300]}")
    return response.json()


# ---------------------------------------------------------------- processes

processes = []


def start(name, args, env):
    log = open(work / f"{name}.log", "a")
    process = subprocess.Popen(args, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT, cwd=str(Path(args[1]).parent))
    processes.append(process)
    return process


def wait_ready(url, timeout, process):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            return False
        if request("GET", url, timeout=2).status == 200:
            return True
        time.sleep(0.1)
    return False


def psql(sql):
    """Rows of a query on the soak database, as lists of strings."""
    args = [str(Path(PG_BIN) / "psql"), "-h", "127.0.0.1", "-p", PG_PORT, "-U", "postgres", "-d", "runnertokens_soak",
            "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql]
    result = subprocess.run(args, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(f"psql failed: {result.stderr[-400:]}")
    return [line.split("\t") for line in result.stdout.splitlines() if line]


PG_PORT = (re.search(r"Port=(\d+)", PG_ADMIN) or [None, ""])[1]


class Replica:
    def __init__(self, name, port, env):
        self.name, self.port, self.env = name, port, env
        self.process = None
        self.pids = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.process = start(f"replica-{self.name}", ["dotnet", str(API_DLL), "--urls", self.url], self.env)
        self.pids.append(self.process.pid)
        return self.process

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


# ---------------------------------------------------------------- records

responses = []          # (time, operation, status, errorCode, retryAfter, proxyMark)
provisioned = []        # dicts of 201s: id, githubRunnerId, name, kind, team, secret
deleted_ok = []         # runner ids answered 204
policy_changes = []     # team names answered 200
member_removals = []    # (team, user id) answered 204
faults = []             # (time, kind)
revocations = []        # times
kills = []              # (time, replica name, pid)
lease_samples = []      # (time, name, holder, expires epoch)
live_samples = defaultdict(int)  # team id -> most live runner rows seen in one committed snapshot
webhooks = {}           # delivery id -> times sent
secrets = set()


def record(operation, response):
    problem = response.json() if response.headers.get("Content-Type", "").startswith("application/problem+json") else None
    with lock:
        responses.append((time.time(), operation, response.status, (problem or {}).get("errorCode"),
                          response.headers.get("Retry-After"), response.headers.get("X-Soak-Proxy")))


# ---------------------------------------------------------------- the load

class Load:
    def __init__(self, base, github, issuer):
        self.base, self.github, self.issuer = base, github, issuer
        self.tokens = {}

    def token(self, subject):
        if subject not in self.tokens:
            response = request("GET", f"{self.issuer}/token?sub={subject}&aud={AUDIENCE}&email={subject}@soak.test&name={subject}&minutes=60")
            self.tokens[subject] = response.text
            secrets.add(response.text)
        return self.tokens[subject]

    def seed(self):
        admin = self.token("admin")
        must(request("GET", self.base + "/api/v1/me", admin), 200)
        self.members = {}
        for team, quota in TEAMS.items():
            policy = {"requiredLabels": ["soak"], "allowedLabelPatterns": ["soak-.*"], "maxRunners": quota, "allowRegistrationTokens": True}
            must(request("POST", self.base + "/api/v1/teams", admin, {"name": team, "organization": ORG, "policy": policy}), 201)
            member = f"member-{team}"
            member_id = must(request("GET", self.base + "/api/v1/me", self.token(member)), 200)["id"]
            must(request("PUT", f"{self.base}/api/v1/teams/{team}/members/{member_id}", admin, {"role": "member"}), 200, 201, 204)
            self.members[team] = member

    def provision(self):
        team = rng.choice(list(TEAMS))
        jit = rng.random() < 0.7
        path = "/api/v1/runners/jit" if jit else "/api/v1/runners/registration-token"
        response = request("POST", self.base + path, self.token(self.members[team]),
                           {"team": team, "namePrefix": "soak", "labels": ["soak-x"]})
        record("jit" if jit else "registration-token", response)
        if response.status == 201:
            body = response.json()
            runner = body.get("runner", body)
            secret = body.get("encodedJitConfig") or body.get("token")
            with lock:
                provisioned.append({"id": runner["id"], "githubRunnerId": runner.get("githubRunnerId"), "name": runner["name"],
                                    "kind": "jit" if jit else "registration", "team": team})
                if secret:
                    secrets.add(secret)

    def delete(self):
        with lock:
            candidates = [p for p in provisioned if p["id"] not in deleted_ok]
        if not candidates:
            return
        runner = rng.choice(candidates)
        response = request("DELETE", f"{self.base}/api/v1/runners/{runner['id']}", self.token(self.members[runner["team"]]))
        record("delete", response)
        if response.status == 204:
            with lock:
                deleted_ok.append(runner["id"])

    def list(self):
        team = rng.choice(list(TEAMS))
        record("list", request("GET", f"{self.base}/api/v1/runners?team={team}&limit=50", self.token(self.members[team])))

    def change_policy(self):
        team = rng.choice(list(TEAMS))
        admin = self.token("admin")
        current = request("GET", f"{self.base}/api/v1/teams/{team}/policy", admin)
        record("policy-read", current)
        if current.status != 200:
            return
        patterns = ["soak-.*"] + ([f"extra-{rng.randrange(100)}-.*"] if rng.random() < 0.7 else [])
        response = request("PATCH", f"{self.base}/api/v1/teams/{team}/policy", admin, {"allowedLabelPatterns": patterns},
                           headers={"If-Match": current.headers.get("ETag", "*"), "Content-Type": "application/merge-patch+json"})
        record("policy", response)
        if response.status == 200 and response.headers.get("ETag") != current.headers.get("ETag"):
            with lock:
                policy_changes.append(team)  # a new version (the same patterns again change nothing: no event)

    def churn_member(self):
        team = rng.choice(list(TEAMS))
        admin = self.token("admin")
        subject = f"temp-{uuid.uuid4().hex[:8]}"
        me = request("GET", self.base + "/api/v1/me", self.token(subject))
        record("me", me)
        if me.status != 200:
            return
        user_id = me.json()["id"]
        added = request("PUT", f"{self.base}/api/v1/teams/{team}/members/{user_id}", admin, {"role": "member"})
        record("member-add", added)
        if added.status not in (200, 201, 204):
            return
        removed = request("DELETE", f"{self.base}/api/v1/teams/{team}/members/{user_id}", admin)
        record("member-remove", removed)
        if removed.status == 204:
            with lock:
                member_removals.append((team, user_id))

    def webhook(self):
        with lock:
            candidates = [p for p in provisioned if p["kind"] == "jit" and p["id"] not in deleted_ok and p["githubRunnerId"]]
        if not candidates:
            return
        runner = rng.choice(candidates)
        job_id = rng.randrange(1, 2**40)
        actions = ["queued", "in_progress"]
        if rng.random() < 0.3:
            actions.reverse()  # out of order
        for action in actions:
            delivery = str(uuid.uuid4())
            payload = json.dumps({
                "action": action,
                "workflow_job": {"id": job_id, "run_id": job_id + 1, "name": "build", "workflow_name": "ci", "status": action,
                                 "labels": ["self-hosted", "soak"], "runner_id": runner["githubRunnerId"] if action != "queued" else None,
                                 "runner_name": runner["name"] if action != "queued" else None, "runner_group_id": 1},
                "repository": {"full_name": f"{ORG}/app", "name": "app"},
                "organization": {"login": ORG},
            }).encode()
            signature = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), payload, hashlib.sha256).hexdigest()
            headers = {"X-GitHub-Delivery": delivery, "X-GitHub-Event": "workflow_job", "X-Hub-Signature-256": signature}
            for _ in range(2 if rng.random() < 0.3 else 1):  # some delivered twice
                response = request("POST", self.base + "/api/v1/webhooks/github", raw=payload, headers=headers)
                record("webhook", response)
                if response.status in (200, 202):
                    with lock:
                        webhooks[delivery] = webhooks.get(delivery, 0) + 1

    def inject_fault(self):
        kind = rng.choice(["503", "429", "slow", "reset-after", "timeout-after", "500", "revoke"])
        now = time.time()
        if kind == "revoke":
            must(request("POST", self.github + "/_simulator/tokens/revoke"), 204)
            with lock:
                revocations.append(now)
        else:
            body = {
                "503": {"kind": "Status", "status": 503},
                "500": {"kind": "Status", "status": 500},
                "429": {"kind": "Status", "status": 429, "retryAfterSeconds": 2},
                "slow": {"kind": "Slow", "delayMilliseconds": 1500},
                "reset-after": {"kind": "ConnectionReset", "afterProcessing": True, "method": "POST", "pathContains": "generate-jitconfig"},
                "timeout-after": rng.choice([{"kind": "Timeout", "afterProcessing": True, "method": "POST", "pathContains": "generate-jitconfig"},
                                             {"kind": "Timeout", "afterProcessing": True, "method": "DELETE", "pathContains": "/actions/runners/"}]),
            }[kind]
            must(request("POST", self.github + "/_simulator/faults", body=body), 204)
        with lock:
            faults.append((now, kind))


def loop(action, pause):
    while not stop_load.is_set():
        try:
            action()
        except Exception as error:  # noqa: BLE001 - a driver bug must not stop the soak silently
            say(f"{action.__name__} failed: {error}")
        stop_load.wait(pause())


def sample_leases():
    while not stop_sampling.is_set():
        try:
            now = time.time()
            for name, holder, expires in psql("""SELECT "Name", "Holder", extract(epoch from "ExpiresAt") FROM "Leases" """):
                lease_samples.append((now, name, holder, float(expires)))
            for team_id, live in psql("""SELECT "TeamId", count(*) FROM "Runners" WHERE "Status" <> 'Deleted' GROUP BY "TeamId" """):
                live_samples[team_id] = max(live_samples[team_id], int(live))
        except Exception as error:  # noqa: BLE001
            say(f"lease sample failed: {error}")
        stop_sampling.wait(0.25)


# ---------------------------------------------------------------- invariants

results = []


def check(name, ok, detail):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}", flush=True)


def holder_pid(holder):
    parts = holder.split("/")
    return int(parts[-2]) if len(parts) >= 3 and parts[-2].isdigit() else None


def check_invariants(load, replicas):
    admin = load.token("admin")
    runners = psql("""SELECT "Id", "TeamId", "Status", coalesce("GitHubRunnerId"::text, ''), "Name",
                      extract(epoch from "CreatedAt"), coalesce(extract(epoch from "DeletedAt")::text, '') FROM "Runners" """)
    teams = {row[0]: row[1] for row in psql("""SELECT "Id", "Name" FROM "Teams" """)}
    at_github = request("GET", f"{load.github}/_simulator/orgs/{ORG}/runners").json()
    github_ids = {r["id"] for r in at_github["runners"]}
    github_names = {r["id"]: r["name"] for r in at_github["runners"]}

    # 1. quota: from the database (live intervals, reservations included) and from the sealed audit trail, in order.
    worst_db, worst_audit, breaches = {}, {}, []
    for team_id, team in teams.items():
        if team not in TEAMS:
            continue
        # The database: live rows (reservations included) in every committed snapshot taken during the run (4 a
        # second) and now. Row timestamps are not used: they are taken before their transaction commits.
        worst_db[team] = max(live_samples.get(team_id, 0), sum(1 for r in runners if r[1] == team_id and r[2] != "Deleted"))
        live_ids, peak = set(), 0
        for action, outcome, target in psql(f"""SELECT "Action", "Outcome", "TargetId" FROM "AuditEvents" WHERE "TeamId" = '{team_id}' AND "Sequence" IS NOT NULL ORDER BY "Sequence" """):
            if outcome == "Succeeded" and action in ("runner.jit_provisioned", "runner.registration_token_issued"):
                live_ids.add(target)
            elif outcome == "Succeeded" and action == "runner.deleted":
                live_ids.discard(target)
            peak = max(peak, len(live_ids))
        worst_audit[team] = peak
        if worst_db[team] > TEAMS[team] or worst_audit[team] > TEAMS[team]:
            breaches.append(team)
    check("1 quota never exceeded", not breaches,
          f"most live runners per team (quota / database snapshots / audit trail in sequence order): "
          + ", ".join(f"{t} {TEAMS[t]}/{worst_db.get(t, 0)}/{worst_audit.get(t, 0)}" for t in TEAMS)
          + (f"; EXCEEDED in {breaches}" if breaches else ""))

    # 2. every 201 is one row (and, for JIT, one runner at GitHub while live); no orphans; nothing deleted a row claims.
    by_id = defaultdict(list)
    for row in runners:
        by_id[row[0]].append(row)
    missing_rows = [p["name"] for p in provisioned if len(by_id.get(p["id"], [])) != 1]
    live_claims = {int(r[3]): r for r in runners if r[2] != "Deleted" and r[3]}
    claimed_missing = sorted(set(live_claims) - github_ids)
    orphans = sorted(github_ids - set(live_claims))
    wrong_ids = [p["name"] for p in provisioned if p["kind"] == "jit" and by_id.get(p["id"]) and by_id[p["id"]][0][3] != str(p["githubRunnerId"])]
    check("2 every 201 = one row and one runner at GitHub; no orphans; none deleted that a row claims",
          not (missing_rows or claimed_missing or orphans or wrong_ids),
          f"{len(provisioned)} 201s ({sum(p['kind'] == 'jit' for p in provisioned)} JIT), {len(runners)} rows, "
          f"{len(live_claims)} live rows claiming a GitHub runner, {len(github_ids)} runners at GitHub; "
          f"201s without exactly one row {len(missing_rows)}, wrong GitHub id {len(wrong_ids)}, claimed but gone at GitHub "
          f"{len(claimed_missing)} {claimed_missing[:5]}, orphans {len(orphans)} {[github_names[o] for o in orphans[:5]]}")

    # 3. generate-jitconfig never twice for one name; installation tokens bounded.
    counters = request("GET", f"{load.github}/_simulator/counters").json()
    twice = {name: n for name, n in counters["jitConfigRequestsByName"].items() if n > 1}
    mints = sum(counters["tokenMintsByInstallation"].values())
    starts = sum(len(r.pids) for r in replicas) + 1  # + the migration run (mints none, counted for safety)
    scopes = 2  # runner administration, and actions (cancel runs)
    bound = scopes * (starts + len(replicas) * len(revocations))
    check("3 generate-jitconfig at most once per name; installation-token mints bounded", not twice and mints <= bound,
          f"{len(counters['jitConfigRequestsByName'])} names sent, {len(twice)} sent twice {dict(list(twice.items())[:5])}; "
          f"{mints} token mints <= bound {bound} ({starts} process starts, {len(revocations)} revocations, {scopes} scopes)")

    # 4. audit chain verifies; every successful change has its event; no sequence gaps.
    verify = request("GET", load.base + "/api/v1/audit-events/verify", admin).json() or {}
    sequences = psql("""SELECT count(*), coalesce(min("Sequence"), 0), coalesce(max("Sequence"), 0),
                        (SELECT count(*) FROM "AuditEvents" WHERE "Sequence" IS NULL AND "RejectedAt" IS NULL) FROM "AuditEvents" WHERE "Sequence" IS NOT NULL""")[0]
    count, low, high, unsealed = (int(x) for x in sequences)
    events = psql("""SELECT "Action", "TargetId", "Outcome" FROM "AuditEvents" """)
    succeeded = {(a, t) for a, t, o in events if o == "Succeeded"}
    actions = Counter(a for a, _, o in events if o == "Succeeded")
    without = [p["name"] for p in provisioned
               if (("runner.jit_provisioned" if p["kind"] == "jit" else "runner.registration_token_issued"), p["id"]) not in succeeded]
    without += [i for i in deleted_ok if ("runner.deleted", i) not in succeeded]
    policy_short = len(policy_changes) - actions["team.policy_changed"]
    members_short = len(member_removals) - actions["team.member_removed"]
    gaps = count != (high - low + 1 if count else 0) or (count and low != 1)
    check("4 audit chain verifies; every successful change has its event; no sequence gaps",
          bool(verify.get("valid")) and not without and policy_short <= 0 and members_short <= 0 and not gaps and unsealed == 0,
          f"verify valid={verify.get('valid')} checked={verify.get('checked')}; sequences {low}..{high} over {count} events, "
          f"unsealed {unsealed}; changes without their event: {len(without)} of {len(provisioned) + len(deleted_ok)} runner changes, "
          f"policy {len(policy_changes)} changes / {actions['team.policy_changed']} events, member removals {len(member_removals)} / "
          f"{actions['team.member_removed']} events")

    # 5. one sync lease holder at a time (sync runs never overlap across replicas), takeover within two lease periods.
    runs_by_pid = sync_runs(replicas)
    overlaps = 0
    flat = sorted((start, end, pid) for pid, spans in runs_by_pid.items() for start, end in spans)
    overlap_detail = []
    for i, (s1, e1, p1) in enumerate(flat):
        for s2, e2, p2 in flat[i + 1:]:
            if s2 >= e1 - 0.05:
                break
            if p1 != p2:
                overlaps += 1
                overlap_detail.append(f"pid {p1} {s1 - started_at:.1f}-{e1 - started_at:.1f}s / pid {p2} {s2 - started_at:.1f}-{e2 - started_at:.1f}s")
    takeovers, slow = [], []
    name = f"sync:{ORG}"
    samples = [(t, h, e) for t, n, h, e in lease_samples if n == name]
    for kill_time, replica, pid in kills:
        before = [s for s in samples if s[0] <= kill_time]
        if not before or holder_pid(before[-1][1]) != pid or before[-1][2] <= kill_time:
            continue  # the killed replica did not hold the organization
        after = [s for s in samples if s[0] > kill_time and holder_pid(s[1]) != pid and s[2] > s[0]]
        delay = after[0][0] - kill_time if after else None
        takeovers.append(delay)
        if delay is None or delay > 2 * LEASE_SECONDS:
            slow.append(delay)
    check("5 one sync lease holder at a time; a killed holder's organization taken over within two lease periods",
          overlaps == 0 and not slow and sum(len(v) for v in runs_by_pid.values()) > 0,
          f"{sum(len(v) for v in runs_by_pid.values())} sync runs by {len(runs_by_pid)} processes, {overlaps} overlapping; "
          f"{len(kills)} kills, {len(takeovers)} of a holder, takeover after "
          f"{', '.join('never' if d is None else f'{d:.1f}s' for d in takeovers) or '-'} (limit {2 * LEASE_SECONDS}s)"
          + (f"; overlapping: {overlap_detail[:3]}" if overlap_detail else ""))

    # 6. every webhook delivery applied once; no 5xx but GitHub-fault problems (with Retry-After where GitHub gave one).
    rows = psql("""SELECT "DeliveryId", "Status" FROM "WebhookDeliveries" """)
    per_delivery = Counter(d for d, _ in rows)
    not_once = [d for d in webhooks if per_delivery.get(d) != 1]
    unapplied = [d for d, s in rows if d in webhooks and s == "Received"]
    fault_times = [t for t, _ in faults] + revocations
    lost_to_kill, bad, upstream, without_retry = 0, [], 0, 0
    for t, operation, status, code, retry_after, proxy in responses:
        if status < 500 and status != 0:
            continue
        if proxy or status == 0:
            if any(0 <= t - k[0] <= 10 or 0 <= k[0] - t <= 60 and status == 0 for k in kills):
                lost_to_kill += 1
                continue
            bad.append((operation, status, proxy or "no answer"))
            continue
        if status in (502, 503) and code and code.startswith("github.") \
                and any(0 <= t - f <= 60 for f in fault_times):
            upstream += 1
            if code == "github.rate_limited" and not retry_after:
                without_retry += 1
            continue
        bad.append((operation, status, code))
    check("6 every webhook applied once; no 5xx but 502/503 problems of injected GitHub faults (Retry-After where given)",
          not not_once and not unapplied and not bad and without_retry == 0,
          f"{len(webhooks)} deliveries ({sum(webhooks.values())} sends), stored not exactly once {len(not_once)}, unapplied "
          f"{len(unapplied)}; {len(responses)} answers: {upstream} GitHub-fault problems ({without_retry} rate limits without "
          f"Retry-After), {lost_to_kill} lost with a killed replica, {len(bad)} other 5xx {Counter(bad).most_common(4)}")

    # 7. nothing secret in either replica's logs or the database.
    dump = work / "database.sql"
    subprocess.run([str(Path(PG_BIN) / "pg_dump"), "-h", "127.0.0.1", "-p", PG_PORT, "-U", "postgres", "-f", str(dump),
                    "runnertokens_soak"], check=True, capture_output=True)
    texts = {p.name: p.read_text(errors="replace") for p in [*work.glob("replica-*.log"), dump]}
    patterns = [re.compile(r"ghs_[A-Za-z0-9]{36}"), re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    leaks = []
    for source, text in texts.items():
        leaks += [(source, "installation token or key") for p in patterns if p.search(text)]
        leaks += [(source, "webhook secret") for _ in [1] if WEBHOOK_SECRET in text]
        leaks += [(source, "audit chain key") for _ in [1] if CHAIN_KEY in text]
        leaks += [(source, "a JIT config, registration token or bearer token") for s in secrets if s and s in text][:1]
    check("7 nothing secret in the replicas' logs or the database", not leaks,
          f"{len(secrets)} issued secrets and the key, webhook secret, chain key and ghs_ tokens searched in "
          f"{len(texts)} files ({sum(len(t) for t in texts.values()) // 1024} KB); leaks {leaks[:5]}")


def sync_runs(replicas):
    """Per process id: (start, end) epoch of each SyncOrganizationCommand, from the replicas' JSON logs (Debug lines)."""
    runs = defaultdict(list)
    for replica in replicas:
        path = work / f"replica-{replica.name}.log"
        pid_index = -1
        for line in path.read_text(errors="replace").splitlines():
            if "Now listening on" in line or "Application started" in line or '"EventId":14' in line:
                pass
            if not line.startswith("{"):
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("Category", "").endswith("Hosting.Lifetime") and "started" in entry.get("Message", ""):
                pid_index += 1
            state = entry.get("State", {})
            if state.get("MessageType") == "SyncOrganizationCommand" and "ElapsedMs" in state:
                end = time.mktime(time.strptime(entry["Timestamp"][:19], "%Y-%m-%dT%H:%M:%S")) - time.timezone \
                    + float("0." + entry["Timestamp"][20:23])
                pid = replica.pids[max(0, min(pid_index, len(replica.pids) - 1))]
                runs[pid].append((end - float(state["ElapsedMs"]) / 1000, end))
    return runs


# ---------------------------------------------------------------- main

def main():
    for dll in (API_DLL, HOST_DLL, PROXY_DLL):
        if not dll.exists():
            sys.exit(f"soak: missing {dll} (scripts/soak.sh builds it)")
    if not PG_ADMIN or not PG_BIN:
        sys.exit("soak: no PostgreSQL (scripts/soak.sh starts a throwaway cluster)")
    say(f"{DURATION} s, a replica killed every {KILL_EVERY} s, seed {SEED}, work folder {work}")

    key = work / "github-app.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(key), "2048"], check=True, capture_output=True)
    github = f"http://127.0.0.1:{free_port()}"
    host = start("github", ["dotnet", str(HOST_DLL), "--urls", github],
                 {"GitHub__AppId": "1", "GitHub__Simulator__RateLimit": "2000000000", "GitHub__Simulator__RunnerOnlineDelay": "00:00:01"})
    if not wait_ready(github + "/_issuer/jwks", 60, host):
        raise RuntimeError("the fake GitHub did not start")
    issuer = github + "/_issuer"

    connection = re.sub(r"Database=[^;]*", "Database=runnertokens_soak", PG_ADMIN) + ";Maximum Pool Size=40"
    env = {
        "ASPNETCORE_ENVIRONMENT": "Production",
        "DOTNET_gcServer": "0",
        "Database__Provider": "PostgreSql",
        "ConnectionStrings__RunnerTokens": connection,
        "Database__MigrateOnStartup": "false",
        "Authentication__Issuers__0__Name": "soak",
        "Authentication__Issuers__0__Authority": issuer,
        "Authentication__Issuers__0__Audiences__0": AUDIENCE,
        "Authentication__Issuers__0__RequireHttpsMetadata": "false",
        "AllowInsecureTransport": "true",  # a test rig on loopback: the issuer and the fake GitHub answer on plain HTTP
        "Authentication__AutoProvisionUsers": "true",
        "Authorization__BootstrapAdmins__0": f"sub:{issuer}|admin",
        "GitHub__Mode": "GitHub",
        "GitHub__AppId": "1",
        "GitHub__PrivateKeyPath": str(key),
        "GitHub__ApiBaseUrl": github,
        "GitHub__WebhookSecret": WEBHOOK_SECRET,
        "GitHub__Organizations__0__Name": ORG,
        "GitHub__Resilience__AttemptTimeout": "00:00:03",
        "GitHub__Resilience__TotalTimeout": "00:00:10",
        "GitHub__Resilience__RetryBaseDelay": "00:00:00.200",
        "GitHub__Resilience__MaxRetryWait": "00:00:03",
        "RateLimiting__Enabled": "false",
        "Audit__ChainKey": CHAIN_KEY,
        "Audit__Sealing__Interval": "00:00:01",
        "Sync__Interval": f"00:00:{SYNC_INTERVAL:02}",
        "Sync__LeaseDuration": f"00:00:{LEASE_SECONDS:02}",
        "Sync__ProvisioningGrace": f"00:00:{PROVISIONING_GRACE:02}",
        "HostOptions__ShutdownTimeout": "00:00:10",
        "Logging__LogLevel__RunnerTokens.Application.Common.Behaviors": "Debug",
    }
    migrate = subprocess.run(["dotnet", str(API_DLL), "migrate"], env={**os.environ, **env}, capture_output=True, text=True,
                             cwd=str(API_DLL.parent))
    if migrate.returncode != 0:
        raise RuntimeError(f"migrate failed: {migrate.stdout[-800:]} {migrate.stderr[-800:]}")
    replicas = [Replica("a", free_port(), env), Replica("b", free_port(), env)]
    for replica in replicas:
        replica.start()
    for replica in replicas:
        if not wait_ready(replica.url + "/health/ready", 90, replica.process):
            raise RuntimeError(f"replica {replica.name} did not become ready")
    proxy_url = f"http://127.0.0.1:{free_port()}"
    proxy = start("proxy", ["dotnet", str(PROXY_DLL), "--urls", proxy_url, "--backends", ",".join(r.url for r in replicas)], {})
    if not wait_ready(proxy_url + "/health/live", 60, proxy):
        raise RuntimeError("the proxy did not start")
    say(f"fake GitHub {github}, replicas {', '.join(r.url for r in replicas)}, proxy {proxy_url}: both ready")

    load = Load(proxy_url, github, issuer)
    load.seed()
    sampler = threading.Thread(target=sample_leases, daemon=True)
    sampler.start()
    threads = []
    plan = [(load.provision, lambda: rng.uniform(0.05, 0.2), 4), (load.delete, lambda: rng.uniform(0.2, 0.6), 1),
            (load.list, lambda: rng.uniform(0.1, 0.3), 1), (load.webhook, lambda: rng.uniform(0.2, 0.5), 1),
            (load.change_policy, lambda: rng.uniform(1, 3), 1), (load.churn_member, lambda: rng.uniform(1, 3), 1),
            (load.inject_fault, lambda: rng.uniform(0.5, 1.5), 1)]
    for action, pause, count in plan:
        threads += [threading.Thread(target=loop, args=(action, pause), daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()

    load_started = time.time()
    next_kill = load_started + KILL_EVERY
    victim = 0
    while time.time() - load_started < DURATION:
        time.sleep(0.2)
        if time.time() >= next_kill and time.time() - load_started < DURATION - 5:
            replica = replicas[victim % 2]
            victim += 1
            with lock:
                kills.append((time.time(), replica.name, replica.process.pid))
            replica.kill()
            say(f"SIGKILL replica {replica.name} (pid {kills[-1][2]}); restarting it")
            killed_at = kills[-1][0]
            time.sleep(1)
            replica.start()
            # The next kill hits the other replica: not before this one serves again, or both would be down.
            if not wait_ready(replica.url + "/health/ready", 120, replica.process):
                raise RuntimeError(f"replica {replica.name} did not come back after the kill")
            say(f"replica {replica.name} ready again {time.time() - killed_at:.1f} s after the kill")
            next_kill = max(killed_at + KILL_EVERY, time.time() + 2)
    stop_load.set()
    for thread in threads:
        thread.join(30)
    load_ended = time.time()
    for replica in replicas:
        if replica.process.poll() is not None or not wait_ready(replica.url + "/health/ready", 90, replica.process):
            raise RuntimeError(f"replica {replica.name} is not ready after the load")
    say(f"load over: {len(responses)} requests, {len(provisioned)} provisioned, {len(faults)} faults, {len(kills)} kills; "
        "waiting for both replicas to sync and seal")

    # Settle: drop the one-shot faults no call matched, then wait until a clean sync that started after the
    # provisioning grace period has finished, every audit event is sealed and every delivery applied.
    cleared = must(request("DELETE", github + "/_simulator/faults"), 200)["cleared"]
    say(f"{cleared} injected faults no request matched were dropped")
    settle_deadline = time.time() + 90
    synced_after = load_ended + PROVISIONING_GRACE + 1
    while time.time() < settle_deadline:
        request("GET", f"{proxy_url}/api/v1/runners?team=soak-a&limit=1", load.token(load.members["soak-a"]))
        statuses = psql("""SELECT extract(epoch from "StartedAt"), "Errors" FROM "OrganizationSyncStatuses" """)
        unsealed = int(psql("""SELECT count(*) FROM "AuditEvents" WHERE "Sequence" IS NULL AND "RejectedAt" IS NULL""")[0][0])
        pending = int(psql("""SELECT count(*) FROM "WebhookDeliveries" WHERE "Status" = 'Received'""")[0][0])
        if statuses and all(float(s) > synced_after + SYNC_INTERVAL and e == "0" for s, e in statuses) and unsealed == 0 and pending == 0:
            break
        time.sleep(1)
    else:
        say("warning: the replicas did not settle within 90 s (a clean sync, all sealed, all webhooks applied)")
    time.sleep(SYNC_INTERVAL)
    say(f"settled after {time.time() - load_ended:.0f} s")
    stop_sampling.set()
    sampler.join(30)
    stop_load.clear()
    check_invariants(load, replicas)
    passed = sum(results)
    failed = len(results) - passed
    print(f"soak: {DURATION} s, seed {SEED}, {len(kills)} kills, {len(faults)} faults injected, {len(responses)} requests", flush=True)
    print(f"{passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 and passed == 7 else 1


if __name__ == "__main__":
    code = 1
    try:
        code = main()
    except Exception as error:  # noqa: BLE001 - report, clean up, fail
        say(f"failed: {error}")
        traceback.print_exc()
        print(f"{sum(results)} passed, {max(1, 7 - sum(results))} failed", flush=True)
    finally:
        stop_load.set()
        stop_sampling.set()
        for p in processes:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(15)
                except subprocess.TimeoutExpired:
                    p.kill()
        if os.environ.get("SOAK_KEEP") == "1" or code != 0:
            say(f"logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(code)
