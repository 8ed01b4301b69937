// Runs the site's search worker (generator/assets/search-worker.js) under Node on a built
// index, with fetch reading the index pieces from disk, for tests/test_search_index.py.
//   node search_query.cjs WORKER SITE '["query", ...]'   -> JSON: one result per query
//   node search_query.cjs WORKER --words '["text", ...]' -> JSON: the words of each text
"use strict"
const fs = require("fs")
const path = require("path")
const { pathToFileURL, fileURLToPath } = require("url")

const [worker, site, json] = process.argv.slice(2)
const search = require(path.resolve(worker))

async function main() {
  if (site === "--words")
    return JSON.parse(json).map(text => search.words(text))
  global.fetch = async url => {
    const file = fileURLToPath(url)
    if (!fs.existsSync(file))
      return { ok: false, status: 404 }
    return { ok: true, status: 200, json: async () => JSON.parse(fs.readFileSync(file, "utf8")) }
  }
  const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"))
  search.setup(index, pathToFileURL(site + path.sep))
  const results = []
  for (const query of JSON.parse(json))
    results.push(await search.search(query))
  return results
}

main().then(out => process.stdout.write(JSON.stringify(out)), error => {
  process.stderr.write(`${error.stack}\n`)
  process.exit(1)
})
