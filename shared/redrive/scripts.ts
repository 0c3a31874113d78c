/**
 * The Lua scripts that keep the dead-letter stream, its due set and the holds on letters consistent:
 * each runs atomically in Redis, so a run killed between two commands never leaves a letter half
 * moved (in the stream but not due, or in two places). Holds are `SET NX PX` keys with a random token:
 * only the run that holds a letter may record an attempt on it, and a hold of a killed run expires.
 */

/** Whether stream id a comes after b ("<ms>-<seq>"). */
const LATER = `local function later(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am > bm or (am == bm and as > bs)
end
`;

/**
 * Due set, stream, cursor; ARGV: the last id read, then pairs of (id, due at). A letter still in the
 * stream becomes due unless it already is (a replay scheduled it itself); the cursor only moves on.
 */
export const INDEX = `${LATER}
for i = 2, #ARGV, 2 do
  if #redis.call('XRANGE', KEYS[2], ARGV[i], ARGV[i]) > 0 then redis.call('ZADD', KEYS[1], 'NX', ARGV[i + 1], ARGV[i]) end
end
local cursor = redis.call('GET', KEYS[3])
if not cursor or later(ARGV[1], cursor) then redis.call('SET', KEYS[3], ARGV[1]) end
return 1`;

/**
 * Due set, stream; ARGV: due no later than, hold key prefix, token, hold ms. Holds the first due
 * letter no other run holds and returns {id, fields}; a member whose entry is gone (replayed by hand)
 * leaves the due set. False when none is left.
 */
export const TAKE = `local offset = 0
while true do
  local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', offset, 50)
  if #ids == 0 then return false end
  local gone = 0
  for _, id in ipairs(ids) do
    local entry = redis.call('XRANGE', KEYS[2], id, id)
    if #entry == 0 then
      redis.call('ZREM', KEYS[1], id)
      gone = gone + 1
    elseif redis.call('SET', ARGV[2] .. id, ARGV[3], 'NX', 'PX', ARGV[4]) then
      return {id, entry[1][2]}
    end
  end
  offset = offset + #ids - gone
end`;

/** Stream, hold key; ARGV: id, token, hold ms. Holds one letter by id: its fields, or 'gone' / 'held'. */
export const HOLD = `local entry = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #entry == 0 then return 'gone' end
if not redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return 'held' end
return entry[1][2]`;

/** Due set, stream, hold key; ARGV: id, token. Delivered: the letter goes, whoever holds it. */
export const REMOVE = `redis.call('XDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('GET', KEYS[3]) == ARGV[2] then redis.call('DEL', KEYS[3]) end
return 1`;

/**
 * Due set, stream, hold key; ARGV: id, token, due at ('' for none), kind, reason, letter JSON. The
 * letter with its attempt recorded replaces the old entry, due at its next time; its new id. False
 * when this run no longer holds it (its hold expired and another run took it: that run records).
 */
export const REPLACE = `if redis.call('GET', KEYS[3]) ~= ARGV[2] then return false end
if #redis.call('XRANGE', KEYS[2], ARGV[1], ARGV[1]) == 0 then redis.call('DEL', KEYS[3]) return false end
local id = redis.call('XADD', KEYS[2], '*', 'kind', ARGV[4], 'reason', ARGV[5], 'letter', ARGV[6])
redis.call('XDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
if ARGV[3] ~= '' then redis.call('ZADD', KEYS[1], ARGV[3], id) end
redis.call('DEL', KEYS[3])
return id`;

/** Due set, stream, hold key, parked stream; ARGV: id, token, kind, reason, letter text. Moves the letter whole to the parked. */
export const PARK = `if redis.call('GET', KEYS[3]) ~= ARGV[2] then return false end
if #redis.call('XRANGE', KEYS[2], ARGV[1], ARGV[1]) == 0 then redis.call('DEL', KEYS[3]) return false end
local id = redis.call('XADD', KEYS[4], '*', 'kind', ARGV[3], 'reason', ARGV[4], 'letter', ARGV[5], 'from', ARGV[1])
redis.call('XDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[3])
return id`;

/** Due set, hold key; ARGV: id, token, due at ('' to leave it). Lets the letter go unsettled. */
export const RELEASE = `if redis.call('GET', KEYS[2]) ~= ARGV[2] then return 0 end
if ARGV[3] ~= '' then redis.call('ZADD', KEYS[1], 'XX', ARGV[3], ARGV[1]) end
redis.call('DEL', KEYS[2])
return 1`;
