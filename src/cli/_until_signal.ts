/**
 * Waits for SIGINT or SIGTERM (Ctrl-C, `kill`), for commands that run until stopped.
 * @module
 */
import process from "node:process";

/**
 * Resolves on the first SIGINT or SIGTERM, then stops listening for them.
 * @example
 * ```ts ignore
 * import { untilSignal } from "./_until_signal.ts";
 * await untilSignal();
 * ```
 */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}
