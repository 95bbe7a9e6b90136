-- Shared by bench/api.sh's request scripts (loaded by each with dofile): the bearer token, the thread's index, a tally
-- of answers by status, and one machine-readable RESULT line when wrk is done.
-- Arguments after wrk's "--": the access token, the number of threads, then what the request script wants.

local threads = {}
local thread_counter = 0

-- In wrk's main Lua state, once per thread before it starts: number the threads and keep them for done().
function setup(thread)
  thread:set("thread_index", thread_counter)
  thread_counter = thread_counter + 1
  table.insert(threads, thread)
end

-- In each thread's state.
statuses = {}
first_failure = nil

function init_common(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  thread_count = tonumber(args[2])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 300 and first_failure == nil then
    first_failure = status .. " " .. string.sub(body or "", 1, 300)
  end
end

-- Back in the main state: wrk's figures and every thread's tally, on one line for bench/api.sh.
function done(summary, latency, requests)
  local tally, failure, exhausted = {}, nil, false
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      tally[status] = (tally[status] or 0) + count
    end
    failure = failure or thread:get("first_failure")
    exhausted = exhausted or thread:get("ran_out") == true
  end
  local by_status = {}
  for status, count in pairs(tally) do
    table.insert(by_status, status .. "x" .. count)
  end
  table.sort(by_status)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f non2xx=%d socket_errors=%d statuses=%s ran_out=%s\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout,
    table.concat(by_status, ","), tostring(exhausted)))
  if failure then
    io.write("FIRST_FAILURE " .. string.gsub(failure, "\n", " ") .. "\n")
  end
end

-- The lines of a file, as a list.
function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then
      table.insert(lines, line)
    end
  end
  return lines
end
