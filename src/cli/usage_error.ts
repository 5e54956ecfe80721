/**
 * The command line was wrong (exit code 2).
 * @module
 */

/**
 * Thrown by a command when its arguments are wrong; the CLI prints it with the usage and exits 2.
 * @example
 * ```ts
 * import { UsageError } from "./usage_error.ts";
 * new UsageError("dump needs at least one FILE").name; // "UsageError"
 * ```
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
