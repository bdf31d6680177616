/**
 * @pt/input — what every domain needs to read what a user gives it, written once: the issue type
 * and its one-line wording, the wording of schema messages, locating a path in YAML or JSON text,
 * and rounding half away from zero. It depends on nothing of ours.
 */
export { describeValue, formatIssue, formatPath, messagesOf, type DocumentPath, type InputIssue } from './issues.js';
export { lineColumns, locateInJson, locateInYaml, offsetOf, pathKey, type Offsets } from './locate.js';
export { roundDigits, roundHalfAwayFromZero } from './rounding.js';
export { escapeMarkdown } from './text.js';
