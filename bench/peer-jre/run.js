// The Article 5 checks of the nd154-2013 pack (its art5.* rules) in
// json-rules-engine, run on the JSON twins of the benchmark dossiers
// (bench/gen.py writes NNNNNN.json beside each NNNNNN.xml).
//
//   node run.js DIR [MIN_SECONDS]
//
// Loads every *.json of DIR into memory as text, then times, per dossier,
// what a service built on json-rules-engine would do: JSON.parse and
// engine.run, the engine and its rules made once. Prints "jre US" (the
// fastest of several passes, CPU microseconds per dossier, as bench/bench.h
// does for the C programs) and how many rules passed, failed or were
// unknown, for a look at whether it says what parkcheck says.
'use strict';

const fs = require('fs');
const path = require('path');
const { Engine } = require('json-rules-engine');

const dir = process.argv[2];
const minSeconds = Number(process.argv[3] || '0.3');
if (!dir) {
  console.error('usage: node run.js DIR [MIN_SECONDS]');
  process.exit(2);
}

const texts = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()
  .map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));
if (texts.length === 0) {
  console.error(`${dir}: no *.json files`);
  process.exit(2);
}

// A figure as the XML reader takes it: a number written with digits (and a
// point, for decimals); anything else is invalid, an absent one undefined.
const INVALID = Object.freeze({ invalid: true }); // fails every numeric operator
const integer = (v) => (v === undefined ? undefined : Number.isInteger(v) ? v : INVALID);
const decimal = (v) => (v === undefined ? undefined : typeof v === 'number' ? v : INVALID);
const known = (v) => v !== undefined && v !== INVALID;

const engine = new Engine([], { allowUndefinedFacts: true });
engine.addOperator('nonEmpty', (v) => Array.isArray(v) && v.length > 0);

// The facts the rules read, derived from the dossier as the pack derives
// them, each computed at most once per run (the almanac caches them).
const softwareOnly = async (a) => ((await a.factValue('park')) || {}).profile === 'software-only';
engine.addFact('function_names', async (p, a) => {
  const f = await a.factValue('functions');
  return Array.isArray(f) ? f : undefined;
});
engine.addFact('activity_names', async (p, a) =>
  ((await a.factValue('activities')) || []).map((x) => x.name));
engine.addFact('it_workers', async (p, a) =>
  integer(((await a.factValue('workforce')) || {}).it_specialists));
engine.addFact('total_workers', async (p, a) =>
  integer(((await a.factValue('workforce')) || {}).total));
engine.addFact('it_share', async (p, a) => {
  const it = await a.factValue('it_workers');
  const total = await a.factValue('total_workers');
  if (it === INVALID || total === INVALID) return INVALID;
  if (it === undefined || total === undefined) return undefined;
  return total === 0 ? INVALID : it / total;
});
engine.addFact('land_ha', async (p, a) => {
  const t = ((await a.factValue('land')) || {}).total;
  if (t === undefined) return undefined;
  const v = decimal(t.value);
  return known(v) && t.unit === 'm2' ? v / 10000 : v;
});
engine.addFact('it_workers_min', async (p, a) => ((await softwareOnly(a)) ? 1000 : 2000));
engine.addFact('land_min', async (p, a) => ((await softwareOnly(a)) ? 1 : 5));
engine.addFact('profile', async (p, a) => ((await a.factValue('park')) || {}).profile);

const rules = [
  { id: 'art5.1-functions', needs: ['function_names'],
    conditions: { all: [{ fact: 'function_names', operator: 'nonEmpty', value: true }] } },
  { id: 'art5.2-it-workers', needs: ['it_workers'],
    conditions: { all: [{ fact: 'it_workers', operator: 'greaterThanInclusive',
      value: { fact: 'it_workers_min' } }] } },
  { id: 'art5.2-it-share', needs: ['it_share'],
    conditions: { all: [{ fact: 'it_share', operator: 'greaterThanInclusive', value: 0.6 }] } },
  { id: 'art5.2-workforce-consistent', needs: ['it_workers', 'total_workers'],
    conditions: { all: [{ fact: 'it_workers', operator: 'lessThanInclusive',
      value: { fact: 'total_workers' } }] } },
  { id: 'art5.2-profile-consistent', needs: [],
    conditions: { any: [
      { fact: 'profile', operator: 'notEqual', value: 'software-only' },
      { all: [
        { fact: 'activity_names', operator: 'doesNotContain', value: 'hardware' },
        { fact: 'activity_names', operator: 'doesNotContain', value: 'other' }] }] } },
  { id: 'art5.3-land', needs: ['land_ha'],
    conditions: { all: [{ fact: 'land_ha', operator: 'greaterThanInclusive',
      value: { fact: 'land_min' } }] } },
];
const needs = {};
for (const r of rules) {
  needs[r.id] = r.needs;
  engine.addRule({ name: r.id, conditions: r.conditions, event: { type: r.id } });
}

const tally = { pass: 0, fail: 0, unknown: 0, invalid: 0 };

async function check(text, count) {
  const dossier = JSON.parse(text);
  const { results, failureResults, almanac } = await engine.run(dossier);
  if (!count) return;
  tally.pass += results.length;
  for (const r of failureResults) {
    let outcome = 'fail';
    for (const f of needs[r.name]) {
      const v = await almanac.factValue(f);
      if (v === INVALID) outcome = 'invalid';
      else if (v === undefined && outcome === 'fail') outcome = 'unknown';
    }
    tally[outcome]++;
  }
}

// CPU time (user and system) rather than time on the wall, as
// bench/bench.h measures the C programs: waiting for a CPU that other work
// holds is not charged.
async function pass(rounds) {
  const t0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++)
    for (const t of texts) await check(t, false);
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
}

async function main() {
  let rounds = 1;
  for (;;) { // warm up (the JIT too), and size a pass
    const t = await pass(rounds);
    if (t >= minSeconds) break;
    rounds = Math.ceil(rounds * (minSeconds / Math.max(t, 1e-3)) * 1.2);
  }
  const times = [];
  for (let p = 0; p < 7; p++)
    times.push(((await pass(rounds)) * 1e6) / (rounds * texts.length));
  times.sort((a, b) => a - b);
  for (const t of texts) await check(t, true);
  console.log(`files ${texts.length}`);
  console.log(`jre ${times[0].toFixed(3)}`);
  console.log(`outcomes pass ${tally.pass} fail ${tally.fail} unknown ${tally.unknown} invalid ${tally.invalid}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
