-- wrk script of bench/run: POSTs a question page (GTS "education") of many drafts, each with its
-- own session cookie and CSRF token, taken in turn from the file named by the first argument after
-- `--` (lines "<cookie>\t<csrf>", written by `examples/load.rs drafts`). Each wrk thread takes its
-- own share of the drafts, so that no two requests in flight save the same draft. Only
-- "303 See Other" to the next page counts as a success.

local threads = {}
local next_id = 0

setup = function(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

local requests = {}
local i = 0
bad = 0

init = function(args)
   local file = assert(io.open(args[1]), "drafts file")
   local origin = "http://" .. wrk.host .. ":" .. wrk.port
   local n = 0
   for line in file:lines() do
      local cookie, csrf = line:match("^([^\t]+)\t(.+)$")
      if cookie and n % tonumber(args[2]) == id then
         local body = "csrf_token=" .. csrf ..
            "&highest_education=master&field_of_study=Computer+science&years_it_experience=6"
         table.insert(requests, wrk.format("POST", "/en/apply/gts/education", {
            ["Cookie"] = cookie,
            ["Origin"] = origin,
            ["Content-Type"] = "application/x-www-form-urlencoded",
         }, body))
      end
      n = n + 1
   end
   file:close()
   assert(#requests > 0, "no drafts for thread " .. id)
end

request = function()
   i = i % #requests + 1
   return requests[i]
end

response = function(status, headers, body)
   local location = headers["location"] or headers["Location"]
   if status ~= 303 or location ~= "/en/apply/gts/job-offer" then
      bad = bad + 1
   end
end

done = function(summary, latency, requests)
   local e = summary.errors
   local unexpected = 0
   for _, thread in ipairs(threads) do
      unexpected = unexpected + thread:get("bad")
   end
   local seconds = summary.duration / 1e6
   io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      e.connect + e.read + e.write + e.timeout + unexpected))
end
