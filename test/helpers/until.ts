/**
 * Waits until `check` holds: for an event a test cannot subscribe to (a key expiring in Redis, a client
 * reconnecting, a connection closing), instead of a fixed sleep. The deadline only bounds a failure.
 */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still waiting, after ${timeoutMs} ms, for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
