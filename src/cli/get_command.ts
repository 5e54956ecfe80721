/**
 * `dicomsim get HOST:PORT --out DIR --level LEVEL [--model patient|study] -k KEY=VALUE...`
 * @module
 */
import { requestAssociation } from "../net/association/request_association.ts";
import { statusCategory, statusName } from "../net/dimse/status.ts";
import { writeInstanceFile } from "../services/get_output_fs.ts";
import { getScu, getStorageContexts, type RetrieveProgress } from "../services/get_scu.ts";
import type { Command } from "./command.ts";
import {
  NETWORK_OPTIONS,
  NETWORK_OPTIONS_HELP,
  networkSetup,
  parseHostPort,
} from "./network_options.ts";
import { hex, QUERY_OPTIONS, queryFromOptions, queryOptionsHelp } from "./_query_options.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim get HOST:PORT --out DIR --level LEVEL [options] -k KEY=VALUE...

Retrieves with C-GET (PS3.4 C.4.3), like getscu: the peer sends the instances the identifier
selects as C-STORE sub-operations on the same association (proposed with SCP role selection for
the storage SOP classes); each is written into DIR as a Part 10 file named by its SOP Instance
UID, its data set as received. Prints the progress, the final status and counts.

Example:
  dicomsim get 127.0.0.1:11112 --aec ARCHIVE --out ./study --level STUDY \\
    -k StudyInstanceUID=1.2.840.113619.2.1

Options:
  --out DIR              where to write the files (created when missing; required)
  --sop-class UID        a storage SOP class to accept; repeat for several (default: 102
                         common ones: CT, MR, CR, DX, US, SC, PET, NM, XA, RT, SR, ...)
  --transfer-syntax UID  a transfer syntax to accept them in; repeat for several (default
                         Explicit VR Little Endian, Implicit VR Little Endian)
${queryOptionsHelp("patient or study (Patient Root, Study Root)")}
${NETWORK_OPTIONS_HELP}

Exit status: 0 every sub-operation completed (possibly with warnings), 1 a sub-operation failed
or the retrieve failed (association refused, failure status), 2 bad usage.`;

/** The `get` command. */
export const getCommand: Command = {
  name: "get",
  summary: "retrieve with C-GET into a folder (like getscu)",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      ...NETWORK_OPTIONS,
      ...QUERY_OPTIONS,
      out: { type: "string" },
      "sop-class": { type: "string", multiple: true },
      "transfer-syntax": { type: "string", multiple: true },
    });
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("get needs exactly one HOST:PORT");
    const { host, port } = parseHostPort(positionals[0]);
    const out = values.out;
    if (!out) throw new UsageError("get needs --out DIR");
    const { model, identifier } = queryFromOptions(values, ["patient", "study"]);
    const sopClasses = values["sop-class"];
    if (sopClasses !== undefined && sopClasses.length > 127) {
      throw new UsageError("at most 127 --sop-class (an association has 128 contexts)");
    }
    const setup = networkSetup(values, io);
    let written = 0;
    try {
      const association = await requestAssociation({
        host,
        port,
        callingAeTitle: setup.callingAeTitle,
        calledAeTitle: setup.calledAeTitle,
        timeouts: setup.timeouts,
        maxPduLength: setup.maxPduLength,
        onEvent: setup.observe,
        contexts: [
          { abstractSyntax: model.get! },
          ...getStorageContexts({ sopClasses, transferSyntaxes: values["transfer-syntax"] }),
        ],
      });
      let result;
      try {
        result = await getScu(association, identifier, {
          sopClassUid: model.get,
          onInstance: (instance) => {
            try {
              writeInstanceFile(out, instance);
              written++;
            } catch (error) {
              io.err(`E: ${instance.sopInstanceUid}: ${(error as Error).message}`);
              throw error;
            }
          },
          onProgress: (p: RetrieveProgress) => {
            if (statusCategory(p.status) === "Pending") {
              io.out(
                `Pending: remaining ${p.remaining ?? "?"}, completed ${p.completed ?? "?"}, ` +
                  `failed ${p.failed ?? "?"}, warning ${p.warning ?? "?"}`,
              );
            }
          },
        });
      } finally {
        await association.release().catch(() => association.abort());
      }
      const status = result.status;
      io.out(
        `C-GET (${model.title}) from ${setup.calledAeTitle} at ${host}:${port}: status ` +
          `${hex(status)} (${statusName(status, "C-GET")}): completed ${result.completed}, ` +
          `failed ${result.failed}, warning ${result.warning}; ${written} file(s) written to ${out}`,
      );
      if (result.final.errorComment) io.out(`Error comment: ${result.final.errorComment}`);
      for (const uid of result.failedSopInstanceUids) io.out(`Failed: ${uid}`);
      const category = statusCategory(status, "C-GET");
      return result.failed === 0 && (category === "Success" || category === "Warning") ? 0 : 1;
    } catch (error) {
      io.err(`E: get ${host}:${port}: ${(error as Error).message}`);
      return 1;
    }
  },
};
