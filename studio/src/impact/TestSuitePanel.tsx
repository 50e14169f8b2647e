import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { FlowDocument } from '../api/types.ts';
import { DifferenceCells, DifferenceHead } from './DifferenceCells.tsx';
import { impactApi, type SuiteRunAnswer } from './impact-api.ts';
import { useImpactT } from './impact-text.ts';
import { PortfolioPanel } from './PortfolioPanel.tsx';
import { namedItems } from '../simulator/fact-labels.ts';
import './impact.css';

const DEBOUNCE_MS = 600;
const UNREACHED_SHOWN = 12;

/**
 * 测试 / Tests tab: runs the product's test suite on the editor's document a moment after each
 * edit (once it compiles) and shows every case with its differing fields, and the coverage:
 * blocks, branches, rules and pricing rows no case reaches.
 */
export function TestSuitePanel(props: { productId: string; document: FlowDocument; compiles: boolean; published: boolean }) {
  return (
    <>
      <SuiteResults {...props} />
      <div className="pad">
        <PortfolioPanel productId={props.productId} published={props.published} />
      </div>
    </>
  );
}

function SuiteResults({ productId, document, compiles }: { productId: string; document: FlowDocument; compiles: boolean }) {
  const { it, lt, locale } = useImpactT();
  const [run, setRun] = useState<SuiteRunAnswer | undefined>();
  const [error, setError] = useState('');
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
  }, [productId, document, compiles]);

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
  // a rule or a pricing row no case reaches, by its id and the name the author gave it (in the reader's language)
  const itemName = (item: Record<string, string>) => {
    const id = item.ruleId ?? item.rowId;
    const named = id ? namedItems(document.blocks.find((block) => block.id === item.blockId)?.config, locale).get(id) : undefined;
    return named ? `${item.blockId} › ${named}` : Object.values(item).join(item.port ? '.' : ' › ');
  };
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
            {result.errors && <p className="small form-error">{result.errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}</p>}
          </li>
        ))}
      </ul>
      <h3>{it('suite.coverage')}</h3>
      <table className="impact-table small">
        <tbody>
          {kinds.map(([kind, label]) => {
            const counted = run.coverage[kind];
            const unreached = counted.unreached as unknown as Record<string, string>[];
            return (
              <tr key={kind}>
                <th scope="row">{it(label)}</th>
                <td>
                  {counted.reached}/{counted.total}
                </td>
                <td>
                  {unreached.length
                    ? it('suite.unreached', {
                        items: `${unreached.slice(0, UNREACHED_SHOWN).map(itemName).join(', ')}${unreached.length > UNREACHED_SHOWN ? ` … (+${unreached.length - UNREACHED_SHOWN})` : ''}`,
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
