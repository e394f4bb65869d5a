-- wrk's side of the alternating pairs (benchmark/run.sh, docs/performance.md): one request kind
-- per run, chosen with WRK_CASE, against Orderly or the bare app. Data from the feeder files in
-- BENCH_DATA_DIR (run.sh writes them; the token files just before each Orderly run, by logging in).
-- done() prints one machine-readable line that run.sh parses:
--   WRK_RESULT <requests> <duration us> <p50 us> <p95 us> <p99 us> <max us> <errors>
-- errors: connect, read, write and timeout errors and responses that are not 2xx or 3xx.
local case = os.getenv("WRK_CASE") or error("WRK_CASE is not set")
local dir = os.getenv("BENCH_DATA_DIR") or error("BENCH_DATA_DIR is not set")
local password = os.getenv("BENCH_PASSWORD") or ""

local function lines(file)
  local t = {}
  for line in io.lines(dir .. "/" .. file) do
    if line ~= "" then t[#t + 1] = line end
  end
  if #t == 0 then error(dir .. "/" .. file .. " is empty") end
  return t
end

local function pick(t) return t[math.random(#t)] end

local function split(line)
  local a, b = line:match("^([^\t]+)\t(.+)$")
  return a, b
end

local json = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }

local function with(headers)
  local h = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
  for k, v in pairs(headers) do h[k] = v end
  return h
end

-- The body of Orderly's create-order (BenchConfig.orderBody): two random skus.
local skus
local function order_body()
  return string.format('{"items":[{"sku":"%s","quantity":%d},{"sku":"%s","quantity":1}],'
    .. '"shippingAddress":{"name":"Bench Shopper","line1":"1 Load Street","line2":null,'
    .. '"city":"Berlin","region":null,"postalCode":"10115","country":"DE"},"note":"benchmark"}',
    pick(skus), math.random(1, 3), pick(skus))
end

local function uuid4()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

local login_body = function(email)
  return '{"email":"' .. email .. '","password":"' .. password .. '"}'
end

local make
if case == "orderly-get-order" then
  -- "<token>\t<order id>": each user's own newest orders, as Gatling's get-order reads them.
  local pairs_ = lines("wrk-own-orders.tsv")
  make = function()
    local token, id = split(pick(pairs_))
    return wrk.format("GET", "/api/v1/orders/" .. id, with({ Authorization = "Bearer " .. token }))
  end
elseif case == "orderly-list-first" then
  local tokens = lines("wrk-admin-tokens.txt")
  make = function()
    return wrk.format("GET", "/api/v1/orders?limit=20", with({ Authorization = "Bearer " .. pick(tokens) }))
  end
elseif case == "orderly-create-order" then
  local tokens = lines("wrk-user-tokens.txt")
  skus = lines("skus.csv")
  make = function()
    return wrk.format("POST", "/api/v1/orders",
      with({ Authorization = "Bearer " .. pick(tokens), ["Idempotency-Key"] = uuid4() }), order_body())
  end
elseif case == "orderly-login" then
  local emails = lines("users.csv")
  make = function() return wrk.format("POST", "/api/v1/auth/login", json, login_body(pick(emails))) end
elseif case == "bare-get-order" then
  local ids = lines("order-ids.csv")
  make = function() return wrk.format("GET", "/orders/" .. pick(ids), json) end
elseif case == "bare-list-first" then
  make = function() return wrk.format("GET", "/orders?limit=20", json) end
elseif case == "bare-create-order" then
  local users = lines("user-ids.csv")
  skus = lines("skus.csv")
  make = function() return wrk.format("POST", "/orders", with({ ["X-User-Id"] = pick(users) }), order_body()) end
elseif case == "bare-login" then
  local emails = lines("users.csv")
  make = function() return wrk.format("POST", "/login", json, login_body(pick(emails))) end
else
  error("unknown WRK_CASE " .. case)
end

local counter = 1
function setup(thread)
  thread:set("seed", counter)
  counter = counter + 1
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
end

function request()
  return make()
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK_RESULT %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout + e.status))
end
