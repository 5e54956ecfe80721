/**
 * The error a failed scenario expectation throws: what was expected and what arrived.
 * @module
 */

/**
 * A scenario expectation was not met.
 * @example
 * ```ts
 * import { ExpectationError } from "./expectation_error.ts";
 * const e = new ExpectationError("Status", "0x0000", "0xA700");
 * e.message; // "Status: expected 0x0000, got 0xA700"
 * ```
 */
export class ExpectationError extends Error {
  /** What the scenario expected. */
  readonly expected: string;
  /** What arrived instead. */
  readonly actual: string;
  /** Creates it from a description and the expected and actual values (as text). */
  constructor(what: string, expected: string, actual: string) {
    super(`${what}: expected ${expected}, got ${actual}`);
    this.name = "ExpectationError";
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * A status as `0xABCD`.
 * @example
 * ```ts
 * import { hexStatus } from "./expectation_error.ts";
 * hexStatus(0xa700); // "0xA700"
 * ```
 */
export function hexStatus(status: number | undefined): string {
  if (status === undefined) return "no status";
  return `0x${status.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * A scenario cannot run here (e.g. it needs a system under test to trigger and none is
 * configured): the runner reports it skipped, with this message as the reason.
 * @example
 * ```ts
 * import { ScenarioSkipped } from "./expectation_error.ts";
 * new ScenarioSkipped("no system under test").name; // "ScenarioSkipped"
 * ```
 */
export class ScenarioSkipped extends Error {
  /** Creates it with the reason. */
  constructor(reason: string) {
    super(reason);
    this.name = "ScenarioSkipped";
  }
}
