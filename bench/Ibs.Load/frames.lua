-- wrk script: POST pre-encoded IBS frames (one per line of $FRAMES), each thread from its own offset.
local frames = {}
for line in io.lines(os.getenv("FRAMES")) do frames[#frames + 1] = line end
local counter = 0
local failures = 0

function setup(thread)
  thread:set("offset", counter * 997)
  counter = counter + 1
end

function init(args)
  i = offset
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "text/plain"
end

function request()
  i = i + 1
  return wrk.format(nil, "/ibs", nil, frames[(i % #frames) + 1])
end

function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end
