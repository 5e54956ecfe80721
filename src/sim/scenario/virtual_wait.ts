/**
 * Waiting on the virtual clock of a scenario run over the in-memory transport: the simulated
 * peers run between event-loop turns, and virtual time moves only when they wait on a timer.
 * @module
 */
import type { VirtualClock } from "../../core/clock.ts";

/**
 * Lets pending work (in-memory I/O, promise chains) run: one turn of the event loop.
 * @example
 * ```ts
 * import { nextTurn } from "./virtual_wait.ts";
 * await nextTurn();
 * ```
 */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs the in-memory world until `done()` holds or `ms` of virtual time have passed: a few
 * event-loop turns at a time, then the clock jumps to the next timer (never past the
 * deadline). Resolves with whether `done()` held.
 * @example
 * ```ts
 * import { VirtualClock } from "../../core/clock.ts";
 * import { runUntil } from "./virtual_wait.ts";
 * const clock = new VirtualClock();
 * let fired = false;
 * clock.setTimer(30_000, () => fired = true);
 * await runUntil(clock, () => fired, 60_000); // true, with clock.now() at 30000
 * ```
 */
export async function runUntil(
  clock: VirtualClock,
  done: () => boolean,
  ms: number,
): Promise<boolean> {
  const deadline = clock.now() + ms;
  for (;;) {
    for (let i = 0; i < 3; i++) {
      await nextTurn();
      if (done()) return true;
    }
    if (clock.now() >= deadline) return false;
    const next = clock.nextTimerAt();
    clock.advance(Math.min(next ?? deadline, deadline) - clock.now());
  }
}
