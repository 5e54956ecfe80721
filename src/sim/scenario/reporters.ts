/**
 * Reports of a scenario run: JUnit XML (for GitLab, Jenkins, GitHub), JSON, and a summary for
 * people.
 * @module
 */
import type { RunResult, ScenarioResult, StepResult } from "./run_scenarios.ts";
import type { ScenarioCoverage } from "./scenario_trace.ts";

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

function failureText(step: StepResult, context?: readonly string[]): string {
  const e = step.error!;
  const lines = [e.message];
  if (e.expected !== undefined) lines.push(`expected: ${e.expected}`);
  if (e.actual !== undefined) lines.push(`actual: ${e.actual}`);
  if (context?.length) lines.push("last PDUs and messages:", ...context);
  return lines.join("\n");
}

function testcases(result: ScenarioResult): string[] {
  const out: string[] = [];
  const classname = escapeXml(result.name);
  if (result.status === "skipped") {
    out.push(`    <testcase classname="${classname}" name="${classname}" time="0.000">`);
    out.push(`      <skipped message="${escapeXml(result.skipReason ?? "skipped")}"/>`);
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
      }">${escapeXml(failureText(step, result.context))}</failure>`,
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
  // Traces go to their own files (--trace-dir); the report says how long each was.
  const scenarios = run.scenarios.map(({ trace, ...rest }) =>
    trace === undefined ? rest : { ...rest, traceRecords: trace.length }
  );
  return JSON.stringify({ ...run, scenarios, coverage: totalCoverage(run) }, null, 2) + "\n";
}

/**
 * The coverage of the whole run: state-table transitions and DIMSE statuses summed over the
 * scenarios, keys sorted.
 * @example
 * ```ts
 * import { totalCoverage } from "./reporters.ts";
 * totalCoverage({ mode: "memory", scenarios: [], passed: 0, failed: 0, skipped: 0 }).statuses; // {}
 * ```
 */
export function totalCoverage(run: RunResult): ScenarioCoverage {
  const transitions: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  for (const r of run.scenarios) {
    for (const [k, v] of Object.entries(r.coverage?.transitions ?? {})) {
      transitions[k] = (transitions[k] ?? 0) + v;
    }
    for (const [k, v] of Object.entries(r.coverage?.statuses ?? {})) {
      statuses[k] = (statuses[k] ?? 0) + v;
    }
  }
  const sorted = (o: Record<string, number>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
  return { transitions: sorted(transitions), statuses: sorted(statuses) };
}

/**
 * The coverage as text for people: how many distinct transitions and statuses, then each.
 * @example
 * ```ts
 * import { formatCoverage } from "./reporters.ts";
 * formatCoverage({ transitions: {}, statuses: {} }); // "0 state-table transitions, 0 DIMSE statuses"
 * ```
 */
export function formatCoverage(coverage: ScenarioCoverage): string {
  const t = Object.entries(coverage.transitions);
  const s = Object.entries(coverage.statuses);
  return [
    `${t.length} state-table transitions, ${s.length} DIMSE statuses`,
    ...t.map(([k, v]) => `  ${k} x${v}`),
    ...s.map(([k, v]) => `  ${k} x${v}`),
  ].join("\n");
}

/**
 * The run as TAP version 13 (one test point per scenario; failures with a YAML block).
 * @example
 * ```ts
 * import { tapReport } from "./reporters.ts";
 * tapReport({ mode: "memory", scenarios: [], passed: 0, failed: 0, skipped: 0 });
 * // "TAP version 13\n1..0\n"
 * ```
 */
export function tapReport(run: RunResult): string {
  const lines = ["TAP version 13", `1..${run.scenarios.length}`];
  run.scenarios.forEach((r, i) => {
    const name = r.name.replace(/#/g, "\\#");
    if (r.status === "skipped") {
      lines.push(`ok ${i + 1} - ${name} # SKIP ${r.skipReason ?? ""}`.trimEnd());
      return;
    }
    lines.push(`${r.status === "passed" ? "ok" : "not ok"} ${i + 1} - ${name}`);
    if (r.status === "failed" && r.error) {
      const failed = r.steps.find((s) => s.status === "failed");
      const yaml = (text: string) => JSON.stringify(text);
      lines.push("  ---");
      lines.push(`  message: ${yaml(r.error.message)}`);
      if (failed) lines.push(`  step: ${yaml(failed.name)}`);
      if (r.error.expected !== undefined) lines.push(`  expected: ${yaml(r.error.expected)}`);
      if (r.error.actual !== undefined) lines.push(`  actual: ${yaml(r.error.actual)}`);
      if (r.context?.length) {
        lines.push("  context:");
        for (const c of r.context) lines.push(`    - ${yaml(c)}`);
      }
      lines.push("  ...");
    }
  });
  return lines.join("\n") + "\n";
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
  const lines = [
    `${word} ${r.name} (${Math.round(r.durationMs)} ms)${r.skipReason ? `: ${r.skipReason}` : ""}`,
  ];
  for (const step of r.steps) {
    if (step.status !== "failed") continue;
    lines.push(`  step "${step.name}": ${step.error!.message}`);
    const e = step.error!;
    if (e.expected !== undefined) lines.push(`    expected: ${e.expected}`);
    if (e.actual !== undefined) lines.push(`    actual:   ${e.actual}`);
  }
  if (r.status === "failed" && r.context?.length) {
    lines.push("  last PDUs and messages:", ...r.context.map((c) => `  ${c}`));
  }
  return lines;
}
