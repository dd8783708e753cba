-- wrk script: POST pre-encoded IBS frames from $FRAMES, whose lines are "<bank> <frame>".
-- Each thread sends only the frames of its own banks (bank mod threads), in file order, so every
-- door's frames come from one thread and each one flips the door; the file ends where it starts.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  frames = {}
  local count = tonumber(os.getenv("THREADS") or "2")
  for line in io.lines(os.getenv("FRAMES")) do
    local bank, frame = line:match("^(%d+) (.+)$")
    if tonumber(bank) % count == id then frames[#frames + 1] = frame end
  end
  i = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "text/plain"
end

function request()
  i = i + 1
  return wrk.format(nil, "/ibs", nil, frames[((i - 1) % #frames) + 1])
end
