/**
 * `dicomsim find HOST:PORT --level LEVEL [--model patient|study|worklist] -k KEY=VALUE... [--json]`
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import { dataSetToJson } from "../codec/dicom_json.ts";
import { dumpDataSet } from "../codec/dump.ts";
import { requestAssociation } from "../net/association/request_association.ts";
import { statusCategory, statusName } from "../net/dimse/status.ts";
import { findScu } from "../services/find_scu.ts";
import type { Command } from "./command.ts";
import {
  NETWORK_OPTIONS,
  NETWORK_OPTIONS_HELP,
  networkSetup,
  parseHostPort,
} from "./network_options.ts";
import { hex, QUERY_OPTIONS, queryFromOptions, queryOptionsHelp } from "./_query_options.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim find HOST:PORT --level LEVEL [options] -k KEY=VALUE...

Queries a peer with C-FIND (Query/Retrieve, PS3.4 C; Modality Worklist, PS3.4 K), like findscu:
associates, sends the identifier made of the -k keys, prints each match as it comes (dcmdump-like,
or a DICOM JSON array with --json), releases.

Example:
  dicomsim find 127.0.0.1:11112 --aec ARCHIVE --level STUDY -k PatientID=12345 \\
    -k StudyInstanceUID -k StudyDate -k "PatientName=DOE*"

Options:
${queryOptionsHelp("patient, study or worklist (Patient Root, Study Root, Modality Worklist)")}
  --json                 print the matches as a DICOM JSON array (PS3.18 F) on standard output
  --cancel-after N       send C-CANCEL after N matches (the peer then ends with Cancel)
${NETWORK_OPTIONS_HELP}

Exit status: 0 the query completed (or was cancelled with --cancel-after), 1 it failed
(association refused, failure status), 2 bad usage.`;

/** The `find` command. */
export const findCommand: Command = {
  name: "find",
  summary: "query a peer with C-FIND (like findscu)",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      ...NETWORK_OPTIONS,
      ...QUERY_OPTIONS,
      json: { type: "boolean" },
      "cancel-after": { type: "string" },
    });
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("find needs exactly one HOST:PORT");
    const { host, port } = parseHostPort(positionals[0]);
    const { model, identifier } = queryFromOptions(values, ["patient", "study", "worklist"]);
    const cancelAfter = values["cancel-after"] === undefined
      ? undefined
      : Number(values["cancel-after"]);
    if (cancelAfter !== undefined && (!Number.isInteger(cancelAfter) || cancelAfter < 1)) {
      throw new UsageError(`--cancel-after takes a positive whole number, got ${cancelAfter}`);
    }
    const setup = networkSetup(values, io);
    const json = values.json === true;
    const summary = json ? io.err : io.out;
    const controller = new AbortController();
    const jsons: unknown[] = [];
    let count = 0;
    const onMatch = (match: DataSet) => {
      count++;
      if (json) jsons.push(dataSetToJson(match));
      else io.out(`# Match ${count}\n${dumpDataSet(match)}`);
      if (cancelAfter !== undefined && count === cancelAfter) controller.abort();
    };
    try {
      const association = await requestAssociation({
        host,
        port,
        callingAeTitle: setup.callingAeTitle,
        calledAeTitle: setup.calledAeTitle,
        timeouts: setup.timeouts,
        maxPduLength: setup.maxPduLength,
        onEvent: setup.observe,
        contexts: [{ abstractSyntax: model.find }],
      });
      let status: number;
      try {
        const result = await findScu(association, identifier, {
          sopClassUid: model.find,
          signal: controller.signal,
          onMatch,
        });
        status = result.status;
        if (result.final.errorComment) summary(`Error comment: ${result.final.errorComment}`);
      } finally {
        await association.release().catch(() => association.abort());
      }
      if (json) io.out(JSON.stringify(jsons, null, 2));
      summary(
        `C-FIND (${model.title}) with ${setup.calledAeTitle} at ${host}:${port}: ${count} ` +
          `match(es), final status ${hex(status)} (${statusName(status, "C-FIND")})`,
      );
      const category = statusCategory(status, "C-FIND");
      return category === "Success" || (category === "Cancel" && cancelAfter !== undefined) ? 0 : 1;
    } catch (error) {
      if (json) io.out(JSON.stringify(jsons, null, 2));
      io.err(`E: find ${host}:${port}: ${(error as Error).message}`);
      return 1;
    }
  },
};
