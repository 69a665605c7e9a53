// The targets, each judged from one run's measurements. Every target is a ratio or a
// count measured side by side in that run; `headroom` is the measured value relative to the
// target, oriented so that 1 or more passes (the chart draws it).

const passes = (headroom) => headroom >= 1;

/** One judged target. */
function judged(row, label, target, measured, headroom, exact) {
  const pass = exact ?? passes(headroom);
  return { row, label, target, measured, headroom, result: pass ? "PASS" : "MISS" };
}

/** Judges every target; `results` is what run-all collected. */
export function judgeTargets(results) {
  const out = [];
  const { authCode, core, coldStart, install, sharedCache } = results;

  const rate = (name) => authCode.rates.find((r) => r.name === name).median;
  const floor = rate("floor: async Map lookup");
  const entrakit = rate("entrakit");
  const azure = rate("@azure/identity");
  out.push(
    judged(
      "1",
      "auth-code warm getToken ÷ async Map floor ≥ 1/3",
      "AuthorizationCodeCredential warm getToken ≥ 1/3 of the async Map floor's rate",
      `${(entrakit / floor).toFixed(2)}x the floor`,
      entrakit / floor / (1 / 3),
    ),
    judged(
      "1",
      "auth-code warm getToken ÷ @azure/identity ≥ 100",
      "AuthorizationCodeCredential warm getToken ≥ 100x @azure/identity's rate",
      `${(entrakit / azure).toFixed(0)}x @azure/identity`,
      entrakit / azure / 100,
    ),
  );
  const coreRate = core.find((r) => r.name.includes("string scope")).median;
  out.push(
    judged(
      "1",
      "core base warm getToken ÷ floor ≥ 1/3",
      "core get-token base warm getToken ≥ 1/3 of the floor's rate",
      `${(coreRate / core[0].median).toFixed(2)}x the floor`,
      coreRate / core[0].median / (1 / 3),
    ),
  );

  const burst = authCode.bursts.find((b) => b.name === "entrakit");
  out.push(
    judged(
      "2",
      "1,000 first calls: 1 request, 1,000 tokens",
      "1,000 concurrent first calls: exactly 1 request, 1,000 successes",
      `${burst.codeRedemptions} request, ${burst.successes} successes`,
      undefined,
      burst.codeRedemptions === 1 && burst.successes === 1000,
    ),
  );

  const importOf = (specifier) => coldStart.find((c) => c.specifier === specifier).importMs.median;
  const authCodeImport = importOf("@entrakit/auth-code");
  const azureImport = importOf("@azure/identity");
  out.push(
    judged(
      "3",
      "import: @azure/identity ÷ @entrakit/auth-code > 1",
      "import of @entrakit/auth-code faster than @azure/identity's",
      `${authCodeImport.toFixed(0)} ms vs ${azureImport.toFixed(0)} ms (${(azureImport / authCodeImport).toFixed(2)}x faster)`,
      azureImport / authCodeImport,
      authCodeImport < azureImport,
    ),
  );

  const bytesOf = (name) => install.find((i) => i.name === name).diskBytes;
  const authCodeBytes = bytesOf("@entrakit/auth-code");
  const azureBytes = bytesOf("@azure/identity");
  out.push(
    judged(
      "4",
      "install: @azure/identity ÷ @entrakit/auth-code > 2",
      "install of @entrakit/auth-code smaller than half of @azure/identity's",
      `${(authCodeBytes / azureBytes).toFixed(2)} of @azure/identity's bytes on disk`,
      azureBytes / authCodeBytes / 2,
      authCodeBytes < azureBytes / 2,
    ),
  );

  const largest = sharedCache.find((r) => r.accounts === 2000);
  out.push(
    judged(
      "5",
      "shared cache warm, 2,000 accounts: 20 µs ÷ measured",
      "SharedTokenCacheCredential warm getToken with 2,000 accounts under 20 µs",
      `${largest.warmMicros.toFixed(2)} µs`,
      20 / largest.warmMicros,
      largest.warmMicros < 20,
    ),
  );
  for (const row of sharedCache) {
    const accounts = `${row.accounts.toLocaleString("en-US")} account${row.accounts === 1 ? "" : "s"}`;
    out.push(
      judged(
        "5",
        `shared cache cold, ${accounts}: 1.5 ÷ (cold ÷ read+parse)`,
        `SharedTokenCacheCredential cold getToken (${accounts}) under 1.5x reading + parsing the file once`,
        `${row.coldToReadParse.toFixed(2)}x read + parse`,
        1.5 / row.coldToReadParse,
        row.coldToReadParse < 1.5,
      ),
    );
  }
  return out;
}
