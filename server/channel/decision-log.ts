import type { Logger } from 'pino';
import { productApplicationSchema } from '../engine/compiler/application-schema.ts';
import type { DecisionSummary } from './decision-request.ts';
import { maskPersonalData, maskText, safePointer } from './personal-data.ts';
import type { ProblemError as FieldError } from '../http/problem.ts';
import type { RuntimeEntry } from './runtime-registry.ts';

/** What the channel route knows about one decision request when it is answered. */
export interface DecisionLogInput {
  requestId: string;
  channel: string;
  entry: RuntimeEntry; // the one version that answered
  latencyMs: number;
  decision?: DecisionSummary; // a decision was made …
  errors?: FieldError[]; // … or the request was rejected (422)
  application?: unknown; // the raw application: logged masked, and only at debug level
  standardSchema?: object; // the standard application dictionary, whose x-personal marks also apply
}

const personalSchemas = new WeakMap<RuntimeEntry, object[]>();

/**
 * The schemas whose `x-personal` marks apply to a version's applications: the product's form schema
 * and the full dictionary it accepts (standard fields plus the start block's custom fields).
 */
function schemasOf(entry: RuntimeEntry, standard: object | undefined): object[] {
  let schemas = personalSchemas.get(entry);
  if (!schemas) {
    const { definition } = entry.record;
    const start = definition.blocks.find((block) => block.id === definition.start);
    const extraFields = (start?.config.extraFields ?? {}) as Record<string, object>;
    schemas = [definition.applicationSchema, ...(standard ? [productApplicationSchema(standard, extraFields)] : [])];
    personalSchemas.set(entry, schemas);
  }
  return schemas;
}

/**
 * One structured JSON line per decision (pino): product, version, hash, outcome, reason codes,
 * latency in ms, channel and request id. Personal data never reaches the log: reasons are logged
 * by code only, error pointers stop at the first name the schemas do not know (a caller's own
 * property names are not echoed), error messages are masked, and the application itself appears
 * only at debug level with every `x-personal` field of the dictionary (identity, contact, birth date,
 * location, employer, income, debts, assets, credit record, custom fields) masked and unknown fields dropped.
 */
export function logDecision(logger: Logger, input: DecisionLogInput): void {
  const { entry, decision, errors } = input;
  const line: Record<string, unknown> = {
    event: 'decision',
    requestId: input.requestId,
    channel: input.channel,
    product: entry.productId,
    version: entry.version,
    hash: entry.hash,
    outcome: decision ? decision.outcome : 'invalid',
    reasons: decision ? decision.reasonCodes : [],
    latencyMs: Math.round(input.latencyMs * 1000) / 1000,
  };
  if (decision?.limit !== undefined) line.limit = decision.limit;
  const schemas = errors || input.application !== undefined ? schemasOf(entry, input.standardSchema) : [];
  if (errors) line.errors = errors.map((error) => ({ pointer: safePointer(error.pointer, schemas), message: maskText(error.message) }));
  if (input.application !== undefined && logger.isLevelEnabled('debug')) {
    logger.debug({ ...line, application: maskPersonalData(input.application, schemas) }, 'decision');
    return;
  }
  logger.info(line, 'decision');
}
