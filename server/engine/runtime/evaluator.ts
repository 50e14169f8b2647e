import type { BlockResult, BlockType, EvaluationInput, ReasonInput } from '../block-type.ts';
import { APPLICATION_SCHEMA_ID, type Catalog } from '../catalog.ts';
import { productApplicationSchema } from '../compiler/application-schema.ts';
import type { Decision, Reason, TraceStep } from '../decision.ts';
import type { ProductDefinition } from '../product-definition.ts';
import { toProblems, type SchemaProblem } from '../schema-registry.ts';
import { compileBlockConfig, createBlockContext } from '../compiler/block-context.ts';
import { withFieldCache } from '../expression/index.ts';
import { mergeContribution } from './merge.ts';
import { buildOffer } from './offer.ts';
import { sameResult, type Replay, type WalkLog } from './replay.ts';
import { parseRequest, type DecideInput, type FieldError } from './request.ts';
import type { PathState } from './walk-state.ts';

/** A product loaded for deciding: blocks prepared once, then reused for every application. */
export interface Evaluator {
  definition: ProductDefinition;
  /**
   * Decides one application. Bad input comes back as field errors; never throws on bad input.
   * `walk` is for deciding the same application under two versions (runtime/replay.ts): `record`
   * keeps this walk's block results, `replay` takes an earlier version's where they must be equal.
   */
  decide(input: DecideInput, walk?: { record?: WalkLog; replay?: Replay }): { decision: Decision } | { errors: FieldError[] };
}

interface Node {
  id: string;
  blockType: BlockType<unknown, unknown>;
  prepared: unknown;
  required: string[][]; // application paths this block cannot decide without
  next: Map<string, Node>;
}

/** How {@link buildEvaluator} builds a version. */
export interface EvaluatorOptions {
  like?: { evaluator: Evaluator; blocks: ReadonlySet<string> }; // another version's evaluator and the blocks compiled alike in both: taken from it
  configsChecked?: boolean; // the block configs were validated against their schemas by the process that sent them (a simulation thread's versions)
}

/** Each evaluator's compiled blocks, so a second version's evaluator can take the blocks it shares with it (see `like`). */
const compiledBlocks = new WeakMap<Evaluator, Map<string, Node>>();

/**
 * Throws, as {@link buildEvaluator} would, when a block of `definition` is not installed or its
 * config fails its type's schema: the check a process makes once before it sends versions to
 * threads that build them with `configsChecked`.
 */
export function checkBlockConfigs(definition: ProductDefinition, catalog: Catalog): void {
  for (const block of definition.blocks) {
    const blockType = catalog.blockTypes.get(block.type);
    if (!blockType) throw new Error(`block type ${block.type} is not installed`);
    const problems = catalog.schemas.check(blockType.configSchemaId, block.config);
    if (problems.length) throw new Error(`block ${block.id} does not compile: config ${problems[0].pointer || '/'} is invalid: ${problems[0].message}`);
  }
}

/**
 * Loads a compiled definition: compiles each block's config once into closures and links the
 * nodes. `like` names an evaluator of another version and the blocks compiled alike in both
 * (runtime/replay.ts `reusableBlocks`): those take its compiled config instead of compiling again.
 */
