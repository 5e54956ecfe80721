import { readdirSync, readFileSync } from "node:fs";
import { readDicom } from "../src/codec/read_file.ts";
const dir = "/work/shared/fixtures/pacsman-series/dicomseries";
const files = readdirSync(dir).map((f) => new Uint8Array(readFileSync(`${dir}/${f}`)));
const mode = Deno.args[0] ?? "headers";
let sum = 0;
const t0 = performance.now();
let passes = 0;
while (performance.now() - t0 < 4000) {
  for (const b of files) {
    const ds = readDicom(b, { stopBeforePixels: mode === "headers" }).dataSet;
    sum += (ds.getString(0x00100010)?.length ?? 0) + (ds.getString(0x00080018)?.length ?? 0) +
      (ds.getNumber(0x00280010) ?? 0);
    if (mode === "full") sum += ds.get(0x7fe00010)!.bytes!.length;
  }
  passes++;
}
console.log(passes, ((performance.now() - t0) / passes).toFixed(2), "ms/pass", sum);
