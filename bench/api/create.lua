-- POST /api/v1/tasks with a fresh Idempotency-Key each time (so the idempotency row is written, as the issue asks),
-- a title that bench/api.sh recognises to clean up ("bench-created ..."), and a description.
-- wrk ... -s create.lua URL -- TOKEN THREADS RUN_TAG
dofile(string.match(debug.getinfo(1, "S").source, "^@(.*/)") .. "common.lua")

function init(args)
  init_common(args)
  run_tag = args[3]
  created = 0
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  created = created + 1
  local key = run_tag .. "-" .. thread_index .. "-" .. created
  wrk.headers["Idempotency-Key"] = key
  return wrk.format("POST", "/api/v1/tasks", nil,
    '{"title":"bench-created ' .. key .. '","description":"Created by bench/api.sh to measure POST /api/v1/tasks.","priority":"high"}')
end
