/**
 * The dicomsim side of the whole-process comparison: reads every file named on the command line
 * and prints PatientName, SOPInstanceUID, Rows (and the pixel data length with `--full`), one line
 * per file, like `dcmdump +P ...` and `pydicom_parse.py` do.
 *
 * `deno run --allow-read bench/_read_series.ts --headers|--full FILE...`
 * @module
 */
import { readFileSync } from "node:fs";
import process from "node:process";
import { readDicom } from "../src/codec/read_file.ts";

const [mode, ...files] = process.argv.slice(2);
if (mode !== "--headers" && mode !== "--full") {
  process.stderr.write("Usage: _read_series.ts --headers|--full FILE...\n");
  process.exit(2);
}
const full = mode === "--full";
const lines: string[] = [];
for (const path of files) {
  const ds = readDicom(readFileSync(path), { stopBeforePixels: !full, fileName: path }).dataSet;
  const line = `${ds.getString(0x00100010)} ${ds.getString(0x00080018)} ${
    ds.getNumber(0x00280010)
  }`;
  lines.push(full ? `${line} ${ds.get(0x7fe00010)?.bytes?.length}` : line);
}
process.stdout.write(lines.join("\n") + "\n");
