-- wrk script of bench/run: prints one machine-readable line at the end (rate, p50, p99, errors).
-- Errors are socket errors (connect, read, write, timeout) and answers of status 400 or more.

done = function(summary, latency, requests)
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      e.connect + e.read + e.write + e.timeout + e.status))
end
