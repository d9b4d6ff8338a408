-- wrk: durable submissions, POST /api/v1/applications (validated by the core, committed and
-- fsynced before 201). Body and token come from the environment (server_load.mjs sets them);
-- every request carries its own Idempotency-Key, as the page sends one per submission.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")
local body = os.getenv("YILU_BENCH_BODY")
local token = os.getenv("YILU_BENCH_TOKEN")
-- Unique per wrk run (set by server_load.mjs): keys must never repeat across runs, or the
-- server would answer a replay instead of storing a new application.
local run = os.getenv("YILU_BENCH_RUN")
local counter = 0
local made = 0
tid = 0  -- global: setup() sets it in each thread's own Lua state

function setup(thread)
  made = made + 1
  thread:set("tid", made)
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/applications", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = string.format("bench-%s-%d-%d", run, tid, counter),
  }, body)
end

-- Non-201 answers count as status errors in wrk's summary (it counts status >= 400 only),
-- so 4xx/5xx are visible in the JSON line.
done = report.done
