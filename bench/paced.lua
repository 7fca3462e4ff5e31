-- bench/paced.lua - wrk at a fixed offered rate (serve_bench.sh's BENCH_RATE), the open-loop
-- measurement of wrk2 (not in Debian) with the Debian wrk: `wrk -s bench/paced.lua URL -- MS`
-- where MS is the milliseconds between two requests of one wrk thread (threads * 1000 / rate).
--
-- wrk calls delay() before each request of a connection (its first one too) and waits that
-- many milliseconds before sending it.  Each wrk thread keeps one schedule: request k of the
-- thread is due at start + k * MS, whichever of its connections is free asks first, so the
-- thread offers 1000 / MS requests a second however long the answers take, as long as one of
-- its connections is free when a request is due.  When none is (every connection waits for an
-- answer), the request leaves late and wrk's latency, counted from the send, would hide the
-- wait (coordinated omission): done() prints how many requests left more than 1 ms behind their
-- schedule and the longest delay, so that a run whose schedule held is seen to have held.
-- (wrk's delays are whole milliseconds: a request leaves up to 1 ms before its due time.)
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } paced_timespec;
int clock_gettime(int clock, paced_timespec *out);
]]
local clock = ffi.new("paced_timespec")
local function now_ms()
    ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
    return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local threads = {}
function setup(thread)
    table.insert(threads, thread)
end

-- Per thread (each has its own Lua state): the schedule and what fell behind it.
interval_ms = 0
due_ms = nil
late = 0
late_max_ms = 0
function init(args)
    interval_ms = tonumber(args[1])
end

function delay()
    local now = now_ms()
    if due_ms == nil then
        due_ms = now
    end
    local due = due_ms
    due_ms = due_ms + interval_ms
    if due >= now then
        return math.floor(due - now)
    end
    if now - due > 1 then
        late = late + 1
        if now - due > late_max_ms then
            late_max_ms = now - due
        end
    end
    return 0
end

function done(summary, latency, requests)
    local behind, behind_max = 0, 0
    for _, thread in ipairs(threads) do
        behind = behind + thread:get("late")
        behind_max = math.max(behind_max, thread:get("late_max_ms"))
    end
    local errors = summary.errors
    io.write(string.format(
        "paced: %.0f requests/s achieved; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, " ..
        "p99.9 %.2f ms, max %.2f ms; errors: connect %d, read %d, write %d, status %d, " ..
        "timeout %d; requests sent more than 1 ms behind schedule: %d (%.3f %%), at most " ..
        "%.1f ms behind\n",
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
        latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency:percentile(99.9) / 1000, latency.max / 1000, errors.connect, errors.read,
        errors.write, errors.status, errors.timeout, behind,
        summary.requests > 0 and 100 * behind / summary.requests or 0, behind_max))
end
