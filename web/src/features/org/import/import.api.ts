import { api } from '../../../app/api';

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
  passwords: { username: string; password: string }[];
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
