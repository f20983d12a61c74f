// The spend ledger's rules (spendLedger.ts) as Lua, so each step runs atomically inside Redis. One
// hash per key: `epoch`, `seq`, `forgotten`, holds as `h:<id>` = "amount|expiresAt|recording" and recorded
// spends as `r:<id>` = "amount|seq|forgetAt". Times come from Redis's own clock (TIME), so the
// instances' clocks never need to agree. Numbers go back to JS as strings (Lua->Redis truncates).

/** Shared prelude: the server clock and a ledger created on demand (a new epoch when recreated). */
const prelude = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function ensure()
  local epoch = redis.call('HGET', KEYS[1], 'epoch')
  if not epoch then
    epoch = t[1] .. '.' .. t[2]
    redis.call('HSET', KEYS[1], 'epoch', epoch, 'seq', 0, 'forgotten', 0)
  end
  return epoch
end
local function keep(ms)
  if redis.call('PTTL', KEYS[1]) < ms then redis.call('PEXPIRE', KEYS[1], ms) end
end
`

/** KEYS: ledger. ARGV: idleMs. Returns {epoch, seq}. */
export const snapshotScript = `${prelude}
local epoch = ensure()
keep(tonumber(ARGV[1]))
return {epoch, redis.call('HGET', KEYS[1], 'seq')}
`

/**
 * KEYS: ledger. ARGV: id, amount, balance, epoch, seq, leaseMs, idleMs.
 * Returns {status, available}: the same decisions as `reserveIn`.
 */
export const reserveScript = `${prelude}
local id, amount, balance = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local snapEpoch, snapSeq, lease = ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if epoch ~= snapEpoch then return {'stale', '0'} end
local forgotten = tonumber(redis.call('HGET', KEYS[1], 'forgotten'))
local held, uncertain, found = 0, 0, nil
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local field, value = all[i], all[i + 1]
  local kind, entry = string.sub(field, 1, 2), string.sub(field, 3)
  if kind == 'h:' then
    local a, expiresAt, recording = string.match(value, '^([^|]+)|([^|]+)|([^|]+)$')
    if tonumber(expiresAt) <= now then
      redis.call('HDEL', KEYS[1], field)
    else
      if recording == '1' then uncertain = uncertain + tonumber(a) else held = held + tonumber(a) end
      if entry == id then found = 'in_flight' end
    end
  elseif kind == 'r:' then
    local a, s, forgetAt = string.match(value, '^([^|]+)|([^|]+)|([^|]+)$')
    if tonumber(forgetAt) <= now then
      redis.call('HDEL', KEYS[1], field)
      if tonumber(s) > forgotten then forgotten = tonumber(s) end
    else
      if tonumber(s) > snapSeq then uncertain = uncertain + tonumber(a) end
      if entry == id and not found then found = 'recorded' end
    end
  end
end
redis.call('HSET', KEYS[1], 'forgotten', forgotten)
if snapSeq < forgotten then return {'stale', '0'} end
if found then return {found, '0'} end
local available = balance - held - uncertain
if amount > balance - held then return {'refused', tostring(available)} end
if amount > available then return {'uncertain', '0'} end
redis.call('HSET', KEYS[1], 'h:' .. id, tostring(amount) .. '|' .. tostring(now + lease) .. '|0')
keep(tonumber(ARGV[7]))
return {'reserved', tostring(available - amount)}
`

/**
 * KEYS: ledger. ARGV: id, leaseMs, recording ('1' marks the usage write under way, '' keeps the flag).
 * Returns 1 when the hold was extended.
 */
export const renewScript = `${prelude}
local value = redis.call('HGET', KEYS[1], 'h:' .. ARGV[1])
if not value then return 0 end
local a, expiresAt, recording = string.match(value, '^([^|]+)|([^|]+)|([^|]+)$')
if tonumber(expiresAt) <= now then return 0 end
if ARGV[3] == '1' then recording = '1' end
redis.call('HSET', KEYS[1], 'h:' .. ARGV[1], a .. '|' .. tostring(now + tonumber(ARGV[2])) .. '|' .. recording)
return 1
`

/** KEYS: ledger. ARGV: id, amount, retainMs, idleMs. Numbers the spend after every earlier one. */
export const commitScript = `${prelude}
ensure()
redis.call('HDEL', KEYS[1], 'h:' .. ARGV[1])
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], 'r:' .. ARGV[1], ARGV[2] .. '|' .. seq .. '|' .. tostring(now + tonumber(ARGV[3])))
keep(tonumber(ARGV[4]))
return seq
`

/** KEYS: ledger. ARGV: id. */
export const releaseScript = `
redis.call('HDEL', KEYS[1], 'h:' .. ARGV[1])
return 1
`

/** KEYS: cache key. Returns the value or false. */
export const getScript = `return redis.call('GET', KEYS[1])`

/** KEYS: cache key. ARGV: value, ttlMs. */
export const setScript = `return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])`

/** KEYS: value key. ARGV: value, ttlMs. Returns 1 when stored (the key held nothing). */
export const setIfAbsentScript = `return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') and 1 or 0`

/** KEYS: value key. */
export const deleteScript = `return redis.call('DEL', KEYS[1])`

/** KEYS: set. ARGV: member, ttlMs. */
export const addMemberScript = `
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
`

/** KEYS: set. ARGV: member. */
export const removeMemberScript = `return redis.call('SREM', KEYS[1], ARGV[1])`

/** KEYS: set. Returns its members. */
export const membersScript = `return redis.call('SMEMBERS', KEYS[1])`

/** KEYS: counter. ARGV: ttlMs. Returns the new value. */
export const incrementScript = `
local value = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return value
`

/** KEYS: lock. ARGV: owner, ttlMs. Returns 1 when taken (or already ours). */
export const lockScript = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`

/** KEYS: lock. ARGV: owner. Deletes the lock only when this owner holds it. */
export const unlockScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`
