// The loopback servers the delivery figures need: a forward target answering 200 at once, as a fast
// backend would (in its own process, so that it never shares an event loop with what is measured).
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

export interface Loopback {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startForwardTarget(): Promise<Loopback> {
  const child: ChildProcess = fork(join("bench", "servers", "bare.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_ACK: "{}" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m: { url: string }) => resolve(m.url));
    child.once("exit", (code) => reject(new Error(`forward target exited with ${code} before listening`)));
  });
  return {
    url: `${url}/hook`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send("close");
      }),
  };
}

/** What a function needs to forward (signed, as Standard Webhooks asks) and to use Redis under its own key prefix. */
export const forwardEnv = (url: string) => ({ FORWARD_URL: url, FORWARD_SECRET: `whsec_${Buffer.alloc(32, 9).toString("base64")}` });
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
export const redisEnv = () => ({ REDIS_URL, REDIS_KEY_PREFIX: `bench:${randomBytes(4).toString("hex")}:` });
