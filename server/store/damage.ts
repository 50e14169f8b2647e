import type { FlowDocument } from '../engine/flow-document.ts';
import type { ProductRecord } from './store.ts';

/**
 * How deep a stored product record may nest. Every JSON body is refused past 64 levels
 * (server/http/json-limits.ts), so a record the API wrote is well inside this; a deeper one was
 * written by something else (an older version without the limit, a hand edit) and would overflow
 * the stack of the code that clones, hashes or serialises it.
 */
export const STORED_DEPTH_LIMIT = 96;

/** The draft a damaged record shows instead of its own: nothing to compile, nothing to clone. */
const EMPTY_DOCUMENT: FlowDocument = { schemaVersion: 1, blocks: [], links: [] };

const isText = (value: unknown): value is { 'zh-CN': string; en: string } =>
  value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>)['zh-CN'] === 'string' && typeof (value as Record<string, unknown>).en === 'string';

/** True when `value` nests deeper than `limit` arrays and objects; iterative, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [at, depth] = stack.pop()!;
    if (at === null || typeof at !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(at) ? at : Object.values(at)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * What is wrong with a stored product record that would make reading it fail, in words for the
 * admin who repairs it; undefined for a sound record. Checks only what the server's reads rely on:
 * the fields every list shows, a document with block and link arrays, and the nesting depth.
 */
export function productDamage(record: ProductRecord): string | undefined {
  const raw = record as unknown as Record<string, unknown>;
  if (nestsDeeperThan(raw, STORED_DEPTH_LIMIT)) return `The stored record nests deeper than ${STORED_DEPTH_LIMIT} levels`;
  if (!isText(raw.name)) return 'The stored name is not a text in zh-CN and en';
  if (!Number.isInteger(raw.revision)) return 'The stored revision is not a whole number';
  const document = raw.document as Record<string, unknown> | null;
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return 'The stored draft is not a flow document';
  if (!Array.isArray(document.blocks) || !Array.isArray(document.links)) return 'The stored draft has no block and link lists';
  if (!document.blocks.every((block) => block !== null && typeof block === 'object' && !Array.isArray(block))) return 'A stored block is not an object';
  if (raw.samples !== undefined && !Array.isArray(raw.samples)) return 'The stored sample applications are not a list';
  return undefined;
}

/**
 * The copy of a stored product that reads hand out. A damaged record comes back with its identity,
 * revision and flags, an empty draft and `damage` saying what is wrong, so one bad record never
 * breaks a read of the others, and the API can still repair it (save a draft over it) or archive it.
 */
export function productView(record: ProductRecord): ProductRecord {
  const damage = productDamage(record);
  if (!damage) return structuredClone(record);
  const raw = record as unknown as Record<string, unknown>;
  const id = typeof raw.id === 'string' ? raw.id : String(raw.id);
  return {
    id,
    name: isText(raw.name) ? { 'zh-CN': raw.name['zh-CN'], en: raw.name.en } : { 'zh-CN': id, en: id },
    kind: typeof raw.kind === 'string' ? raw.kind : 'consumption',
    document: structuredClone(EMPTY_DOCUMENT),
    revision: Number.isInteger(raw.revision) ? (raw.revision as number) : 0,
    status: raw.status === 'in-review' || raw.status === 'published' ? raw.status : 'draft',
    archived: raw.archived === true,
    samples: [],
    createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : '',
    updatedAt: typeof raw.updatedAt === 'string' ? raw.updatedAt : '',
    updatedBy: typeof raw.updatedBy === 'string' ? raw.updatedBy : '',
    damage,
  };
}
