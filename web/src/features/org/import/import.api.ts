import { api } from '../../../app/api';
import type { AccountSlip } from '../slips/AccountSlipSheet';

export const TEMPLATE_URL = '/api/org/import/template.xlsx';

export interface ImportRow {
  sheet: string;
  row: number;
  ok: boolean;
  message: string;
}

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  created: { units: number; users: number };
  rows: ImportRow[];
  /** The new users' initial passwords, in this reply only, with what their slips print. */
  passwords: AccountSlip[];
}

export function importOrg(file: File, dryRun: boolean): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<ImportResult>('/api/org/import', {
    method: 'POST',
    query: { dryRun },
    form,
  });
}
