/** The drag-and-drop data type a palette item carries: the block type to add. */
export const BLOCK_DRAG_TYPE = 'application/x-loan-block-type';
