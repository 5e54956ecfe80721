/**
 * `dicomsim trace show FILE [--format pretty|json] [--only dimse|pdu] [--summary]`
 * @module
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  formatSummary,
  formatTraceRecord,
  parseTrace,
  summariseTrace,
} from "../trace/trace_summary.ts";
import type { Command } from "./command.ts";
import { UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim trace show FILE [options]

Shows a JSON Lines trace written with --trace: one line per PDU, state transition and DIMSE
message, then a summary per connection.

Options:
  --format pretty|json   readable lines (default) or the records as they are
  --only dimse|pdu       only DIMSE messages or only PDUs
  --summary              only the per-connection summary
  -h, --help             this help

Exit status: 0 shown, 1 the trace could not be read, 2 bad usage.`;

/** The `trace` command. */
export const traceCommand: Command = {
  name: "trace",
  summary: "show a JSON Lines trace of PDUs and DIMSE messages",
  help: HELP,
  run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          format: { type: "string" },
          only: { type: "string" },
          summary: { type: "boolean" },
          help: { type: "boolean", short: "h" },
        },
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return Promise.resolve(0);
    }
    const [sub, file] = positionals;
    if (sub !== "show" || !file || positionals.length !== 2) {
      throw new UsageError("trace needs: show FILE");
    }
    const format = values.format ?? "pretty";
    if (format !== "pretty" && format !== "json") {
      throw new UsageError(`--format is pretty or json, not ${format}`);
    }
    const only = values.only;
    if (only !== undefined && only !== "dimse" && only !== "pdu") {
      throw new UsageError(`--only is dimse or pdu, not ${only}`);
    }
    let records;
    try {
      records = parseTrace(readFileSync(file, "utf8"));
    } catch (error) {
      io.err(`E: ${(error as Error).message}`);
      return Promise.resolve(1);
    }
    if (!values.summary) {
      for (const r of records) {
        if (only === "dimse" && !r.kind.startsWith("dimse")) continue;
        if (only === "pdu" && !r.kind.startsWith("pdu")) continue;
        io.out(format === "json" ? JSON.stringify(r) : formatTraceRecord(r));
      }
    }
    if (format === "pretty") io.out(formatSummary(summariseTrace(records)));
    return Promise.resolve(0);
  },
};
