/**
 * `dicomsim generate ct|mr|cr|dx|us|sc --out DIR [--seed S] [--uid-root R] [...]`
 * `dicomsim generate template --from DIR --out DIR [--seed S] [--run N] [...]`
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ctSeries } from "../sim/modality/ct_series.ts";
import { crImage } from "../sim/modality/cr_image.ts";
import { dxImage } from "../sim/modality/dx_image.ts";
import { usCine } from "../sim/modality/us_cine.ts";
import { mrSeries } from "../sim/modality/mr_series.ts";
import { scImage } from "../sim/modality/sc_image.ts";
import { templateSeries } from "../sim/modality/template_series.ts";
import { readTemplateFiles } from "./_template_files.ts";
import type { Command } from "./command.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";
import { transferSyntax } from "../core/transfer_syntax.ts";
import { canTranscodePixelData } from "../pixel/transcode_pixels.ts";
import { transcodePart10 } from "../services/storage_scu.ts";

const EXPLICIT_LE = "1.2.840.10008.1.2.1";

/**
 * What turns a generated file (Explicit VR Little Endian) into one in `--transfer-syntax`: the
 * data set re-encoded, the pixel data compressed when the syntax is a compressed one.
 */
function encoderTo(text: string | undefined): (file: Uint8Array) => Promise<Uint8Array> {
  if (text === undefined) return (file) => Promise.resolve(file);
  const ts = transferSyntax(text);
  if (ts === undefined) throw new UsageError(`--transfer-syntax: unknown transfer syntax ${text}`);
  if (ts.encapsulated && !canTranscodePixelData(EXPLICIT_LE, ts.uid)) {
    throw new UsageError(`--transfer-syntax: no encoder for ${ts.name}`);
  }
  return (file) => ts.uid === EXPLICIT_LE ? Promise.resolve(file) : transcodePart10(file, ts.uid);
}

