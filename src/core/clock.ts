/**
 * Time, injected: the network layers and the simulator take a `Clock`, so timeouts (ARTIM, DIMSE,
 * idle) run on the real clock over TCP and on a virtual clock in simulations and tests.
 * @module
 */

/** A timer handle that can be cancelled. */
export interface TimerHandle {
  /** Cancels the timer; harmless when it already fired. */
  cancel(): void;
}

/** A source of time and timers. */
export interface Clock {
  /** Milliseconds since an arbitrary origin (monotonic). */
  now(): number;
  /** Calls `callback` once after `ms` milliseconds. */
  setTimer(ms: number, callback: () => void): TimerHandle;
}

/**
 * The real clock: `performance.now()` and `setTimeout`.
 * @example
 * ```ts
 * import { REAL_CLOCK } from "./clock.ts";
 * const t = REAL_CLOCK.setTimer(10, () => console.log("fired"));
 * t.cancel();
 * ```
 */
export const REAL_CLOCK: Clock = {
  now: () => performance.now(),
  setTimer(ms, callback) {
    const id = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(id) };
  },
};

interface PendingTimer {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * A virtual clock: time moves only when `advance` (or `runUntilIdle`) says so, firing due timers
 * in order, so a 30 s timeout scenario runs in microseconds and deterministically.
 * @example
 * ```ts
 * import { VirtualClock } from "./clock.ts";
 * const clock = new VirtualClock();
 * let fired = false;
 * clock.setTimer(30_000, () => fired = true);
 * clock.advance(30_000);
 * fired; // true
 * ```
 */
export class VirtualClock implements Clock {
  #now = 0;
  #seq = 0;
  #timers: PendingTimer[] = [];

  /** The current virtual time in milliseconds. */
  now(): number {
    return this.#now;
  }

  /** Schedules a callback at now + ms. */
  setTimer(ms: number, callback: () => void): TimerHandle {
    const timer: PendingTimer = {
      at: this.#now + Math.max(0, ms),
      seq: this.#seq++,
      callback,
      cancelled: false,
    };
    this.#timers.push(timer);
    return { cancel: () => timer.cancelled = true };
  }

  /** Number of timers not yet fired or cancelled. */
  get pending(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }

  /** When the earliest pending timer falls due, or undefined when none is pending. */
  nextTimerAt(): number | undefined {
    return this.#next(Infinity)?.at;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, earliest first. */
  advance(ms: number): void {
    const target = this.#now + Math.max(0, ms);
    for (;;) {
      const next = this.#next(target);
      if (next === undefined) break;
      this.#now = next.at;
      next.cancelled = true;
      next.callback();
    }
    this.#now = target;
  }

  /** Fires timers until none is left (up to `limit` of them); returns how many fired. */
  runUntilIdle(limit = 10_000): number {
    let fired = 0;
    for (; fired < limit; fired++) {
      const next = this.#next(Infinity);
      if (next === undefined) break;
      this.#now = Math.max(this.#now, next.at);
      next.cancelled = true;
      next.callback();
    }
    return fired;
  }

  #next(until: number): PendingTimer | undefined {
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    let best: PendingTimer | undefined;
    for (const t of this.#timers) {
      if (t.at > until) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
