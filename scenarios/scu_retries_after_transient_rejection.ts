/**
 * An SCU under test (e.g. a modality) facing a transient rejection: PS3.8 7.1.1.7 and Table 9-21
 * make result 2 "rejected-transient" (here source 3, reason 1: temporary congestion) an
 * invitation to try again later, unlike a permanent rejection. The scenario starts a simulated
 * PACS that rejects the first association this way, asks the system under test to store a study
 * to it, and expects the study to arrive: an SCU that gives up after one attempt fails here (and
 * should at least report the rejection). Needs a system under test to trigger
 * (`dicomsim run --sut-command ...`); skipped without one.
 * @module
 */
import { defineScenario } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "scu-retries-after-transient-rejection",
  description: "The SCU under test retries after A-ASSOCIATE-RJ 2/3/1 and stores its study",
  timeoutMs: 90_000,
  steps: async (ctx) => {
    const pacs = await ctx.startPacs({
      aeTitle: "SIM-PACS",
      acceptAnyCalledAeTitle: true,
      faults: [{ type: "reject", nth: 1, result: 2, source: 3, reason: 1 }],
    });
    await ctx.step(
      "ask the SCU under test to store a study to SIM-PACS",
      () => ctx.triggerSut("store", { host: "127.0.0.1", port: pacs.port, aeTitle: "SIM-PACS" }),
    );
    await ctx.step(
      "the study arrived despite the first rejection",
      () =>
        ctx.waitFor(() => pacs.index.size > 0, {
          withinMs: 60_000,
          what: "Instances stored at SIM-PACS after a transient rejection",
          actual: () => `${pacs.index.size} instance(s) stored`,
        }),
    );
  },
});
