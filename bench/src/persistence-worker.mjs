// One of the processes of the contention benchmark: loads its plugin, says "ready", waits for
// "go", then writes its own access token `writes` times through the plugin and reports.
import { createPlugin, tokenCacheStandIn, writeOnce } from "./token-cache-stand-in.mjs";

const [backend, directory, id, writes] = process.argv.slice(2);
const plugin = await createPlugin(backend, directory);
const cache = tokenCacheStandIn("{}");
process.send({ ready: true });
process.on("message", async () => {
  for (let n = 0; n < Number(writes); n++) {
    await writeOnce(plugin, cache, `bench-worker-${id}`, `${id}-${n}`);
  }
  process.send({ done: true }, () => process.exit(0));
});
