import assert from "node:assert/strict";
import { lookupUid } from "../core/uid_registry.ts";
import {
  isQueryLevel,
  isQueryModelName,
  LEVEL_UNIQUE_KEYS,
  QUERY_LEVELS,
  QUERY_MODELS,
  queryModelOf,
} from "./query_models.ts";

Deno.test("every model's SOP classes are in the UID registry and map back to the model", () => {
  for (const model of Object.values(QUERY_MODELS)) {
    for (const operation of ["find", "move", "get"] as const) {
      const uid = model[operation];
      if (uid === undefined) continue;
      assert.ok(lookupUid(uid), `${uid} registered`);
      assert.deepEqual(queryModelOf(uid), { model, operation });
    }
  }
  assert.equal(queryModelOf("1.2.840.10008.1.1"), undefined);
});

Deno.test("levels: patient root has four, study root three, the worklist none", () => {
  assert.deepEqual(QUERY_MODELS.patient.levels, QUERY_LEVELS);
  assert.deepEqual(QUERY_MODELS.study.levels, ["STUDY", "SERIES", "IMAGE"]);
  assert.deepEqual(QUERY_MODELS.worklist.levels, []);
  assert.equal(QUERY_MODELS.worklist.move, undefined);
  assert.equal(LEVEL_UNIQUE_KEYS.IMAGE, 0x00080018);
  assert.ok(isQueryLevel("IMAGE") && !isQueryLevel("image"));
  assert.ok(isQueryModelName("worklist") && !isQueryModelName("toString"));
});
