/**
 * `dicomsim move HOST:PORT --dest AET --level LEVEL [--model patient|study] -k KEY=VALUE...`
 * @module
 */
import { requestAssociation } from "../net/association/request_association.ts";
import { statusCategory, statusName } from "../net/dimse/status.ts";
import { moveScu, type RetrieveProgress } from "../services/move_scu.ts";
import type { Command } from "./command.ts";
import {
  NETWORK_OPTIONS,
  NETWORK_OPTIONS_HELP,
  networkSetup,
  parseHostPort,
} from "./network_options.ts";
import { hex, QUERY_OPTIONS, queryFromOptions, queryOptionsHelp } from "./_query_options.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim move HOST:PORT --dest AET --level LEVEL [options] -k KEY=VALUE...

Asks a peer with C-MOVE (PS3.4 C.4.2) to send the instances the identifier selects to the AE
titled --dest (which the peer must know), like movescu: prints the progress of the
sub-operations as the pending responses report it, then the final status and counts.

Example:
  dicomsim move 127.0.0.1:11112 --aec ARCHIVE --dest STORESCP --level STUDY \\
    -k StudyInstanceUID=1.2.840.113619.2.1

Options:
  --dest AET             the Move Destination: AE title the instances are sent to (required)
${queryOptionsHelp("patient or study (Patient Root, Study Root)")}
${NETWORK_OPTIONS_HELP}

Exit status: 0 every sub-operation completed (possibly with warnings), 1 a sub-operation failed
or the move failed (association refused, failure status), 2 bad usage.`;

function counts(p: {
  remaining?: number;
  completed?: number;
  failed?: number;
  warning?: number;
}): string {
  const parts = [`completed ${p.completed ?? "?"}`, `failed ${p.failed ?? "?"}`];
  parts.push(`warning ${p.warning ?? "?"}`);
  if (p.remaining !== undefined) parts.unshift(`remaining ${p.remaining}`);
  return parts.join(", ");
}

/** The `move` command. */
export const moveCommand: Command = {
  name: "move",
  summary: "retrieve with C-MOVE to a destination AE (like movescu)",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      ...NETWORK_OPTIONS,
      ...QUERY_OPTIONS,
      dest: { type: "string" },
    });
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("move needs exactly one HOST:PORT");
    const { host, port } = parseHostPort(positionals[0]);
    if (!values.dest) throw new UsageError("move needs --dest AET");
    const { model, identifier } = queryFromOptions(values, ["patient", "study"]);
    const setup = networkSetup(values, io);
    try {
      const association = await requestAssociation({
        host,
        port,
        callingAeTitle: setup.callingAeTitle,
        calledAeTitle: setup.calledAeTitle,
        timeouts: setup.timeouts,
        maxPduLength: setup.maxPduLength,
        onEvent: setup.observe,
        contexts: [{ abstractSyntax: model.move! }],
      });
      let result;
      try {
        result = await moveScu(association, identifier, {
          destination: values.dest,
          sopClassUid: model.move,
          onProgress: (p: RetrieveProgress) => {
            if (statusCategory(p.status) === "Pending") io.out(`Pending: ${counts(p)}`);
          },
        });
      } finally {
        await association.release().catch(() => association.abort());
      }
      const status = result.status;
      io.out(
        `C-MOVE (${model.title}) to ${values.dest} via ${setup.calledAeTitle} at ${host}:${port}: ` +
          `status ${hex(status)} (${statusName(status, "C-MOVE")}): ${counts(result)}`,
      );
      if (result.final.errorComment) io.out(`Error comment: ${result.final.errorComment}`);
      for (const uid of result.failedSopInstanceUids) io.out(`Failed: ${uid}`);
      const category = statusCategory(status, "C-MOVE");
      return result.failed === 0 && (category === "Success" || category === "Warning") ? 0 : 1;
    } catch (error) {
      io.err(`E: move ${host}:${port}: ${(error as Error).message}`);
      return 1;
    }
  },
};
