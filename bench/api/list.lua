-- GET /api/v1/tasks?status=pending: the first page, with the API's default page size and order.
-- wrk ... -s list.lua URL -- TOKEN THREADS
dofile(string.match(debug.getinfo(1, "S").source, "^@(.*/)") .. "common.lua")

function init(args)
  init_common(args)
  list_request = wrk.format("GET", "/api/v1/tasks?status=pending")
end

function request()
  return list_request
end
