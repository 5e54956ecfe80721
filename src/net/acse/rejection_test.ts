import assert from "node:assert/strict";
import { contextResultName } from "./context_result.ts";
import {
  describeRejection,
  REJECT_REASON,
  REJECTIONS,
  rejectReasonName,
  rejectResultName,
  rejectSourceName,
} from "./rejection.ts";

Deno.test("REJECTIONS carry PS3.8 Table 9-21 values", () => {
  assert.deepEqual(REJECTIONS.calledAeTitleNotRecognized, { result: 1, source: 1, reason: 7 });
  assert.deepEqual(REJECTIONS.callingAeTitleNotRecognized, { result: 1, source: 1, reason: 3 });
  assert.deepEqual(REJECTIONS.applicationContextNameNotSupported, {
    result: 1,
    source: 1,
    reason: 2,
  });
  assert.deepEqual(REJECTIONS.noReasonGiven, { result: 1, source: 1, reason: 1 });
  assert.deepEqual(REJECTIONS.protocolVersionNotSupported, { result: 1, source: 2, reason: 2 });
  assert.deepEqual(REJECTIONS.temporaryCongestion, { result: 2, source: 3, reason: 1 });
  assert.deepEqual(REJECTIONS.localLimitExceeded, { result: 2, source: 3, reason: 2 });
  assert.equal(REJECT_REASON.serviceProviderAcse.protocolVersionNotSupported, 2);
});

Deno.test("every result, source and reason has a name", () => {
  const table: [number, number, string][] = [
    [1, 1, "no-reason-given"],
    [1, 2, "application-context-name-not-supported"],
    [1, 3, "calling-AE-title-not-recognized"],
    [1, 4, "reserved (4)"],
    [1, 7, "called-AE-title-not-recognized"],
    [1, 10, "reserved (10)"],
    [1, 11, "unknown reason 11"],
    [2, 1, "no-reason-given"],
    [2, 2, "protocol-version-not-supported"],
    [2, 3, "unknown reason 3"],
    [3, 0, "reserved (0)"],
    [3, 1, "temporary-congestion"],
    [3, 2, "local-limit-exceeded"],
    [3, 7, "reserved (7)"],
    [4, 1, "unknown reason 1"],
  ];
  for (const [source, reason, name] of table) {
    assert.equal(rejectReasonName(source, reason), name, `${source}/${reason}`);
  }
  assert.equal(rejectResultName(1), "rejected-permanent");
  assert.equal(rejectResultName(2), "rejected-transient");
  assert.equal(rejectResultName(0), "unknown result 0");
  assert.equal(rejectSourceName(1), "DICOM UL service-user");
  assert.equal(rejectSourceName(2), "DICOM UL service-provider (ACSE related function)");
  assert.equal(rejectSourceName(3), "DICOM UL service-provider (presentation related function)");
  assert.equal(rejectSourceName(0), "unknown source 0");
});

Deno.test("describeRejection reads as one line", () => {
  assert.equal(
    describeRejection(REJECTIONS.localLimitExceeded),
    "rejected-transient by DICOM UL service-provider (presentation related function): " +
      "local-limit-exceeded",
  );
});

Deno.test("contextResultName names results 0-4", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(contextResultName), [
    "acceptance",
    "user-rejection",
    "no-reason (provider rejection)",
    "abstract-syntax-not-supported (provider rejection)",
    "transfer-syntaxes-not-supported (provider rejection)",
    "unknown result 5",
  ]);
});
