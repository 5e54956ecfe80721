/**
 * `dicomsim decode IN OUT [--frame N]`: writes the file with its pixel data decompressed into
 * Explicit VR Little Endian, every other element kept, like DCMTK's dcmdjpeg or `gdcmconv --raw`.
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { readDicom } from "../codec/read_file.ts";
import { writeDicom } from "../codec/write_file.ts";
import { DataElement } from "../core/element.ts";
import { PIXEL_DATA_TAG } from "../core/tag.ts";
import { decodeFrameWithInfo } from "../pixel/decode_frame.ts";
import { imageDescriptionOf } from "../pixel/frame_pixels.ts";
import type { ImageDescription } from "../pixel/image_description.ts";
import type { PixelArray } from "../pixel/native_pixels.ts";
import { nativePixelData } from "../pixel/native_pixels.ts";
import type { Command } from "./command.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim decode IN OUT [options]

Writes IN with its pixel data decompressed (JPEG baseline/extended 8-bit, JPEG lossless,
JPEG-LS, JPEG 2000, HTJ2K, RLE, deflated frames) in Explicit VR Little Endian, every other
element kept. As dcmdjpeg does, Photometric Interpretation becomes what the frames decoded to
(JPEG YBR_FULL/YBR_FULL_422 and JPEG 2000 YBR_RCT/YBR_ICT decode to RGB), colour is written
colour-by-pixel (Planar Configuration 0), Lossy Image Compression is kept, and the offset-table
elements of encapsulated data are dropped.

Options:
  --frame N     write only frame N (0-based) as a single-frame image
  --lenient     read malformed input with warnings
  -h, --help    this help

Exit status: 0 written, 1 a frame could not be decoded or the file not read/written, 2 bad usage.`;

/** Elements that only make sense for encapsulated pixel data (PS3.3 C.7.6.3). */
const ENCAPSULATED_ONLY = [0x7fe00001, 0x7fe00002, 0x7fe00003];

/** The `decode` command. */
export const decodeCommand: Command = {
  name: "decode",
  summary: "decompress a file's pixel data into Explicit VR Little Endian",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      frame: { type: "string" },
      lenient: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length !== 2) throw new UsageError("decode needs IN and OUT");
    let only: number | undefined;
    if (values.frame !== undefined) {
      only = Number(values.frame);
      if (!Number.isInteger(only) || only < 0) {
        throw new UsageError(`--frame needs a frame number from 0, not ${values.frame}`);
      }
    }
    const [input, output] = positionals;
    try {
      const file = readDicom(readFileSync(input), { fileName: input, lenient: values.lenient });
      for (const w of file.warnings) io.err(`W: ${input}: ${w}`);
      const ds = file.dataSet.clone();
      if (ds.get(PIXEL_DATA_TAG) !== undefined) {
        const d = imageDescriptionOf(ds);
        const indexes = only === undefined
          ? Array.from({ length: d.numberOfFrames }, (_, i) => i)
          : [only];
        if (only !== undefined && only >= d.numberOfFrames) {
          io.err(`E: ${input}: frame ${only} is outside 0-${d.numberOfFrames - 1}`);
          return 1;
        }
        const frames: PixelArray[] = [];
        let photometric = d.photometricInterpretation.trim();
        let failed = false;
        for (const i of indexes) {
          try {
            const f = await decodeFrameWithInfo(file.dataSet, file.transferSyntaxUid, i);
            frames.push(f.pixels);
            photometric = f.photometricInterpretation;
          } catch (error) {
            io.err(`E: ${input}: ${(error as Error).message}`);
            failed = true;
          }
        }
        if (failed) return 1;
        const out: ImageDescription = {
          ...d,
          numberOfFrames: frames.length,
          photometricInterpretation: photometric,
          planarConfiguration: 0,
        };
        const bytes = nativePixelData(frames, out);
        const vr = d.bitsAllocated > 8 ? "OW" : "OB";
        ds.add(DataElement.fromBytes(PIXEL_DATA_TAG, vr, bytes));
        for (const tag of ENCAPSULATED_ONLY) ds.delete(tag);
        if (photometric !== d.photometricInterpretation.trim()) {
          ds.set("PhotometricInterpretation", photometric);
        }
        if (d.samplesPerPixel > 1) ds.set("PlanarConfiguration", 0);
        if (only !== undefined && ds.has("NumberOfFrames")) ds.set("NumberOfFrames", "1");
      }
      writeFileSync(
        output,
        writeDicom(ds, "1.2.840.10008.1.2.1", { meta: file.meta, strict: !values.lenient }),
      );
      return 0;
    } catch (error) {
      io.err(`E: ${(error as Error).message}`);
      return 1;
    }
  },
};
