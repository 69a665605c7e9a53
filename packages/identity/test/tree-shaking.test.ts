// Importing one credential through the meta package must cost what importing it from its own
// package costs: identity's re-exports must not drag the other packages into a bundle (they are
// `sideEffects: false` with a side-effect-free top level, so a bundler drops what is unused).
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

async function bundledSize(from: string): Promise<number> {
  const result = await build({
    stdin: {
      contents: `import { AuthorizationCodeCredential } from "${from}";\nconsole.log(AuthorizationCodeCredential);\n`,
      resolveDir: packageDir,
      loader: "js",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    minify: true,
    write: false,
    logLevel: "silent",
    external: ["@azure/*"],
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new TypeError("tree-shaking test: esbuild wrote no output.");
  return output.contents.byteLength;
}

it("bundles AuthorizationCodeCredential from @entrakit/identity within 5% of @entrakit/auth-code", async () => {
  const direct = await bundledSize("@entrakit/auth-code");
  const throughIdentity = await bundledSize("@entrakit/identity");
  console.log(
    `AuthorizationCodeCredential bundled (esbuild, esm, minified, @azure/* external): from @entrakit/auth-code ${direct} bytes, from @entrakit/identity ${throughIdentity} bytes`,
  );
  // Everything identity exports bundles to about 1.5 times this, so 5% catches any real bleed.
  expect(direct).toBeGreaterThan(10_000);
  expect(Math.abs(throughIdentity - direct) / direct).toBeLessThanOrEqual(0.05);
});
