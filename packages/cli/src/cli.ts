#!/usr/bin/env node
// The `entrakit` bin: runs one command line against the real process. Ctrl+C (or SIGTERM) aborts
// the command, which cleans up (closes the loopback server, stops an embedded dev authority) and
// exits 130; a second Ctrl+C ends the process at once.
import { runCli } from "./index.js";

const controller = new AbortController();
const stop = () => controller.abort();
process.once("SIGINT", stop);
process.once("SIGTERM", stop);

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  },
  () => {
    process.exitCode = 1;
  },
);
