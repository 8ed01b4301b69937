/* The search worker of a briefing book, in place of Material for MkDocs' own.
 *
 * It speaks Material's worker protocol (SETUP, READY, QUERY, RESULT), so the theme's search
 * box, result list and highlighting work as before. Instead of downloading the text of every
 * page and building a Lunr index on each page a reader opens, it fetches only what a query
 * needs: the postings of the words typed (search/<id>/t/<key>.json) and the pages it shows
 * (search/<id>/d/<n>.json), written by generator/publish/search.py. Words are read as
 * generator/publish/search_words.py reads them (tests/test_search_index.py runs both).
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const TITLE = 2, BOOSTED = 4
const SECTIONS = 4096
const FIRST_GROUPS = 10  /* answered first: Material shows ten results before any scrolling */
const MAX_GROUPS = 50    /* then the rest, up to this many pages */
const MAX_WORD = 40
const MAX_QUERY_WORDS = 10  /* a pasted paragraph is searched by its first ten words */
const ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g
const CJK = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
const CJK_SPLIT = new RegExp(`([${CJK}]+)`, "u")
const CJK_ONLY = new RegExp(`^[${CJK}]+$`, "u")
const WORD = /[\p{L}\p{N}\p{M}]+/gu
const MARKUP = /(<[^>]*>|&[#\w]+;)/

/* ------------------------------------------------------------------ words */

function normalise(text) {
  return text.toLowerCase().normalize("NFKD").replace(ACCENTS, "").normalize("NFC")
}

function words(text) {
  const found = []
  for (const run of normalise(text).match(WORD) || [])
    run.split(CJK_SPLIT).forEach((piece, i) => {
      if (piece)
        found.push(i % 2 || piece.length <= MAX_WORD
          ? piece : Array.from(piece).slice(0, MAX_WORD).join(""))
    })
  return found
}

function pairs(piece) {
  const chars = Array.from(piece)
  if (chars.length === 1)
    return chars
  return chars.slice(1).map((char, i) => chars[i] + char)
}

/* A query as words, each with the units a page must hold to match it: a Latin word is a
 * prefix, a CJK run is all its pairs of characters (a single character: itself). */
function parseQuery(query, stop) {
  const parsed = []
  for (const raw of query.replace(/["+\-*~^:]/g, " ").split(/\s+/).slice(0, MAX_QUERY_WORDS)) {
    const units = []
    for (const piece of words(raw))
      if (CJK_ONLY.test(piece))
        units.push({ exact: pairs(piece), text: piece })
      else if (!stop.has(piece))
        units.push({ prefix: piece, text: piece })
    if (units.length)
      parsed.push({ word: normalise(raw), units })
  }
  return parsed
}

/* ------------------------------------------------------------------ index */

const state = { ready: null, manifest: null, root: null, shards: new Map(), chunks: new Map() }

function setup(data, root = new URL("../../../", self.location.href)) {
  const manifest = data.config && data.config.briefing
  if (!manifest)
    throw new Error("search index without config.briefing: built without the briefing plugin")
  const starts = [0]
  for (const length of manifest.chunks)
    starts.push(starts[starts.length - 1] + length)
  state.manifest = {
    ...manifest, split: new Set(manifest.split), stop: new Set(manifest.stop), starts
  }
  state.root = new URL(manifest.path, root)
}

function hex(key) {
  return Array.from(new TextEncoder().encode(key), b => b.toString(16).padStart(2, "0")).join("")
}

function shardKey(word) {
  const chars = Array.from(word)
  let length = Math.min(2, chars.length)
  while (length < chars.length && state.manifest.split.has(chars.slice(0, length).join("")))
    length++
  return chars.slice(0, length).join("")
}

function load(cache, url, missing) {
  if (!cache.has(url))
    cache.set(url, fetch(url).then(response => {
      if (response.ok)
        return response.json()
      if (response.status === 404 && missing !== undefined)
        return missing
      throw new Error(`${url}: HTTP ${response.status}`)
    }))
  return cache.get(url)
}

function shard(word) {
  const url = new URL(`t/${hex(shardKey(word))}.json`, state.root)
  return load(state.shards, `${url}`, {})
}

/* The chunk holding a page, and the page's place in it. */
function chunkOf(page) {
  const starts = state.manifest.starts
  let low = 0, high = starts.length - 2
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (starts[middle] <= page)
      low = middle
    else
      high = middle - 1
  }
  return [low, page - starts[low]]
}

function chunk(number) {
  return load(state.chunks, `${new URL(`d/${number}.json`, state.root)}`)
}

/* The pages holding a word of the shard: page * SECTIONS + section -> weight. */
function places(postings, into, factor) {
  let page = 0
  for (let i = 0; i < postings.length; i += 2) {
    page += postings[i]
    const section = postings[i + 1] >> 3, bits = postings[i + 1] & 7
    const weight = factor * (bits & TITLE ? 10 : 1) * (bits & BOOSTED ? 2 : 1)
    const key = page * SECTIONS + section
    if (!(into.get(key) >= weight))
      into.set(key, weight)
  }
  return into
}

async function unitPlaces(unit) {
  if (unit.prefix !== undefined) {
    const found = new Map(), words = await shard(unit.prefix)
    for (const [word, postings] of Object.entries(words))
      if (word.startsWith(unit.prefix))
        places(postings, found, word === unit.prefix ? 1 : 0.7)
    return found
  }
  let found = null
  for (const pair of unit.exact) {
    const postings = (await shard(pair))[pair] || []
    const here = places(postings, new Map(), 1)
    found = found === null ? here : new Map([...found].filter(([key]) => here.has(key)))
  }
  return found || new Map()
}

/* ------------------------------------------------------------------ search */

async function score(parsed) {
  const count = Math.max(1, state.manifest.count)
  const perWord = await Promise.all(parsed.map(async ({ units }) => {
    const all = await Promise.all(units.map(unitPlaces))
    const scores = new Map()
    all[0].forEach((weight, key) => {
      if (all.every(found => found.has(key)))
        scores.set(key, all.reduce((sum, found) => (
          sum + found.get(key) * Math.log(1 + count / found.size)), 0))
    })
    return scores
  }))
  const docs = new Map()
  perWord.forEach((scores, index) => scores.forEach((value, key) => {
    const doc = docs.get(key) || { key, score: 0, words: new Set() }
    doc.score += value
    doc.words.add(index)
    docs.set(key, doc)
  }))
  let best = 0  /* a loop, not Math.max(...): a common word can match 100,000 sections */
  for (const doc of docs.values())
    best = Math.max(best, doc.words.size)
  return [...docs.values()]
    .filter(doc => doc.words.size === best)
    .sort((a, b) => b.score - a.score || a.key - b.key)
}

function groups(ranked) {
  const byPage = new Map()
  for (const doc of ranked) {
    const page = Math.floor(doc.key / SECTIONS)
    if (!byPage.has(page) && byPage.size >= MAX_GROUPS)
      continue
    byPage.set(page, [...byPage.get(page) || [], doc])
  }
  return byPage
}

function marker(parsed) {
  const prefixes = [], runs = []
  for (const { units } of parsed)
    for (const unit of units)
      (unit.prefix !== undefined ? prefixes : runs).push(unit.prefix ?? unit.text)
  const mark = run => {
    const plain = normalise(run)
    if (prefixes.some(prefix => plain.startsWith(prefix)))
      return `<mark>${run}</mark>`
    if (plain.length !== run.length)
      return run
    for (const text of runs) {
      const at = plain.indexOf(text)
      if (at >= 0)
        return `${run.slice(0, at)}<mark>${run.slice(at, at + text.length)}</mark>` +
          mark(run.slice(at + text.length))
    }
    return run
  }
  return html => html.split(MARKUP)
    .map((part, i) => i % 2 ? part : part.replace(WORD, mark))
    .join("")
}

async function shown(byPage, pages, parsed, highlight) {
  const numbers = [...new Set(pages.map(page => chunkOf(page)[0]))]
  const loaded = new Map(await Promise.all(numbers.map(async n => [n, await chunk(n)])))
  return pages.map(page => {
    const [number, offset] = chunkOf(page)
    const entries = loaded.get(number)[offset]
    const group = byPage.get(page).map(doc => {
      const entry = entries[doc.key % SECTIONS]
      const terms = Object.fromEntries(parsed.map(({ word }, i) => [word, doc.words.has(i)]))
      return {
        ...entry, title: highlight(entry.title), text: highlight(entry.text), score: doc.score, terms
      }
    })
    if (!byPage.get(page).some(doc => doc.key % SECTIONS === 0))
      group.push({ ...entries[0], score: 0, terms: {} })
    return group
  })
}

/* The result of a query; ``early`` gets the first ten pages first when there are more. */
async function search(query, early = () => {}) {
  await state.ready
  const parsed = parseQuery(query, state.manifest.stop)
  if (!parsed.length)
    return { items: [] }
  const byPage = groups(await score(parsed))
  const pages = [...byPage.keys()], highlight = marker(parsed)
  if (pages.length > FIRST_GROUPS)
    early({ items: await shown(byPage, pages.slice(0, FIRST_GROUPS), parsed, highlight) })
  return { items: await shown(byPage, pages, parsed, highlight) }
}

/* ------------------------------------------------------------------ protocol */

let latest = 0

async function answer(query) {
  const id = ++latest
  const post = data => {
    if (id === latest)
      self.postMessage({ type: RESULT, data })
  }
  let data
  try {
    data = await search(query, post)
  } catch (error) {
    console.warn(`search: ${error.message}`)
    data = { items: [] }
  }
  post(data)
}

if (typeof module === "object" && module.exports)
  module.exports = { normalise, words, parseQuery, setup, search }
else
  self.addEventListener("message", event => {
    const { type, data } = event.data
    if (type === SETUP) {
      state.ready = Promise.resolve().then(() => setup(data))
      state.ready.then(() => self.postMessage({ type: READY }),
        error => console.warn(`search: ${error.message}`))
    } else if (type === QUERY) {
      answer(data)
    }
  })