export function buildEvaluator(definition: ProductDefinition, catalog: Catalog, options: EvaluatorOptions = {}): Evaluator {
  const { like } = options;
  const nodes = new Map<string, Node>();
  const earlier = like && compiledBlocks.get(like.evaluator);
  for (const block of definition.blocks) {
    const blockType = catalog.blockTypes.get(block.type);
    if (!blockType) throw new Error(`block type ${block.type} is not installed`);
    const same = like?.blocks.has(block.id) ? earlier?.get(block.id) : undefined;
    if (same) {
      nodes.set(block.id, { id: block.id, blockType, prepared: same.prepared, required: same.required, next: new Map() });
      continue;
    }
    const compiled = compileBlockConfig(blockType, block.config, createBlockContext(block.id, definition.product, definition.applicationSchema), catalog.schemas, { checked: options.configsChecked });
    if (compiled.prepared === undefined && compiled.diagnostics.some((d) => d.severity === 'error')) {
      throw new Error(`block ${block.id} does not compile: ${compiled.diagnostics[0].message.en}`);
    }
    const required = compiled.reads.filter((read) => read.required).map((read) => read.path.split('.'));
    nodes.set(block.id, { id: block.id, blockType, prepared: compiled.prepared, required, next: new Map() });
  }
  for (const link of definition.links) nodes.get(link.from.block)?.next.set(link.from.port, nodes.get(link.to.block)!);
  const start = nodes.get(definition.start);
  if (!start) throw new Error('the definition has no start block');
  const validateFields = catalog.schemas.compile(definition.applicationSchema); // what this product needs
  const startConfig = definition.blocks.find((block) => block.id === definition.start)!.config;
  const extraFields = (startConfig.extraFields ?? {}) as Record<string, object>;
  const dictionary = productApplicationSchema(catalog.schemas.schema(APPLICATION_SCHEMA_ID)!, extraFields);
  const validateDictionary = dictionaryValidator(catalog, dictionary, extraFields); // no unknown or mistyped fields
  const productRef = { id: definition.product.productId, version: definition.version, hash: definition.hash };

  const evaluator: Evaluator = {
    definition,
    decide(input, walk) {
      return withFieldCache(() => decideOne(input, walk?.record, walk?.replay));
    },
  };
  compiledBlocks.set(evaluator, nodes);
  return evaluator;

  /** The application's field errors (sizes first, then dictionary and product schema), or undefined when it is valid. */
  function refusal(application: Record<string, unknown>): { errors: FieldError[] } | undefined {
    const tooLarge = catalog.schemas.limits(dictionary, application); // lists past maxItems: one error, before any item is validated
    if (tooLarge.length) return { errors: tooLarge.map((p) => ({ pointer: `/application${p.pointer}`, message: p.message })) };
    const problems = validateDictionary(application);
    if (!validateFields(application)) {
      const named = new Set(problems.map((problem) => problem.pointer)); // a Set: 32,000 bad items must not cost 32,000² comparisons
      for (const problem of toProblems(validateFields.errors)) if (!named.has(problem.pointer)) problems.push(problem);
    }
    if (problems.length) return { errors: problems.map((p) => ({ pointer: `/application${p.pointer}`, message: p.message })) };
    return undefined;
  }

  function decideOne(input: DecideInput, record?: WalkLog, replay?: Replay): ReturnType<Evaluator['decide']> {
    if (replay) replay.alike = false;
    const parsed = parseRequest(input);
    if (!parsed.request) return { errors: parsed.errors };
    const raw = input.application as Record<string, unknown>;
    const application = input.channel && raw.channel !== input.channel ? { ...raw, channel: input.channel } : raw; // a portfolio row's channel is its own: no copy of the whole application
    // The version replayed checked the same application against the same schemas (replay.ts): the answer would be the same.
    if (!replay?.log.valid) {
      const refused = refusal(application);
      if (refused) return refused;
    }
    if (record) record.valid = true;
    const request = parsed.request;
    const state: PathState = { offer: {}, caps: [], adjustments: [] };
    const trace: TraceStep[] | undefined = input.trace === false ? undefined : []; // channels leave it out unless asked
    const referrals: Reason[] = [];
    const notes: Reason[] = []; // what routers and outcomes remark on an application that goes on
    let carried: Reason[] = []; // reasons of a failed gate whose fail port leads on
    const finish = (outcome: Decision['outcome'], reasons: Reason[], offer?: Decision['offer']) => {
      if (replay) replay.alike = synced; // the same blocks with equal results all the way: the replayed decision but for the product
      return { decision: { outcome, reasons: notes.length ? [...reasons, ...notes] : reasons, ...(offer ? { offer } : {}), ...(trace ? { trace } : {}), product: productRef, asOf: request.asOf } };
    };
    const input_: EvaluationInput = { application, request, product: definition.product, offer: state.offer };
    let synced = replay !== undefined; // every block so far was the replayed walk's block with an equal result, so this path's state equals that walk's
    let node: Node | undefined = start;
    for (let steps = 0; node && steps <= nodes.size; steps++) {
      input_.offer = state.offer;
      const missing = missingFields(node, application);
      if (missing.length) return { errors: missing };
      let result: BlockResult;
      if (synced && replay!.log.nodes[steps] === node.id && replay!.reusable.has(node.id)) {
        result = replay!.log.results[steps]; // the same block on an equal input: an equal result
      } else {
        result = node.blockType.evaluate(node.prepared, input_);
        if (synced) synced = replay!.log.nodes[steps] === node.id && sameResult(result, replay!.log.results[steps]);
      }
      if (record) {
        record.nodes.push(node.id);
        record.results.push(result);
      }
      switch (result.kind) {
        case 'gate': {
          if (result.passed) {
            trace?.push(step(node, 'pass', 'pass', result.facts));
            node = node.next.get('pass');
            break;
          }
          const action = result.action ?? 'decline';
          const given = reasonsOf(node, result.reasons, action);
          const failTarget = node.next.get('fail');
          if (failTarget) {
            trace?.push(step(node, 'fail', 'fail', result.facts, given));
            carried = given;
            node = failTarget;
            break;
          }
          if (action === 'refer') {
            trace?.push(step(node, 'refer', 'pass', result.facts, given));
            referrals.push(...given);
            node = node.next.get('pass');
            break;
          }
          trace?.push(step(node, 'fail', undefined, result.facts, given));
          return finish('decline', given);
        }
        case 'route': {
          const remarks = reasonsOf(node, result.reasons, 'note');
          notes.push(...remarks);
          trace?.push(step(node, node === start ? 'start' : 'route', result.port, result.facts, remarks));
          node = node.next.get(result.port);
          break;
        }
        case 'contribute': {
          trace?.push(step(node, 'contribute', 'out', result.facts));
          const contribution = result.contribution;
          for (const cap of contribution.limitCaps ?? []) state.caps.push(stamped(cap, node.id));
          for (const adjustment of contribution.rateAdjustments ?? []) state.adjustments.push(stamped(adjustment, node.id));
          state.offer = mergeContribution(state.offer, contribution);
          node = node.next.get('out');
          break;
        }
        case 'outcome': {
          const own = reasonsOf(node, result.reasons, result.outcome === 'approve' ? 'note' : result.outcome);
          trace?.push(step(node, 'outcome', undefined, result.facts, own));
          if (result.outcome !== 'approve') return finish(result.outcome, [...carried, ...own]);
          notes.push(...own);
          const built = synced && replay!.log.offer ? replay!.log.offer : buildOffer(state, definition.product, request, { scheduleRows: input.scheduleRows }); // equal state, same product: the same offer
          if (record) record.offer = built;
          if ('errors' in built) return { errors: built.errors };
          if ('decline' in built) return finish('decline', [...referrals, { ...built.decline, blockId: node.id, action: 'decline' }]);
          return finish(referrals.length ? 'refer' : 'approve', referrals, built.offer);
        }
      }
    }
    // Cannot happen for a compiled product (every output is linked); refer rather than guess.
    return finish('refer', [
      {
        code: 'PATH_INCOMPLETE',
        message: { 'zh-CN': '决策路径未到达结果积木，转人工审核', en: 'The decision path ended before an outcome; referred for manual review' },
        blockId: node?.id ?? definition.start,
        action: 'refer',
      },
    ]);
  }
}

