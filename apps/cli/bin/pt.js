#!/usr/bin/env node
import { main } from '../dist/main.js';

// A closed pipe (`pt report … | head`) is not an error worth a stack trace; any other
// failure of stdout still fails the run.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') process.exitCode = 2;
});
// The same for stderr (`pt report bad.yaml 2>&1 | head -1`): unhandled, its EPIPE would end the
// run with exit 1, the code of a failed check, instead of the run's own.
process.stderr.on('error', (error) => {
  if (error.code !== 'EPIPE') process.exitCode = 2;
});

process.exitCode = await main(process.argv.slice(2));
