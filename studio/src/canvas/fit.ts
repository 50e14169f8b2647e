import { LAYOUT_FIT_PADDING } from '../flow/layout.ts';

/**
 * How "fit view" frames the product: the same padding the automatic layout plans with, so a laid-out
 * product fits at the zoom the layout chose; never above 100 % (a small product is not blown up).
 */
export const FIT_VIEW = {
  padding: { left: `${LAYOUT_FIT_PADDING.x}px`, right: `${LAYOUT_FIT_PADDING.x}px`, top: `${LAYOUT_FIT_PADDING.y}px`, bottom: `${LAYOUT_FIT_PADDING.y}px` },
  maxZoom: 1,
} as const;
