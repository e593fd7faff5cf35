-- GET the URL given to wrk; headers (a session cookie) come from wrk's -H options.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")
