import assert from "node:assert/strict";
import fc from "fast-check";
import type { DimseService } from "./command_field.ts";
import { lookupStatus, STATUS_TABLE, statusCategory, statusName } from "./status.ts";

Deno.test("statusCategory classes the well-known codes", () => {
  const cases: [number, DimseService | undefined, string][] = [
    [0x0000, undefined, "Success"],
    [0x0000, "C-MOVE", "Success"],
    [0xff00, "C-FIND", "Pending"],
    [0xff01, "C-FIND", "Pending"],
    [0xff00, "C-GET", "Pending"],
    [0xfe00, "C-FIND", "Cancel"],
    [0xfe00, undefined, "Cancel"],
    [0xb000, "C-STORE", "Warning"],
    [0xb000, "C-MOVE", "Warning"],
    [0xb006, "C-STORE", "Warning"],
    [0xb007, "C-STORE", "Warning"],
    [0xb123, undefined, "Warning"],
    [0x0001, "N-GET", "Warning"],
    [0x0001, undefined, "Warning"],
    [0x0107, undefined, "Warning"],
    [0x0116, "N-SET", "Warning"],
    [0xa700, "C-STORE", "Failure"],
    [0xa7ff, "C-STORE", "Failure"],
    [0xa900, "C-FIND", "Failure"],
    [0xa9a9, "C-STORE", "Failure"],
    [0xc000, "C-STORE", "Failure"],
    [0xcfff, "C-FIND", "Failure"],
    [0xa701, "C-MOVE", "Failure"],
    [0xa702, "C-GET", "Failure"],
    [0xa801, "C-MOVE", "Failure"],
    [0x0105, "N-SET", "Failure"],
    [0x0111, "N-CREATE", "Failure"],
    [0x0112, "N-GET", "Failure"],
    [0x0122, "C-ECHO", "Failure"],
    [0x0124, "C-STORE", "Failure"],
    [0x0210, undefined, "Failure"],
    [0x0211, undefined, "Failure"],
    [0x0212, undefined, "Failure"],
    [0x0213, undefined, "Failure"],
    [0xd000, undefined, "Failure"],
  ];
  for (const [code, service, category] of cases) {
    assert.equal(statusCategory(code, service), category, `0x${code.toString(16)} ${service}`);
  }
});

Deno.test("statusName gives the service's own meaning first, else the general one", () => {
  assert.equal(statusName(0xa801, "C-MOVE"), "Refused: Move destination unknown");
  assert.equal(statusName(0xa7f0, "C-STORE"), "Refused: Out of resources");
  assert.equal(statusName(0xa900, "C-STORE"), "Error: Data Set does not match SOP Class");
  assert.equal(statusName(0xa900, "C-GET"), "Identifier does not match SOP Class");
  assert.equal(statusName(0xc001, "C-STORE"), "Error: Cannot understand");
  assert.equal(statusName(0xb000, "C-STORE"), "Coercion of Data Elements");
  assert.equal(
    statusName(0xb000, "C-GET"),
    "Sub-operations complete: one or more failures or warnings",
  );
  assert.equal(statusName(0xfe00, "C-FIND"), "Matching terminated due to Cancel request");
  assert.equal(statusName(0x0122, "C-STORE"), "Refused: SOP Class not supported");
  assert.equal(statusName(0x0000), "Success");
  assert.equal(statusName(0x0213), "Resource limitation");
  assert.equal(statusName(0x0107), "Attribute list error");
});

Deno.test("statusName without a service lists every service's meaning of a shared code", () => {
  assert.equal(
    statusName(0xb000),
    "Coercion of Data Elements (C-STORE); " +
      "Sub-operations complete: one or more failures or warnings (C-MOVE, C-GET)",
  );
  assert.equal(statusName(0xa801), "Refused: Move destination unknown");
});

Deno.test("statusName names unknown codes by their category", () => {
  assert.equal(statusName(0xd123), "Unknown failure status 0xD123");
  assert.equal(statusName(0xb555, "C-FIND"), "Unknown warning status 0xB555");
});

Deno.test("the status table is well formed and cites a section on every row", () => {
  for (const r of STATUS_TABLE) {
    assert.ok(r.from <= r.to && r.from >= 0 && r.to <= 0xffff);
    assert.match(r.section, /^PS3\.[47] [A-Z]/);
    assert.ok(r.name.length > 0);
  }
  // No two rows for the same service (or two general rows) overlap.
  const keys = new Set<string>();
  for (const r of STATUS_TABLE) {
    for (const s of r.services ?? ["*"]) {
      for (let c = r.from; c <= r.to; c++) {
        const key = `${s}:${c}`;
        assert.ok(!keys.has(key), `overlap at ${key}`);
        keys.add(key);
      }
    }
  }
});

Deno.test("statusCategory and statusName are total over all 16-bit codes", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffff }), (code) => {
      assert.ok(["Success", "Warning", "Failure", "Cancel", "Pending"].includes(
        statusCategory(code),
      ));
      assert.ok(statusName(code).length > 0);
      assert.ok(lookupStatus(code, "C-STORE").length <= 1);
    }),
  );
});
