import {
  ArrowUpDown, Banknote, Blocks, Cake, CalendarDays, ChevronsUpDown, CircleCheck, CircleHelp, Diff, FilePen, FileText, Gift, House,
  JapaneseYen, Landmark, Library, ListChecks, MapPin, OctagonX, Paperclip, Percent, Repeat, Scale, Sigma, Signal, Split, Store,
  Table2, TrendingUp, UserRoundCheck, Wheat, X, type LucideIcon,
} from 'lucide-react';
import type { BlockTypeInfo } from '../api/types.ts';

/**
 * Block icons as bundled SVG (lucide), never emoji: a machine without an emoji font draws emoji as
 * empty boxes. A descriptor's `icon` is either a lucide name ("wheat") or one of the symbols the
 * descriptors used so far; anything else falls back to its category's icon, so a new block type
 * still needs no studio code.
 */
const BY_ICON: Record<string, LucideIcon> = {
  '🎂': Cake, cake: Cake,
  '💴': Banknote, banknote: Banknote,
  '📝': FilePen, 'file-pen': FilePen,
  '％': Percent, '%': Percent, percent: Percent,
  '📄': FileText, 'file-text': FileText,
  '🏪': Store, store: Store,
  '📶': Signal, signal: Signal,
  '🏠': House, house: House,
  '❓': CircleHelp, 'circle-help': CircleHelp,
  '🌾': Wheat, wheat: Wheat,
  '⛔': OctagonX, 'octagon-x': OctagonX,
  '⚖': Scale, scale: Scale,
  '📎': Paperclip, paperclip: Paperclip,
  '¥': JapaneseYen, 'japanese-yen': JapaneseYen,
  'ƒ': Sigma, sigma: Sigma,
  '×': X, x: X,
  '🎁': Gift, gift: Gift,
  '↕': ArrowUpDown, 'arrow-up-down': ArrowUpDown,
  '📋': ListChecks, 'list-checks': ListChecks,
  '✅': CircleCheck, 'circle-check': CircleCheck,
  '▦': Table2, 'table-2': Table2,
  '🏦': Landmark, landmark: Landmark,
  '⇕': ChevronsUpDown, 'chevrons-up-down': ChevronsUpDown,
  '🧑‍💼': UserRoundCheck, 'user-round-check': UserRoundCheck,
  '📍': MapPin, 'map-pin': MapPin,
  '📅': CalendarDays, 'calendar-days': CalendarDays,
  '🔁': Repeat, repeat: Repeat,
  '📚': Library, library: Library,
  '±': Diff, diff: Diff,
  '🔀': Split, split: Split,
  '📈': TrendingUp, 'trending-up': TrendingUp,
};

const BY_CATEGORY: Record<string, LucideIcon> = {
  start: FilePen,
  eligibility: ListChecks,
  segment: Split,
  limit: ArrowUpDown,
  pricing: Percent,
  fee: JapaneseYen,
  repayment: CalendarDays,
  outcome: CircleCheck,
};

/** The lucide component for a block type (its icon, else its category's, else a generic block). */
export function iconFor(blockType: Pick<BlockTypeInfo, 'icon' | 'category'> | undefined): LucideIcon {
  if (!blockType) return Blocks;
  return BY_ICON[blockType.icon] ?? BY_ICON[blockType.icon.replace(/\uFE0F/g, '')] ?? BY_CATEGORY[blockType.category] ?? Blocks;
}

/** A block type's icon, decorative (the block's title names it). */
export function BlockIcon({ blockType, size = 16 }: { blockType: Pick<BlockTypeInfo, 'icon' | 'category'> | undefined; size?: number }) {
  const Icon = iconFor(blockType);
  return <Icon size={size} strokeWidth={1.75} aria-hidden="true" focusable="false" />;
}
