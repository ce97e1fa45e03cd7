// The platform team's scenario through a TypeScript client of the RunnerTokens API: types generated from the
// committed contract (docs/openapi/v1.json) by openapi-typescript, calls made by openapi-fetch. No hand-written
// request or response types: everything below is checked by tsc against the contract.
//
//   npm ci && npm run build
//   RUNNERTOKENS_URL=https://runnertokens.example.com RUNNERTOKENS_ADMIN_TOKEN=... RUNNERTOKENS_MEMBER_TOKEN=... \
//   RUNNERTOKENS_MEMBER_ISSUER=https://issuer.example.com RUNNERTOKENS_MEMBER_SUBJECT=dev-1 RUNNERTOKENS_TEAM=payments \
//   npm run scenario
//
// An admin creates the team, sets its policy and adds the member; the member provisions three JIT runners, pages
// through them, reads one, deletes it and reads the audit trail; a refused provisioning and a missing runner show
// the typed problems. The last line is "scenario passed: ..." (exit 0) or the problem that stopped it (exit 1).
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.js";

type Problem = components["schemas"]["Problem"];
type RunnerDto = components["schemas"]["RunnerDto"];
type AuditEventDto = components["schemas"]["AuditEventDto"];

/** A refusal or failure of the service, with its stable errorCode and violations. */
class ProblemError extends Error {
  constructor(readonly status: number, readonly problem: Problem | undefined) {
    super(problem ? `${problem.title} (${status} ${problem.errorCode})${problem.detail ? `: ${problem.detail}` : ""}` : `HTTP ${status}`);
  }
}

/** The data of a successful call, or a ProblemError with the service's problem. */
function ok<T>(result: { data?: T; error?: Problem; response: Response }): T {
  if (!result.response.ok) {
    throw new ProblemError(result.response.status, result.error);
  }
  return result.data as T;
}

/** The problem of a call that must fail. */
function problemOf(result: { error?: Problem; response: Response }): Problem {
  if (result.response.ok || !result.error) {
    throw new Error(`expected a problem, got HTTP ${result.response.status}`);
  }
  return result.error;
}

/** Every item of a list operation, following nextCursor page by page. */
async function* all<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const current = await page(cursor);
    yield* current.items;
    cursor = current.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

function bearer(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  };
}

function clientWith(token: string) {
  const client = createClient<paths>({ baseUrl: env("RUNNERTOKENS_URL").replace(/\/$/, "") });
  client.use(bearer(token));
  return client;
}

function check(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`check failed: ${what}`);
  }
}

