// The dictionary's type, not i18n.tsx: the server's test of 上线准备 runs this wording in Node.
import type { zh } from '../../app/i18n/zh.js';

type MessageKey = keyof typeof zh;
type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export type StepKey =
  | 'orgName'
  | 'units'
  | 'liaisons'
  | 'monitor'
  | 'leader'
  | 'office'
  | 'workingGroup'
  | 'sources'
  | 'dictionary'
  | 'demoAccounts';

export interface SetupStep {
  key: StepKey;
  done: boolean;
  /** In Chinese, from the server; the card words `count` and `names` in the user's language. */
  detail: string;
  count: number;
  names: string[];
}

export interface SetupStatus {
  done: boolean;
  steps: SetupStep[];
}

/** What is there or what is missing, as the server's Chinese `detail` says it, in either language. */
export function stepDetail(step: SetupStep, t: Translate): string {
  const { count: n } = step;
  const people = (missing: MessageKey) => (n > 0 ? t('setup.detail.people', { n }) : t(missing));
  switch (step.key) {
    case 'orgName':
      return step.names[0] ?? t('setup.detail.orgNameMissing');
    case 'units':
      return n > 0 ? t('setup.detail.units', { n }) : t('setup.detail.unitsMissing');
    case 'liaisons': {
      if (n === 0) return t('setup.detail.liaisonsNoUnits');
      if (step.names.length === 0) return t('setup.detail.liaisonsDone');
      const sep = t('common.listSeparator');
      const units =
        step.names.length > 3
          ? t('setup.detail.unitsAndMore', {
              names: step.names.slice(0, 3).join(sep),
              n: step.names.length,
            })
          : step.names.join(sep);
      return t('setup.detail.liaisonsMissing', { units });
    }
    case 'monitor':
      return people('setup.detail.monitorMissing');
    case 'leader':
      return people('setup.detail.leaderMissing');
    case 'office':
      return people('setup.detail.officeMissing');
    case 'workingGroup':
      return n > 0 ? t('setup.detail.workingGroup', { n }) : t('setup.detail.workingGroupMissing');
    case 'sources':
      return n > 0 ? t('setup.detail.sources', { n }) : t('setup.detail.sourcesMissing');
    case 'dictionary':
      if (n > 0) return t('setup.detail.dictionary', { n });
      return step.names.length > 0
        ? t('setup.detail.dictionaryUnitsOnly')
        : t('setup.detail.dictionaryMissing');
    case 'demoAccounts':
      return n === 0
        ? t('setup.detail.demoAccountsNone')
        : t('setup.detail.demoAccounts', { names: step.names.join(t('common.listSeparator')) });
  }
}
