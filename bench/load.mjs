// Drives a running RunnerTokens instance: JIT provisioning and runner listing at 1, 16 and 64 concurrent
// clients, each for a fixed time. Prints a Markdown table and writes results/latest.json.
// Usage: node load.mjs <baseUrl> <token> <team>   (bench/run.sh starts the service and passes these)
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';

const [baseUrl, token, team] = process.argv.slice(2);
if (!baseUrl || !token || !team) {
  console.error('usage: node load.mjs <baseUrl> <token> <team>');
  process.exit(2);
}

const duration = Number(process.env.BENCH_DURATION ?? 15);
const concurrencies = (process.env.BENCH_CONCURRENCY ?? '1,16,64').split(',').map(Number);
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

const scenarios = [
  {
    name: 'POST /api/v1/runners/jit',
    method: 'POST',
    path: '/api/v1/runners/jit',
    body: JSON.stringify({ team, namePrefix: 'bench', labels: ['bench-load'] }),
    expect: 201,
  },
  {
    name: 'GET /api/v1/runners?limit=50',
    method: 'GET',
    path: `/api/v1/runners?team=${team}&limit=50`,
    expect: 200,
  },
];

function run(scenario, connections) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: baseUrl + scenario.path,
        method: scenario.method,
        headers,
        body: scenario.body,
        connections,
        duration,
        pipelining: 1,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const rows = [];
for (const scenario of scenarios) {
  for (const connections of concurrencies) {
    const result = await run(scenario, connections);
    const total = result.requests.total;
    const wrongStatus = result.non2xx;
    rows.push({
      scenario: scenario.name,
      connections,
      requests: total,
      throughput: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      errors: result.errors + result.timeouts + wrongStatus,
    });
    console.error(`${scenario.name} c=${connections}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors + result.timeouts + wrongStatus}`);
  }
}

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), JSON.stringify({ duration, rows }, null, 2));

console.log(`| Scenario | Clients | Requests | Throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) | Errors |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|---:|`);
for (const r of rows) {
  console.log(`| ${r.scenario} | ${r.connections} | ${r.requests} | ${r.throughput} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} |`);
}
process.exit(rows.some((r) => r.errors > 0) ? 1 : 0);
