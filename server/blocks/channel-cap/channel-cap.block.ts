import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import type { LimitCap } from '../../engine/offer-parts.ts';
import { text, type LocalizedText } from '../../engine/text.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import type { ChannelCapConfig } from '../config-types.generated.ts';

type Channel = 'app' | 'mini-program' | 'branch' | 'pad' | 'partner';

interface ChannelCapPrepared {
  byChannel: Map<string, LimitCap>;
  other?: LimitCap;
}

const CHANNEL_LABELS: Record<Channel, LocalizedText> = {
  app: text('手机银行', 'mobile app'),
  'mini-program': text('微信小程序', 'mini-program'),
  branch: text('网点', 'branch'),
  pad: text('移动展业', 'field PAD'),
  partner: text('合作方', 'partner API'),
};

const capFor = (max: string, channel?: Channel): LimitCap => ({
  amount: moneyString(max),
  code: 'CHANNEL_CAP',
  label: channel
    ? text(`${CHANNEL_LABELS[channel]['zh-CN']}渠道上限 ${moneyString(max)} 元`, `Cap for the ${CHANNEL_LABELS[channel].en} channel ${moneyString(max)}`)
    : text(`渠道上限（未指明渠道）${moneyString(max)} 元`, `Channel cap (channel not given) ${moneyString(max)}`),
});

/**
 * 渠道限额 / Channel cap: the limit depends on where the application comes from. Internet
 * lending caps personal consumer credit at 20万 per household (30万 under the 2025 relief), while a
 * branch with in-person signing may lend more. The server sets `channel` from the API key.
 */
export const channelCapBlock = defineBlockType<ChannelCapConfig, ChannelCapPrepared>({
  type: 'channel-cap',
  version: 1,
  title: text('渠道限额', 'Channel cap'),
  description: text(
    '按申请渠道设额度上限：线上（手机银行、小程序）不超过 20 万，网点面签可更高。',
    'Caps the limit by channel: online (app, mini-program) at most 200,000, more at a branch with in-person signing.',
  ),
  category: 'limit',
  icon: '📶',
  keywords: ['渠道', '线上', '互联网贷款', '限额', 'channel', 'online', 'internet', 'cap'],
  defaults: {
    caps: [
      { channels: ['app', 'mini-program'], max: '200000' },
      { channels: ['branch', 'pad'], max: '500000' },
    ],
    otherChannels: 'lowest-cap',
  },
  role: 'contributor',
  provides: ['limit'],
  compile(config) {
    const diagnostics: BlockDiagnostic[] = [];
    const duplicate = duplicateCheck((channel) => text(`渠道 ${channel} 出现在多行`, `The channel ${channel} appears in more than one row`));
    const byChannel = new Map<string, LimitCap>();
    config.caps.forEach((row, index) => {
      row.channels.forEach((channel, at) => {
        diagnostics.push(...duplicate(channel, `/caps/${index}/channels/${at}`));
        byChannel.set(channel, capFor(row.max, channel));
      });
    });
    const lowest = config.caps.map((row) => row.max).reduce((a, b) => (new Decimal(a).lte(b) ? a : b));
    const other = config.otherChannels === 'lowest-cap' ? capFor(lowest) : undefined;
    const limitMaxByChannel = Object.fromEntries([...byChannel].map(([channel, cap]) => [channel, cap.amount]));
    return {
      prepared: { byChannel, other },
      diagnostics,
      reads: [{ path: 'channel', required: false }],
      facts: { limitMaxByChannel, ...(other ? { limitMaxOtherChannels: other.amount } : {}) },
    };
  },
  evaluate(prepared, { application }) {
    const channel = typeof application.channel === 'string' ? application.channel : undefined;
    const cap = (channel && prepared.byChannel.get(channel)) || prepared.other;
    const facts = { channel: channel ?? null, cap: cap?.amount ?? null };
    return { kind: 'contribute', contribution: cap ? { limitCaps: [cap] } : {}, facts };
  },
  summarize(config, locale) {
    return config.caps.map((row) => `${row.channels.map((c) => CHANNEL_LABELS[c][locale]).join('/')} ≤ ${row.max}`).join('; ');
  },
});
