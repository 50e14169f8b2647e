import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { BlockTypeInfo, FlowDocument } from '../api/types.ts';
import { useWindowReturn } from '../app/use-window-return.ts';
import { CaseErrors } from './CaseErrors.tsx';
import { coverageItemName, type CoverageItem } from './coverage-names.ts';
import { DifferenceCells, DifferenceHead } from './DifferenceCells.tsx';
import { impactApi, type SuiteRunAnswer } from './impact-api.ts';
import { useImpactT } from './impact-text.ts';
import { PortfolioPanel } from './PortfolioPanel.tsx';
import './impact.css';

const DEBOUNCE_MS = 600;
const UNREACHED_SHOWN = 12;

/**
 * 测试 / Tests tab: runs the product's test suite on the editor's document a moment after each
 * edit (once it compiles) and shows every case with its differing fields, and the coverage:
 * blocks, branches, rules and pricing rows no case reaches.
 */
export function TestSuitePanel(props: SuiteProps & { published: boolean }) {
  return (
    <>
      <SuiteResults {...props} />
      <div className="pad">
        <PortfolioPanel productId={props.productId} published={props.published} />
      </div>
    </>
  );
}

interface SuiteProps {
  productId: string;
  document: FlowDocument; // what the suite runs on: the editor's draft
  viewDocument: FlowDocument; // what the canvas shows (a derived product's base with its overrides): names the unreached items
  types: Map<string, BlockTypeInfo>;
  compiles: boolean;
}

function SuiteResults({ productId, document, viewDocument, types, compiles }: SuiteProps) {
  const { it, lt, locale } = useImpactT();
  const [run, setRun] = useState<SuiteRunAnswer | undefined>();
  const [error, setError] = useState('');
  const returned = useWindowReturn(); // a colleague may have added or removed cases meanwhile
  useEffect(() => {
    if (!compiles) return;
    let current = true;
    const timer = setTimeout(() => {
      impactApi
        .runSuite(productId, document)
        .then((result) => {
          if (current) {
            setRun(result);
            setError('');
          }
        })
        .catch((caught) => {
          if (current) setError(caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught));
        });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [productId, document, compiles, returned]);

  if (!compiles) return <p className="muted pad">{it('suite.notCompiling')}</p>;
  if (error) return <p className="form-error pad">{error}</p>;
  if (!run) return <p className="muted pad">…</p>;
  if (run.cases === 0) return <p className="muted pad">{it('suite.noCases')}</p>;
  const kinds = [
    ['blocks', 'suite.blocks'],
    ['ports', 'suite.ports'],
    ['rules', 'suite.rules'],
    ['rows', 'suite.rows'],
  ] as const;
  const itemName = (item: CoverageItem) => coverageItemName(item, viewDocument, types, locale);
  return (
    <section className="test-suite pad stack" aria-label={it('suite.title')}>
      <p className={run.failed ? 'suite-line failing' : 'suite-line'}>
        <strong>{it('suite.summary', { passed: run.passed, cases: run.cases })}</strong>
      </p>
      <ul className="suite-cases">
        {run.results.map((result) => (
          <li key={result.id} className={`suite-case ${result.status}`}>
            <span className={`badge suite-${result.status}`}>{it(`suite.${result.status}`)}</span> {lt(result.title)}
            {result.differences.length > 0 && (
              <table className="impact-table small">
                <DifferenceHead />
                <tbody>
                  {result.differences.map((d) => (
                    <tr key={d.field}>
                      <DifferenceCells difference={d} labels={run.labels} />
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {result.errors && <CaseErrors errors={result.errors} />}
          </li>
        ))}
      </ul>
      <h3>{it('suite.coverage')}</h3>
      <table className="impact-table small">
        <tbody>
          {kinds.map(([kind, label]) => {
            const counted = run.coverage[kind];
            const unreached: CoverageItem[] = counted.unreached;
            return (
              <tr key={kind}>
                <th scope="row">{it(label)}</th>
                <td>
                  {counted.reached}/{counted.total}
                </td>
                <td>
                  {unreached.length
                    ? it('suite.unreached', {
                        items: `${unreached
                          .slice(0, UNREACHED_SHOWN)
                          .map(itemName)
                          .join(locale === 'zh-CN' ? '、' : ', ')}${unreached.length > UNREACHED_SHOWN ? ` … (+${unreached.length - UNREACHED_SHOWN})` : ''}`,
                      })
                    : '✓'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
