/**
 * The ARTIM timer (Association Request/Reject/Release Timer, PS3.8 9.1.5) on an injected clock.
 * @module
 */

import type { Clock, TimerHandle } from "../../core/clock.ts";

/**
 * The ARTIM timeout used when none is given: 30 s, like DCMTK's and pynetdicom's defaults.
 * @example
 * ```ts
 * import { DEFAULT_ARTIM_TIMEOUT_MS } from "./artim.ts";
 * DEFAULT_ARTIM_TIMEOUT_MS; // 30000
 * ```
 */
export const DEFAULT_ARTIM_TIMEOUT_MS = 30_000;

/**
 * A restartable one-shot timer: `start` (re)arms it, `stop` disarms it, and `onExpire` runs once
 * when it runs out. A timer that was stopped or restarted never fires for its old arming, even
 * on a clock whose cancel is late.
 * @example
 * ```ts
 * import { VirtualClock } from "../../core/clock.ts";
 * import { ArtimTimer } from "./artim.ts";
 * const clock = new VirtualClock();
 * let expired = false;
 * const artim = new ArtimTimer(clock, 1_000, () => expired = true);
 * artim.start();
 * clock.advance(1_000);
 * expired; // true
 * ```
 */
export class ArtimTimer {
  #clock: Clock;
  #timeoutMs: number;
  #onExpire: () => void;
  #handle: TimerHandle | undefined;
  #generation = 0;

  /**
   * Makes a stopped timer.
   * @param clock where time comes from
   * @param timeoutMs the ARTIM timeout in milliseconds (finite, not negative)
   * @param onExpire called once each time the timer runs out
   */
  constructor(clock: Clock, timeoutMs: number, onExpire: () => void) {
    if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
      throw new RangeError(`Invalid ARTIM timeout: ${timeoutMs} ms`);
    }
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
    this.#onExpire = onExpire;
  }

  /** The timeout in milliseconds. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** Whether the timer is armed. */
  get running(): boolean {
    return this.#handle !== undefined;
  }

  /** Starts the timer, or restarts it from now when it is running. */
  start(): void {
    this.stop();
    const generation = this.#generation;
    this.#handle = this.#clock.setTimer(this.#timeoutMs, () => {
      if (generation !== this.#generation) return;
      this.#handle = undefined;
      this.#generation++;
      this.#onExpire();
    });
  }

  /** Stops the timer; harmless when it is not running. */
  stop(): void {
    this.#generation++;
    this.#handle?.cancel();
    this.#handle = undefined;
  }
}
