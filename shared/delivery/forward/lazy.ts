import type { Target } from "../deliver";
import type { ForwardOptions } from "./target";

/**
 * The forward target, its code loaded at its first event: the bundle resolves the dynamic import to
 * `forward.js` beside `index.js`, so a function without FORWARD_URL never carries or loads it.
 */
export function lazyForwardTarget(options: ForwardOptions): Target {
  let loaded: Promise<Target> | undefined;
  // Once loaded, each send goes straight to it, without a promise to wait on first.
  let ready: Target | undefined;
  const load = () =>
    (loaded ??= import("./target").then(
      ({ forwardTarget }) => (ready = forwardTarget(options)),
      (error: unknown) => {
        loaded = undefined;
        // The loader's message names file paths; the answer to the platform should not.
        throw new Error("the forward target (forward.js beside index.js) could not be loaded", { cause: error });
      },
    ));
  return {
    name: "forward",
    send(event, signal) {
      return ready ? ready.send(event, signal) : load().then((target) => target.send(event, signal));
    },
  };
}
