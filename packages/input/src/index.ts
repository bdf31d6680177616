/**
 * @pt/input — what every domain needs to read what a user gives it, written once: loading YAML
 * and JSON (byte order mark, size, depth and alias guards, located syntax errors), the issue type
 * and its one-line wording, the wording of schema messages, locating a path in YAML or JSON text,
 * timestamps and durations, and rounding half away from zero. It depends on nothing of ours.
 */
export {
  describeValue,
  formatIssue,
  formatPath,
  messagesOf,
  messagesWith,
  type DocumentPath,
  type InputIssue,
  type MessageOptions,
  type PathMessage,
} from './issues.js';
export {
  lineColumns,
  locatedIssues,
  locateInJson,
  locateInYaml,
  offsetOf,
  pathKey,
  type LocateIssuesOptions,
  type Offsets,
  type Problem,
} from './locate.js';
export {
  ALIAS_EXPANSION_FLOOR,
  DEFAULT_MAX_DEPTH,
  aliasRefusal,
  duplicateJsonKey,
  duplicateKeyIssue,
  expandedSize,
  loadJson,
  loadYaml,
  sizeIssue,
  stripBom,
  syntaxIssue,
  type AliasRefusal,
  type JsonLoad,
  type LoadYamlOptions,
  type LoadedYaml,
  type YamlLoad,
} from './load.js';
export { roundDigits, roundHalfAwayFromZero } from './rounding.js';
export {
  EVALUATION_TIME_EXPECTED,
  EVALUATION_TIME_FORMS,
  formatTimestamp,
  parseEvaluationTime,
  parseTimestamp,
  type TimestampForm,
  type TimestampOptions,
} from './time.js';
export {
  UNIT_MS,
  durationMs,
  isFixedUnit,
  parseDuration,
  type Duration,
  type DurationOptions,
  type DurationUnit,
} from './duration.js';
export {
  MAX_SERVER_TEXT,
  escapeMarkdown,
  hasUnsafeCharacters,
  nameProblem,
  printable,
  printableExcerpt,
} from './text.js';
export { duplicateNameIndexes, nameKey, refineName } from './names.js';
export { JsonListSplitter, type JsonListSink } from './json-split.js';
