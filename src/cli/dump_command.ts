/**
 * `dicomsim dump FILE... [--json] [--stop-before-pixels] [--lenient]`
 * @module
 */
import { readFileSync } from "node:fs";
import { dataSetToJson } from "../codec/dicom_json.ts";
import { dumpFile } from "../codec/dump.ts";
import { readDicom } from "../codec/read_file.ts";
import type { Command } from "./command.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim dump FILE... [options]

Prints DICOM files like DCMTK's dcmdump, or as DICOM JSON (PS3.18 F).

Options:
  --json                 one DICOM JSON object per file (a JSON array for several files);
                         binary values as InlineBinary
  --stop-before-pixels   do not read Pixel Data (7FE0,0010) or anything after it
  --lenient              recover from malformed input with warnings instead of failing
  -h, --help             this help

Exit status: 0 all files read, 1 a file could not be read, 2 bad usage.`;

/** The `dump` command. */
export const dumpCommand: Command = {
  name: "dump",
  summary: "print DICOM files as text (like dcmdump) or DICOM JSON",
  help: HELP,
  run(args, io) {
    const parsed = parseCommandArgs(args, {
      json: { type: "boolean" },
      "stop-before-pixels": { type: "boolean" },
      lenient: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return Promise.resolve(0);
    }
    if (positionals.length === 0) throw new UsageError("dump needs at least one FILE");
    let status = 0;
    const jsons: unknown[] = [];
    for (const path of positionals) {
      try {
        const file = readDicom(readFileSync(path), {
          fileName: path,
          lenient: values.lenient ?? false,
          stopBeforePixels: values["stop-before-pixels"] ?? false,
        });
        for (const w of file.warnings) io.err(`W: ${path}: ${w}`);
        if (values.json) jsons.push(dataSetToJson(file.dataSet));
        else {
          if (positionals.length > 1) io.out(`# ${path}`);
          io.out(dumpFile(file));
        }
      } catch (error) {
        io.err(`E: ${(error as Error).message}`);
        status = 1;
      }
    }
    if (values.json) {
      io.out(JSON.stringify(positionals.length === 1 ? jsons[0] ?? null : jsons, null, 2));
    }
    return Promise.resolve(status);
  },
};
