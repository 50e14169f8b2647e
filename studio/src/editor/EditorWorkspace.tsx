import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Decision, User } from '../api/types.ts';
import { ErrorBoundary } from '../app/ErrorBoundary.tsx';
import { FlowCanvas } from '../canvas/FlowCanvas.tsx';
import { FIT_VIEW } from '../canvas/fit.ts';
import { mergeOverrides } from '../flow/overrides.ts';
import { useFlowState } from '../flow/use-flow-state.ts';
import { useT } from '../i18n/use-t.ts';
import { Palette } from '../palette/Palette.tsx';
import { ProblemsPanel } from '../problems/ProblemsPanel.tsx';
import { useFocusBlock } from '../problems/use-focus-block.ts';
import { SubmitDialog } from '../review/SubmitDialog.tsx';
import { VersionsPanel } from '../review/VersionsPanel.tsx';
import { BackupBanner } from './BackupBanner.tsx';
import { ConflictDialog } from './ConflictDialog.tsx';
import { EditorToolbar } from './EditorToolbar.tsx';
import { ProductSyncNotices } from './ProductSyncNotices.tsx';
import { RightPanel, type PanelTab } from './RightPanel.tsx';
import { TestSuitePanel } from '../impact/TestSuitePanel.tsx';
import { useDecor } from './use-decor.ts';
import { useEditorShortcuts } from './use-editor-shortcuts.ts';
import { useLiveCompile } from './use-live-compile.ts';
import { useProductStatus } from './use-product-status.ts';
import type { LoadedProduct } from './use-product-loader.ts';
import { useSave } from './use-save.ts';

// rjsf, Monaco and the schedule chart load when their panel first opens.
const Inspector = lazy(() => import('../inspector/Inspector.tsx').then((m) => ({ default: m.Inspector })));
const SimulatorPanel = lazy(() => import('../simulator/SimulatorPanel.tsx').then((m) => ({ default: m.SimulatorPanel })));
const JsonView = lazy(() => import('../json/JsonView.tsx').then((m) => ({ default: m.JsonView })));

