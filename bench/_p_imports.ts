const mods = [
  "node:process",
  "node:fs",
  "iconv-lite",
  "fflate",
  "../src/core/_generated/dictionary_data.ts",
  "../src/core/_generated/private_dictionary_data.ts",
  "../src/core/_generated/uid_data.ts",
  "../src/core/tag.ts",
  "../src/core/vr.ts",
  "../src/core/dictionary.ts",
  "../src/charset/character_set.ts",
  "../src/charset/decode_text.ts",
  "../src/core/element.ts",
  "../src/core/dataset.ts",
  "../src/core/transfer_syntax.ts",
  "../src/codec/read_dataset.ts",
  "../src/codec/read_file.ts",
];
const t00 = performance.now();
const out: string[] = [];
for (const m of mods) {
  const t0 = performance.now();
  await import(m);
  out.push(`${(performance.now() - t0).toFixed(1).padStart(6)} ms ${m}`);
}
const { readDicom } = await import("../src/codec/read_file.ts");
const { readFileSync } = await import("node:fs");
const t0 = performance.now();
for (const f of Deno.args) {
  const ds = readDicom(readFileSync(f), { stopBeforePixels: true }).dataSet;
  ds.getString(0x00100010);
  ds.getNumber(0x00280010);
}
out.push(
  `${(performance.now() - t0).toFixed(1).padStart(6)} ms read ${Deno.args.length} files cold`,
);
out.push(
  `${(performance.now() - t00).toFixed(1).padStart(6)} ms total since script start; ${
    performance.now().toFixed(1)
  } since process start`,
);
console.log(out.join("\n"));
