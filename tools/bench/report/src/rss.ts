// Preloaded with `node --import` into every measured process: reports its peak RSS and CPU time (all
// threads, user + system) on exit, on stderr.
import { writeSync } from 'node:fs';

export const RSS_MARKER = '@@pt-bench-maxrss';

process.on('exit', () => {
  const usage = process.resourceUsage();
  writeSync(2, `\n${RSS_MARKER} ${usage.maxRSS * 1024} ${usage.userCPUTime + usage.systemCPUTime}\n`);
});
