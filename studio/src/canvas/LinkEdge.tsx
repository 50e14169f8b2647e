import { memo } from 'react';
import { BaseEdge, getSmoothStepPath, type Edge, type EdgeProps } from '@xyflow/react';

export type LinkEdgeData = { corridorY?: number };
export type LinkEdge = Edge<LinkEdgeData, 'link'>;

/**
 * A link drawn with right angles; one that wraps to the next row runs across in the strip between
 * the rows (`corridorY`, see wrap-corridor.ts) rather than through the blocks.
 */
export const LinkEdgeView = memo(function LinkEdgeView(props: EdgeProps<LinkEdge>) {
  const [path] = getSmoothStepPath({
    sourceX: props.sourceX,
    sourceY: props.sourceY,
    sourcePosition: props.sourcePosition,
    targetX: props.targetX,
    targetY: props.targetY,
    targetPosition: props.targetPosition,
    borderRadius: 8,
    ...(props.data?.corridorY !== undefined ? { centerY: props.data.corridorY } : {}),
  });
  return <BaseEdge id={props.id} path={path} {...(props.markerEnd ? { markerEnd: props.markerEnd } : {})} {...(props.style ? { style: props.style } : {})} interactionWidth={props.interactionWidth ?? 20} />;
});
