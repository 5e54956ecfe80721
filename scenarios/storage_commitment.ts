/**
 * Storage Commitment Push Model (PS3.4 J): after two instances are stored, an N-ACTION-RQ
 * (Action Type ID 1, Request Storage Commitment, PS3.4 J.3.2) naming them and a third never
 * stored is answered Success, and the SCP reports on the same association with an
 * N-EVENT-REPORT-RQ of Event Type ID 2 (some failed, PS3.4 J.3.3): the two stored instances in
 * the Referenced SOP Sequence, the third in the Failed SOP Sequence with reason 0x0112 (no such
 * object instance). Mock only: DCMTK's dcmqrscp has no Storage Commitment SCP.
 * @module
 */
import { CT_IMAGE_STORAGE, ctSeries, defineScenario, EXPLICIT_VR_LITTLE_ENDIAN } from "../sim.ts";

/** Storage Commitment Push Model SOP Class and its well-known instance (PS3.4 J.3.5). */
const STORAGE_COMMITMENT = "1.2.840.10008.1.20.1";
const STORAGE_COMMITMENT_INSTANCE = "1.2.840.10008.1.20.1.1";
const TRANSACTION_UID = "2.25.81470310942553316284046014312316557113";

/** The scenario. */
export default defineScenario({
  name: "storage-commitment-report",
  description: "N-ACTION then N-EVENT-REPORT: 2 committed, 1 failed (PS3.4 J.3)",
  mockOnly: true,
  steps: async (ctx) => {
    const series = ctSeries({ slices: 3, matrix: 16, seed: "commitment" });
    const a = await ctx.step("associate", async () =>
      (await ctx.associate({
        callingAeTitle: "SIM-CT",
        contexts: [
          { abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: [EXPLICIT_VR_LITTLE_ENDIAN.uid] },
          { abstractSyntax: STORAGE_COMMITMENT },
        ],
      })).expectAccepted().expectContextAccepted(STORAGE_COMMITMENT));
    await ctx.step("C-STORE slices 1 and 2", async () => {
      (await a.store([series.file(0), series.file(1)])).expectStatuses("Success");
    });
    await ctx.step("N-ACTION: commit slices 1, 2 and 3", async () => {
      const refs = [0, 1, 2].flatMap((i) => [
        `ReferencedSOPSequence[${i}].ReferencedSOPClassUID=${CT_IMAGE_STORAGE}`,
        `ReferencedSOPSequence[${i}].ReferencedSOPInstanceUID=${series.sopInstanceUid(i)}`,
      ]);
      (await a.nAction({
        sopClassUid: STORAGE_COMMITMENT,
        sopInstanceUid: STORAGE_COMMITMENT_INSTANCE,
        actionTypeId: 1,
        actionInformation: [`TransactionUID=${TRANSACTION_UID}`, ...refs],
      })).expectStatus("Success");
    });
    await ctx.step("N-EVENT-REPORT: 2 committed, slice 3 failed with 0x0112", async () => {
      const { report } = await ctx.within(10_000, { report: a.nextEventReport() });
      ctx.expect(report.eventTypeId === 2, `Event Type ID 2 (got ${report.eventTypeId})`);
      const info = report.dataSet;
      ctx.expect(
        info?.getString("TransactionUID")?.trim() === TRANSACTION_UID,
        "Same Transaction UID",
      );
      const committed = info?.getItems("ReferencedSOPSequence") ?? [];
      const failed = info?.getItems("FailedSOPSequence") ?? [];
      ctx.expect(committed.length === 2, `2 committed (got ${committed.length})`);
      ctx.expect(failed.length === 1, `1 failed (got ${failed.length})`);
      ctx.expect(
        failed[0]?.getString("ReferencedSOPInstanceUID")?.trim() === series.sopInstanceUid(2) &&
          failed[0]?.getNumber("FailureReason") === 0x0112,
        "Slice 3 failed with reason 0x0112",
      );
    });
    await ctx.step("release", () => a.release());
  },
});
