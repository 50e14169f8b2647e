import { useCatalog } from '../catalog/use-catalog.ts';
import { useT } from '../i18n/use-t.ts';
import { placeProblems, type ServerFieldError } from '../simulator/simulate-problems.ts';

/**
 * Why a test case could not run (its application or request does not fit the product), one line
 * per problem by the field's labels (申请人 › 年龄（周岁）：请填写数字), the pointer on hover: in the
 * Tests tab, the submit dialog and the approver's review.
 */
export function CaseErrors({ errors }: { errors: ServerFieldError[] }) {
  const { t, locale } = useT();
  const { catalog } = useCatalog(); // the standard application dictionary names the fields
  const labels = { requestedAmount: t('sim.requestedAmount'), termMonths: t('sim.term'), repaymentMethod: t('sim.method'), asOf: t('sim.asOf') };
  // a case's request fields sit under /request; the simulator's at the top
  const placed = placeProblems(
    errors.map((error) => ({ ...error, pointer: error.pointer.replace(/^\/request(?=\/)/, '') })),
    catalog?.applicationSchema,
    locale,
    labels,
  );
  return (
    <ul className="small form-error case-errors">
      {placed.lines.map((line, i) => (
        <li key={i} title={errors[i]?.pointer}>
          {line.label}
          {locale === 'zh-CN' ? '：' : ': '}
          {line.message}
        </li>
      ))}
    </ul>
  );
}
