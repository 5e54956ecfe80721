/**
 * Modality Performed Procedure Step (PS3.4 F.7): N-CREATE of an MPPS IN PROGRESS is answered
 * Success with the SOP instance created (PS3.4 F.7.2.1); N-SET to COMPLETED is answered Success
 * (F.7.2.2); once COMPLETED the step may not be changed any more, so a further N-SET fails
 * (PS3.4 F.7.2.2.2: processing failure 0x0110). Mock only: DCMTK's dcmqrscp has no MPPS SCP.
 * @module
 */
import { defineScenario } from "../sim.ts";

/** Modality Performed Procedure Step SOP Class (PS3.4 F.7.3). */
const MPPS = "1.2.840.10008.3.1.2.3.3";
const MPPS_UID = "2.25.195468146392519716389925453003151745851";

/** The scenario. */
export default defineScenario({
  name: "mpps-create-set-complete",
  description: "MPPS N-CREATE, N-SET COMPLETED, then N-SET refused (PS3.4 F.7.2)",
  mockOnly: true,
  steps: async (ctx) => {
    const a = await ctx.step("associate", async () =>
      (await ctx.associate({
        callingAeTitle: "SIM-CT",
        contexts: [{ abstractSyntax: MPPS }],
      })).expectAccepted().expectContextAccepted(MPPS));
    await ctx.step("N-CREATE IN PROGRESS", async () => {
      const created = (await a.nCreate({
        sopClassUid: MPPS,
        sopInstanceUid: MPPS_UID,
        attributes: [
          "PerformedProcedureStepStatus=IN PROGRESS",
          "PerformedProcedureStepID=PPS1",
          "Modality=CT",
          "PatientID=SIM1",
        ],
      })).expectStatus("Success");
      ctx.capture("mpps", created.sopInstanceUid);
    });
    await ctx.step("N-SET COMPLETED", async () => {
      (await a.nSet({
        sopClassUid: MPPS,
        sopInstanceUid: MPPS_UID,
        modifications: ["PerformedProcedureStepStatus=COMPLETED"],
      })).expectStatus("Success");
    });
    await ctx.step("N-SET after COMPLETED fails 0x0110", async () => {
      (await a.nSet({
        sopClassUid: MPPS,
        sopInstanceUid: MPPS_UID,
        modifications: ["PerformedProcedureStepStatus=DISCONTINUED"],
      })).expectStatus(0x0110);
    });
    await ctx.step("release", () => a.release());
  },
});
