// One line saying where the figures came from: absolute times only compare on the same machine.
import { cpus, loadavg, release, totalmem } from "node:os";

export function machine(): string {
  const cpu = cpus();
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
  return `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${release()}, Node ${process.version}; load average ${load}`;
}
