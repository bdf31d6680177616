#!/usr/bin/env node
import { main } from '../dist/main.js';

// A closed pipe (`pt report … | head`) is not an error worth a stack trace; any other
// failure of stdout still fails the run.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') process.exitCode = 2;
});

process.exitCode = await main(process.argv.slice(2));
