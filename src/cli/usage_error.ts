/**
 * The command line was wrong (exit code 2).
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

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

/**
 * `parseArgs` for a command: strict, and a wrong option or value becomes a `UsageError` (exit 2).
 * @example
 * ```ts
 * import { parseCommandArgs } from "./usage_error.ts";
 * parseCommandArgs(["-v", "x"], { verbose: { type: "boolean", short: "v" } }).positionals; // ["x"]
 * ```
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: O,
  allowPositionals = true,
): ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>
> {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
