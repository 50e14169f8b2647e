import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t.ts';

export type PanelTab = 'inspector' | 'simulator' | 'tests' | 'json' | 'versions';
const TABS: PanelTab[] = ['inspector', 'simulator', 'tests', 'json', 'versions'];

/** The right panel: inspector, simulator, JSON and versions as tabs. */
export function RightPanel({ tab, onTab, children }: { tab: PanelTab; onTab(tab: PanelTab): void; children: ReactNode }) {
  const { t } = useT();
  return (
    <aside className={`right-panel tab-${tab}`}>
      <div className="tabs" role="tablist" aria-label={t('tab.inspector')}>
        {TABS.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'tab on' : 'tab'} onClick={() => onTab(name)} aria-label={t(`tab.${name}`)}>
            {t(`tab.${name}`)}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel">
        {children}
      </div>
    </aside>
  );
}
