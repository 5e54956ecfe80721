/**
 * `dicomsim scanner HOST:PORT --aec AEC [--slices N] [--rate IMG_PER_S] [...]`
 * `dicomsim scanner HOST:PORT --template DIR [--count N] [--run N] [...]`
 * @module
 */
import { formatScannerSummary, simulateCtScanner } from "../sim/modality/ct_scanner.ts";
import { ctSeries } from "../sim/modality/ct_series.ts";
import { templateSeries } from "../sim/modality/template_series.ts";
import { formatStoreSummary, storeToPeer } from "../services/storage_scu.ts";
import { readTemplateFiles } from "./_template_files.ts";
import type { Command } from "./command.ts";
import {
  NETWORK_OPTIONS,
  NETWORK_OPTIONS_HELP,
  networkSetup,
  parseHostPort,
} from "./network_options.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim scanner HOST:PORT [options]

Simulates a CT scanner: generates a CT series from a phantom (deterministic for a seed) and
sends it with C-STORE, then prints throughput and C-STORE latency percentiles.

Options:
  --slices N                 slices per series (default 200)
  --matrix N                 rows and columns (default 512)
  --seed S                   seed of UIDs and noise (default 0)
  --uid-root R               UID root (default dicomsim's 2.25 root)
  --patient-name NAME        (0010,0010) (default SIM^CT^PHANTOM)
  --rate IMG_PER_S           images per second, like an acquisition (default: as fast as possible)
  --per-image-association    one association per image (default: one per series)
  --count N                  studies to send (default 1)
  --concurrency M            studies sent at once (default 1)
  --retries N                retries of a failed image, with backoff (default 0)
  --retry-delay MS           first retry delay, doubled each time (default 100)
  --abort-after K            fault: send A-ABORT after K images of each study
  --wrong-aec AEC            fault: call this AE title instead of --aec
  --worklist HOST:PORT       query this Modality Worklist SCP first (demographics from an item)
  --mpps HOST:PORT           send MPPS IN PROGRESS before and COMPLETED/DISCONTINUED after
  --commit HOST:PORT         request Storage Commitment and wait for the N-EVENT-REPORT
  --workflow-aec AEC         AE title of the worklist/MPPS/commitment peers (default --aec)
  --commit-timeout S         seconds to wait for the commitment report (default 30)
  --template DIR             send the files of DIR re-identified (new Study/Series/SOP Instance
                             UIDs per run, like storescu +II +IS) instead of the CT phantom;
                             --count runs one after another; uses --seed, --uid-root,
                             --patient-name and the network options, not the other options
  --run N                    with --template: number of the first run (default 0)
${NETWORK_OPTIONS_HELP}

--aet defaults to CTSIM here.
Exit status: 0 every image stored (and every workflow step done), 1 any image refused or
failed or any workflow step failed, 2 bad usage.`;

function count(value: string | undefined, name: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`--${name} takes an integer of at least ${min}, got ${value}`);
  }
  return n;
}

/** The `scanner` command. */
export const scannerCommand: Command = {
  name: "scanner",
  summary: "simulate a CT scanner sending a generated series (C-STORE)",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      ...NETWORK_OPTIONS,
      slices: { type: "string" },
      matrix: { type: "string" },
      seed: { type: "string" },
      "uid-root": { type: "string" },
      "patient-name": { type: "string" },
      rate: { type: "string" },
      "per-image-association": { type: "boolean" },
      count: { type: "string" },
      concurrency: { type: "string" },
      retries: { type: "string" },
      "retry-delay": { type: "string" },
      "abort-after": { type: "string" },
      "wrong-aec": { type: "string" },
      worklist: { type: "string" },
      mpps: { type: "string" },
      commit: { type: "string" },
      "workflow-aec": { type: "string" },
      "commit-timeout": { type: "string" },
      template: { type: "string" },
      run: { type: "string" },
    });
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("scanner needs HOST:PORT");
    const { host, port } = parseHostPort(positionals[0]);
    const rate = values.rate === undefined ? undefined : Number(values.rate);
    if (rate !== undefined && !(rate >= 0)) {
      throw new UsageError(`--rate takes images per second, got ${values.rate}`);
    }
    const setup = networkSetup(values, io);
    if (values.template !== undefined) {
      const files = readTemplateFiles(values.template);
      const runs = count(values.count, "count") ?? 1;
      const firstRun = count(values.run, "run", 0) ?? 0;
      let failed = 0;
      for (let run = firstRun; run < firstRun + runs; run++) {
        let instances;
        try {
          instances = templateSeries(files.map((f) => f.bytes), {
            seed: values.seed,
            run,
            uidRoot: values["uid-root"],
            patientName: values["patient-name"],
          });
        } catch (error) {
          if (error instanceof RangeError) throw new UsageError(error.message);
          io.err(`E: ${(error as Error).message}`);
          return 1;
        }
        const summary = await storeToPeer({
          host,
          port,
          callingAeTitle: (values.aet as string | undefined) ?? "CTSIM",
          calledAeTitle: setup.calledAeTitle,
          timeouts: setup.timeouts,
          maxPduLength: setup.maxPduLength,
          onEvent: setup.observe,
          sources: instances.map((instance, i) => ({
            name: files[i].name,
            read: () => instance.file(),
          })),
          onResult: (r) => {
            if (r.outcome === "failure") io.err(`E: ${r.name}: ${r.message}`);
          },
        });
        io.out(formatStoreSummary(summary));
        failed += summary.failed;
      }
      return failed === 0 ? 0 : 1;
    }
    const workflowAec = values["workflow-aec"] ?? setup.calledAeTitle;
    const peer = (text: string | undefined) =>
      text === undefined ? undefined : { ...parseHostPort(text), calledAeTitle: workflowAec };
    const commitTimeout = values["commit-timeout"] === undefined
      ? undefined
      : Number(values["commit-timeout"]) * 1000;
    if (commitTimeout !== undefined && !(commitTimeout >= 0)) {
      throw new UsageError(`--commit-timeout takes seconds, got ${values["commit-timeout"]}`);
    }
    const commitPeer = peer(values.commit);
    const options = {
      slices: count(values.slices, "slices"),
      matrix: count(values.matrix, "matrix", 8),
      seed: values.seed,
      uidRoot: values["uid-root"],
      patientName: values["patient-name"],
      rate,
      associationPerImage: values["per-image-association"],
      count: count(values.count, "count"),
      concurrency: count(values.concurrency, "concurrency"),
      retries: count(values.retries, "retries", 0),
      retryDelayMs: count(values["retry-delay"], "retry-delay", 0),
      faults: {
        abortAfter: count(values["abort-after"], "abort-after"),
        wrongCalledAeTitle: values["wrong-aec"],
      },
      worklist: peer(values.worklist),
      mpps: peer(values.mpps),
      commitment: commitPeer && { ...commitPeer, timeoutMs: commitTimeout },
    };
    try {
      ctSeries(options); // checks the slice count, matrix and UID root before connecting
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const summary = await simulateCtScanner({
      ...options,
      host,
      port,
      callingAeTitle: (values.aet as string | undefined) ?? "CTSIM",
      calledAeTitle: setup.calledAeTitle,
      timeouts: setup.timeouts,
      maxPduLength: setup.maxPduLength,
      onEvent: setup.observe,
    });
    io.out(formatScannerSummary(summary));
    const workflowFailed = summary.workflow.some((w) => w.errors.length > 0);
    return summary.failed === 0 && !workflowFailed ? 0 : 1;
  },
};
