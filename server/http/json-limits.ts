/**
 * Structural limits of every JSON body the server reads (studio and channel API), checked on the
 * body text in one linear pass before it is parsed, so no later step (schema validation, compile,
 * hashing, cloning, storing) ever sees a value deeper, wider or longer than these. They are a
 * backstop well above what any real product needs; the schemas' own `maxItems` / `maxLength` say
 * what each field allows (the credit-factory benchmark product has a 3,000-rule block and 1,500
 * strategy rows; a flow document has at most 2,000 blocks and 6,000 links).
 */
export const JSON_LIMITS = {
  bytes: 1024 * 1024, // body size (1 MB), after any Content-Encoding is undone
  depth: 64, // nested arrays and objects; a real flow document nests about 10
  arrayItems: 10_000, // items in one array
  objectKeys: 5_000, // keys in one object
  stringLength: 100_000, // characters in one string, as written in the body (escapes count as written)
} as const;

/** Which limit a body broke. */
export type JsonLimitName = Exclude<keyof typeof JSON_LIMITS, 'bytes'>;

/** A broken limit: which, its value, and the JSON pointer of the value that broke it. */
export interface JsonLimitViolation {
  limit: JsonLimitName;
  max: number;
  pointer: string;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COMMA = 44;
const COLON = 58;

interface Frame {
  array: boolean;
  count: number; // items (array) or keys (object) seen so far
  keyStart: number; // object: where the current key's string starts in the text
  keyEnd: number;
}

/**
 * Checks the text of a JSON body against {@link JSON_LIMITS} without parsing it: one pass, no
 * recursion, constant work per character. Returns the first limit broken, or undefined. Text that
 * is not JSON passes or fails here arbitrarily; `JSON.parse` afterwards decides whether it is JSON.
 */
export function findJsonLimitViolation(text: string, limits: Record<keyof typeof JSON_LIMITS, number> = JSON_LIMITS): JsonLimitViolation | undefined {
  const stack: Frame[] = [];
  let expectKey = false; // inside an object, after `{` or `,`: the next string is a key
  let fresh = false; // inside an array, right after `[`: the next value is its first item
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 32) continue; // whitespace
    const top = stack[stack.length - 1];
    if (fresh && code !== CLOSE_ARRAY) top.count = 1;
    fresh = false;
    if (code === QUOTE) {
      const start = i;
      for (i++; i < text.length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === BACKSLASH) i++;
        else if (inner === QUOTE) break;
      }
      if (i - start - 1 > limits.stringLength) return violation('stringLength', limits.stringLength, stack, text);
      if (expectKey && top && !top.array) {
        top.keyStart = start;
        top.keyEnd = i;
        if (++top.count > limits.objectKeys) return violation('objectKeys', limits.objectKeys, stack, text);
        expectKey = false;
      }
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      const array = code === OPEN_ARRAY;
      stack.push({ array, count: 0, keyStart: -1, keyEnd: -1 });
      if (stack.length > limits.depth) return violation('depth', limits.depth, stack, text);
      expectKey = !array;
      fresh = array;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      stack.pop();
      expectKey = false;
    } else if (code === COMMA && top) {
      if (top.array) {
        if (++top.count > limits.arrayItems) return violation('arrayItems', limits.arrayItems, stack, text);
      } else expectKey = true;
    } else if (code === COLON) {
      expectKey = false;
    }
  }
  return undefined;
}

/** The violation, with the pointer of the container (or string) where it happened. */
function violation(limit: JsonLimitName, max: number, stack: Frame[], text: string): JsonLimitViolation {
  const segments: string[] = [];
  for (const frame of stack.slice(0, limit === 'depth' ? Math.min(stack.length - 1, 16) : stack.length - 1)) segments.push(segmentOf(frame, text));
  if (limit === 'stringLength' && stack.length) segments.push(segmentOf(stack[stack.length - 1], text));
  const pointer = segments.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  return { limit, max, pointer: limit === 'depth' && stack.length > 17 ? `${pointer}/…` : pointer };
}

function segmentOf(frame: Frame, text: string): string {
  if (frame.array) return String(Math.max(0, frame.count - 1));
  if (frame.keyStart < 0) return '';
  try {
    return String(JSON.parse(text.slice(frame.keyStart, frame.keyEnd + 1)));
  } catch {
    return text.slice(frame.keyStart + 1, Math.min(frame.keyEnd, frame.keyStart + 65));
  }
}

/** What each limit means: the problem's title, and the message of its one field error. */
export function describeLimit(limit: JsonLimitName, max: number): { title: string; message: string } {
  const n = max.toLocaleString('en');
  switch (limit) {
    case 'depth':
      return { title: `The request body nests deeper than ${n} levels`, message: `nests deeper than ${n} levels of arrays and objects` };
    case 'arrayItems':
      return { title: `An array in the request body has more than ${n} items`, message: `has more than ${n} items` };
    case 'objectKeys':
      return { title: `An object in the request body has more than ${n} keys`, message: `has more than ${n} keys` };
    case 'stringLength':
      return { title: `A string in the request body is longer than ${n} characters`, message: `is longer than ${n} characters` };
  }
}
