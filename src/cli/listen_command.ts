/**
 * `dicomsim listen PORT --out DIR [--aet AET] [--host 127.0.0.1]`: a storage SCP like storescp.
 * @module
 */
import { mkdirSync } from "node:fs";
import { uidName } from "../core/uid_registry.ts";
import { listenAssociations } from "../net/association/accept_association.ts";
import { createFsInstanceStore } from "../services/instance_store_fs.ts";
import { discardInstanceStore, storageScp } from "../services/storage_scp.ts";
import type { Command } from "./command.ts";
import { NETWORK_OPTIONS, NETWORK_OPTIONS_HELP, networkSetup } from "./network_options.ts";
import { untilSignal } from "./_until_signal.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim listen PORT --out DIR [options]

A storage SCP (like storescp): accepts every storage SOP class in the uncompressed and common
compressed transfer syntaxes (and Verification), writes each received instance into DIR as a
Part 10 file named by its SOP Instance UID (sanitised) + .dcm, and answers each C-STORE only
once the file is on disk (written to a temporary name, fsynced, renamed). Prints one line per
instance. Runs until SIGINT/SIGTERM (or --exit-after). PORT 0 picks a free port (printed).

Options:
  --out DIR              where to write received files (created if missing)
  --host HOST            address to listen on (default 127.0.0.1)
  --accept-any-aec       accept any called AE title (default: only --aet)
  --ignore               receive instances but do not write them (like storescp --ignore)
  --no-sync              do not fsync (faster; an acknowledged file may be lost in a crash)
  --window N             asynchronous operations window to agree to (default 1)
  --max-associations N   at most N associations at once (more are rejected)
  --exit-after N         stop after N associations have ended
  -q, --quiet            no line per instance
${NETWORK_OPTIONS_HELP}
(--aec is not used by listen.)

Exit status: 0 stopped normally, 1 could not listen or write, 2 bad usage.`;

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(`--${name} takes a positive whole number, got ${value}`);
  }
  return n;
}

/** The `listen` command. */
export const listenCommand: Command = {
  name: "listen",
  summary: "receive DICOM instances with C-STORE into a folder (like storescp)",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      ...NETWORK_OPTIONS,
      out: { type: "string" },
      host: { type: "string" },
      "accept-any-aec": { type: "boolean" },
      ignore: { type: "boolean" },
      "no-sync": { type: "boolean" },
      window: { type: "string" },
      "max-associations": { type: "string" },
      "exit-after": { type: "string" },
      quiet: { type: "boolean", short: "q" },
    });
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("listen needs exactly one PORT");
    const port = Number(positionals[0]);
    if (!/^\d{1,5}$/.test(positionals[0]) || port > 65535) {
      throw new UsageError(`Expected a port number, got ${JSON.stringify(positionals[0])}`);
    }
    if (values.out === undefined && !values.ignore) throw new UsageError("listen needs --out DIR");
    const window = positiveInt(values.window, "window") ?? 1;
    const maxAssociations = positiveInt(values["max-associations"], "max-associations");
    const exitAfter = positiveInt(values["exit-after"], "exit-after");
    const setup = networkSetup(values, io);
    const host = values.host ?? "127.0.0.1";
    let store;
    if (values.ignore) store = discardInstanceStore();
    else {
      try {
        mkdirSync(values.out!, { recursive: true });
      } catch (error) {
        io.err(`E: cannot create ${values.out}: ${(error as Error).message}`);
        return 1;
      }
      store = createFsInstanceStore(values.out!, { sync: !values["no-sync"] });
    }
    const quiet = values.quiet === true;
    let ended = 0;
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => stop = resolve);
    const countEnd = () => {
      ended++;
      if (exitAfter !== undefined && ended >= exitAfter) stop();
    };
    const scp = storageScp({
      store,
      onStored: (e) => {
        if (quiet) return;
        const peer = e.instance.callingAeTitle;
        io.out(
          `Stored ${e.location} (${uidName(e.instance.sopClassUid)}, ${e.bytes} bytes, ${
            uidName(e.instance.transferSyntaxUid)
          }) from ${peer}`,
        );
      },
      onFailed: (e) => {
        io.err(
          `E: ${
            e.instance.sopInstanceUid || "(no SOP Instance UID)"
          } from ${e.instance.callingAeTitle}: status 0x${
            e.status.toString(16).toUpperCase().padStart(4, "0")
          } ${e.errorComment ?? ""}`,
        );
      },
    });
    let server;
    try {
      server = await listenAssociations({
        aeTitle: setup.callingAeTitle,
        acceptAnyCalledAeTitle: values["accept-any-aec"] === true,
        maxPduLength: setup.maxPduLength,
        timeouts: setup.timeouts,
        asyncOperationsWindow: { maxOperationsInvoked: window, maxOperationsPerformed: 1 },
        maxAssociations,
        onEvent: setup.observe,
        listen: { host, port },
        ...scp,
        onAssociation: (association) => {
          association.closed.then(countEnd);
        },
        onFailure: (error) => {
          io.err(`E: association failed: ${(error as Error).message ?? error}`);
          countEnd();
        },
      });
    } catch (error) {
      io.err(`E: cannot listen on ${host}:${port}: ${(error as Error).message}`);
      return 1;
    }
    io.out(`Listening on ${server.address} as ${setup.callingAeTitle}`);
    try {
      await untilSignal(stopped);
    } finally {
      await server.close();
    }
    return 0;
  },
};
