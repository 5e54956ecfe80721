/**
 * Fails when an import in src/ goes up a layer (see ../shared/ARCHITECTURE.md), when net/pdu or
 * net/dul reach the data set model, or when library code outside the allowed places touches
 * `node:*`, `Deno.*` or `Bun.*`.
 *
 * Layers, lowest first. charset sits below core because the data set model decodes text with
 * it, and it needs nothing from core.
 *
 * Run: `deno run --allow-read=src tools/check_layers.ts`
 * @module
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

/** Layer prefixes under src/, lowest first. */
export const LAYERS: readonly string[] = [
  "charset",
  "core",
  "codec",
  "pixel",
  "net/transport",
  "net/pdu",
  "net/dul",
  "net/acse",
  "net/dimse",
  "net/association",
  "services",
  "trace",
  "sim",
  "cli",
];

/** Places in src/ that may use runtime APIs (`node:*`, `Deno.*`, `Bun.*`). */
const RUNTIME_ALLOWED = [/^cli\//, /^net\/transport\//, /^sim\/store\//, /(^|\/)[a-z_]*_fs\.ts$/];

/** The layer of a path relative to src/, or undefined. */
export function layerOf(path: string): string | undefined {
  let best: string | undefined;
  for (const layer of LAYERS) {
    if (path === layer || path.startsWith(layer + "/")) {
      if (best === undefined || layer.length > best.length) best = layer;
    }
  }
  return best;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (name.endsWith(".ts")) yield full;
  }
}

/** Problems found in the tree under `srcDir`, one line each. */
export function checkLayers(srcDir: string): string[] {
  const problems: string[] = [];
  for (const file of walk(srcDir)) {
    const rel = relative(srcDir, file).replaceAll("\\", "/");
    if (rel.endsWith("_test.ts")) continue;
    const from = layerOf(rel);
    if (from === undefined) {
      problems.push(`${rel}: not in any layer (${LAYERS.join(", ")})`);
      continue;
    }
    const text = readFileSync(file, "utf8");
    const runtimeOk = RUNTIME_ALLOWED.some((re) => re.test(rel));
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*["']([^"']+)["']/g)) {
      const spec = m[1];
      if (spec.startsWith("node:") && !runtimeOk) {
        problems.push(`${rel}: imports ${spec}; only transport, cli and file-system helpers may`);
      }
      if (!spec.startsWith(".")) continue;
      const target = normalize(join(dirname(rel), spec)).replaceAll("\\", "/");
      const to = layerOf(target);
      if (to === undefined) {
        problems.push(`${rel}: imports ${spec}, outside the layers`);
        continue;
      }
      if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) {
        problems.push(`${rel}: ${from} imports ${to} (${spec}), a higher layer`);
      }
      if (
        (from === "net/pdu" || from === "net/dul") &&
        (to === "codec" || target === "core/dataset.ts")
      ) {
        problems.push(`${rel}: ${from} must not depend on the data set model (${spec})`);
      }
    }
    if (
      !runtimeOk && /\b(?:Deno|Bun)\.[a-zA-Z]/.test(text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, ""))
    ) {
      problems.push(
        `${rel}: uses Deno.* or Bun.*; only transport, cli and file-system helpers may`,
      );
    }
  }
  return problems;
}

if (import.meta.main) {
  const problems = checkLayers("src");
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error(`${problems.length} layering problem(s)`);
    process.exit(1);
  }
  console.log("layers ok");
}
