// Runs every benchmark and prints one table. Each row is measured side by side with its floor
// (and, where one exists, @azure/identity) in the same process run; ratios are what count.

import { formatRate } from "./measure.mjs";
import { benchWarmGetTokenCore } from "./warm-get-token-core.mjs";

const rows = await benchWarmGetTokenCore();
console.log("warm getToken (core base) vs async Map lookup");
for (const row of rows) {
  console.log(
    `  ${row.name.padEnd(45)} ${row.formatted.padStart(10)}  (min ${formatRate(row.min)}, max ${formatRate(row.max)})  ${row.ratioToFloor.toFixed(2)}x floor`,
  );
}
