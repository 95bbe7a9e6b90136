-- POST /api/v1/tasks/{id}/take, each id once: thread i takes lines i+1, i+1+THREADS, ... of the file (pending,
-- unassigned tasks that bench/api.sh created for this run alone). Past the end of its slice a thread asks for a task
-- that does not exist: the 404s fail the run, and done() says the slice ran out.
-- wrk ... -s take.lua URL -- TOKEN THREADS IDS_FILE
dofile(string.match(debug.getinfo(1, "S").source, "^@(.*/)") .. "common.lua")

function init(args)
  init_common(args)
  ids = {}
  local line_number = 0
  for _, id in ipairs(read_lines(args[3])) do
    if line_number % thread_count == thread_index then
      table.insert(ids, id)
    end
    line_number = line_number + 1
  end
  position = 0
  ran_out = false
end

function request()
  position = position + 1
  local id = ids[position]
  if id == nil then
    ran_out = true
    id = "00000000-0000-0000-0000-000000000000"
  end
  return wrk.format("POST", "/api/v1/tasks/" .. id .. "/take", nil, "")
end
