/**
 * `dicomsim convert IN OUT --transfer-syntax UID-or-keyword`
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { readDicom } from "../codec/read_file.ts";
import { writeDicom } from "../codec/write_file.ts";
import { transferSyntax } from "../core/transfer_syntax.ts";
import type { Command } from "./command.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim convert IN OUT --transfer-syntax UID-or-keyword [options]

Rewrites a DICOM file in another transfer syntax: any of the uncompressed ones
(ImplicitVRLittleEndian, ExplicitVRLittleEndian, ExplicitVRBigEndian,
DeflatedExplicitVRLittleEndian), or the same compressed syntax as the input
(encapsulated pixel data is carried unchanged).

Options:
  -t, --transfer-syntax UID|KEYWORD   the target transfer syntax (required)
  --lenient                            read malformed input with warnings
  -h, --help                           this help

Exit status: 0 written, 1 the file could not be read or converted, 2 bad usage.`;

/** The `convert` command. */
export const convertCommand: Command = {
  name: "convert",
  summary: "rewrite a DICOM file in another transfer syntax",
  help: HELP,
  run(args, io) {
    const parsed = parseCommandArgs(args, {
      "transfer-syntax": { type: "string", short: "t" },
      lenient: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return Promise.resolve(0);
    }
    if (positionals.length !== 2) throw new UsageError("convert needs IN and OUT");
    const target = values["transfer-syntax"];
    if (!target) throw new UsageError("convert needs --transfer-syntax");
    const ts = transferSyntax(target);
    if (!ts) throw new UsageError(`Unknown transfer syntax: ${target}`);
    const [input, output] = positionals;
    try {
      const file = readDicom(readFileSync(input), { fileName: input, lenient: values.lenient });
      for (const w of file.warnings) io.err(`W: ${input}: ${w}`);
      const bytes = writeDicom(file.dataSet, ts.uid, { meta: file.meta, strict: !values.lenient });
      writeFileSync(output, bytes);
      return Promise.resolve(0);
    } catch (error) {
      io.err(`E: ${(error as Error).message}`);
      return Promise.resolve(1);
    }
  },
};
