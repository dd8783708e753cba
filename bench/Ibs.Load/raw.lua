-- The raw-INSERT baseline: POST /bench/raw-insert with a frame-sized body.
wrk.method = "POST"
wrk.path = "/bench/raw-insert"
wrk.headers["Content-Type"] = "text/plain"
wrk.body = string.rep("A", 112)
