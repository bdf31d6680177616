// The floors `pt report` is measured against, in a process of their own:
//   json <file>: JSON.parse + JSON.stringify of the file (what any JSON-in, JSON-out tool must do);
//   yaml <file>: js-yaml `load` of the file, alone.
import { readFileSync, writeSync } from 'node:fs';
import { load } from 'js-yaml';

const [kind, file] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: floor.js json|yaml <file>');
const text = readFileSync(file, 'utf8');
if (kind === 'json') writeSync(1, JSON.stringify(JSON.parse(text)));
else load(text);
