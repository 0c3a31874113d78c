import { type ChildProcess, fork } from "node:child_process";
import { resolve } from "node:path";

export interface Answer {
  readonly status: number;
  readonly body: string;
}

/** Child processes, each with the bundle loaded: independent instances of one function. */
export class Instances {
  private constructor(private readonly children: ChildProcess[]) {}

  static async start(count: number, bundle: string, env: Record<string, string>): Promise<Instances> {
    const children = Array.from({ length: count }, () =>
      fork(resolve("test/redis/helpers/fire.cjs"), {
        env: { ...process.env, ...env, BUNDLE: resolve(bundle) },
        stdio: ["ignore", "ignore", "inherit", "ipc"],
      }),
    );
    await Promise.all(children.map((child) => next(child, "ready")));
    return new Instances(children);
  }

  /** One request per instance (a different event each), so every instance has its Redis connection. */
  async warm(events: readonly Buffer[]): Promise<void> {
    await Promise.all(this.children.map((child, i) => (child.send({ type: "warm", event: events[i]!.toString("base64") }), next(child, "warm"))));
  }

  /** Every instance fires `perInstance` copies of the event at once; the instances exit after. */
  async fire(event: Buffer, perInstance: number): Promise<Answer[]> {
    const done = this.children.map((child) => next<{ answers: Answer[] }>(child, "done"));
    for (const child of this.children) child.send({ type: "go", event: event.toString("base64"), count: perInstance });
    return (await Promise.all(done)).flatMap((d) => d.answers);
  }

  kill(): void {
    for (const child of this.children) if (child.exitCode === null) child.kill();
  }
}

/** The child's next IPC message of `type`; refused if the child exits first (`who` names it in the error). */
export function next<T = unknown>(child: ChildProcess, type: string, who = "instance"): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string } & T) => {
      if (message.type !== type) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`${who} exited with ${code} before "${type}"`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}
