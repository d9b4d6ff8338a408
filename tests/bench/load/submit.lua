-- wrk: durable submissions, POST /api/v1/applications (validated by the core, committed and
-- fsynced before 201). Body and token come from the environment (server_load.mjs sets them);
-- every request carries its own Idempotency-Key, as the page sends one per submission.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")
local body = os.getenv("YILU_BENCH_BODY")
local token = os.getenv("YILU_BENCH_TOKEN")
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
    ["Idempotency-Key"] = string.format("bench-%d-%d-%d", tid, counter, os.time()),
  }, body)
end

-- Non-201 answers count as status errors in wrk's summary (it counts status >= 400 only),
-- so 4xx/5xx are visible in the JSON line.
done = report.done