async function scenario(): Promise<string> {
  const team = env("RUNNERTOKENS_TEAM");
  const organization = env("RUNNERTOKENS_ORGANIZATION", "acme");
  const admin = clientWith(env("RUNNERTOKENS_ADMIN_TOKEN"));
  const member = clientWith(env("RUNNERTOKENS_MEMBER_TOKEN"));

  // The admin: team, whole policy, member.
  ok(await admin.POST("/api/v1/teams", { body: { name: team, organization, description: "TypeScript example" } }));
  const policy = ok(await admin.PUT("/api/v1/teams/{team}/policy", {
    params: { path: { team } },
    body: {
      requiredLabels: [team],
      allowedLabelPatterns: ["gpu", "linux-*"],
      allowedRunnerGroupIds: [],
      defaultRunnerGroupId: null,
      maxRunners: 10,
      allowRegistrationTokens: false,
      allowPersistentRunners: false,
    },
  }));
  const user = ok(await admin.POST("/api/v1/users", {
    body: { issuer: env("RUNNERTOKENS_MEMBER_ISSUER"), subject: env("RUNNERTOKENS_MEMBER_SUBJECT") },
  }));
  const membership = ok(await admin.PUT("/api/v1/teams/{team}/members/{userId}", {
    params: { path: { team, userId: user.id } },
    body: { role: "maintainer" },
  }));
  console.log(`team ${team}: policy version ${policy.version}, ${membership.role} ${user.id}`);

  // The member: three JIT runners.
  const provisioned = [];
  for (let i = 0; i < 3; i++) {
    const runner = ok(await member.POST("/api/v1/runners/jit", { body: { team, namePrefix: "ts", labels: ["gpu"] } }));
    check(runner.runCommand.includes("--jitconfig"), "the run command starts the runner with its JIT config");
    provisioned.push(runner);
    console.log(`provisioned ${runner.name} [${runner.labels.join(", ")}] ${runner.status}: ./run.sh --jitconfig ***`);
  }

  // Page through them, two at a time.
  let pages = 0;
  const runners: RunnerDto[] = [];
  for await (const runner of all(async (cursor) => {
    pages++;
    return ok(await member.GET("/api/v1/runners", { params: { query: { team, limit: 2, ...(cursor ? { cursor } : {}) } } }));
  })) {
    runners.push(runner);
  }
  check(runners.length === 3 && pages === 2, `3 runners over 2 pages (got ${runners.length} over ${pages})`);

  // Read one, delete it, read it again.
  const first = provisioned[0]!;
  const details = ok(await member.GET("/api/v1/runners/{id}", { params: { path: { id: first.id } } }));
  check(details.kind === "jit", "a JIT runner");
  ok(await member.DELETE("/api/v1/runners/{id}", { params: { path: { id: first.id } } }));
  const deleted = ok(await member.GET("/api/v1/runners/{id}", { params: { path: { id: first.id } } }));
  check(deleted.status === "deleted" && deleted.deletionReason === "requested", "deleted on request");
  console.log(`deleted ${deleted.name}: status ${deleted.status}, reason ${deleted.deletionReason}`);

  // The audit trail of the team.
  const audit: AuditEventDto[] = [];
  for await (const event of all(async (cursor) =>
    ok(await member.GET("/api/v1/audit-events", { params: { query: { team, limit: 5, ...(cursor ? { cursor } : {}) } } })))) {
    audit.push(event);
  }
  const provisionedEvents = audit.filter((e) => e.action === "runner.jit_provisioned" && e.outcome === "succeeded").length;
  check(provisionedEvents === 3, `3 runner.jit_provisioned events (got ${provisionedEvents})`);
  check(audit.some((e) => e.action === "runner.deleted" && e.targetId === first.id), "a runner.deleted event");

  // A refused provisioning: a typed problem with its violations.
  const refused = problemOf(await member.POST("/api/v1/runners/jit", { body: { team, namePrefix: "ts", labels: ["gpu", "crypto-miner"] } }));
  check(refused.errorCode === "runner.label_not_allowed", `runner.label_not_allowed (got ${refused.errorCode})`);
  for (const violation of refused.violations ?? []) {
    console.log(`refused: ${violation.code} ${violation.label ?? ""}: ${violation.message}`);
  }
  check((refused.violations ?? []).some((v) => v.label === "crypto-miner"), "the violation names the label");

  // A missing runner: a typed 404.
  const missing = problemOf(await member.GET("/api/v1/runners/{id}", { params: { path: { id: "00000000-0000-4000-8000-000000000000" } } }));
  check(missing.errorCode === "runner.not_found" && missing.status === 404, `runner.not_found (got ${missing.errorCode})`);

  return `team ${team}, ${provisioned.length} provisioned, ${deleted.name} deleted, ${pages} pages, ${audit.length} audit events`;
}

try {
  console.log(`scenario passed: ${await scenario()}`);
} catch (error) {
  console.error(error instanceof ProblemError ? `problem: ${error.message}` : String(error));
  if (error instanceof ProblemError && error.problem?.violations) {
    for (const violation of error.problem.violations) {
      console.error(`  ${violation.code}: ${violation.message}`);
    }
  }
  process.exit(1);
}
