/**
 * `dicomsim demo`: the main job. A mock PACS and a simulated CT scanner exchange a series over
 * loopback — worklist query, MPPS, C-STORE of the series, storage commitment — then a C-FIND
 * shows the study arrived; every PDU goes to a JSON Lines trace.
 * @module
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataSetToJson } from "../codec/dicom_json.ts";
import { DataSet } from "../core/dataset.ts";
import { requestAssociation } from "../net/association/request_association.ts";
import { findScu } from "../services/find_scu.ts";
import { buildIdentifier } from "../services/identifier.ts";
import { STUDY_ROOT_FIND } from "../services/query_models.ts";
import { formatScannerSummary, simulateCtScanner } from "../sim/modality/ct_scanner.ts";
import { startPacs } from "../sim/pacs/pacs_node.ts";
import { createFsPacsStorage } from "../sim/pacs/pacs_storage_fs.ts";
import type { Command } from "./command.ts";
import { networkSetup } from "./network_options.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim demo [options]

Starts a mock PACS on 127.0.0.1 and a simulated CT scanner that queries the PACS's worklist,
reports MPPS, sends a generated CT series, asks for storage commitment, and then checks with
C-FIND that the study is there. Every PDU, state transition and DIMSE message goes to a trace.

Options:
  --slices N       slices in the series (default 50)
  --out DIR        where the PACS stores the files (default: a new temporary folder)
  --trace FILE     the JSON Lines trace (default: DIR/trace.jsonl); read it with \`dicomsim trace show\`
  -v, --verbose    print PDUs, transitions and DIMSE messages as they happen
  -h, --help       this help

Exit status: 0 the series was stored and committed, 1 something failed, 2 bad usage.`;

function worklistItem(): unknown {
  const step = new DataSet();
  step.set("Modality", "CT");
  step.set("ScheduledStationAETitle", "CTSIM");
  step.set("ScheduledProcedureStepStartDate", "20261127");
  step.set("ScheduledProcedureStepID", "SPS-1");
  step.set("ScheduledProcedureStepDescription", "CT CHEST ABDOMEN");
  const item = new DataSet();
  item.set("SpecificCharacterSet", "ISO_IR 192");
  item.set("PatientName", "Demo^Patient");
  item.set("PatientID", "DEMO-0001");
  item.set("PatientBirthDate", "19700101");
  item.set("PatientSex", "O");
  item.set("AccessionNumber", "ACC-0001");
  item.set("RequestedProcedureID", "RP-1");
  item.set("StudyInstanceUID", "2.25.1234567890123456789");
  item.set("ScheduledProcedureStepSequence", [step]);
  return dataSetToJson(item);
}

/** The `demo` command. */
export const demoCommand: Command = {
  name: "demo",
  summary: "a mock PACS and a simulated CT scanner exchanging a series, with a trace",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      slices: { type: "string" },
      out: { type: "string" },
      trace: { type: "string" },
      verbose: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
    }, false);
    const { values } = parsed;
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    const slices = Number(values.slices ?? 50);
    if (!Number.isInteger(slices) || slices < 1 || slices > 2000) {
      throw new UsageError(`--slices takes a whole number from 1 to 2000, not ${values.slices}`);
    }
    const dir = values.out ?? mkdtempSync(join(tmpdir(), "dicomsim-demo-"));
    mkdirSync(dir, { recursive: true });
    const tracePath = values.trace ?? join(dir, "trace.jsonl");
    const setup = networkSetup({ trace: tracePath, verbose: values.verbose }, io);
    const pacs = await startPacs({ aeTitle: "PACS", worklist: [worklistItem()] }, {
      storage: createFsPacsStorage(join(dir, "store")),
      accept: { onEvent: setup.observe },
      log: (line) => io.err(`pacs: ${line}`),
    });
    io.out(
      `Mock PACS "PACS" listening on 127.0.0.1:${pacs.port}, storing into ${join(dir, "store")}`,
    );
    try {
      const peer = { host: "127.0.0.1", port: pacs.port, calledAeTitle: "PACS" };
      io.out(`CT scanner "CTSIM": worklist query, MPPS, ${slices} slices, storage commitment`);
      const summary = await simulateCtScanner({
        ...peer,
        callingAeTitle: "CTSIM",
        slices,
        seed: "demo",
        worklist: peer,
        mpps: peer,
        commitment: { ...peer, timeoutMs: 30_000 },
        onEvent: setup.observe,
      });
      io.out(formatScannerSummary(summary));
      const assoc = await requestAssociation({
        host: "127.0.0.1",
        port: pacs.port,
        callingAeTitle: "CTSIM",
        calledAeTitle: "PACS",
        contexts: [{ abstractSyntax: STUDY_ROOT_FIND }],
        onEvent: setup.observe,
      });
      const found = await findScu(
        assoc,
        buildIdentifier([
          "PatientName=Demo^Patient",
          "StudyInstanceUID=",
          "NumberOfStudyRelatedInstances=",
          "ModalitiesInStudy=",
        ], {
          level: "STUDY",
        }),
        { sopClassUid: STUDY_ROOT_FIND },
      );
      await assoc.release();
      for (const study of found.matches) {
        io.out(
          `C-FIND: study ${study.getString("StudyInstanceUID")} of ${
            study.getString("PatientName")
          } holds ${
            study.getString("NumberOfStudyRelatedInstances") ?? "?"
          } instance(s), modalities ${study.getStrings("ModalitiesInStudy").join("\\") || "?"}`,
        );
      }
      io.out(`Trace: ${tracePath} (read it with: dicomsim trace show ${tracePath})`);
      const stored = found.matches.some((m) =>
        Number(m.getString("NumberOfStudyRelatedInstances")) === slices
      );
      const failed = summary.failed > 0 || summary.workflow.some((w) => w.errors.length > 0);
      return stored && !failed ? 0 : 1;
    } finally {
      await pacs.close();
    }
  },
};
