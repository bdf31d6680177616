import { EVENT_ID, getScalarValue, type Event } from 'js-yaml';

/** A path inside one YAML document: mapping keys and sequence indexes. */
export type DocPath = readonly (string | number)[];

function key(document: number, path: DocPath): string {
  return `${document}\u0000${path.map((p) => (typeof p === 'number' ? `#${p}` : `.${p}`)).join('\u0000')}`;
}

interface Frame {
  readonly kind: 'mapping' | 'sequence' | 'skip' | 'document';
  readonly path: (string | number)[];
  index: number;
  expectingKey: boolean;
  pendingKey: string | null;
  keyOffset: number;
}

function nodeOffset(event: Event): number {
  switch (event.type) {
    case EVENT_ID.SCALAR:
      return event.anchorStart >= 0 ? Math.min(event.anchorStart, event.valueStart) : event.valueStart;
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return event.start;
    case EVENT_ID.ALIAS:
      return event.anchorStart;
    default:
      return -1;
  }
}

/**
 * Finds where `wanted` paths (document index, path) start in a YAML text, from js-yaml's event
 * stream; a path that cannot be found falls back to its nearest ancestor. A mapping value is
 * located at its key. Returns 1-based lines. Called only once validation has failed.
 */
export function locateLines(
  text: string,
  events: readonly Event[],
  wanted: readonly { document: number; path: DocPath }[],
): (number | undefined)[] {
  const keys = new Set<string>();
  for (const w of wanted) for (let i = 0; i <= w.path.length; i++) keys.add(key(w.document, w.path.slice(0, i)));
  const found = new Map<string, number>();
  const stack: Frame[] = [];
  let document = -1;
  const frame = (kind: Frame['kind'], path: (string | number)[]): Frame => ({
    kind,
    path,
    index: 0,
    expectingKey: true,
    pendingKey: null,
    keyOffset: -1,
  });
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) {
      document++;
      stack.length = 0;
      stack.push(frame('document', []));
      continue;
    }
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const parent = stack.at(-1);
    if (parent === undefined) continue;
    const isCollection = event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE;
    let path: (string | number)[] | null = null;
    let offset = nodeOffset(event);
    if (parent.kind === 'skip') {
      path = null;
    } else if (parent.kind === 'mapping' && parent.expectingKey) {
      parent.expectingKey = false;
      parent.pendingKey = event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : null;
      parent.keyOffset = offset;
      if (isCollection) stack.push(frame('skip', []));
      continue;
    } else if (parent.kind === 'mapping') {
      parent.expectingKey = true;
      if (parent.pendingKey !== null) {
        path = [...parent.path, parent.pendingKey];
        offset = parent.keyOffset;
      }
    } else if (parent.kind === 'sequence') {
      path = [...parent.path, parent.index++];
    } else {
      path = [];
    }
    if (path !== null) {
      const k = key(document, path);
      if (offset >= 0 && keys.has(k) && !found.has(k)) found.set(k, offset);
    }
    if (isCollection) {
      const kind = path === null ? 'skip' : event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence';
      stack.push(frame(kind, path ?? []));
    }
  }
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return wanted.map((w) => {
    for (let i = w.path.length; i >= 0; i--) {
      const offset = found.get(key(w.document, w.path.slice(0, i)));
      if (offset !== undefined) return lineOf(offset);
    }
    return undefined;
  });
}
