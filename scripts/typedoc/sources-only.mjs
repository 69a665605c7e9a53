// A typedoc plugin: each package's program holds only the files under its src/, not its tests.
// The API reference is made from the sources alone, and typedoc no longer parses and type-checks
// every package's tests (vitest, fast-check, the test helpers) once more after `typecheck` did.
import { join, sep } from "node:path";

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.options.addReader({
    name: "entrakit-sources-only",
    // After typedoc's own tsconfig reader (200), which sets the file names this one narrows.
    order: 250,
    supportsPackages: true,
    read(container, logger, cwd) {
      const files = container.getFileNames();
      if (files.length === 0) return;
      const sources = `${join(cwd, "src")}${sep}`.replaceAll(sep, "/");
      const kept = files.filter((file) => file.replaceAll(sep, "/").startsWith(sources));
      if (kept.length === 0 || kept.length === files.length) return;
      container.setCompilerOptions(
        kept,
        container.getCompilerOptions(logger),
        container.getProjectReferences(),
      );
    },
  });
}
