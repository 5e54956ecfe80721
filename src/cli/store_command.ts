/**
 * `dicomsim store HOST:PORT PATH... [--aet AET] [--aec AEC] [--window N] [--compress-to TS]`
 * @module
 */
import { transferSyntax } from "../core/transfer_syntax.ts";
import { canTranscodePixelData, isLossyEncoding } from "../pixel/transcode_pixels.ts";
import { fileSources, listFiles } from "../services/instance_store_fs.ts";
import { formatStoreSummary, storeToPeer } from "../services/storage_scu.ts";
import type { Command } from "./command.ts";
import {
  NETWORK_OPTIONS,
  NETWORK_OPTIONS_HELP,
  networkSetup,
  parseHostPort,
} from "./network_options.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim store HOST:PORT PATH... [options]

Sends DICOM files to a storage SCP with C-STORE (like storescu): files and folders (recursively).
Proposes one presentation context per SOP class and transfer syntax met (the file's own, plus
Explicit and Implicit VR Little Endian: in the same context for uncompressed files, in one of
their own for compressed files), sends each data set as stored when its own transfer syntax is
accepted, re-encodes uncompressed files otherwise, decompresses compressed files when the peer
takes only the uncompressed syntaxes, and compresses when it takes only a --compress-to syntax.
Prints a summary (sent, warnings, failed, time, MB/s, and each file sent transcoded with its two
transfer syntaxes). Problems with single files are printed as E: lines and do not stop the
others.

Options:
  --window N             requests outstanding at once, proposed as the asynchronous operations
                         window (default 1: one at a time, what every SCP supports)
  --no-fallback          propose only each file's own transfer syntax
  --compress-to TS       also propose this compressed transfer syntax (UID or keyword; lossless:
                         JPEG-LS 1.2.840.10008.1.2.4.80, JPEG 2000 1.2.840.10008.1.2.4.90, RLE
                         1.2.840.10008.1.2.5, ...) and compress to it when it is all the peer
                         takes; repeatable
${NETWORK_OPTIONS_HELP}

Exit status: 0 every file stored (possibly with warnings), 1 a file failed or could not be read,
2 bad usage.`;

/** The `store` command. */
export const storeCommand: Command = {
  name: "store",
  summary: "send DICOM files and folders with C-STORE (like storescu)",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      ...NETWORK_OPTIONS,
      window: { type: "string" },
      "no-fallback": { type: "boolean" },
      "compress-to": { type: "string", multiple: true },
    });
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length < 2) throw new UsageError("store needs HOST:PORT and at least one PATH");
    const { host, port } = parseHostPort(positionals[0]);
    const window = values.window === undefined ? 1 : Number(values.window);
    if (!Number.isInteger(window) || window < 1 || window > 0xffff) {
      throw new UsageError(`--window takes a whole number 1-65535, got ${values.window}`);
    }
    const compressTo = (values["compress-to"] ?? []).map((name) => {
      const ts = transferSyntax(name);
      if (
        ts === undefined || !ts.encapsulated ||
        !canTranscodePixelData("1.2.840.10008.1.2.1", ts.uid) ||
        isLossyEncoding(ts.uid)
      ) {
        throw new UsageError(
          `--compress-to takes a compressed transfer syntax with a lossless encoder, not ${name}`,
        );
      }
      return ts.uid;
    });
    const setup = networkSetup(values, io);
    let files: string[];
    try {
      files = listFiles(positionals.slice(1));
    } catch (error) {
      io.err(`E: ${(error as Error).message}`);
      return 1;
    }
    if (files.length === 0) {
      io.err("E: no files found");
      return 1;
    }
    const summary = await storeToPeer({
      host,
      port,
      callingAeTitle: setup.callingAeTitle,
      calledAeTitle: setup.calledAeTitle,
      timeouts: setup.timeouts,
      maxPduLength: setup.maxPduLength,
      onEvent: setup.observe,
      window,
      fallbacks: !values["no-fallback"],
      compressTo,
      sources: fileSources(files),
      onResult: (r) => {
        if (r.outcome === "failure") io.err(`E: ${r.name}: ${r.message}`);
        else if (r.outcome === "warning") io.err(`W: ${r.name}: ${r.message}`);
      },
    });
    io.out(formatStoreSummary(summary));
    return summary.failed === 0 ? 0 : 1;
  },
};