const HELP = `Usage: dicomsim generate ct|mr|sc|cr|dx|us --out DIR [options]
       dicomsim generate template --from DIR --out DIR [--seed S] [--run N] [--uid-root R]
                                  [--patient-name NAME] [--patient-id ID]

Writes a deterministic CT series (CT Image Storage, Explicit VR Little Endian) made from a
phantom computed in code: the same options and seed give byte-identical files. mr writes an
MR series (T1-like, default 24 slices of 256x256), sc one Secondary Capture image (8-bit RGB,
or MONOCHROME2 with --photometric), cr one CR chest radiograph (default 512x512), dx one
Digital X-Ray chest PA For Presentation (default 512x512, 14-bit), us one Ultrasound
Multi-frame cine loop (default 30 frames of 480x640 MONOCHROME2, or RGB with colour Doppler).

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
  --from DIR                 template: re-identify the files of DIR (like storescu +II +IS),
                             new Study/Series/SOP Instance/Frame of Reference UIDs per run
  --photometric P            sc: RGB or MONOCHROME2 (default RGB); us: MONOCHROME2 or RGB
                             (default MONOCHROME2)
  --frames N                 us: frames (default 30)
  --rows N, --columns N      us: frame size (default 480 x 640)
  --frame-rate FPS           us: frames per second (default 30)
  --run N                    template: run number, each run gives new UIDs (default 0)
  --transfer-syntax TS       write the files in TS (UID or keyword), e.g. ImplicitVRLittleEndian,
                             JPEGLSLossless, JPEG2000Lossless, RLELossless (compressed with
                             the codecs; default ExplicitVRLittleEndian)
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
  summary: "write a deterministic simulated series (ct, mr, sc, cr, dx, us, template) to a folder",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
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
      from: { type: "string" },
      run: { type: "string" },
      photometric: { type: "string" },
      frames: { type: "string" },
      rows: { type: "string" },
      columns: { type: "string" },
      "frame-rate": { type: "string" },
      "transfer-syntax": { type: "string" },
      help: { type: "boolean", short: "h" },
    });
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    const encode = encoderTo(values["transfer-syntax"]);
    if (positionals.length !== 1) {
      throw new UsageError("generate needs a modality: ct, mr, sc, cr, dx, us or template");
    }
    const modality = positionals[0];
    if (!["ct", "mr", "sc", "cr", "dx", "us", "template"].includes(modality)) {
      throw new UsageError(
        `Unknown modality: ${modality} (supported: ct, mr, sc, cr, dx, us, template)`,
      );
    }
    const out = values.out;
    if (!out) throw new UsageError("generate needs --out DIR");
    if (positionals[0] === "template") {
      if (!values.from) throw new UsageError("generate template needs --from DIR");
      const files = readTemplateFiles(values.from);
      let instances;
      try {
        instances = templateSeries(files.map((f) => f.bytes), {
          seed: values.seed,
          run: integer(values.run, "run", 0),
          uidRoot: values["uid-root"],
          patientName: values["patient-name"],
          patientId: values["patient-id"],
        });
      } catch (error) {
        if (error instanceof UsageError) throw error;
        io.err(`E: ${(error as Error).message}`);
        return 1;
      }
      try {
        mkdirSync(out, { recursive: true });
        for (const [i, instance] of instances.entries()) {
          writeFileSync(join(out, files[i].name), await encode(instance.file()));
        }
      } catch (error) {
        io.err(`E: ${(error as Error).message}`);
        return 1;
      }
      io.out(`Wrote ${instances.length} re-identified files to ${out}`);
      return 0;
    }
    const thickness = values.thickness === undefined ? undefined : Number(values.thickness);
    if (thickness !== undefined && !(thickness > 0)) {
      throw new UsageError(`--thickness takes millimetres, got ${values.thickness}`);
    }
    if (modality !== "ct") {
      const photometric = values.photometric ?? (modality === "us" ? "MONOCHROME2" : "RGB");
      if (photometric !== "RGB" && photometric !== "MONOCHROME2") {
        throw new UsageError(`--photometric takes RGB or MONOCHROME2, got ${photometric}`);
      }
      const common = {
        matrix: integer(values.matrix, "matrix", 8),
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
      };
      let files: (() => Uint8Array)[];
      try {
        if (modality === "mr") {
          const mr = mrSeries({
            ...common,
            slices: integer(values.slices, "slices"),
            sliceThickness: thickness,
          });
          files = Array.from({ length: mr.count }, (_, i) => () => mr.file(i));
        } else if (modality === "sc") {
          files = [scImage({ ...common, photometricInterpretation: photometric }).file];
        } else if (modality === "dx") {
          files = [dxImage(common).file];
        } else if (modality === "us") {
          const frameRate = values["frame-rate"] === undefined
            ? undefined
            : Number(values["frame-rate"]);
          if (frameRate !== undefined && !(frameRate > 0)) {
            throw new UsageError(
              `--frame-rate takes frames per second, got ${values["frame-rate"]}`,
            );
          }
          files = [
            usCine({
              ...common,
              frames: integer(values.frames, "frames"),
              rows: integer(values.rows, "rows", 16),
              columns: integer(values.columns, "columns", 16),
              frameRate,
              photometricInterpretation: photometric,
            }).file,
          ];
        } else files = [crImage(common).file];
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw new UsageError((error as Error).message);
      }
      const prefix = modality.toUpperCase();
      try {
        mkdirSync(out, { recursive: true });
        const width = Math.max(4, String(files.length).length);
        for (const [i, file] of files.entries()) {
          const name = `${prefix}${String(i + 1).padStart(width, "0")}.dcm`;
          writeFileSync(join(out, name), await encode(file()));
        }
      } catch (error) {
        io.err(`E: ${(error as Error).message}`);
        return 1;
      }
      io.out(`Wrote ${files.length} ${prefix} image${files.length === 1 ? "" : "s"} to ${out}`);
      return 0;
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
        const name = `CT${String(i + 1).padStart(width, "0")}.dcm`;
        writeFileSync(join(out, name), await encode(series.file(i)));
      }
    } catch (error) {
      io.err(`E: ${(error as Error).message}`);
      return 1;
    }
    const seconds = (performance.now() - start) / 1000;
    io.out(
      `Wrote ${series.count} CT slices to ${out} in ${seconds.toFixed(2)} s ` +
        `(${(series.count / Math.max(seconds, 1e-9)).toFixed(0)} slices/s)\n` +
        `Study Instance UID ${series.studyInstanceUid}\nSeries Instance UID ${series.seriesInstanceUid}`,
    );
    return 0;
  },
};
