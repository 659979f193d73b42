import { useCallback, useMemo } from 'react';
import { usePermission } from '../../app/auth';
import type { Translate } from '../../app/i18n/i18n';
import { useApi } from '../../app/use-api';
import { UNIT_TYPES, listUnits } from '../org/units/units.api';
import type { Unit } from '../org/units/units.api';

/** The organisation's units (`GET /api/units`), for choosing units on slips and in filters. */
export function useUnits(): { units: Unit[]; loading: boolean; error: unknown } {
  const has = usePermission();
  const load = useCallback((signal: AbortSignal) => listUnits(signal), []);
  const { data, loading, error } = useApi(has('org.read') ? load : null);
  return { units: data ?? [], loading, error };
}

/**
 * A unit nobody in the system signs for: no designated liaison and no users. Its slips reach no
 * one's inbox and stay 未签收 unless delivered and recorded by hand.
 */
export const hasNoContact = (unit: Unit) => unit.liaisonUserId === null && unit.userCount === 0;

export interface UnitOptionGroup {
  label: string;
  title: string;
  options: { value: number; label: string }[];
}

/** Select options grouped by unit type (镇直单位 / 村（居）委会 / 上级部门), in the admin's order. */
export function unitOptionGroups(
  t: Translate,
  units: Unit[],
  filter: (unit: Unit) => boolean = () => true,
  label: (unit: Unit) => string = (unit) => unit.name,
): UnitOptionGroup[] {
  const sorted = [...units]
    .filter(filter)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
  return UNIT_TYPES.map((type) => ({
    label: t(`unitType.${type}`),
    title: t(`unitType.${type}`),
    options: sorted
      .filter((unit) => unit.type === type)
      .map((unit) => ({ value: unit.id, label: label(unit) })),
  })).filter((group) => group.options.length > 0);
}

/** The active units to put on a slip, those nobody signs for marked 「（无联络员）」. */
export function useActiveUnitOptions(t: Translate, exclude?: number | null) {
  const { units, loading } = useUnits();
  const groups = useMemo(
    () =>
      unitOptionGroups(
        t,
        units,
        (unit) => unit.active && unit.id !== exclude,
        (unit) => (hasNoContact(unit) ? `${unit.name}${t('cases.noLiaisonMark')}` : unit.name),
      ),
    [t, units, exclude],
  );
  return { groups, units, loading };
}
