/**
 * Waits for SIGINT or SIGTERM (Ctrl-C, `kill`), for commands that run until stopped.
 * @module
 */
import process from "node:process";

/**
 * Resolves on the first SIGINT or SIGTERM, or when `done` settles (e.g. a connection count was
 * reached), and then stops listening for the signals.
 * @example
 * ```ts ignore
 * import { untilSignal } from "./_until_signal.ts";
 * await untilSignal();
 * ```
 */
export async function untilSignal(done?: Promise<unknown>): Promise<void> {
  let onSignal!: () => void;
  const signalled = new Promise<void>((resolve) => onSignal = resolve);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    await Promise.race([signalled, done?.catch(() => {})].filter((p) => p !== undefined));
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
