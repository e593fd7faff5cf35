-- POST /api/v1/orgs/{org}/assessments: every request creates and submits a new self-check-25
-- assessment (201). The body is submission.json beside this file (all 25 answers of
-- examples/self-check-25.json, "submit": true); the URL and the Authorization header come from
-- wrk's command line.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local f = assert(io.open(dir .. "submission.json", "rb"))
local body = f:read("*a"):gsub("%s+$", "")
f:close()

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = body