/** A block's reasons as the decision carries them: with the block that gave them and what they do. */
function reasonsOf(node: Node, given: ReasonInput[] | undefined, action: Reason['action']): Reason[] {
  if (!given?.length) return [];
  const reasons = new Array<Reason>(given.length);
  for (let i = 0; i < given.length; i++) reasons[i] = { code: given[i].code, message: given[i].message, blockId: node.id, action };
  return reasons;
}

/** One trace step; its reasons appear once, in Decision.reasons, and here only by code. */
function step(node: Node, result: TraceStep['result'], port?: string, facts?: Record<string, unknown>, reasons?: Reason[]): TraceStep {
  const traced: TraceStep = { blockId: node.id, type: node.blockType.type, result };
  if (port) traced.port = port;
  if (facts) traced.facts = facts;
  if (reasons?.length) traced.reasonCodes = reasons.map((reason) => reason.code);
  return traced;
}

/**
 * Fields a block on this applicant's path needs but the application lacks. The form schema only
 * requires what every path needs; a branch's own needs (tobacco orders on the tobacco branch) are
 * checked here, when the path reaches the branch, and answered as field errors, not a decision.
 */
/**
 * A block's cap or rate adjustment with the block that gave it, as `{ ...part, blockId }` would be.
 * Copied key by key: parts come from every block type in many shapes, and V8 spreads such objects
 * by its generic slow path, which cost a portfolio simulation as much per row as parsing the row.
 */
function stamped<T extends object>(part: T, blockId: string): T & { blockId: string } {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(part)) copy[key] = (part as Record<string, unknown>)[key];
  copy.blockId = blockId;
  return copy as T & { blockId: string };
}

function missingFields(node: Node, application: Record<string, unknown>): FieldError[] {
  let errors: FieldError[] | undefined;
  for (const path of node.required) {
    let at: unknown = application;
    for (const key of path) at = at !== null && typeof at === 'object' && Object.hasOwn(at, key) ? (at as Record<string, unknown>)[key] : undefined;
    if (at === undefined || at === null) {
      (errors ??= []).push({
        pointer: `/application/${path.join('/')}`,
        message: `is required for ${node.blockType.title.en} (${node.blockType.title['zh-CN']}, block ${node.id}) on this applicant's path`,
      });
    }
  }
  return errors ?? [];
}

/**
 * The product's dictionary check: the standard dictionary (compiled once at start-up; it takes any
 * object under `custom`) and a small validator of the product's own fields for `custom`, instead of
 * compiling the whole dictionary again for each set of product fields (30–60 ms on the main thread
 * for every draft whose fields changed, and ~200 KB of generated code). The same answer as the
 * product dictionary `dictionary`, which is compiled whole only when a product field uses `$ref`
 * (a reference into the dictionary resolves only inside it).
 */
function dictionaryValidator(catalog: Catalog, dictionary: object, extraFields: Record<string, object>): (application: Record<string, unknown>) => SchemaProblem[] {
  if (JSON.stringify(extraFields).includes('"$ref"')) {
    const whole = catalog.schemas.compile(dictionary);
    return (application) => (whole(application) ? [] : toProblems(whole.errors));
  }
  const standard = catalog.schemas.validator(APPLICATION_SCHEMA_ID);
  const custom = Object.keys(extraFields).length ? catalog.schemas.compile((dictionary as { properties: { custom: object } }).properties.custom) : undefined;
  return (application) => {
    const problems = standard(application) ? [] : toProblems(standard.errors);
    const fields = application?.custom;
    if (custom && fields !== null && typeof fields === 'object' && !Array.isArray(fields) && !custom(fields)) {
      for (const problem of toProblems(custom.errors)) problems.push({ ...problem, pointer: `/custom${problem.pointer}` });
    }
    return problems;
  };
}
