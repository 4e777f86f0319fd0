-- wrk script: count non-2xx responses and print one machine-readable result line.
--
--   wrk -t2 -c16 -d10s --latency -s bench/report.lua http://127.0.0.1:8000/
--
-- The last line of output is `BENCH_JSON {...}` with exact percentiles in microseconds.
-- wrk itself only counts statuses above 399 as errors; a 3xx (an HTTPS or slash redirect)
-- would measure the wrong thing, so every status outside 200-299 is counted here.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   non2xx = 0
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
end

function done(summary, latency, requests)
   local non2xx_total = 0
   for _, thread in ipairs(threads) do
      non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
   end
   local errors = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"non2xx":%d,'
         .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
         .. '"latency_us":{"min":%d,"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
      summary.requests, summary.duration, summary.bytes, non2xx_total,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      latency.min, latency.mean, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency.max))
end
