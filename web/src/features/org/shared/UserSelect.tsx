import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { isAbort } from '../../../app/api';
import { inParens, useT } from '../../../app/i18n/i18n';
import { useNotifyError } from '../../../app/notify';
import { listUsers } from '../users/users.api';
import type { User } from '../users/users.api';
import type { Role } from '../../../app/types';

export interface UserOption {
  value: number;
  label: string;
}

export function userOption(user: Pick<User, 'id' | 'name' | 'unitName'>): UserOption {
  return {
    value: user.id,
    label: user.unitName ? `${user.name}${inParens(user.unitName)}` : user.name,
  };
}

interface Props {
  value?: number[];
  onChange?: (value: number[]) => void;
  /** Labels for the values already chosen, which a search may not return. */
  known: UserOption[];
  placeholder?: string;
  id?: string;
  /** Only users with this role are offered. */
  role?: Role;
}

/** Several users, found by searching the server (name, username); only active users are offered. */
export function UserMultiSelect({ value, onChange, known, placeholder, id, role }: Props) {
  const t = useT();
  const notifyError = useNotifyError();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<UserOption[]>([]);
  const [loading, setLoading] = useState(false);
  const chosen = useRef(new Map<number, UserOption>());

  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setLoading(true);
      listUsers(
        { q: search || undefined, active: true, role, pageSize: 50 },
        controller.signal,
      ).then(
        (page) => {
          setFound(page.items.map(userOption));
          setLoading(false);
        },
        (error: unknown) => {
          if (isAbort(error)) return;
          setLoading(false);
          notifyError(error);
        },
      );
    }, 300);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [search, role, notifyError]);

  const options = useMemo(() => {
    const map = new Map<number, UserOption>();
    for (const option of [...known, ...chosen.current.values(), ...found]) {
      map.set(option.value, option);
    }
    return [...map.values()];
  }, [known, found]);

  return (
    <Select<number[], UserOption>
      id={id}
      mode="multiple"
      value={value}
      onChange={(next, selected) => {
        for (const option of Array.isArray(selected) ? selected : [selected]) {
          if (option) chosen.current.set(option.value, option);
        }
        onChange?.(next);
      }}
      options={options}
      placeholder={placeholder ?? t('users.searchPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      allowClear
      style={{ width: '100%' }}
    />
  );
}
