import type { BlockTypeInfo, FlowDocument, Offer } from '../api/types.ts';
import { blockTitle } from '../canvas/block-name.ts';
import { formatMoney } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';

interface Props {
  offer: Offer;
  requested?: string; // the amount the applicant asked for, when given
  document: FlowDocument;
  types: ReadonlyMap<string, BlockTypeInfo>;
  onFocus(blockId: string): void;
}

/**
 * Why the limit is what it is: every cap on the path with its own explanation (the runtime lists
 * the binding one first), the binding one marked, and a sentence when it cut the requested amount.
 */
export function CapsView({ offer, requested, document, types, onFocus }: Props) {
  const { t, lt, locale } = useT();
  if (!offer.caps.length) return null;
  const binding = offer.caps[0]!;
  const title = (blockId: string) => {
    const block = document.blocks.find((b) => b.id === blockId);
    return block ? blockTitle(block, types.get(block.type), locale) : blockId;
  };
  const asked = requested !== undefined && requested !== '' ? Number(requested) : undefined;
  const cut = asked !== undefined && asked > Number(offer.limit);
  // Asked for less than every cap allows: the request, not a cap, set the amount.
  const withinCaps = asked !== undefined && !cut && asked < Number(binding.amount);
  return (
    <section className="caps" aria-label={t('sim.why')} data-testid="caps">
      <h3>{t('sim.why')}</h3>
      <p className="caps-sentence" data-testid="caps-sentence">
        {cut
          ? t('sim.capCut', { requested: formatMoney(requested), limit: formatMoney(offer.limit), cap: title(binding.blockId) })
          : withinCaps
            ? t('sim.capRequested', { limit: formatMoney(offer.limit), most: formatMoney(binding.amount), cap: title(binding.blockId) })
            : t('sim.capBinding', { limit: formatMoney(offer.limit), cap: title(binding.blockId) })}
      </p>
      <ol className="cap-list">
        {offer.caps.map((cap, index) => (
          <li key={`${cap.blockId}-${cap.code}-${index}`} className={index === 0 && !withinCaps ? 'cap binding' : 'cap'}>
            <button type="button" className="link-button" onClick={() => onFocus(cap.blockId)} aria-label={`${t('sim.showBlock')} ${title(cap.blockId)}`}>
              {title(cap.blockId)}
            </button>
            <span className="cap-amount">{formatMoney(cap.amount)}</span>
            {index === 0 && !withinCaps && <span className="badge badge-amber">{t('sim.bindingCap')}</span>}
            <span className="cap-why muted small">{lt(cap.label)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
