-- wrk script for bench/bench.py. Environment:
--   BENCH_TOKEN   bearer token (required)
--   BENCH_METHOD  GET (default) or POST
--   BENCH_BODIES  for POST: JSON bodies separated by a newline; each connection's requests cycle through them
-- At the end it prints one line "BENCH_RESULT {json}" with the counts and latency percentiles (microseconds).

local token = os.getenv("BENCH_TOKEN")
local method = os.getenv("BENCH_METHOD") or "GET"
local bodies = {}
for body in string.gmatch(os.getenv("BENCH_BODIES") or "", "[^\n]+") do
  table.insert(bodies, body)
end

local prepared = {}
local next_index = 1

function init(args)
  local headers = { ["Authorization"] = "Bearer " .. token }
  if #bodies == 0 then
    prepared[1] = wrk.format(method, nil, headers, nil)
  else
    headers["Content-Type"] = "application/json"
    for i, body in ipairs(bodies) do
      prepared[i] = wrk.format(method, nil, headers, body)
    end
  end
  -- Threads start at different bodies so that, with many teams, every team is busy from the first second.
  next_index = math.random(#prepared)
end

function request()
  local r = prepared[next_index]
  next_index = next_index % #prepared + 1
  return r
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"status_errors":%d,"socket_errors":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
