-- wrk's script for `make bench` (bench/run.py).
--
-- Without arguments it requests wrk's URL. With arguments (a word file, then the region slugs,
-- the target-group slugs and the focus-area slugs, each comma-separated) every request is a
-- directory search nobody has made before in the run: two random words of the list, and at
-- random a region, a target group, a focus area, "children" and "volunteers". The seed
-- differs per thread and per wrk process, so the page cache does not hide the search.
--
-- At the end it prints one line of JSON that bench/run.py reads.

local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local words, regions, groups, areas

local function list(text)
  local items = {}
  for item in string.gmatch(text or "", "[^,]+") do
    table.insert(items, item)
  end
  return items
end

local function escape(text)
  return (string.gsub(text, "[^%w%-_.~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

function init(args)
  if #args == 0 then
    return
  end
  words = {}
  for line in io.lines(args[1]) do
    if line ~= "" and string.sub(line, 1, 1) ~= "#" then
      table.insert(words, line)
    end
  end
  regions, groups, areas = list(args[2]), list(args[3]), list(args[4])
  -- os.time() changes between wrk processes (one per round), the id between threads.
  math.randomseed(os.time() * 1000 + id * 7919 + math.floor(os.clock() * 1e6))
end

local function maybe(name, choices)
  if #choices > 0 and math.random() < 0.5 then
    return "&" .. name .. "=" .. escape(choices[math.random(#choices)])
  end
  return ""
end

function request()
  if words == nil then
    return wrk.format(nil, nil)
  end
  local text = words[math.random(#words)] .. " " .. words[math.random(#words)]
  local path = "/foreninger/?q=" .. escape(text)
    .. maybe("egn", regions) .. maybe("maalgruppe", groups) .. maybe("omraade", areas)
  if math.random() < 0.25 then
    path = path .. "&boern=on"
  end
  if math.random() < 0.25 then
    path = path .. "&frivillige=on"
  end
  return wrk.format(nil, path)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(99), latency.max, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout))
end
