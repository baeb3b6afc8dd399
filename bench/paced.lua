-- wrk script: offers a fixed request rate by pacing every connection, and prints one JSON line of results.
-- RATE (requests per second, whole run) and CONNECTIONS must match wrk's -c. PATHS, if set, names a file of
-- paths, one a line, requested in turn in place of the URL's own path.
-- wrk counts a status of 400 or more as an error (non_2xx); redirects (an RSVP's 302) are answers.
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

-- REQUESTS, if set, names a file of POSTs, one a line: path<TAB>cookie header<TAB>url-encoded body, sent in turn
-- (as if behind Hearth's TLS terminator, so that its secure cookies count).
local requests_file = os.getenv("REQUESTS")
if requests_file and requests_file ~= "" then
  local posts = {}
  for line in io.lines(requests_file) do
    local path, cookie, body = line:match("^([^\t]+)\t([^\t]*)\t(.*)$")
    if path then posts[#posts + 1] = { path = path, cookie = cookie, body = body } end
  end
  local next_post = 0
  function request()
    next_post = next_post % #posts + 1
    local post = posts[next_post]
    return wrk.format("POST", post.path, {
      ["Cookie"] = post.cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Forwarded-Proto"] = "https",
    }, post.body)
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
