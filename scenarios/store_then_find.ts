/**
 * Storage then Query: a small CT series stored with C-STORE (PS3.4 B.2) is found by a Study Root
 * C-FIND at SERIES and IMAGE level with the right number of matches (PS3.4 C.4.1, C.2.2.2).
 * @module
 */
import {
  CT_IMAGE_STORAGE,
  ctSeries,
  defineScenario,
  EXPLICIT_VR_LITTLE_ENDIAN,
  STUDY_ROOT_FIND,
} from "../sim.ts";

const SLICES = 3;

/** The scenario. */
export default defineScenario({
  name: "store-then-find",
  description: "A stored 3-slice CT series is found by C-FIND with 3 images (PS3.4 C.4.1)",
  steps: async (ctx) => {
    // Deterministic on the in-process mock; fresh UIDs against a real target (no duplicates).
    const seed = ctx.mode === "memory"
      ? "store-then-find"
      : `store-then-find-${crypto.randomUUID()}`;
    const series = ctSeries({ slices: SLICES, matrix: 16, seed });
    ctx.capture("StudyInstanceUID", series.studyInstanceUid);
    const a = await ctx.step("associate", async () =>
      (await ctx.associate({
        callingAeTitle: "SIM-CT",
        contexts: [
          { abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: [EXPLICIT_VR_LITTLE_ENDIAN.uid] },
          { abstractSyntax: STUDY_ROOT_FIND },
        ],
      })).expectAccepted().expectContextAccepted(CT_IMAGE_STORAGE));
    await ctx.step(`C-STORE ${SLICES} slices`, async () => {
      const files = Array.from({ length: SLICES }, (_, i) => series.file(i));
      (await a.store(files)).expectStatuses("Success");
    });
    await ctx.step("C-FIND the series", async () => {
      const found = await a.find([
        `StudyInstanceUID=${series.studyInstanceUid}`,
        "SeriesInstanceUID",
        "NumberOfSeriesRelatedInstances",
      ], { level: "SERIES" });
      found.expectStatus(0x0000).expectMatches(1);
      ctx.expect(
        found.matches[0].getString("SeriesInstanceUID") === series.seriesInstanceUid,
        "The match is the stored series",
      );
    });
    await ctx.step("C-FIND its images", async () => {
      (await a.find([
        `StudyInstanceUID=${series.studyInstanceUid}`,
        `SeriesInstanceUID=${series.seriesInstanceUid}`,
        "SOPInstanceUID",
      ], { level: "IMAGE" })).expectStatus("Success").expectMatches(SLICES);
    });
    await ctx.step("release", () => a.release());
  },
});
