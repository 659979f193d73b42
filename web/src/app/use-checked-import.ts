import { useState } from 'react';
import type { UploadFile } from 'antd';
import { useNotifyError } from './notify';

/**
 * An upload checked before it is imported (单位和用户导入, 历史台账导入): the picked file, a dry
 * run, then the import of the same file; the drawer's step (0 nothing picked … 3 imported).
 * `send` answers the server's report, which says whether it was a dry run and whether it passed.
 */
export function useCheckedImport<R extends { ok: boolean; dryRun: boolean }>(
  send: (file: File, dryRun: boolean) => Promise<R>,
  onImported: () => void,
) {
  const notifyError = useNotifyError();
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [result, setResult] = useState<R | null>(null);
  const [busy, setBusy] = useState<'dry' | 'commit' | null>(null);
  /** How many answers have come: a key that starts the report's own state afresh. */
  const [runs, setRuns] = useState(0);

  const reset = () => {
    setFile(null);
    setFileList([]);
    setResult(null);
  };

  const pick = (picked: File, uid: string) => {
    setFile(picked);
    setFileList([{ uid, name: picked.name, status: 'done' }]);
    setResult(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'dry' : 'commit');
    try {
      const answer = await send(file, dryRun);
      setResult(answer);
      setRuns((n) => n + 1);
      if (!dryRun && answer.ok) onImported();
    } catch (cause) {
      notifyError(cause);
    } finally {
      setBusy(null);
    }
  };

  const imported = result !== null && !result.dryRun && result.ok;
  const checked = result !== null && result.dryRun && result.ok;
  const current = imported ? 3 : checked ? 2 : file ? 1 : 0;
  return { file, fileList, result, busy, runs, reset, pick, run, imported, checked, current };
}
