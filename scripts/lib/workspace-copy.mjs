// A throwaway copy of the repository for rehearsals that must not touch the real tree: the files
// git would see, node_modules as links, and a one-commit git history for tools that read git.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";

/** @param {string} path @param {string} dir */
export const isInside = (path, dir) => path === dir || path.startsWith(`${dir}${sep}`);

/** @param {string} path */
export const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

function git(args, cwd) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`git ${args[0]} failed (exit ${result.status}).\n${result.stderr}`);
  }
  return result.stdout;
}

/**
 * Copies `root` to a new temporary directory and returns it.
 *
 * Tracked and untracked-but-not-ignored files are copied, so uncommitted changesets count while
 * dist/, node_modules/ and caches stay behind. node_modules holds links to the installed
 * packages, except that workspace links point at the copy, so builds and packs there see the
 * copy's versions and never the real tree.
 *
 * @param {string} root
 * @returns {string}
 */
export function copyWorkspace(root) {
  const realRoot = resolve(root);
  const work = mkdtempSync(join(tmpdir(), "entrakit-release-"));
  const listed = git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], realRoot);
  for (const file of listed.split("\0").filter(Boolean)) {
    const from = join(realRoot, file);
    if (!existsSync(from) || lstatSync(from).isDirectory()) continue; // deleted, or a submodule
    mkdirSync(dirname(join(work, file)), { recursive: true });
    copyFileSync(from, join(work, file));
  }

  const installed = join(realRoot, "node_modules");
  const mirror = (from, to) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from)) {
      const source = join(from, entry);
      if (entry.startsWith("@") && lstatSync(source).isDirectory()) {
        mirror(source, join(to, entry));
        continue;
      }
      const real = realpathSync(source);
      const inRepo = isInside(real, realRoot) && !isInside(real, installed);
      const target = inRepo ? join(work, relative(realRoot, real)) : real;
      symlinkSync(target, join(to, entry), lstatSync(real).isDirectory() ? "dir" : "file");
    }
  };
  mirror(installed, join(work, "node_modules"));

  // changesets reads git to find each changeset's commit for the changelog.
  const who = ["-c", "user.name=release-dry-run", "-c", "user.email=release-dry-run@localhost"];
  git(["init", "-q", "-b", "main"], work);
  git([...who, "add", "-A"], work);
  git([...who, "-c", "commit.gpgsign=false", "commit", "-qm", "snapshot"], work);
  return work;
}
