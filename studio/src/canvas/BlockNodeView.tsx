import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { translate } from '../i18n/use-t.ts';
import { summarize } from './summary.ts';
import { blockTitle, labelIn } from './block-name.ts';
import type { BlockNode } from './to-react-flow.ts';
import { BlockIcon } from '../icons/BlockIcon.tsx';

/**
 * A block on the canvas: category colour, icon, title, summary line, ports with labels and a
 * diagnostic badge. Memoized: it re-renders only when its node object changes.
 */
export const BlockNodeView = memo(function BlockNodeView({ data, selected }: NodeProps<BlockNode>) {
  const { block, blockType, outputs, decor, locale, summary: fromServer } = data;
  const named = labelIn(block.label, locale);
  const title = blockTitle(block, blockType, locale);
  const summary = summarize(block, blockType, locale, fromServer);
  const classes = ['block-node', `cat-${blockType?.category ?? 'unknown'}`];
  if (selected) classes.push('selected');
  if (decor?.errors) classes.push('has-errors');
  else if (decor?.warnings) classes.push('has-warnings');
  if (decor?.path) classes.push(`path-${decor.path}`);
  if (decor?.diff) classes.push(`diff-${decor.diff}`);
  const inputs = blockType?.inputs ?? [];
  return (
    <div className={classes.join(' ')} data-block-id={block.id} data-testid={`block-${block.id}`} aria-label={`${title} (${block.id})`} role="group">
      <div className="block-head">
        <span className="block-icon" aria-hidden="true">
          <BlockIcon blockType={blockType} />
        </span>
        <span className="block-title">{title}</span>
        {decor && (decor.errors > 0 || decor.warnings > 0) && (
          <span
            className={`diag-badge ${decor.errors ? 'error' : 'warning'}`}
            title={decor.message}
            aria-label={decor.errors ? translate(locale, 'node.errors', { count: decor.errors }) : translate(locale, 'node.warnings', { count: decor.warnings })}
          >
            {decor.errors || decor.warnings}
          </span>
        )}
      </div>
      {named && blockType && named !== blockType.title[locale] && <div className="block-type-name">{blockType.title[locale]}</div>}
      <div className="block-summary" title={summary}>
        {summary || '\u00a0'}
      </div>
      <div className="block-ports">
        <div className="ports-in">
          {inputs.map((port) => (
            <div key={port.id} className="port port-in">
              <Handle type="target" position={Position.Left} id={port.id} className="handle handle-in" aria-label={`${title} · ${port.label[locale]}`} />
              <span className="port-label">{port.label[locale]}</span>
            </div>
          ))}
        </div>
        <div className="ports-out">
          {outputs.map((port) => (
            <div key={port.id} className={`port port-out kind-${port.kind}`}>
              <span className="port-label">{port.label[locale]}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={port.id}
                className={`handle handle-out kind-${port.kind}`}
                data-port={port.id}
                aria-label={`${title} · ${port.label[locale]}`}
              />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
});
