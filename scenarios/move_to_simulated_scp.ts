/**
 * Query/Retrieve SCP C-MOVE: a stored study, found by C-FIND (its Study Instance UID captured
 * from the response), is moved to a simulated storage SCP, which receives every instance; the
 * final response counts the completed sub-operations (PS3.4 C.4.2.1.6, C.4.2.3.1). Mock only: the
 * mock PACS learns the simulated SCP's address as a move destination.
 * @module
 */
import {
  CT_IMAGE_STORAGE,
  ctSeries,
  defineScenario,
  EXPLICIT_VR_LITTLE_ENDIAN,
  STUDY_ROOT_FIND,
  STUDY_ROOT_MOVE,
} from "../sim.ts";

const SLICES = 3;

/** The scenario. */
export default defineScenario({
  name: "move-to-simulated-scp",
  description: "C-MOVE sends every instance of a study to the destination (PS3.4 C.4.2)",
  mockOnly: true,
  steps: async (ctx) => {
    const destination = await ctx.startStorageScp({ aeTitle: "SIM-DEST" });
    const series = ctSeries({ slices: SLICES, matrix: 16, seed: "move" });
    const a = await ctx.step("associate", async () =>
      (await ctx.associate({
        callingAeTitle: "SIM-QR",
        contexts: [
          { abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: [EXPLICIT_VR_LITTLE_ENDIAN.uid] },
          { abstractSyntax: STUDY_ROOT_FIND },
          { abstractSyntax: STUDY_ROOT_MOVE },
        ],
      })).expectAccepted().expectContextAccepted(STUDY_ROOT_MOVE));
    await ctx.step("C-STORE the study", async () => {
      const files = Array.from({ length: SLICES }, (_, i) => series.file(i));
      (await a.store(files)).expectStatuses("Success");
    });
    await ctx.step("C-FIND it and capture its Study Instance UID", async () => {
      const found = await a.find([
        "PatientID=" + series.slice(0).getString("PatientID"),
        "StudyInstanceUID",
      ]);
      found.expectStatus("Success").expectMatches(1);
      ctx.capture("StudyInstanceUID", found.matches[0].getString("StudyInstanceUID"));
    });
    await ctx.step("C-MOVE it to SIM-DEST", async () => {
      (await a.move([`StudyInstanceUID=${ctx.vars.StudyInstanceUID}`], {
        destination: destination.aeTitle,
      })).expectStatus("Success").expectCompleted(SLICES);
    });
    await ctx.step("SIM-DEST received every instance", () => {
      destination.expectReceived(SLICES);
      ctx.expect(destination.received.has(series.sopInstanceUid(0)), "The first slice arrived");
    });
    await ctx.step("release", () => a.release());
  },
});
