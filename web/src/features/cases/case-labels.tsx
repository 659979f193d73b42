import { Tag } from 'antd';
import { ThunderboltFilled } from '@ant-design/icons';
import { useT } from '../../app/i18n/i18n';
import type { MessageKey, Translate } from '../../app/i18n/i18n';
import { isMessageKey } from '../../app/i18n/i18n';
import { CASE_STATES } from './cases.api';
import type { CaseState } from './cases.api';

export const STATE_COLORS: Record<CaseState, string> = {
  registered: 'blue',
  assigned: 'cyan',
  handling: 'geekblue',
  reviewing: 'gold',
  approved: 'purple',
  published: 'green',
  closed: 'default',
  archived: 'default',
};

export function stateLabel(t: Translate, state: string): string {
  const key = `caseState.${state}`;
  return isMessageKey(key) ? t(key) : state;
}

export function stateOptions(t: Translate): { value: CaseState; label: string }[] {
  return CASE_STATES.map((state) => ({ value: state, label: stateLabel(t, state) }));
}

export function StateTag({ state }: { state: CaseState }) {
  const t = useT();
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="case-state">
      {stateLabel(t, state)}
    </Tag>
  );
}

export function UrgentTag() {
  const t = useT();
  return (
    <Tag color="volcano" icon={<ThunderboltFilled />} style={{ marginInlineEnd: 0 }}>
      {t('cases.urgent')}
    </Tag>
  );
}

/** The label of an act (a button, a timeline entry); the server's label for one we do not know. */
export function actLabel(t: Translate, act: string, fallback?: string): string {
  const key = `caseAct.${act}`;
  return isMessageKey(key) ? t(key) : (fallback ?? act);
}

const RATINGS = ['satisfied', 'basically', 'unsatisfied'] as const;

export function ratingLabel(t: Translate, rating: string): string {
  const key = `cases.rating.${rating}`;
  return isMessageKey(key) ? t(key) : rating;
}

export function ratingOptions(t: Translate) {
  return RATINGS.map((value) => ({ value, label: ratingLabel(t, value) }));
}

export function extensionLabel(t: Translate, state: string): string {
  const key = `cases.extension.${state}`;
  return isMessageKey(key) ? t(key) : state;
}

export const UNIT_ROLE_KEYS: Record<'lead' | 'co', MessageKey> = {
  lead: 'cases.leadUnit',
  co: 'cases.coUnit',
};

/** 抄告单 2026-0042, or 办件 #12 before a slip is issued. */
export function caseName(t: Translate, c: { id: number; slipNo: string | null }): string {
  return c.slipNo ? t('cases.slipName', { no: c.slipNo }) : t('cases.caseName', { id: c.id });
}
