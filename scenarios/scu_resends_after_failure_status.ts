/**
 * An SCU under test (e.g. a modality) told that a C-STORE failed: 0xA700 "Refused: Out of
 * Resources" (PS3.4 B.2.3) is a failure the SCP may recover from, so a sending modality should
 * send that instance again later (and report it if it gives up). The scenario starts a simulated
 * PACS that refuses the first C-STORE this way, asks the system under test to store a study to
 * it, and expects the refused instance to be stored in the end. Needs a system under test to
 * trigger (`dicomsim run --sut-command ...`); skipped without one.
 * @module
 */
import { defineScenario } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "scu-resends-after-failure-status",
  description: "The SCU under test sends again the instance refused with 0xA700",
  timeoutMs: 90_000,
  steps: async (ctx) => {
    const pacs = await ctx.startPacs({
      aeTitle: "SIM-PACS",
      acceptAnyCalledAeTitle: true,
      faults: [{ type: "status", command: "C-STORE-RQ", nth: 1, status: 0xa700 }],
    });
    await ctx.step(
      "ask the SCU under test to store a study to SIM-PACS",
      () => ctx.triggerSut("store", { host: "127.0.0.1", port: pacs.port, aeTitle: "SIM-PACS" }),
    );
    const refused = () =>
      pacs.responses.find((r) => r.type === "C-STORE-RSP" && r.status === 0xa700);
    await ctx.step(
      "the first C-STORE was refused with 0xA700",
      () =>
        ctx.waitFor(() => refused() !== undefined, {
          withinMs: 30_000,
          what: "A C-STORE refused with 0xA700",
          actual: () => `${pacs.responses.length} response(s), none 0xA700`,
        }),
    );
    await ctx.step(
      "the refused instance was sent again and stored",
      () =>
        ctx.waitFor(() => pacs.index.has(refused()!.sopInstanceUid ?? ""), {
          withinMs: 30_000,
          what: `The refused instance ${refused()?.sopInstanceUid} stored`,
          actual: () => `${pacs.index.size} other instance(s) stored, not that one`,
        }),
    );
  },
});
