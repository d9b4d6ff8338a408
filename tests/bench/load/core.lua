-- wrk: POST /api/v1/core with one add_workdays request (the page's and clients' core call).
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"op":"add_workdays","date":"2024-09-27","days":20}'
done = report.done
