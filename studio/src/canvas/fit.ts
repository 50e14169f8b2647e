import { LAYOUT_FIT_PADDING } from '../flow/layout.ts';

/**
 * How "fit view" frames the product: the same padding the automatic layout plans with, so a laid-out
 * product fits at the zoom the layout chose; never above 100 % (a small product is not blown up).
 */
export const FIT_VIEW = { padding: `${LAYOUT_FIT_PADDING}px`, maxZoom: 1 } as const;
