-- wrk script: offers a fixed request rate by pacing every connection, and prints one JSON line of results.
-- RATE (requests per second, whole run) and CONNECTIONS must match wrk's -c. PATHS, if set, names a file of
-- paths, one a line, requested in turn in place of the URL's own path.
local rate = tonumber(os.getenv("RATE") or "200")
local connections = tonumber(os.getenv("CONNECTIONS") or "20")
local interval = 1000 * connections / rate -- milliseconds between requests on one connection

local paths_file = os.getenv("PATHS")
if paths_file and paths_file ~= "" then
  local paths = {}
  for line in io.lines(paths_file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  local next_path = 0
  function request()
    next_path = next_path % #paths + 1
    return wrk.format(nil, paths[next_path])
  end
end

function delay()
  return interval
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rate":%.1f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f,"socket_errors":%d,"non_2xx":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
