import { useReactFlow, useStore } from '@xyflow/react';
import { useT } from '../i18n/use-t.ts';
import { FIT_VIEW } from './fit.ts';

/**
 * Zoom controls and the minimap switch in a strip under the canvas rather than floating on it, so
 * they never cover a block. The zoom figure is the one a person reads to know the text is legible.
 */
export function CanvasControls({ minimap, onMinimap }: { minimap: boolean; onMinimap(on: boolean): void }) {
  const { t } = useT();
  const flow = useReactFlow();
  const zoom = useStore((state) => state.transform[2]);
  return (
    <div className="canvas-controls" role="toolbar" aria-label={t('canvas.controls')}>
      <button type="button" className="btn btn-ghost small" onClick={() => void flow.zoomOut({ duration: 150 })} aria-label={t('canvas.zoomOut')} title={t('canvas.zoomOut')}>
        −
      </button>
      <span className="zoom-figure" data-testid="zoom-figure">
        {Math.round(zoom * 100)} %
      </span>
      <button type="button" className="btn btn-ghost small" onClick={() => void flow.zoomIn({ duration: 150 })} aria-label={t('canvas.zoomIn')} title={t('canvas.zoomIn')}>
        +
      </button>
      <button type="button" className="btn btn-ghost small" onClick={() => void flow.zoomTo(1, { duration: 150 })} aria-label={t('canvas.actualSize')}>
        100 %
      </button>
      <button type="button" className="btn btn-ghost small" onClick={() => void flow.fitView({ ...FIT_VIEW, duration: 300 })} aria-label={t('canvas.zoomToFit')}>
        {t('editor.fitView')}
      </button>
      <label className="check small minimap-switch">
        <input type="checkbox" checked={minimap} onChange={(event) => onMinimap(event.target.checked)} aria-label={t('canvas.minimap')} />
        {t('canvas.minimap')}
      </label>
    </div>
  );
}
