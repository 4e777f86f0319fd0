-- wrk script for bench/audience.py: a browser user agent (bots are not counted) and one of
-- 200 visitors' addresses per request (the server trusts one proxy's X-Forwarded-For), then
-- the same result line as report.lua.
dofile("bench/report.lua")

wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"

local report_init = init
local seeds = 0

function setup_seed(thread)
   seeds = seeds + 1
   thread:set("seed", os.time() * 100 + seeds)
end

local report_setup = setup
function setup(thread)
   report_setup(thread)
   setup_seed(thread)
end

function init(args)
   report_init(args)
   math.randomseed(seed)
end

request = function()
   wrk.headers["X-Forwarded-For"] = "10.0.0." .. math.random(1, 200)
   return wrk.format()
end
