/** The application schema and applications the expression tests run against. */
export const applicationSchema = {
  type: 'object',
  $defs: {
    money: { type: 'number', minimum: 0 },
    region: { type: 'string', enum: ['罗平县', '师宗县', '陆良县'] },
  },
  properties: {
    applicant: {
      type: 'object',
      properties: {
        age: { type: 'integer' },
        income: { $ref: '#/$defs/money' },
        monthlyIncome: { $ref: '#/$defs/money' },
        region: { $ref: '#/$defs/region' },
        name: { type: 'string' },
        vip: { type: 'boolean' },
        overdue: { type: ['boolean', 'null'] },
        scores: { type: 'array', maxItems: 10, items: { type: 'number' } },
        tags: { type: 'array', maxItems: 10, items: { type: 'string' } },
        bureau: {
          type: 'object',
          properties: {
            overdueDays: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
            inquiries: { type: 'integer' },
            currentOverdue: { type: 'boolean' },
          },
        },
      },
    },
    loan: { type: 'object', properties: { amount: { $ref: '#/$defs/money' }, term: { type: 'integer', enum: [6, 12, 24, 36] } } },
    farm: {
      type: 'object',
      properties: {
        crops: {
          type: 'array',
          maxItems: 20,
          items: { type: 'object', properties: { crop: { type: 'string', enum: ['ginger', 'rice', 'maize', 'tea'] }, areaMu: { type: 'number' }, insured: { type: ['boolean', 'null'] } } },
        },
      },
    },
  },
} as const;

/** Applications covering present, missing, null, zero, negative, fractional and empty values. */
export const applications: Record<string, unknown>[] = [
  { applicant: { age: 30, income: 8500.55, region: '罗平县', name: '张三', vip: true, overdue: false, scores: [3, 1, 2], tags: ['VIP', '罗平县'], bureau: { overdueDays: 0, inquiries: 2, currentOverdue: false } }, loan: { amount: 100000, term: 12 }, farm: { crops: [{ crop: 'ginger', areaMu: 12.5, insured: true }, { crop: 'rice', areaMu: 3, insured: false }] } },
  { applicant: { age: 65, region: '师宗县', vip: false, overdue: null, scores: [], tags: [], bureau: { overdueDays: 45, inquiries: 7 } }, loan: { amount: 50000.5, term: 36 }, farm: { crops: [] } },
  { applicant: { age: 18, income: 0.1, name: '', vip: false, scores: [-2.5, 10, 0.3], tags: ['a'] }, loan: { amount: 0, term: 6 }, farm: { crops: [{ crop: 'maize' }, { areaMu: 0.1, insured: true }] } },
  { applicant: { age: 22, income: 0, region: '陆良县', name: 'b c', overdue: true, scores: [100000], bureau: {} } },
  { applicant: {} },
  { applicant: { age: 60, income: 12345.67, region: '罗平县', vip: true, scores: [1, null, 3], tags: ['"', "'"], bureau: { overdueDays: 3, inquiries: 0 } }, loan: { amount: 1000, term: 24 }, farm: { crops: [{ crop: 'ginger', areaMu: -2, insured: null }, { crop: 'tea', areaMu: 100000, insured: true }] } },
];