/** Palette | canvas | right panel, with the problems panel below the canvas. */
export function EditorWorkspace({ loaded, user, onSignOut }: { loaded: LoadedProduct; user: User; onSignOut(): void }) {
  const { t, locale } = useT();
  const { detail, catalog, store, baseDocument } = loaded;
  const state = useFlowState(store);
  const flow = useReactFlow();
  const types = useMemo(() => new Map(catalog.blockTypes.map((type) => [type.type, type])), [catalog]);
  const derived = !!state.document.base && !!baseDocument;
  const viewDocument = useMemo(() => (derived ? mergeOverrides(baseDocument!, state.document) : state.document), [derived, baseDocument, state.document]);
  const status = useProductStatus(detail.id, { status: detail.status, latestVersion: detail.latestVersion, revision: detail.revision, updatedBy: detail.updatedBy });
  const canEdit = (user.roles.includes('author') || user.roles.includes('admin')) && status.status !== 'archived';

  const compile = useLiveCompile(state.document);
  const diagnostics = compile.result?.diagnostics ?? detail.diagnostics ?? [];
  const [decision, setDecision] = useState<Decision | null>(null);
  const [samples, setSamples] = useState(() => detail.samples ?? []); // grows when a simulated applicant is saved as a test case
  const { decor, pathLinks } = useDecor(diagnostics, locale, viewDocument, decision);
  const saver = useSave(detail.id, store, detail.revision, state.document);
  const [tab, setTab] = useState<PanelTab>('inspector');
  const [newestVersion, setNewestVersion] = useState<number | undefined>(); // as the version history last loaded it
  const [helpOpen, setHelpOpen] = useState(false);
  const [submitOpen, setSubmitOpen] = useState(false);
  const measured = useRef(new Map<string, { width: number; height: number }>()).current;
  const focusBlock = useFocusBlock(store);

  const save = useCallback(() => void saver.save(), [saver.save]);
  const adoptNewer = useCallback(() => void saver.adoptNewer().catch(() => undefined), [saver.adoptNewer]);
  useEditorShortcuts(canEdit ? store : undefined, { save, toggleHelp: () => setHelpOpen((open) => !open) });

  const addBlock = useCallback(
    (type: string) => {
      const box = document.querySelector('.canvas')?.getBoundingClientRect();
      const centre = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      const corner = box ? flow.screenToFlowPosition({ x: box.right - 220, y: box.bottom - 120 }) : centre;
      const topLeft = box ? flow.screenToFlowPosition({ x: box.left + 20, y: box.top + 20 }) : centre;
      // The free place nearest the centre of the view, inside the view: a clicked block never lands on another.
      const blocks = store.getState().document.blocks;
      const free = (p: { x: number; y: number }) => !blocks.some((b) => Math.abs(b.position.x - p.x) < 230 && Math.abs(b.position.y - p.y) < 120);
      const origin = { x: Math.round(centre.x - 100), y: Math.round(centre.y - 40) };
      const candidates = [origin];
      for (let ring = 1; ring <= 6; ring += 1) {
        for (let dx = -ring; dx <= ring; dx += 1) {
          for (let dy = -ring; dy <= ring; dy += 1) {
            if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
            const p = { x: origin.x + dx * 250, y: origin.y + dy * 130 };
            if (p.x >= topLeft.x && p.y >= topLeft.y && p.x <= corner.x && p.y <= corner.y) candidates.push(p);
          }
        }
      }
      const stagger = (blocks.length % 5) * 24;
      const spot = candidates.find(free) ?? { x: origin.x + stagger, y: origin.y + stagger };
      store.add(type, spot);
    },
    [flow, store],
  );

  const layout = useCallback(() => {
    const pane = document.querySelector('.canvas .react-flow')?.getBoundingClientRect();
    store.autoLayout(Object.fromEntries(measured), pane ? { width: pane.width, height: pane.height } : undefined);
    requestAnimationFrame(() => void flow.fitView({ ...FIT_VIEW, duration: 300 }));
  }, [store, measured, flow]);

  // The simulator and JSON tabs widen the panel: the canvas refits so no block is pushed off it.
  const wide = tab === 'simulator' || tab === 'json';
  const firstWidth = useRef(true);
  useEffect(() => {
    if (firstWidth.current) {
      firstWidth.current = false;
      return;
    }
    const timer = setTimeout(() => void flow.fitView({ ...FIT_VIEW, duration: 200 }), 60); // after React Flow has seen the new size
    return () => clearTimeout(timer);
  }, [wide, flow]);

  const selectBlock = state.selection.blocks.length === 1 ? state.selection.blocks[0] : undefined;
  const loading = <p className="muted pad">{t('app.loading')}</p>;
  return (
    <div className="editor">
      <EditorToolbar
        detail={detail}
        status={status.status}
        openReview={status.review?.status === 'open' ? status.review.id : undefined}
        latestVersion={Math.max(newestVersion ?? 0, status.latestVersion ?? 0) || undefined}
        onSignOut={onSignOut}
        state={state}
        dirty={saver.dirty}
        saving={saver.saving}
        canEdit={canEdit}
        helpOpen={helpOpen}
        onHelp={setHelpOpen}
        onUndo={() => store.undo()}
        onRedo={() => store.redo()}
        onLayout={layout}
        onFit={() => void flow.fitView({ ...FIT_VIEW, duration: 300 })}
        onSave={save}
        onSubmit={() => setSubmitOpen(true)}
      />
      <BackupBanner productId={detail.id} store={store} />
      <ProductSyncNotices view={status} revision={saver.revision} dirty={saver.dirty} saving={saver.saving} onNewerDraft={adoptNewer} />
      {derived && <div className="banner info">{t('editor.readOnlyInherited')}</div>}
      <div className="editor-body">
        <Palette catalog={catalog} onAdd={addBlock} disabled={!canEdit || derived} />
        <div className="editor-centre">
          <FlowCanvas
            store={store}
            types={types}
            document={derived ? viewDocument : undefined}
            decor={decor}
            pathLinks={pathLinks}
            structureLocked={!canEdit || derived}
            measured={measured}
            summaries={compile.result?.summaries}
          />
          <ProblemsPanel diagnostics={diagnostics} pending={compile.pending} error={compile.error} document={viewDocument} types={types} onFocusBlock={focusBlock} />
        </div>
        <RightPanel tab={tab} onTab={setTab}>
          <ErrorBoundary resetKey={`${tab}:${selectBlock}`}>
            <Suspense fallback={loading}>
              {tab === 'inspector' && (
                <Inspector
                  store={store}
                  blockId={selectBlock}
                  selectedCount={state.selection.blocks.length}
                  viewDocument={viewDocument}
                  baseDocument={derived ? baseDocument : undefined}
                  catalog={catalog}
                  types={types}
                  diagnostics={diagnostics}
                  readOnly={!canEdit}
                />
              )}
              {tab === 'simulator' && (
                <SimulatorPanel
                  productId={detail.id}
                  samples={samples}
                  onCaseSaved={(testCase) => setSamples((current) => [...current, testCase])}
                  compiled={compile.result?.product}
                  dirty={saver.dirty}
                  onSave={saver.save}
                  decision={decision}
                  onDecision={setDecision}
                  document={viewDocument}
                  types={types}
                  onFocus={focusBlock}
                />
              )}
              {tab === 'tests' && (
                <TestSuitePanel
                  productId={detail.id}
                  document={state.document}
                  viewDocument={viewDocument}
                  types={types}
                  compiles={Boolean(compile.result?.product)}
                  published={Boolean(status.latestVersion)}
                />
              )}
              {tab === 'json' && <JsonView store={store} compiled={compile.result?.product} readOnly={!canEdit} />}
              {tab === 'versions' && <VersionsPanel productId={detail.id} canEdit={canEdit} dirty={saver.dirty} onSave={saver.save} types={types} onFocus={focusBlock} onNewest={setNewestVersion} />}
            </Suspense>
          </ErrorBoundary>
        </RightPanel>
      </div>
      {saver.conflict && (
        <ConflictDialog conflict={saver.conflict} mine={state.document} onReloadTheirs={saver.reloadTheirs} onKeepMine={() => void saver.keepMine()} onClose={saver.dismissConflict} />
      )}
      {submitOpen && <SubmitDialog productId={detail.id} dirty={saver.dirty} onSave={saver.save} onSubmitted={() => void status.refresh()} onClose={() => setSubmitOpen(false)} />}
    </div>
  );
}
