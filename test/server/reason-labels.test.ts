import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './fixtures.ts';
import { EXAMPLES, portfolioLines, publishFirstVersion, settledReview, upload } from './impact-fixtures.ts';

/**
 * The suite run, the submission's failing cases and the side-by-side traces name their reason codes
 * as the impact report does (#16): the server sends what each code means, from the product (a
 * rule's name in both languages) or the fixed table (不在白名单内 / Not on the whitelist), so the
 * studio shows "label · CODE" without a copy of that table. Expected labels are written here by hand.
 */
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ examplesDir: EXAMPLES, files: true });
});
afterEach(() => server.close());

const UNDER_30 = { 'zh-CN': '年龄未满30岁', en: 'Applicant under 30' };
const NOT_ON_WHITELIST = { 'zh-CN': '不在白名单内', en: 'Not on the whitelist' };

/** Replaces the whitelist gate of flash-copy's draft by a rule set declining applicants under 30 (a rule named in both languages). */
async function whitelistToAgeRule(): Promise<void> {
  const current = (await server.store.getProduct('flash-copy'))!;
  const document = structuredClone(current.document);
  const gate = document.blocks.find((block) => block.id === 'customer')!;
  gate.type = 'rule-set';
  gate.config = { rules: [{ id: 'R001', name: UNDER_30, when: 'applicant.age < 30', reasonCode: 'AGE_UNDER_30', action: 'decline' }] };
  await (await server.as('author')).put('/api/studio/products/flash-copy/draft').set('If-Match', `"${current.revision}"`).send({ document }).expect(200);
}

describe('reason codes come with what they mean', () => {
  it('labels the codes a suite run names: a rule by its name in both languages, a whitelist decline by the fixed wording', async () => {
    await publishFirstVersion(server);
    await whitelistToAgeRule();
    const author = await server.as('author');
    const run = (await author.post('/api/studio/products/flash-copy/suite-runs').send({}).expect(200)).body;
    // boundary-age-22 is now declined by the rule; decline-not-customer is no longer declined
    const young = run.results.find((result: { id: string }) => result.id === 'boundary-age-22');
    expect(young.differences).toContainEqual({ field: 'reasonCodes', expected: [], actual: ['AGE_UNDER_30'] });
    const customer = run.results.find((result: { id: string }) => result.id === 'decline-not-customer');
    expect(customer.differences).toContainEqual({ field: 'reasonCodes', expected: ['NOT_ON_WHITELIST'], actual: [] });
    expect(run.labels.AGE_UNDER_30).toEqual(UNDER_30);
    expect(run.labels.NOT_ON_WHITELIST).toEqual(NOT_ON_WHITELIST);
    expect(run.labels.BUREAU_CURRENT_OVERDUE).toEqual({ 'zh-CN': '征信当前逾期', en: 'Credit report: currently overdue' }); // a passing case's decision
    // bounded: only codes the run names
    const named = new Set<string>(
      run.results.flatMap((result: { decision?: { reasonCodes: string[] }; differences: { field: string; expected: unknown; actual: unknown }[] }) => [
        ...(result.decision?.reasonCodes ?? []),
        ...result.differences.filter((d) => d.field === 'reasonCodes').flatMap((d) => [...(d.expected as string[]), ...(d.actual as string[])]),
      ]),
    );
    expect(Object.keys(run.labels).every((code) => named.has(code))).toBe(true);

    // the submit dialog's 422 and the stored review carry the failing cases' labels
    const refused = await author.post('/api/studio/products/flash-copy/submit').send({ comment: 'rule set' });
    expect([refused.status, refused.body.code]).toEqual([422, 'SUITE_FAILING']);
    expect(refused.body.labels).toMatchObject({ AGE_UNDER_30: UNDER_30, NOT_ON_WHITELIST });
    const submitted = await author.post('/api/studio/products/flash-copy/submit').send({ comment: 'rule set', suiteFailureReason: 'The whitelist is replaced by the age rule' }).expect(201);
    expect(submitted.body.impact.suite.labels).toMatchObject({ AGE_UNDER_30: UNDER_30, NOT_ON_WHITELIST });
  });

  it('labels both traces of a changed applicant, each version’s codes as that version words them', async () => {
    await publishFirstVersion(server);
    await upload(server, portfolioLines()).then((response) => expect(response.status).toBe(201));
    await whitelistToAgeRule();
    const author = await server.as('author');
    const submitted = await author.post('/api/studio/products/flash-copy/submit').send({ comment: 'rule set', suiteFailureReason: 'The whitelist is replaced by the age rule' }).expect(201);
    await settledReview(author, submitted.body.id);
    const approver = await server.as('approver');
    const { report } = (await approver.get(`/api/studio/reviews/${submitted.body.id}/impact`).expect(200)).body;
    const byOutcomes = (before: string, after: string) =>
      report.changed.shown.find((row: { before: { outcome: string }; after: { outcome: string } }) => row.before.outcome === before && row.after.outcome === after);
    const declinedNow = byOutcomes('approve', 'decline'); // the 22-year-old
    const approvedNow = byOutcomes('decline', 'approve'); // the applicant not on the whitelist
    expect(declinedNow && approvedNow).toBeTruthy();
    const traces = (line: number) => approver.get(`/api/studio/reviews/${submitted.body.id}/impact/rows/${line}`).expect(200);
    const declined = (await traces(declinedNow.line)).body;
    expect(declined.labels).toEqual({ AGE_UNDER_30: UNDER_30 });
    // the blocks on the two paths, by type and the name the author gave them (the after version's: the gate is a rule set now)
    expect(declined.blocks.customer).toEqual({ type: 'rule-set', label: { 'zh-CN': '客群名单', en: 'Customer list' } });
    expect(declined.blocks.age).toEqual({ type: 'age-gate' });
    expect(Object.keys(declined.blocks).sort()).toEqual([...new Set([...declined.before.decision.trace, ...declined.after.decision.trace].map((step: { blockId: string }) => step.blockId))].sort());
    expect((await traces(approvedNow.line)).body.labels).toEqual({ NOT_ON_WHITELIST });
  });
});
