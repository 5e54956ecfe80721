/**
 * `dicomsim modality ct|mr|cr|dx|us|sc --to HOST:PORT [--aet AET] [--aec AEC] [...]`
 * `dicomsim modality template DIR --to HOST:PORT [...]`
 * `dicomsim scanner HOST:PORT [--modality KIND | --template DIR] [...]` (the same, older shape)
 * @module
 */
import process from "node:process";
import {
  type CtScannerOptions,
  formatScannerSummary,
  simulateScanner,
} from "../sim/modality/ct_scanner.ts";
import { progressBar } from "../sim/modality/progress_bar.ts";
import {
  MODALITY_KINDS,
  type ModalityKind,
  simulatedSeries,
  templateAsSeries,
} from "../sim/modality/simulated_series.ts";
import { readTemplateFiles } from "./_template_files.ts";
import type { Command, CommandIo } from "./command.ts";
import {
  NETWORK_OPTIONS,
  NETWORK_OPTIONS_HELP,
  networkSetup,
  parseHostPort,
} from "./network_options.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";
import { transferSyntax } from "../core/transfer_syntax.ts";

const OPTIONS_HELP =
  `Series (defaults per kind: ct 200 slices of 512x512, mr 24 of 256x256, cr/dx one
512x512 image, us one cine loop of 30 frames of 480x640, sc one 512x512 RGB image):
  --slices N                 ct, mr: slices per series
  --matrix N                 ct, mr, cr, dx, sc: rows and columns
  --frames N                 us: frames (default 30)
  --rows N, --columns N      us: frame size (default 480 x 640)
  --frame-rate FPS           us: frames per second (default 30)
  --photometric P            us, sc: MONOCHROME2 or RGB (us default MONOCHROME2, sc RGB)
  --seed S                   seed of UIDs and noise (default 0)
  --uid-root R               UID root (default dicomsim's 2.25 root)
  --patient-name NAME        (0010,0010) (default SIM^<KIND>^PHANTOM)
  --run N                    template: number of the first run (default 0); each study is the
                             next run, with new Study/Series/SOP Instance UIDs (like storescu
                             +II +IS)
Sending:
  --rate IMG_PER_S           images per second, like an acquisition (default: as fast as possible)
  --per-image-association    one association per image (default: one per series)
  --transfer-syntax TS       propose TS (UID or keyword; repeatable) instead of Explicit and
                             Implicit VR LE; images are compressed for a compressed syntax the
                             peer accepts (JPEG-LS, JPEG 2000 lossless, RLE)
  --context-layout L         per-sop-class (one context, several transfer syntaxes; default) or
                             per-syntax (one context per transfer syntax)
  --count N                  studies to send (default 1)
  --concurrency M            studies sent at once (default 1)
  --retries N                retries of a failed image, with backoff (default 0)
  --retry-delay MS           first retry delay, doubled each time (default 100)
  -q, --quiet                no progress bar (it is drawn on stderr only when it is a terminal)
Faults:
  --abort-after K            send A-ABORT after K images of each study
  --drop-after K             after K images, send half of the next PDU and reset the connection
  --stall-after K            after K images, stop sending and reading for --stall-for seconds
  --stall-for S              length of the stall (default 5)
  --wrong-aec AEC            call this AE title instead of --aec
  --unsupported-sop-class UID
                             also propose UID and try to store a copy of the first image as it
Workflow:
  --worklist HOST:PORT       query this Modality Worklist SCP first (demographics from an item)
  --mpps HOST:PORT           send MPPS IN PROGRESS before and COMPLETED/DISCONTINUED after
  --commit HOST:PORT         request Storage Commitment and wait for the N-EVENT-REPORT
  --workflow-aec AEC         AE title of the worklist/MPPS/commitment peers (default --aec)
  --commit-timeout S         seconds to wait for the commitment report (default 30)
  --commit-listen PORT       take the commitment report on a separate association: listen on
                             PORT as our AE title (the SCP must know it; PS3.4 J.3.3)
${NETWORK_OPTIONS_HELP}

--aet defaults to CTSIM, MRSIM, CRSIM, DXSIM, USSIM or OTSIM (template: CTSIM).
Exit status: 0 every image stored (and every workflow step done), 1 any image refused or
failed or any workflow step failed (the summary says which and why), 2 bad usage.`;

