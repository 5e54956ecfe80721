/**
 * `dicomsim echo HOST:PORT [--aet AET] [--aec AEC] [--repeat N]`
 * @module
 */
import { statusName } from "../net/dimse/status.ts";
import { echo } from "../services/verification.ts";
import type { Command } from "./command.ts";
import {
  NETWORK_OPTIONS,
  NETWORK_OPTIONS_HELP,
  networkSetup,
  parseHostPort,
} from "./network_options.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim echo HOST:PORT [options]

Checks a DICOM peer with C-ECHO (Verification, PS3.4 Annex A): associates, sends C-ECHO-RQ,
prints each response status, releases.

Options:
  --repeat N             send N C-ECHO-RQ on the association (default 1)
${NETWORK_OPTIONS_HELP}

Exit status: 0 every echo answered Success, 1 a failure (refused, no answer, bad status),
2 bad usage.`;

function hex(status: number): string {
  return `0x${status.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The `echo` command. */
export const echoCommand: Command = {
  name: "echo",
  summary: "check a DICOM peer with C-ECHO (like echoscu)",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { ...NETWORK_OPTIONS, repeat: { type: "string" } });
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("echo needs exactly one HOST:PORT");
    const { host, port } = parseHostPort(positionals[0]);
    const repeat = values.repeat === undefined ? 1 : Number(values.repeat);
    if (!Number.isInteger(repeat) || repeat < 1) {
      throw new UsageError(`--repeat takes a positive whole number, got ${values.repeat}`);
    }
    const setup = networkSetup(values, io);
    try {
      const result = await echo({
        host,
        port,
        callingAeTitle: setup.callingAeTitle,
        calledAeTitle: setup.calledAeTitle,
        timeouts: setup.timeouts,
        maxPduLength: setup.maxPduLength,
        onEvent: setup.observe,
        repeat,
      });
      result.statuses.forEach((status, i) => {
        io.out(`C-ECHO ${i + 1}: ${statusName(status, "C-ECHO")} (${hex(status)})`);
      });
      io.out(
        `${result.statuses.length} echo(es) with ${setup.calledAeTitle} at ${host}:${port} in ${
          result.elapsedMs.toFixed(1)
        } ms`,
      );
      return result.statuses.every((s) => s === 0) ? 0 : 1;
    } catch (error) {
      io.err(`E: echo ${host}:${port}: ${(error as Error).message}`);
      return 1;
    }
  },
};
