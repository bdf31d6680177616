#!/usr/bin/env node
import { main } from '../dist/main.js';

// A closed pipe (`pt report … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await main(process.argv.slice(2));