const MODALITY_HELP = `Usage: dicomsim modality ct|mr|cr|dx|us|sc --to HOST:PORT [options]
       dicomsim modality template DIR --to HOST:PORT [options]

Simulates a modality: generates a series (deterministic for a seed; template: re-identifies
the files of DIR) and sends it with C-STORE, with optional worklist, MPPS and storage
commitment steps and faults, then prints throughput and C-STORE latency percentiles.

  --to HOST:PORT             the storage SCP
${OPTIONS_HELP}`;

const SCANNER_HELP = `Usage: dicomsim scanner HOST:PORT [--modality KIND | --template DIR] [options]

The same as \`dicomsim modality KIND --to HOST:PORT\` (KIND from --modality, default ct; or
template DIR from --template).

  --modality KIND            ct, mr, cr, dx, us or sc (default ct)
  --template DIR             send the files of DIR re-identified instead of a generated series
${OPTIONS_HELP}`;

const SCANNER_OPTIONS = {
  ...NETWORK_OPTIONS,
  slices: { type: "string" },
  matrix: { type: "string" },
  frames: { type: "string" },
  rows: { type: "string" },
  columns: { type: "string" },
  "frame-rate": { type: "string" },
  photometric: { type: "string" },
  seed: { type: "string" },
  "uid-root": { type: "string" },
  "patient-name": { type: "string" },
  rate: { type: "string" },
  "per-image-association": { type: "boolean" },
  "context-layout": { type: "string" },
  "transfer-syntax": { type: "string", multiple: true },
  count: { type: "string" },
  concurrency: { type: "string" },
  retries: { type: "string" },
  "retry-delay": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  "abort-after": { type: "string" },
  "drop-after": { type: "string" },
  "stall-after": { type: "string" },
  "stall-for": { type: "string" },
  "wrong-aec": { type: "string" },
  "unsupported-sop-class": { type: "string" },
  worklist: { type: "string" },
  mpps: { type: "string" },
  commit: { type: "string" },
  "workflow-aec": { type: "string" },
  "commit-timeout": { type: "string" },
  "commit-listen": { type: "string" },
  run: { type: "string" },
} as const;

type Values = Record<string, string | string[] | boolean | undefined>;

function count(value: unknown, name: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`--${name} takes an integer of at least ${min}, got ${value}`);
  }
  return n;
}

function positive(value: unknown, name: string, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= 0) || !Number.isFinite(n)) {
    throw new UsageError(`--${name} takes ${what}, got ${value}`);
  }
  return n;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Draws a progress bar on stderr when it is a terminal; quiet otherwise. */
function terminalProgress(total: number, quiet: boolean) {
  const stderr = process.stderr as { isTTY?: boolean; columns?: number; write(t: string): void };
  if (quiet || !stderr.isTTY || total <= 0) return { tick: () => {}, done: () => {} };
  const start = performance.now();
  let done = 0;
  let failed = 0;
  let last = 0;
  const draw = () => {
    const columns = stderr.columns && stderr.columns > 20 ? stderr.columns : 80;
    const width = Math.min(100, columns - 1);
    stderr.write(
      `\r${progressBar(done, total, { width, elapsedMs: performance.now() - start, failed })}`,
    );
  };
  return {
    tick: (ok: boolean) => {
      done++;
      if (!ok) failed++;
      const now = performance.now();
      if (now - last > 100 || done === total) {
        last = now;
        draw();
      }
    },
    done: () => {
      if (done > 0) stderr.write("\n");
    },
  };
}

