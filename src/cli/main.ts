/**
 * The `dicomsim` command line: `deno task dicomsim <command> [...]`.
 * @module
 */
import process from "node:process";
import type { Command, CommandIo } from "./command.ts";
import { UsageError } from "./usage_error.ts";

/** A command as the CLI lists it; its module is loaded only when it runs (fast start-up). */
export interface CommandEntry {
  /** The command's name. */
  readonly name: string;
  /** One line for `--help`. */
  readonly summary: string;
  /** Loads the command. */
  readonly load: () => Promise<Command>;
}

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "demo",
    summary: "a mock PACS and a simulated CT scanner exchanging a series, with a trace",
    load: async () => (await import("./demo_command.ts")).demoCommand,
  },
  {
    name: "dump",
    summary: "print DICOM files as text (like dcmdump) or DICOM JSON",
    load: async () => (await import("./dump_command.ts")).dumpCommand,
  },
  {
    name: "convert",
    summary: "rewrite a DICOM file in another transfer syntax",
    load: async () => (await import("./convert_command.ts")).convertCommand,
  },
  {
    name: "decode",
    summary: "decompress a file's pixel data into Explicit VR Little Endian",
    load: async () => (await import("./decode_command.ts")).decodeCommand,
  },
  {
    name: "render",
    summary: "write a PNG of an image (window/preset) or an MPR sheet of a series",
    load: async () => (await import("./render_command.ts")).renderCommand,
  },
  {
    name: "echo",
    summary: "check a DICOM peer with C-ECHO (like echoscu)",
    load: async () => (await import("./echo_command.ts")).echoCommand,
  },
  {
    name: "store",
    summary: "send DICOM files and folders with C-STORE (like storescu)",
    load: async () => (await import("./store_command.ts")).storeCommand,
  },
  {
    name: "listen",
    summary: "receive DICOM instances with C-STORE into a folder (like storescp)",
    load: async () => (await import("./listen_command.ts")).listenCommand,
  },
  {
    name: "find",
    summary: "query a peer with C-FIND (like findscu)",
    load: async () => (await import("./find_command.ts")).findCommand,
  },
  {
    name: "move",
    summary: "retrieve with C-MOVE to a destination AE (like movescu)",
    load: async () => (await import("./move_command.ts")).moveCommand,
  },
  {
    name: "get",
    summary: "retrieve with C-GET into a folder (like getscu)",
    load: async () => (await import("./get_command.ts")).getCommand,
  },
  {
    name: "pacs",
    summary: "run a mock PACS (storage, query/retrieve, worklist, commitment, MPPS, faults)",
    load: async () => (await import("./pacs_command.ts")).pacsCommand,
  },
  {
    name: "trace",
    summary: "show, export (pcapng), import, extract, diff, replay or serve a JSON Lines trace",
    load: async () => (await import("./trace_command.ts")).traceCommand,
  },
  {
    name: "proxy",
    summary: "a recording DICOM proxy between an SCU and an SCP, with optional faults",
    load: async () => (await import("./proxy_command.ts")).proxyCommand,
  },
  {
    name: "generate",
    summary:
      "write a deterministic simulated series (ct, mr, sc, cr, dx, us, template) to a folder",
    load: async () => (await import("./generate_command.ts")).generateCommand,
  },
  {
    name: "modality",
    summary: "simulate a modality (ct, mr, cr, dx, us, sc, template DIR) sending a series",
    load: async () => (await import("./scanner_command.ts")).modalityCommand,
  },
  {
    name: "scanner",
    summary: "simulate a scanner sending a generated series (C-STORE); see also modality",
    load: async () => (await import("./scanner_command.ts")).scannerCommand,
  },
  {
    name: "run",
    summary: "run scenarios against a target or the mock PACS (JUnit XML, TAP, JSON)",
    load: async () => (await import("./scenario_command.ts")).runCommand,
  },
  {
    name: "scenario",
    summary: "run scenarios against a target or the mock PACS (same as run)",
    load: async () => (await import("./scenario_command.ts")).scenarioCommand,
  },
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: dicomsim <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `dicomsim <command> --help` for a command's options.",
  ].join("\n");
}

/**
 * Runs the CLI with arguments (without the program name); resolves to the exit code.
 * @example
 * ```ts
 * import { runCli } from "./main.ts";
 * await runCli(["--help"], { out: console.log, err: console.error }); // 0
 * ```
 */
export async function runCli(args: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.err : io.out)(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry === undefined) {
    io.err(`Unknown command: ${name}\n\n${mainHelp()}`);
    return 2;
  }
  const command = await entry.load();
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${command.help}`);
      return 2;
    }
    io.err(`E: ${(error as Error).stack ?? error}`);
    return 1;
  }
}

if (import.meta.main) {
  // A closed pipe (`dicomsim trace show FILE | head`) ends the output quietly.
  process.stdout.on("error", (error: { code?: string }) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  });
  const code = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
    err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
  });
  process.exitCode = code;
}
