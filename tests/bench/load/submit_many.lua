-- wrk: durable submissions as submit.lua, spread over many residents. YILU_BENCH_TOKENS holds
-- their tokens, comma-separated (store_load.mjs signs them in); request n goes to resident
-- n mod count, so concurrent submissions are by different people, as in real use (one resident
-- files a handful of applications, not thousands at once).
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")
local body = os.getenv("YILU_BENCH_BODY")
local tokens = {}
for t in string.gmatch(os.getenv("YILU_BENCH_TOKENS") or "", "[^,]+") do tokens[#tokens + 1] = t end
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
  -- The threads start at different residents, so they do not move in step.
  local token = tokens[(counter + tid * 7) % #tokens + 1]
  return wrk.format("POST", "/api/v1/applications", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = string.format("bench-%s-%d-%d", run, tid, counter),
  }, body)
end

done = report.done