/**
 * Runs the simulated modality for a kind (or template DIR) against HOST:PORT with the parsed
 * options; shared by `modality` and `scanner`.
 */
async function runModality(
  kind: ModalityKind | "template",
  templateDir: string | undefined,
  target: string,
  values: Values,
  io: CommandIo,
): Promise<number> {
  const { host, port } = parseHostPort(target);
  const rate = positive(values.rate, "rate", "images per second");
  const setup = networkSetup(values as Parameters<typeof networkSetup>[0], io);
  const workflowAec = text(values["workflow-aec"]) ?? setup.calledAeTitle;
  const peer = (value: unknown) =>
    value === undefined ? undefined : { ...parseHostPort(text(value)), calledAeTitle: workflowAec };
  const commitSeconds = positive(values["commit-timeout"], "commit-timeout", "seconds");
  const commitPeer = peer(values.commit);
  const commitListen = positive(values["commit-listen"], "commit-listen", "a TCP port");
  if (commitListen !== undefined && (!Number.isInteger(commitListen) || commitListen > 65535)) {
    throw new UsageError(`--commit-listen takes a TCP port, got ${values["commit-listen"]}`);
  }
  if (commitListen !== undefined && !commitPeer) {
    throw new UsageError("--commit-listen needs --commit");
  }
  const syntaxes = ((values["transfer-syntax"] as string[] | undefined) ?? []).map((t) => {
    const ts = transferSyntax(t);
    if (ts === undefined) throw new UsageError(`--transfer-syntax: unknown transfer syntax ${t}`);
    return ts.uid;
  });
  const layout = text(values["context-layout"]);
  if (layout !== undefined && layout !== "per-sop-class" && layout !== "per-syntax") {
    throw new UsageError(`--context-layout takes per-sop-class or per-syntax, got ${layout}`);
  }
  const photometric = text(values.photometric);
  if (photometric !== undefined && photometric !== "RGB" && photometric !== "MONOCHROME2") {
    throw new UsageError(`--photometric takes RGB or MONOCHROME2, got ${photometric}`);
  }
  const stallAfter = count(values["stall-after"], "stall-after");
  const stallSeconds = positive(values["stall-for"], "stall-for", "seconds") ?? 5;
  const options: CtScannerOptions = {
    modality: kind === "template" ? undefined : kind,
    slices: count(values.slices, "slices"),
    matrix: count(values.matrix, "matrix", 8),
    frames: count(values.frames, "frames"),
    rows: count(values.rows, "rows", 16),
    columns: count(values.columns, "columns", 16),
    frameRate: positive(values["frame-rate"], "frame-rate", "frames per second"),
    photometricInterpretation: photometric as "RGB" | "MONOCHROME2" | undefined,
    seed: text(values.seed),
    uidRoot: text(values["uid-root"]),
    patientName: text(values["patient-name"]),
    rate,
    associationPerImage: values["per-image-association"] === true,
    contextLayout: layout as "per-sop-class" | "per-syntax" | undefined,
    ...(syntaxes.length ? { transferSyntaxes: syntaxes } : {}),
    count: count(values.count, "count"),
    concurrency: count(values.concurrency, "concurrency"),
    retries: count(values.retries, "retries", 0),
    retryDelayMs: count(values["retry-delay"], "retry-delay", 0),
    faults: {
      abortAfter: count(values["abort-after"], "abort-after"),
      dropAfter: count(values["drop-after"], "drop-after"),
      stall: stallAfter === undefined ? undefined : { after: stallAfter, ms: stallSeconds * 1000 },
      wrongCalledAeTitle: text(values["wrong-aec"]),
      unsupportedSopClass: text(values["unsupported-sop-class"]),
    },
    worklist: peer(values.worklist),
    mpps: peer(values.mpps),
    commitment: commitPeer && {
      ...commitPeer,
      ...(commitListen === undefined ? {} : { listen: { port: commitListen } }),
      timeoutMs: commitSeconds === undefined ? undefined : commitSeconds * 1000,
    },
  };
  let perStudy: number;
  let source: CtScannerOptions["source"];
  if (kind === "template") {
    const files = readTemplateFiles(templateDir!).map((f) => f.bytes);
    const firstRun = count(values.run, "run", 0) ?? 0;
    const template = (study: number) =>
      templateAsSeries(files, {
        seed: options.seed,
        run: firstRun + study,
        uidRoot: options.uidRoot,
        patientName: options.patientName,
      });
    try {
      perStudy = template(0).count; // checks the files and the UID root before connecting
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      io.err(`E: ${(error as Error).message}`);
      return 1;
    }
    source = (study) => template(study);
  } else {
    try {
      // Checks the sizes and the UID root before connecting.
      perStudy = simulatedSeries(kind, options).count;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (options.faults?.unsupportedSopClass) perStudy++;
  const progress = terminalProgress(perStudy * (options.count ?? 1), values.quiet === true);
  const summary = await simulateScanner({
    ...options,
    source,
    host,
    port,
    callingAeTitle: text(values.aet) ?? (kind === "template" ? "CTSIM" : undefined),
    calledAeTitle: setup.calledAeTitle,
    timeouts: setup.timeouts,
    maxPduLength: setup.maxPduLength,
    onEvent: setup.observe,
    onImage: (image) => progress.tick(image.outcome !== "failure"),
  });
  progress.done();
  io.out(formatScannerSummary(summary));
  const workflowFailed = summary.workflow.some((w) => w.errors.length > 0);
  return summary.failed === 0 && !workflowFailed ? 0 : 1;
}

/** The `modality` command: `dicomsim modality KIND --to HOST:PORT [...]`. */
export const modalityCommand: Command = {
  name: "modality",
  summary: "simulate a modality (ct, mr, cr, dx, us, sc, template DIR) sending a series",
  help: MODALITY_HELP,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SCANNER_OPTIONS,
      to: { type: "string" },
    });
    if (values.help) {
      io.out(MODALITY_HELP);
      return Promise.resolve(0);
    }
    const [kind, ...rest] = positionals;
    if (kind === undefined) {
      throw new UsageError("modality needs a kind: ct, mr, cr, dx, us, sc or template DIR");
    }
    if (kind === "template") {
      if (rest.length !== 1) {
        throw new UsageError("modality template needs one folder: template DIR");
      }
    } else if (!(MODALITY_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(
        `Unknown modality: ${kind} (supported: ${MODALITY_KINDS.join(", ")}, template)`,
      );
    } else if (rest.length > 0) throw new UsageError(`Unexpected argument: ${rest[0]}`);
    if (values.to === undefined) throw new UsageError("modality needs --to HOST:PORT");
    return runModality(kind as ModalityKind | "template", rest[0], values.to, values, io);
  },
};

/** The `scanner` command: `dicomsim scanner HOST:PORT [--modality KIND | --template DIR]`. */
export const scannerCommand: Command = {
  name: "scanner",
  summary: "simulate a scanner sending a generated series (C-STORE); see also modality",
  help: SCANNER_HELP,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SCANNER_OPTIONS,
      modality: { type: "string" },
      template: { type: "string" },
    });
    if (values.help) {
      io.out(SCANNER_HELP);
      return Promise.resolve(0);
    }
    if (positionals.length !== 1) throw new UsageError("scanner needs HOST:PORT");
    const kind = values.modality ?? "ct";
    if (!(MODALITY_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`Unknown modality: ${kind} (supported: ${MODALITY_KINDS.join(", ")})`);
    }
    if (values.template !== undefined && values.modality !== undefined) {
      throw new UsageError("scanner takes --modality or --template, not both");
    }
    return runModality(
      values.template !== undefined ? "template" : kind as ModalityKind,
      values.template,
      positionals[0],
      values,
      io,
    );
  },
};
