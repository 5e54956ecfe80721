/**
 * `dicomsim render PATH --out FILE.png [--frame N] [--window C,W | --preset P] [--mpr]`
 * @module
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readDicom } from "../codec/read_file.ts";
import { decodeFrameWithInfo } from "../pixel/decode_frame.ts";
import type { Window } from "../pixel/luts/voi_lut.ts";
import {
  encodePicturePng,
  renderFrame,
  renderMpr,
  type RenderOptions,
  WINDOW_PRESETS,
  type WindowPreset,
} from "../pixel/render.ts";
import { assembleVolume, type SliceInput } from "../pixel/volume.ts";
import type { Command, CommandIo } from "./command.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim render PATH --out FILE.png [options]

Writes a PNG of one image or frame of a DICOM file, through the Modality LUT, the VOI (window
or VOI LUT) and the Presentation LUT (MONOCHROME1 shown inverted); colour images as RGB. With
--mpr, PATH is a folder holding a series of single-frame images: they are stacked by position
along the slice normal and the sheet shows the axial, coronal and sagittal mid-slices side by
side, radiological convention (axial: anterior up, patient's right on the left; coronal:
superior up, patient's right on the left; sagittal: superior up, anterior on the left), square
pixels from Pixel Spacing and the slice spacing.

Options:
  --out FILE.png         where to write the PNG (required)
  --frame N              frame number, from 1 (default 1)
  --window C,W           window centre and width in modality units (e.g. HU), LINEAR
  --preset NAME          bone (400,1800), lung (-600,1500), brain (40,80) or soft (40,400)
  --voi N                which of the file's windows or VOI LUTs, from 1 (default 1)
  --mpr                  PATH is a series folder; render the three orthogonal mid-slices
  -h, --help             this help

Without --window or --preset the file's first window or VOI LUT is used, else the image range.

Exit status: 0 written, 1 the image could not be read or rendered, 2 bad usage.`;

function parseWindow(text: string): Window {
  const parts = text.split(",").map((p) => Number(p.trim()));
  if (parts.length !== 2 || parts.some((p) => !Number.isFinite(p)) || !(parts[1] >= 1)) {
    throw new UsageError(`--window takes CENTER,WIDTH with width at least 1, got ${text}`);
  }
  return { center: parts[0], width: parts[1] };
}

function positive(text: string | undefined, name: string): number {
  if (text === undefined) return 1;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(`--${name} takes a number from 1, got ${text}`);
  }
  return n;
}

async function readSeries(dir: string, io: CommandIo): Promise<SliceInput[]> {
  const slices: (SliceInput & { series: string })[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    let file;
    try {
      file = readDicom(readFileSync(path), { fileName: path });
    } catch {
      io.err(`W: ${path}: not a DICOM file; skipped`);
      continue;
    }
    if (!file.dataSet.has("PixelData")) continue;
    try {
      const frame = await decodeFrameWithInfo(file.dataSet, file.transferSyntaxUid, 0);
      slices.push({
        dataSet: file.dataSet,
        pixels: frame.pixels,
        label: name,
        series: file.dataSet.getString("SeriesInstanceUID") ?? "",
      });
    } catch (error) {
      io.err(`W: ${path}: ${(error as Error).message}; skipped`);
    }
  }
  // Several series in the folder: take the largest.
  const counts = new Map<string, number>();
  for (const s of slices) counts.set(s.series, (counts.get(s.series) ?? 0) + 1);
  const [series] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [""];
  if (counts.size > 1) {
    io.err(
      `W: ${dir} holds ${counts.size} series; rendering ${series} (${counts.get(series)} images)`,
    );
  }
  return slices.filter((s) => s.series === series);
}

/** The `render` command. */
export const renderCommand: Command = {
  name: "render",
  summary: "write a PNG of an image (window/preset) or an MPR sheet of a series",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: "string" },
      frame: { type: "string" },
      window: { type: "string" },
      preset: { type: "string" },
      voi: { type: "string" },
      mpr: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("render needs exactly one PATH");
    if (values.out === undefined) throw new UsageError("render needs --out FILE.png");
    if (values.window !== undefined && values.preset !== undefined) {
      throw new UsageError("--window and --preset exclude each other");
    }
    if (values.preset !== undefined && !(values.preset in WINDOW_PRESETS)) {
      throw new UsageError(`--preset takes bone, lung, brain or soft, got ${values.preset}`);
    }
    if (values.mpr && values.frame !== undefined) {
      throw new UsageError("--frame does not go with --mpr");
    }
    const options: RenderOptions = {
      window: values.window === undefined ? undefined : parseWindow(values.window),
      preset: values.preset as WindowPreset | undefined,
      voiIndex: positive(values.voi, "voi") - 1,
    };
    const frameNumber = positive(values.frame, "frame");
    const [path] = positionals;
    try {
      if (values.mpr) {
        if (!statSync(path).isDirectory()) throw new Error(`--mpr needs a folder: ${path}`);
        const slices = await readSeries(path, io);
        const volume = assembleVolume(slices);
        for (const w of volume.warnings) io.err(`W: ${w}`);
        const { picture } = renderMpr(volume, options);
        writeFileSync(values.out, encodePicturePng(picture));
        const [cx, cy, cz] = volume.spacing.map((v) => +v.toFixed(3));
        io.out(
          `Wrote ${values.out}: ${picture.width}x${picture.height} MPR of ${volume.slices} slices ` +
            `${volume.columns}x${volume.rows}, voxel ${cx}x${cy}x${cz} mm`,
        );
        return 0;
      }
      const file = readDicom(readFileSync(path), { fileName: path });
      const frames = Math.max(1, file.dataSet.getNumber("NumberOfFrames") ?? 1);
      if (frameNumber > frames) {
        throw new Error(`${path} has ${frames} frame(s), asked for ${frameNumber}`);
      }
      const frame = await decodeFrameWithInfo(
        file.dataSet,
        file.transferSyntaxUid,
        frameNumber - 1,
      );
      const picture = renderFrame(file.dataSet, frame.pixels, {
        ...options,
        photometricInterpretation: frame.photometricInterpretation,
      });
      writeFileSync(values.out, encodePicturePng(picture));
      io.out(
        `Wrote ${values.out}: ${picture.width}x${picture.height} ${
          picture.channels === 1 ? "grey" : "RGB"
        }`,
      );
      return 0;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      io.err(`E: ${path}: ${(error as Error).message}`);
      return 1;
    }
  },
};
