/**
 * The shape every CLI command has.
 * @module
 */

/** Where a command writes. */
export interface CommandIo {
  /** Standard output. */
  out: (text: string) => void;
  /** Standard error. */
  err: (text: string) => void;
}

/** A subcommand of `dicomsim`. */
export interface Command {
  /** The word after `dicomsim`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** Runs the command; resolves to the exit code (0 ok, 1 the work failed). Throws UsageError for 2. */
  run: (args: string[], io: CommandIo) => Promise<number>;
}
