/**
 * Masking of personal data before anything reaches a log. Two rules: a field the application
 * schema marks `x-personal: true` (name, ID number, phone…) is replaced whole, and in any other
 * string an 18-character resident ID number or an 11-digit mainland mobile number is replaced.
 */

export const MASK = '***';

const ID_NUMBER = /(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9])1[0-9]{10}(?![0-9])/g;

/** Replaces ID numbers and mobile numbers inside free text. */
export function maskText(text: string): string {
  return text.replace(ID_NUMBER, MASK).replace(MOBILE, MASK);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DIGIT_RUN = /[0-9]{5}/;

/**
 * Whether a caller's `X-Request-Id` may be logged and echoed as it is: a UUID, or a token of 1–64
 * letters, digits, `.`, `_` and `-` with never five digits in a row — so no phone, ID, card or account
 * number can ride along. Anything else is replaced by a generated id.
 */
export const isSafeRequestId = (id: string): boolean => UUID.test(id) || (TOKEN.test(id) && !DIGIT_RUN.test(id));

/** Where personal fields are in an application: a tree of property names (arrays see through `items`). */
interface MaskPlan {
  personal: boolean; // the whole value is personal
  properties: Map<string, MaskPlan>;
  items?: MaskPlan;
  otherProperties?: MaskPlan; // additionalProperties / patternProperties, when any of them hold personal data
}

type SchemaNode = Record<string, unknown>;
const plans = new WeakMap<object, MaskPlan>();

/** The mask plan of an application schema, computed once per schema object. */
function planFor(schema: object): MaskPlan {
  let plan = plans.get(schema);
  if (!plan) {
    plan = buildPlan(schema as SchemaNode, schema as SchemaNode, 0);
    plans.set(schema, plan);
  }
  return plan;
}

function buildPlan(node: SchemaNode, root: SchemaNode, depth: number): MaskPlan {
  const plan: MaskPlan = { personal: node['x-personal'] === true, properties: new Map() };
  if (depth > 32) return plan;
  const resolved = resolveLocalRef(node, root);
  if (resolved !== node) return mergePlans(plan, buildPlan(resolved, root, depth + 1));
  const properties = node.properties;
  if (properties && typeof properties === 'object') {
    for (const [name, child] of Object.entries(properties as Record<string, SchemaNode>)) {
      plan.properties.set(name, buildPlan(child, root, depth + 1));
    }
  }
  if (node.items && typeof node.items === 'object') plan.items = buildPlan(node.items as SchemaNode, root, depth + 1);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    plan.otherProperties = buildPlan(node.additionalProperties as SchemaNode, root, depth + 1);
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = node[keyword];
    if (Array.isArray(branches)) for (const branch of branches) mergePlans(plan, buildPlan(branch as SchemaNode, root, depth + 1));
  }
  return plan;
}

/** Follows a "#/…" $ref inside the same schema (definitions a product's application schema may carry). */
function resolveLocalRef(node: SchemaNode, root: SchemaNode): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (!target || typeof target !== 'object') return node;
    target = (target as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return target && typeof target === 'object' ? (target as SchemaNode) : node;
}

function mergePlans(into: MaskPlan, from: MaskPlan): MaskPlan {
  into.personal ||= from.personal;
  for (const [name, child] of from.properties) {
    const existing = into.properties.get(name);
    into.properties.set(name, existing ? mergePlans(existing, child) : child);
  }
  if (from.items) into.items = into.items ? mergePlans(into.items, from.items) : from.items;
  if (from.otherProperties) into.otherProperties = into.otherProperties ? mergePlans(into.otherProperties, from.otherProperties) : from.otherProperties;
  return into;
}

/**
 * A copy of `value` safe to log: fields any of `schemas` marks personal replaced by {@link MASK},
 * every other string passed through {@link maskText}. Pass the product's application schema and the
 * standard dictionary, since a product's schema may not list every field an application carries.
 * A property no schema describes is personal until proven otherwise: its name and value are dropped
 * and only counted (under `"*"`), so a body's unknown names (a phone number as a key, a bank card
 * field) never reach a log. Without schemas every string is passed through maskText only.
 * Never mutates its input.
 */
export function maskPersonalData(value: unknown, schemas: object[] = []): unknown {
  const plans = schemas.map(planFor);
  return maskValue(value, plans, 0, plans.length > 0);
}

function maskValue(value: unknown, plans: MaskPlan[], depth: number, described: boolean): unknown {
  if (plans.some((plan) => plan.personal)) return MASK;
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 64) return MASK;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, plans.flatMap((plan) => plan.items ?? []), depth + 1, described));
  const copy: Record<string, unknown> = {};
  let unknown = 0;
  for (const [name, child] of Object.entries(value)) {
    const childPlans = plans.flatMap((plan) => plan.properties.get(name) ?? plan.otherProperties ?? []);
    if (described && childPlans.length === 0) {
      unknown += 1;
      continue;
    }
    copy[maskText(name)] = maskValue(child, childPlans, depth + 1, described);
  }
  if (unknown) copy['*'] = unknown;
  return copy;
}

const ARRAY_INDEX = /^(0|[1-9][0-9]{0,5})$/;

/** Top-level members of a decision request body (docs/http-api.md). */
const REQUEST_MEMBERS = new Set(['application', 'requestedAmount', 'termMonths', 'repaymentMethod', 'asOf']);

/**
 * A JSON pointer into a decision request, safe to log: it keeps the segments the schemas describe
 * (and array indices where they hold arrays) and cuts at the first segment they do not — an unknown
 * property name a caller sent — or inside a personal field, ending with `/*`. `/application/applicant/13912345678`
 * → `/application/applicant/*`.
 */
export function safePointer(pointer: string, schemas: object[]): string {
  const segments = pointer.split('/').slice(1);
  if (segments.length === 0) return pointer;
  const [member, ...rest] = segments;
  if (!REQUEST_MEMBERS.has(member)) return '/*';
  let plans = member === 'application' ? schemas.map(planFor) : [];
  let safe = `/${member}`;
  for (const segment of rest) {
    if (plans.length === 0 || plans.some((plan) => plan.personal)) return `${safe}/*`;
    const name = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    const byName = plans.flatMap((plan) => plan.properties.get(name) ?? plan.otherProperties ?? []);
    const byIndex = ARRAY_INDEX.test(segment) ? plans.flatMap((plan) => plan.items ?? []) : [];
    plans = byName.length ? byName : byIndex;
    if (plans.length === 0) return `${safe}/*`;
    safe += `/${segment}`;
  }
  return safe;
}
