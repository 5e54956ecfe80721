/**
 * Reports of a scenario run: JUnit XML (for GitLab, Jenkins, GitHub), JSON, and a summary for
 * people.
 * @module
 */
import type { RunResult, ScenarioResult, StepResult } from "./run_scenarios.ts";

/**
 * Escapes text for XML attribute values and character data; drops characters XML 1.0 forbids.
 * @example
 * ```ts
 * import { escapeXml } from "./reporters.ts";
 * escapeXml(`a<b & "c"`); // "a&lt;b &amp; &quot;c&quot;"
 * ```
 */
export function escapeXml(value: string): string {
  return value
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function failureText(step: StepResult): string {
  const e = step.error!;
  const lines = [e.message];
  if (e.expected !== undefined) lines.push(`expected: ${e.expected}`);
  if (e.actual !== undefined) lines.push(`actual: ${e.actual}`);
  return lines.join("\n");
}

function testcases(result: ScenarioResult): string[] {
  const out: string[] = [];
  const classname = escapeXml(result.name);
  if (result.status === "skipped") {
    out.push(`    <testcase classname="${classname}" name="${classname}" time="0.000">`);
    out.push(`      <skipped message="mock-only scenario against an external target"/>`);
    out.push(`    </testcase>`);
    return out;
  }
  for (const step of result.steps) {
    const open = `    <testcase classname="${classname}" name="${escapeXml(step.name)}" time="${
      seconds(step.durationMs)
    }"`;
    if (step.status === "passed") {
      out.push(`${open}/>`);
      continue;
    }
    out.push(`${open}>`);
    out.push(
      `      <failure message="${escapeXml(step.error!.message)}" type="${
        escapeXml(step.error!.type)
      }">${escapeXml(failureText(step))}</failure>`,
    );
    out.push(`    </testcase>`);
  }
  return out;
}

function counts(results: readonly ScenarioResult[]) {
  let tests = 0, failures = 0, skipped = 0, time = 0;
  for (const r of results) {
    time += r.durationMs;
    if (r.status === "skipped") {
      tests++;
      skipped++;
      continue;
    }
    tests += r.steps.length;
    failures += r.steps.filter((s) => s.status === "failed").length;
  }
  return { tests, failures, skipped, time };
}

/**
 * The run as JUnit XML: one `<testsuite>` per scenario, one `<testcase>` per step (a failure
 * outside any step is the step `(scenario)`), `<failure>` with what was expected and what arrived.
 * @example
 * ```ts
 * import { junitXml } from "./reporters.ts";
 * junitXml({ mode: "memory", scenarios: [], passed: 0, failed: 0, skipped: 0 }).startsWith("<?xml"); // true
 * ```
 */
export function junitXml(run: RunResult, suiteName = "dicomsim"): string {
  const total = counts(run.scenarios);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${
      escapeXml(suiteName)
    }" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}" time="${
      seconds(total.time)
    }">`,
  ];
  for (const result of run.scenarios) {
    const c = counts([result]);
    lines.push(
      `  <testsuite name="${
        escapeXml(result.name)
      }" tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}" time="${
        seconds(c.time)
      }">`,
    );
    const captured = Object.entries(result.captures);
    if (captured.length > 0) {
      lines.push(`    <properties>`);
      for (const [name, value] of captured) {
        lines.push(
          `      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`,
        );
      }
      lines.push(`    </properties>`);
    }
    lines.push(...testcases(result));
    lines.push(`  </testsuite>`);
  }
  lines.push(`</testsuites>`);
  return lines.join("\n") + "\n";
}

/**
 * The run as JSON text (the {@link RunResult} object, indented).
 * @example
 * ```ts
 * import { jsonReport } from "./reporters.ts";
 * JSON.parse(jsonReport({ mode: "memory", scenarios: [], passed: 0, failed: 0, skipped: 0 })).failed; // 0
 * ```
 */
export function jsonReport(run: RunResult): string {
  return JSON.stringify(run, null, 2) + "\n";
}

/**
 * One line per scenario (and per failed step, with expected and actual), then the counts.
 * @example
 * ```ts
 * import { formatRunSummary } from "./reporters.ts";
 * formatRunSummary({ mode: "memory", scenarios: [], passed: 0, failed: 0, skipped: 0 });
 * // "0 passed, 0 failed, 0 skipped"
 * ```
 */
export function formatRunSummary(run: RunResult): string {
  const lines: string[] = [];
  for (const r of run.scenarios) lines.push(...formatScenarioResult(r));
  lines.push(`${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`);
  return lines.join("\n");
}

/**
 * The lines of one scenario's result.
 * @example
 * ```ts
 * import { formatScenarioResult } from "./reporters.ts";
 * formatScenarioResult({ name: "x", status: "passed", durationMs: 1, steps: [], captures: {} });
 * // ["PASS x (1 ms)"]
 * ```
 */
export function formatScenarioResult(r: ScenarioResult): string[] {
  const word = r.status === "passed" ? "PASS" : r.status === "failed" ? "FAIL" : "SKIP";
  const lines = [`${word} ${r.name} (${Math.round(r.durationMs)} ms)`];
  for (const step of r.steps) {
    if (step.status !== "failed") continue;
    lines.push(`  step "${step.name}": ${step.error!.message}`);
  }
  return lines;
}
