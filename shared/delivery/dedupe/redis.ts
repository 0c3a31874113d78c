import { randomUUID } from "node:crypto";
import type { RedisHandle } from "../redis/lazy";
import type { AnswerClaim, ClaimResult, DedupeStore, StoredAnswer } from "./store";

// SET NX PX is the conditional write; the GET in the same script tells a completed id from one in progress.
const CLAIM = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'claimed' end
return redis.call('GET', KEYS[1])`;
// Deletes the claim only if it is still this caller's token: never another instance's claim or a completed id.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// An idempotent answer's record is JSON: {"s":"in_progress","t":<instance token>:<claim id>,"h":<hash>}
// while its handler runs, {"s":"completed","h":<hash>,"a":<stored answer>} after. The claim is the same
// SET NX PX; the release deletes only that claim's own record (the very string it wrote), never a later
// claim of the key (a late handler ending after its claim expired and a retry claimed again).

/**
 * Dedupe shared by every instance: one key per event, `in_progress:<instance token>` while a delivery
 * runs (expiring with the time the function has left), `completed` for a long time after. The token
 * names this instance: only one of its requests can hold a key at a time (the write is conditional),
 * and it settles the claim before the claim can expire, so a release never removes another's claim.
 */
export class RedisDedupeStore implements DedupeStore {
  private readonly token = `in_progress:${randomUUID()}`;

  constructor(
    private readonly redis: RedisHandle,
    private readonly keyPrefix: string,
    private readonly completedMs: number,
  ) {}

  async claim(key: string, inProgressMs: number): Promise<ClaimResult> {
    const client = await this.redis.client();
    const state = await client.eval(CLAIM, 1, this.keyPrefix + key, this.token, Math.max(1, Math.ceil(inProgressMs)));
    if (state === "claimed" || state === "completed") return state;
    return "in_progress";
  }

  async complete(key: string): Promise<void> {
    const client = await this.redis.client();
    await client.set(this.keyPrefix + key, "completed", "PX", this.completedMs);
  }

  async release(key: string): Promise<void> {
    const client = await this.redis.client();
    await client.eval(RELEASE, 1, this.keyPrefix + key, this.token);
  }

  async claimAnswer(key: string, hash: string, inProgressMs: number): Promise<AnswerClaim> {
    const client = await this.redis.client();
    const claim = JSON.stringify({ s: "in_progress", t: `${this.token}:${randomUUID()}`, h: hash });
    const held = await client.eval(CLAIM, 1, this.keyPrefix + key, claim, Math.max(1, Math.ceil(inProgressMs)));
    if (held === "claimed") return { state: "claimed", claim };
    const record = readRecord(held);
    if (record.s === "completed" && record.a) return { state: "completed", hash: record.h, stored: record.a };
    return { state: "in_progress", hash: record.h };
  }

  async completeAnswer(key: string, hash: string, stored: StoredAnswer): Promise<void> {
    const client = await this.redis.client();
    await client.set(this.keyPrefix + key, JSON.stringify({ s: "completed", h: hash, a: stored }), "PX", this.completedMs);
  }

  async releaseAnswer(key: string, claim: string): Promise<void> {
    const client = await this.redis.client();
    await client.eval(RELEASE, 1, this.keyPrefix + key, claim);
  }
}

/** A record that is not one of ours (expired between SET and GET, or written by hand) reads as in progress under no hash: a retry later. */
function readRecord(value: unknown): { s: string; h: string; a?: StoredAnswer } {
  if (value === null || value === undefined) return { s: "in_progress", h: "" };
  try {
    const record = JSON.parse(String(value)) as { s?: unknown; h?: unknown; a?: StoredAnswer };
    return { s: String(record.s), h: typeof record.h === "string" ? record.h : "", a: record.a };
  } catch {
    return { s: "in_progress", h: "" };
  }
}
