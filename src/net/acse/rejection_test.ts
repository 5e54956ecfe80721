import assert from "node:assert/strict";
import { CONTEXT_RESULT } from "./context_result.ts";
import {
  describeRejection,
  REJECT_REASON,
  REJECT_RESULT,
  REJECT_SOURCE,
  REJECTIONS,
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
  assert.equal(REJECT_RESULT.transient, 2);
  assert.equal(REJECT_SOURCE.serviceProviderPresentation, 3);
  assert.equal(REJECT_REASON.serviceProviderAcse.protocolVersionNotSupported, 2);
  assert.deepEqual(Object.values(CONTEXT_RESULT), [0, 1, 2, 3, 4]);
});

Deno.test("describeRejection names every rejection in one line", () => {
  const expected: [keyof typeof REJECTIONS, string][] = [
    ["noReasonGiven", "rejected-permanent, service-user: no-reason-given"],
    [
      "applicationContextNameNotSupported",
      "rejected-permanent, service-user: application-context-name-not-supported",
    ],
    [
      "callingAeTitleNotRecognized",
      "rejected-permanent, service-user: calling-AE-title-not-recognized",
    ],
    [
      "calledAeTitleNotRecognized",
      "rejected-permanent, service-user: called-AE-title-not-recognized",
    ],
    [
      "protocolVersionNotSupported",
      "rejected-permanent, service-provider-acse: protocol-version-not-supported",
    ],
    [
      "temporaryCongestion",
      "rejected-transient, service-provider-presentation: temporary-congestion",
    ],
    [
      "localLimitExceeded",
      "rejected-transient, service-provider-presentation: local-limit-exceeded",
    ],
  ];
  for (const [key, text] of expected) assert.equal(describeRejection(REJECTIONS[key]), text);
  assert.equal(
    describeRejection({ result: 1, source: 1, reason: 5 }),
    "rejected-permanent, service-user: reserved",
  );
});
