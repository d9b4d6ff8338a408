-- wrk: POST /api/v1/core with one check_id request (as tests/bench/server_bench.sh);
-- the bare baseline gets the same body.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"op":"check_id","value":"46020319950315122X"}'
done = report.done
