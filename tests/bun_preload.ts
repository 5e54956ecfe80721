/**
 * Bun preload that maps `Deno.test` onto `bun:test`, so the same `*_test.ts` files run on Deno
 * and on Bun: `bun test --preload ./tests/bun_preload.ts src/`.
 * @module
 */
// @ts-ignore: bun:test exists only under Bun; Deno never loads this file.
import { test } from "bun:test";

type TestFn = () => void | Promise<void>;
interface TestDefinition {
  name: string;
  fn: TestFn;
  ignore?: boolean;
}

function denoTest(nameOrDef: string | TestDefinition, fn?: TestFn): void {
  const def: TestDefinition = typeof nameOrDef === "string"
    ? { name: nameOrDef, fn: fn! }
    : nameOrDef;
  if (def.ignore) test.skip(def.name, def.fn);
  else test(def.name, def.fn, 120_000);
}

const g = globalThis as unknown as { Deno?: { test: typeof denoTest } };
if (g.Deno === undefined) g.Deno = { test: denoTest };
