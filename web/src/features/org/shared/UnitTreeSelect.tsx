import { useMemo } from 'react';
import type { CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useT } from '../../../app/i18n/i18n';
import type { Unit } from '../units/units.api';
import { unitTreeOptions } from './unit-tree';

interface BaseProps {
  units: Unit[];
  placeholder?: string;
  exclude?: Set<number>;
  allowClear?: boolean;
  id?: string;
  style?: CSSProperties;
}

type Props = BaseProps &
  (
    | { multiple?: false; value?: number | null; onChange?: (value: number | null) => void }
    | { multiple: true; value?: number[]; onChange?: (value: number[]) => void }
  );

/** Chooses one or several units in their hierarchy, searchable by name. */
export function UnitTreeSelect(props: Props) {
  const t = useT();
  const { units, exclude } = props;
  const treeData = useMemo(
    () => unitTreeOptions(units, t('units.inactive'), exclude),
    [units, exclude, t],
  );
  const common = {
    id: props.id,
    treeData,
    placeholder: props.placeholder,
    allowClear: props.allowClear ?? true,
    showSearch: true,
    treeNodeFilterProp: 'title',
    treeDefaultExpandAll: true,
    style: props.style ?? { width: '100%' },
    popupMatchSelectWidth: false,
  } as const;
  if (props.multiple) {
    const { onChange } = props;
    return (
      <TreeSelect<number[]>
        {...common}
        multiple
        value={props.value}
        onChange={(value) => onChange?.(value)}
      />
    );
  }
  const { onChange } = props;
  return (
    <TreeSelect<number | null>
      {...common}
      value={props.value ?? undefined}
      onChange={(value) => onChange?.(value ?? null)}
    />
  );
}
