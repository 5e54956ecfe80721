/**
 * `dicomsim generate ct --slices N --out DIR [--seed S] [--uid-root R] [...]`
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ctSeries } from "../sim/modality/ct_series.ts";
import type { Command } from "./command.ts";
import { UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim generate ct --out DIR [options]

Writes a deterministic CT series (CT Image Storage, Explicit VR Little Endian) made from a
phantom computed in code: the same options and seed give byte-identical files.

Options:
  --out DIR                  folder to write CT0001.dcm, CT0002.dcm, ... into (created)
  --slices N                 number of slices (default 200)
  --matrix N                 rows and columns (default 512)
  --thickness MM             slice thickness and spacing (default 1.25)
  --seed S                   seed of UIDs, identifiers and noise (default 0)
  --uid-root R               UID root (default dicomsim's 2.25 root)
  --study-index N            study number under the seed (default 0)
  --patient-name NAME        (0010,0010) (default SIM^CT^PHANTOM)
  --patient-id ID            (0010,0020) (default from the seed)
  --patient-birth-date D     (0010,0030) YYYYMMDD (default 19700101)
  --patient-sex S            (0010,0040) M, F or O (default O)
  --accession-number A       (0008,0050) (default from the seed)
  --study-date D             (0008,0020) YYYYMMDD (default 20260101)
  --study-time T             (0008,0030) HHMMSS (default 090000)
  --study-description TEXT   (0008,1030)
  --series-description TEXT  (0008,103E)
  -h, --help                 this help

Exit status: 0 written, 1 the files could not be written, 2 bad usage.`;

function integer(value: string | undefined, name: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`--${name} takes an integer of at least ${min}, got ${value}`);
  }
  return n;
}

/** The `generate` command. */
export const generateCommand: Command = {
  name: "generate",
  summary: "write a deterministic simulated series (ct) to a folder",
  help: HELP,
  run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          out: { type: "string", short: "o" },
          slices: { type: "string" },
          matrix: { type: "string" },
          thickness: { type: "string" },
          seed: { type: "string" },
          "uid-root": { type: "string" },
          "study-index": { type: "string" },
          "patient-name": { type: "string" },
          "patient-id": { type: "string" },
          "patient-birth-date": { type: "string" },
          "patient-sex": { type: "string" },
          "accession-number": { type: "string" },
          "study-date": { type: "string" },
          "study-time": { type: "string" },
          "study-description": { type: "string" },
          "series-description": { type: "string" },
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
    if (positionals.length !== 1) throw new UsageError("generate needs a modality: ct");
    if (positionals[0] !== "ct") {
      throw new UsageError(`Unknown modality: ${positionals[0]} (supported: ct)`);
    }
    const out = values.out;
    if (!out) throw new UsageError("generate needs --out DIR");
    const thickness = values.thickness === undefined ? undefined : Number(values.thickness);
    if (thickness !== undefined && !(thickness > 0)) {
      throw new UsageError(`--thickness takes millimetres, got ${values.thickness}`);
    }
    let series;
    try {
      series = ctSeries({
        slices: integer(values.slices, "slices"),
        matrix: integer(values.matrix, "matrix", 8),
        sliceThickness: thickness,
        seed: values.seed,
        uidRoot: values["uid-root"],
        studyIndex: integer(values["study-index"], "study-index", 0),
        patientName: values["patient-name"],
        patientId: values["patient-id"],
        patientBirthDate: values["patient-birth-date"],
        patientSex: values["patient-sex"],
        accessionNumber: values["accession-number"],
        studyDate: values["study-date"],
        studyTime: values["study-time"],
        studyDescription: values["study-description"],
        seriesDescription: values["series-description"],
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const start = performance.now();
    try {
      mkdirSync(out, { recursive: true });
      const width = Math.max(4, String(series.count).length);
      for (let i = 0; i < series.count; i++) {
        writeFileSync(join(out, `CT${String(i + 1).padStart(width, "0")}.dcm`), series.file(i));
      }
    } catch (error) {
      io.err(`E: ${(error as Error).message}`);
      return Promise.resolve(1);
    }
    const seconds = (performance.now() - start) / 1000;
    io.out(
      `Wrote ${series.count} CT slices to ${out} in ${seconds.toFixed(2)} s ` +
        `(${(series.count / Math.max(seconds, 1e-9)).toFixed(0)} slices/s)\n` +
        `Study Instance UID ${series.studyInstanceUid}\nSeries Instance UID ${series.seriesInstanceUid}`,
    );
    return Promise.resolve(0);
  },
};
