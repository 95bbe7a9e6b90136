-- GET /api/v1/tasks/{id} over the ids in a file, each thread starting at its own place in the list.
-- wrk ... -s get.lua URL -- TOKEN THREADS IDS_FILE
dofile(string.match(debug.getinfo(1, "S").source, "^@(.*/)") .. "common.lua")

function init(args)
  init_common(args)
  ids = read_lines(args[3])
  position = math.floor(thread_index * #ids / thread_count)
end

function request()
  position = position % #ids + 1
  return wrk.format("GET", "/api/v1/tasks/" .. ids[position])
end
