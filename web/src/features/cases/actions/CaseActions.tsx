import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button } from 'antd';
import {
  AuditOutlined,
  BellOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  CommentOutlined,
  EditOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  InboxOutlined,
  LikeOutlined,
  LogoutOutlined,
  RedoOutlined,
  RollbackOutlined,
  SendOutlined,
  SignatureOutlined,
  SoundOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useT } from '../../../app/i18n/i18n';
import { actLabel } from '../case-labels';
import { isCaseAct, isFormAct } from '../cases.api';
import type { CaseDetail, FormAct } from '../cases.api';
import { CaseActModal } from './CaseActModal';
import { DANGER_ACTS } from './act-values';

/** The order buttons appear in: the act that moves the case on first. */
const ORDER: FormAct[] = [
  'assign',
  'approve',
  'return',
  'extension.decide',
  'close',
  'withdraw-slip',
  'sign',
  'reply',
  'contribute',
  'extension.request',
  'return-slip',
  'decline-co',
  'acknowledge',
  'publish',
  'rate',
  'reopen',
  'urge',
  'archive',
];

const PRIMARY: ReadonlySet<FormAct> = new Set([
  'assign',
  'approve',
  'sign',
  'reply',
  'publish',
  'archive',
]);

const ICONS: Record<FormAct, ReactNode> = {
  acknowledge: <SoundOutlined />,
  assign: <FileDoneOutlined />,
  close: <CloseCircleOutlined />,
  sign: <SignatureOutlined />,
  contribute: <CommentOutlined />,
  reply: <EditOutlined />,
  'extension.request': <FieldTimeOutlined />,
  'return-slip': <RollbackOutlined />,
  'withdraw-slip': <UndoOutlined />,
  'decline-co': <LogoutOutlined />,
  'extension.decide': <AuditOutlined />,
  approve: <CheckCircleOutlined />,
  return: <RollbackOutlined />,
  publish: <SendOutlined />,
  rate: <LikeOutlined />,
  reopen: <RedoOutlined />,
  urge: <BellOutlined />,
  archive: <InboxOutlined />,
};

/**
 * The acts this user may take on the case now, straight from the server's `actions`; less an
 * extension request once the handling due time has passed while the page stayed open (the
 * server refuses it then: the unit replies, or explains the delay to the leader).
 */
export function availableActs(detail: CaseDetail, now: number = Date.now()): FormAct[] {
  const offered = new Set(detail.actions.filter(isCaseAct).filter(isFormAct));
  if (detail.handlingDueAt !== null && Date.parse(detail.handlingDueAt) < now) {
    offered.delete('extension.request');
  }
  return ORDER.filter((act) => offered.has(act));
}

/**
 * One button per act the server says this user may take now, and no other (DESIGN §9: never a
 * button that will only be refused). Each opens a small modal.
 */
export function CaseActions({
  detail,
  onDone,
  onStale,
}: {
  detail: CaseDetail;
  onDone: (next: CaseDetail) => void;
  onStale: () => void;
}) {
  const t = useT();
  const [open, setOpen] = useState<FormAct | null>(null);
  const acts = availableActs(detail);
  if (acts.length === 0) return null;
  return (
    <>
      {acts.map((act) => (
        <Button
          key={act}
          type={PRIMARY.has(act) ? 'primary' : 'default'}
          danger={DANGER_ACTS.has(act)}
          icon={ICONS[act]}
          onClick={() => setOpen(act)}
          data-testid={`act-${act}`}
        >
          {actLabel(t, act)}
        </Button>
      ))}
      {open ? (
        <CaseActModal
          key={open}
          act={open}
          detail={detail}
          onClose={() => setOpen(null)}
          onDone={(next) => {
            setOpen(null);
            onDone(next);
          }}
          onStale={() => {
            setOpen(null);
            onStale();
          }}
        />
      ) : null}
    </>
  );
}
