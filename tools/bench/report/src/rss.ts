// Preloaded with `node --import` into every measured process: reports its peak RSS on exit, on stderr.
import { writeSync } from 'node:fs';

export const RSS_MARKER = '@@pt-bench-maxrss';

process.on('exit', () => {
  writeSync(2, `\n${RSS_MARKER} ${process.resourceUsage().maxRSS * 1024}\n`);
});
