-- wrk script: a BASKET_LOCKED webhook with a new basket id on every request (no duplicates).
local counter = 0
local run = tostring(os.time())
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = os.getenv("WEBHOOK_AUTH") or "Bearer bench-callback"
request = function()
  counter = counter + 1
  local body = '{"terminalId":"T","operation":"BASKET_LOCKED","operationDate":"2025-03-10 08:42:18",' ..
    '"data":{"basketID":"wrk-' .. run .. '-' .. tostring(math.random(1, 1000000000)) .. '-' .. counter .. '","lockedBy":"x"}}'
  return wrk.format(nil, "/webhooks/tokenx", nil, body)
end
