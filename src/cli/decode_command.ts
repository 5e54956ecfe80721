/**
 * `dicomsim decode IN OUT [--frame N]`: writes the file with its pixel data decompressed into
 * Explicit VR Little Endian, every other element kept, like DCMTK's dcmdjpeg or `gdcmconv --raw`.
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { readDicom } from "../codec/read_file.ts";
import { writeDicom } from "../codec/write_file.ts";
import { PIXEL_DATA_TAG } from "../core/tag.ts";
import { imageDescriptionOf } from "../pixel/frame_pixels.ts";
import { TranscodeError, transcodePixelData } from "../pixel/transcode_pixels.ts";
import type { Command } from "./command.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim decode IN OUT [options]

Writes IN with its pixel data decompressed (JPEG baseline/extended 8-bit, JPEG lossless,
JPEG-LS, JPEG 2000, HTJ2K, RLE, deflated frames) in Explicit VR Little Endian, every other
element kept. As dcmdjpeg does, Photometric Interpretation becomes what the frames decoded to
(JPEG YBR_FULL/YBR_FULL_422 and JPEG 2000 YBR_RCT/YBR_ICT decode to RGB), colour is written
colour-by-pixel (Planar Configuration 0), Lossy Image Compression is kept (for lossy input it is
01, and its ratio and method are added when missing), and the offset-table elements of
encapsulated data are dropped.

Options:
  --frame N     write only frame N (0-based) as a single-frame image
  --lenient     read malformed input with warnings
  -h, --help    this help

Exit status: 0 written, 1 a frame could not be decoded or the file not read/written, 2 bad usage.`;

const EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";

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
      let ds = file.dataSet;
      if (ds.get(PIXEL_DATA_TAG) !== undefined) {
        const frames = imageDescriptionOf(ds).numberOfFrames;
        if (only !== undefined && only >= frames) {
          io.err(`E: ${input}: frame ${only} is outside 0-${frames - 1}`);
          return 1;
        }
        try {
          ds = await transcodePixelData(ds, file.transferSyntaxUid, EXPLICIT_VR_LE, {
            frame: only,
          });
        } catch (error) {
          const errors = error instanceof TranscodeError && error.errors.length > 0
            ? error.errors
            : [error as Error];
          for (const e of errors) io.err(`E: ${input}: ${e.message}`);
          return 1;
        }
      }
      writeFileSync(
        output,
        writeDicom(ds, EXPLICIT_VR_LE, { meta: file.meta, strict: !values.lenient }),
      );
      return 0;
    } catch (error) {
      io.err(`E: ${(error as Error).message}`);
      return 1;
    }
  },
};
