import { api } from '../../app/api';

export const LEDGER_TEMPLATE_URL = '/api/cases/import/template.xlsx';

export interface LedgerRowError {
  row: number;
  column: string;
  message: string;
}

export interface LedgerImportResult {
  ok: boolean;
  dryRun: boolean;
  fileName: string;
  rowCount: number;
  created: number;
  skipped: { row: number; caseId: number }[];
  errors: LedgerRowError[];
  importId: number | null;
  figures: {
    replied: number;
    closed: number;
    judgedByUnit: number;
    withSlip: number;
    from: string | null;
    to: string | null;
    units: { unitName: string; count: number }[];
    coUnits: { unitName: string; count: number }[];
  };
}

export function importLedger(file: File, dryRun: boolean): Promise<LedgerImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<LedgerImportResult>('/api/cases/import', {
    method: 'POST',
    query: { dryRun },
    form,
  });
}
