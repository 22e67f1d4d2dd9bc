-- wrk load of the page's heavy views, rotating over ids and words:
--   wrk -t2 -c50 -d20s --latency -s crates/server/bench/views.lua URL -- story|entity|search [ids]
-- `ids`: how many story or entity ids to rotate over (1..ids).
local view, ids, n = "story", 200, 0
local words = { "Kupiansk", "Russia", "Zelensky", "ceasefire", "Kyiv", "drone", "Putin", "sanctions" }

function init(args)
  view = args[1] or view
  ids = tonumber(args[2]) or ids
end

function request()
  n = n + 1
  local path
  if view == "story" then
    path = "/api/stories/" .. (n % ids + 1)
  elseif view == "entity" then
    path = "/api/entities/" .. (n % ids + 1)
  else
    path = "/api/search?limit=20&q=" .. words[n % #words + 1]
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  io.write(string.format("%d requests, %d errors (status %d), p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests, summary.errors.status + summary.errors.timeout, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
