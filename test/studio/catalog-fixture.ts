import type { BlockTypeInfo, InputPort, OutputPort } from '../../studio/src/api/types.ts';

/** A small block catalog shaped like GET /api/block-types, so the store test needs no server. */
const text = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const appIn: InputPort = { id: 'in', label: text('申请', 'Application'), accepts: ['application'] };
const anyIn: InputPort = { id: 'in', label: text('申请', 'Application'), accepts: ['application', 'rejection'] };
const next: OutputPort = { id: 'out', label: text('继续', 'Next'), kind: 'application' };

function blockType(type: string, category: BlockTypeInfo['category'], role: BlockTypeInfo['role'], inputs: InputPort[], outputs: OutputPort[], defaults: Record<string, unknown> = {}): BlockTypeInfo {
  return {
    type,
    version: 1,
    title: text(type, type),
    description: text('', ''),
    category,
    icon: '■',
    keywords: [],
    configSchemaId: `https://schemas.loan-blocks.dev/blocks/${type}.schema.json`,
    defaults,
    ui: {},
    role,
    inputs,
    outputs,
    configSchema: { type: 'object' },
    migrations: [],
  };
}

export const catalog: BlockTypeInfo[] = [
  blockType('application', 'start', 'start', [], [{ id: 'out', label: text('申请', 'Application'), kind: 'application' }], { productId: 'p' }),
  blockType(
    'age-gate',
    'eligibility',
    'gate',
    [appIn],
    [
      { id: 'pass', label: text('通过', 'Pass'), kind: 'application' },
      { id: 'fail', label: text('不通过', 'Fail'), kind: 'rejection' },
    ],
    { minAge: 18, maxAge: 65, ageSource: 'age' },
  ),
  {
    ...blockType('segment-switch', 'segment', 'router', [appIn], [{ id: 'else', label: text('其他', 'Else'), kind: 'application' }], { branches: [] }),
    dynamicOutputs: { arrayKey: 'branches', idKey: 'id', labelKey: 'label', kind: 'application' },
  },
  blockType('limit-range', 'limit', 'contributor', [appIn], [next], { max: '500000' }),
  blockType('decline', 'outcome', 'outcome', [anyIn], []),
  blockType('refer', 'outcome', 'outcome', [anyIn], []),
];
