/**
 * `dicomsim pacs --port PORT --store DIR [--aet AET] [--host HOST] [--config FILE.json]
 * [--peer AET=HOST:PORT ...]`: the mock PACS node, until SIGINT/SIGTERM.
 * @module
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { uidName } from "../core/uid_registry.ts";
import {
  type PacsConfig,
  PacsConfigError,
  parsePacsConfig,
  parsePeerAddress,
} from "../sim/pacs/pacs_config.ts";
import { startPacs } from "../sim/pacs/pacs_node.ts";
import { createFsPacsStorage } from "../sim/pacs/pacs_storage_fs.ts";
import type { Command } from "./command.ts";
import { NETWORK_OPTIONS, NETWORK_OPTIONS_HELP, networkSetup } from "./network_options.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";
import { untilSignal } from "./_until_signal.ts";

const HELP = `Usage: dicomsim pacs --port PORT --store DIR [options]

A mock PACS: Storage (every storage SOP class; each instance durably written to DIR before it is
acknowledged), Query/Retrieve (Patient Root and Study Root C-FIND, C-MOVE, C-GET), Modality
Worklist, Storage Commitment, MPPS and Verification SCP. The index is rebuilt from DIR on start.
Runs until SIGINT/SIGTERM (requests in flight are finished first).

Options:
  --port PORT            TCP port (0 picks a free one, printed)
  --store DIR            the store folder (created if missing)
  --host HOST            address to listen on (default 127.0.0.1)
  --config FILE          JSON configuration, or a .ts/.js module exporting it (default
                         export or \`config\`); see src/sim/pacs/pacs_config.ts: aeTitle,
                         destinations, duplicates, worklist, storageCommitment, faults,
                         presets, transferSyntaxes, sopClasses (per SOP class: transfer
                         syntax order, C-GET role), getScpRole (accept|refuse|ignore),
                         queryMethod (relational|hierarchical|negotiated),
                         storeTransferSyntax (store every instance in one syntax, pixel data
                         transcoded)...; validated on start, errors name the bad field
  --peer AET=HOST:PORT   a C-MOVE destination (repeatable; adds to the config's destinations)
  --accept-any-aec       accept any called AE title
  --no-sync              do not fsync (faster; an acknowledged file may be lost in a crash)
  -q, --quiet            no line per stored instance
${NETWORK_OPTIONS_HELP}
(--aet overrides the config's aeTitle; --aec is not used.)

Exit status: 0 stopped normally, 1 bad configuration or could not listen, 2 bad usage.`;

/** The `pacs` command. */
export const pacsCommand: Command = {
  name: "pacs",
  summary: "run a mock PACS (storage, query/retrieve, worklist, commitment, MPPS, faults)",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      ...NETWORK_OPTIONS,
      port: { type: "string" },
      store: { type: "string" },
      host: { type: "string" },
      config: { type: "string" },
      peer: { type: "string", multiple: true },
      "accept-any-aec": { type: "boolean" },
      "no-sync": { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
    }, false);
    const { values } = parsed;
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (values.store === undefined) throw new UsageError("pacs needs --store DIR");
    let config: PacsConfig;
    try {
      let json: Record<string, unknown> = {};
      if (values.config !== undefined) {
        try {
          json = /\.(ts|js|mjs)$/.test(values.config)
            // A module exporting the configuration (default export, or `config`).
            ? await import(pathToFileURL(resolve(values.config)).href).then((m) =>
              m.default ?? m.config
            )
            : JSON.parse(readFileSync(values.config, "utf8"));
        } catch (error) {
          io.err(`E: cannot read ${values.config}: ${(error as Error).message}`);
          return 1;
        }
      }
      config = parsePacsConfig(json);
      const destinations = { ...config.destinations };
      for (const peer of values.peer ?? []) {
        const eq = peer.indexOf("=");
        if (eq < 1) throw new UsageError(`--peer takes AET=HOST:PORT, got ${peer}`);
        destinations[peer.slice(0, eq)] = parsePeerAddress(peer.slice(eq + 1), `--peer ${peer}`);
      }
      let port = config.port;
      if (values.port !== undefined) {
        port = Number(values.port);
        if (!/^\d{1,5}$/.test(values.port) || port > 65535) {
          throw new UsageError(`Expected a port number, got ${JSON.stringify(values.port)}`);
        }
      }
      config = {
        ...config,
        destinations,
        port,
        aeTitle: values.aet ?? config.aeTitle,
        host: values.host ?? config.host,
        acceptAnyCalledAeTitle: values["accept-any-aec"] === true || config.acceptAnyCalledAeTitle,
      };
    } catch (error) {
      if (error instanceof PacsConfigError) {
        io.err(`E: ${error.message}`);
        return 1;
      }
      throw error;
    }
    const setup = networkSetup(values, io);
    const quiet = values.quiet === true;
    let pacs;
    try {
      pacs = await startPacs(
        { ...config, maxPduLength: setup.maxPduLength ?? config.maxPduLength },
        {
          storage: createFsPacsStorage(values.store, { sync: !values["no-sync"] }),
          accept: { timeouts: setup.timeouts, onEvent: setup.observe },
          log: (line) => io.err(`W: ${line}`),
          onStored: (e) => {
            if (!quiet) {
              io.out(
                `Stored ${e.location} (${
                  uidName(e.instance.sopClassUid)
                }) from ${e.instance.callingAeTitle}`,
              );
            }
          },
          onFailed: (e) =>
            io.err(
              `E: ${e.instance.sopInstanceUid} from ${e.instance.callingAeTitle}: status 0x${
                e.status.toString(16).toUpperCase().padStart(4, "0")
              } ${e.errorComment ?? ""}`,
            ),
        },
      );
    } catch (error) {
      io.err(
        error instanceof PacsConfigError
          ? `E: ${error.message}`
          : `E: cannot start the PACS on ${config.host}:${config.port}: ${
            (error as Error).message
          }`,
      );
      return 1;
    }
    io.out(
      `PACS ${config.aeTitle} listening on ${config.host}:${pacs.port} (${pacs.index.size} instances indexed)`,
    );
    try {
      await untilSignal();
    } finally {
      await pacs.close();
    }
    return 0;
  },
};
