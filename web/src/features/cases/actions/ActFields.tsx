import type { ReactNode } from 'react';
import type { Dayjs } from 'dayjs';
import {
  Alert,
  Button,
  Checkbox,
  Collapse,
  DatePicker,
  Form,
  Input,
  Radio,
  Select,
  Switch,
  Typography,
} from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { useMe } from '../../../app/auth';
import { formatDateTime } from '../../../app/format';
import { colon, inParens, joinList, useT } from '../../../app/i18n/i18n';
import type { Translate } from '../../../app/i18n/i18n';
import { ratingOptions, UNIT_ROLE_KEYS } from '../case-labels';
import type { CaseDetail, FormAct } from '../cases.api';
import { Prose } from '../case/CaseSections';
import { RoutingSuggestions } from '../../analysis/RoutingSuggestions';
import { DraftReplyCheck, ReplyCheckPanel } from './ReplyCheckPanel';
import { hasNoContact, useActiveUnitOptions } from '../use-units';
import { latestReply, myUnit, owesPart } from './act-values';
import { toWall, wallNow } from '../../../app/wall-time';

const DATE_TIME = { showTime: { format: 'HH:mm' }, format: 'YYYY-MM-DD HH:mm' } as const;

/** Something the person acting should read before deciding (the reply to approve, ...). */
function Quote({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div
        style={{
          maxHeight: 240,
          overflow: 'auto',
          padding: '8px 12px',
          background: 'rgba(0, 0, 0, 0.02)',
          border: '1px solid rgba(5, 5, 5, 0.06)',
          borderRadius: 4,
          marginTop: 4,
        }}
      >
        {children}
      </div>
    </div>
  );
}

/**
 * What the citizen asked and what the leader instructed, above the form in which the unit answers
 * them: the form covered the case page, so the liaison wrote the reply without seeing the question.
 * Open at first and folded away with one tap; the text is the case page's (contact details in it
 * masked by the server as there), without the contact field and the author.
 */
function AskedPanel({ detail }: { detail: CaseDetail }) {
  const t = useT();
  return (
    <Collapse
      defaultActiveKey={['asked']}
      style={{ marginBottom: 16 }}
      data-testid="act-asked"
      items={[
        {
          key: 'asked',
          label: t('cases.askedPanel'),
          children: (
            <div style={{ maxHeight: '40vh', overflow: 'auto' }} tabIndex={0}>
              {detail.post.title ? (
                <Typography.Paragraph strong data-testid="act-asked-title">
                  {detail.post.title}
                </Typography.Paragraph>
              ) : null}
              <Prose testId="act-asked-body">{detail.post.body}</Prose>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(detail.post.postedAt)} · {detail.post.source}
              </Typography.Paragraph>
              {detail.instruction ? (
                <>
                  <Typography.Text type="secondary">{t('cases.instruction')}</Typography.Text>
                  <Prose testId="act-asked-instruction">{detail.instruction}</Prose>
                </>
              ) : null}
            </div>
          ),
        },
      ]}
    />
  );
}

/**
 * The co-units' contributions beside the lead unit's reply, each with a button that adds its text
 * to the end of the reply (the lead unit merges them, DESIGN §2): no selecting and copying by hand,
 * which on a phone is hard. A contribution already in the reply says so instead.
 */
function ContributionsToMerge({ units }: { units: CaseDetail['units'] }) {
  const t = useT();
  const form = Form.useFormInstance();
  const text = Form.useWatch<string | undefined>('text') ?? '';
  const add = (contribution: string) => {
    const current = (form.getFieldValue('text') as string | undefined) ?? '';
    const joined = current.trim()
      ? `${current.replace(/\s+$/, '')}\n${contribution}`
      : contribution;
    form.setFieldValue('text', joined);
    void form.validateFields(['text']).catch(() => undefined);
  };
  return (
    <Quote label={t('cases.contributionsToMerge')}>
      {units.map((unit) => {
        const contribution = unit.contribution?.trim();
        const added = contribution ? text.includes(contribution) : false;
        return (
          <div key={unit.unitId} style={{ marginBottom: 8 }} data-testid="contribution-to-merge">
            <Typography.Text strong>
              {unit.name}
              {colon()}
            </Typography.Text>
            {contribution ? (
              <>
                <Prose>{contribution}</Prose>
                <Button
                  size="small"
                  icon={added ? <CheckOutlined /> : <PlusOutlined />}
                  disabled={added}
                  onClick={() => add(contribution)}
                  aria-label={t('cases.addContributionOf', { unit: unit.name })}
                >
                  {added ? t('cases.contributionAdded') : t('cases.addContribution')}
                </Button>
              </>
            ) : (
              <Typography.Text type="secondary">{t('cases.noContribution')}</Typography.Text>
            )}
          </div>
        );
      })}
    </Quote>
  );
}

function AssignFields({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const lead = Form.useWatch<number | undefined>('leadUnitId');
  const urgent = Form.useWatch<boolean | undefined>('urgent');
  const ifAssigned = detail.handlingDueIfAssigned;
  const unitDue = ifAssigned ? (urgent ? ifAssigned.urgent : ifAssigned.normal) : null;
  const replyDue = detail.replyClock?.dueAt ?? null;
  // The unit's 3 (or 2) days run from the slip, the public reply's 3 from the post: a slip signed
  // late gives the unit more time than the citizen's answer has.
  const unitLater = unitDue !== null && replyDue !== null && unitDue > replyDue;
  // 紧急 is offered as a way out only when its 2 days would end in time and it is not on yet.
  const urgentHelps =
    !urgent && ifAssigned !== undefined && replyDue !== null && ifAssigned.urgent <= replyDue;
  const { groups, units, loading } = useActiveUnitOptions(t);
  const coUnitIds = Form.useWatch<number[] | undefined>('coUnitIds');
  const chosen = [lead, ...(coUnitIds ?? [])];
  const unreachable = units.filter((u) => chosen.includes(u.id) && hasNoContact(u));
  const coGroups = groups
    .map((g) => ({ ...g, options: g.options.filter((o) => o.value !== lead) }))
    .filter((g) => g.options.length > 0);
  return (
    <>
      {detail.lastReturn ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="assign-last-return"
          title={t('cases.lastReturn', {
            unit: detail.lastReturn.unitName ?? '—',
            // 11-27 10:20: the year is the case's own.
            at: formatDateTime(detail.lastReturn.at).slice(5),
            reason: detail.lastReturn.reason,
          })}
        />
      ) : null}
      <RoutingSuggestions caseId={detail.id} />
      {unitLater ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="assign-due-warning"
          title={t(urgentHelps ? 'cases.unitDueLaterUrgentHelps' : 'cases.unitDueLater', {
            unitDue: formatDateTime(unitDue),
            replyDue: formatDateTime(replyDue),
          })}
        />
      ) : null}
      <Form.Item
        name="instruction"
        label={t('cases.instruction')}
        rules={[
          { required: true, whitespace: true, message: t('cases.instructionRequired') },
          { max: 2000, message: t('cases.tooLong', { max: 2000 }) },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 8 }}
          placeholder={t('cases.instructionPlaceholder')}
        />
      </Form.Item>
      <Form.Item
        name="leadUnitId"
        label={t('cases.leadUnit')}
        rules={[{ required: true, message: t('cases.leadUnitRequired') }]}
      >
        <Select
          options={groups}
          loading={loading}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('cases.unitSelect')}
        />
      </Form.Item>
      <Form.Item name="coUnitIds" label={t('cases.coUnits')}>
        <Select
          mode="multiple"
          options={coGroups}
          loading={loading}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('cases.coUnitsPlaceholder')}
          maxCount={20}
          allowClear
        />
      </Form.Item>
      {unreachable.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="assign-no-liaison"
          title={t('cases.noLiaisonWarning', {
            units: joinList(unreachable.map((u) => u.name)),
          })}
        />
      ) : null}
      <Form.Item
        name="urgent"
        label={t('cases.urgent')}
        valuePropName="checked"
        extra={t('cases.assignUrgentHint')}
      >
        <Switch checkedChildren={t('cases.urgentYes')} unCheckedChildren={t('cases.urgentNo')} />
      </Form.Item>
      {urgent && ifAssigned ? <WithinHoursField ruledDue={ifAssigned.urgent} /> : null}
    </>
  );
}

/** Hours a leader may give an urgent slip instead of the rule's days (2 小时内反馈). */
const WITHIN_HOURS = [1, 2, 4, 8, 12, 24];

/**
 * 限时反馈 on an urgent slip: a few hours instead of the rule's days, for a matter that cannot
 * wait (a fire, people trapped). Only limits shorter than the rule are offered.
 */
function WithinHoursField({ ruledDue }: { ruledDue: string }) {
  const t = useT();
  const left = (Date.parse(ruledDue) - Date.now()) / 3_600_000;
  const options = WITHIN_HOURS.filter((h) => h < left).map((h) => ({
    value: h,
    label: t('cases.withinHoursOption', { hours: h }),
  }));
  if (options.length === 0) return null;
  return (
    <Form.Item
      name="withinHours"
      label={t('cases.withinHours')}
      extra={t('cases.withinHoursHint', { due: formatDateTime(ruledDue) })}
    >
      <Select
        allowClear
        options={options}
        placeholder={t('cases.withinHoursRule', { due: formatDateTime(ruledDue) })}
        style={{ maxWidth: 320 }}
      />
    </Form.Item>
  );
}

function RateFields() {
  const t = useT();
  const rating = Form.useWatch<string | undefined>('rating');
  return (
    <>
      <Form.Item
        name="rating"
        label={t('cases.rating')}
        rules={[{ required: true, message: t('cases.ratingRequired') }]}
      >
        <Radio.Group options={ratingOptions(t)} optionType="button" buttonStyle="solid" />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('cases.ratingNote')}
        rules={[{ max: 2000, message: t('cases.tooLong', { max: 2000 }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      {rating === 'unsatisfied' ? (
        <Form.Item name="reopen" valuePropName="checked" extra={t('cases.reopenHint')}>
          <Checkbox>{t('cases.reopen')}</Checkbox>
        </Form.Item>
      ) : null}
    </>
  );
}

const textRules = (t: ReturnType<typeof useT>, required: string, max: number) => [
  { required: true, whitespace: true, message: required },
  { max, message: t('cases.tooLong', { max }) },
];

/** The fields and the context each act's modal shows. */
export function ActFields({ act, detail }: { act: FormAct; detail: CaseDetail }) {
  const t = useT();
  const me = useMe();
  switch (act) {
    case 'acknowledge':
      return (
        <Form.Item
          name="text"
          label={t('cases.acknowledgement')}
          extra={t('cases.acknowledgeHint')}
          rules={textRules(t, t('cases.textRequired'), 500)}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
        </Form.Item>
      );
    case 'assign':
      return <AssignFields detail={detail} />;
    case 'close':
      return (
        <Form.Item
          name="reason"
          label={t('cases.closeReason')}
          extra={t('cases.closeHint')}
          rules={textRules(t, t('cases.reasonRequired'), 2000)}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      );
    case 'sign': {
      const unit = myUnit(detail, me, (u) => u.signedAt === null);
      return (
        <Typography.Paragraph>
          {unit
            ? t('cases.signConfirmUnit', {
                unit: unit.name,
                role: t(UNIT_ROLE_KEYS[unit.role]),
                slip: detail.slipNo ?? `#${detail.id}`,
              })
            : t('cases.signConfirm', { slip: detail.slipNo ?? `#${detail.id}` })}
        </Typography.Paragraph>
      );
    }
    case 'contribute':
      return (
        <>
          <AskedPanel detail={detail} />
          <Form.Item
            name="text"
            label={t('cases.contribution')}
            extra={t('cases.contributeHint')}
            rules={textRules(t, t('cases.textRequired'), 20000)}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
          </Form.Item>
        </>
      );
    case 'reply': {
      const latest = latestReply(detail);
      const contributions = detail.units.filter((u) => u.role === 'co');
      return (
        <>
          <AskedPanel detail={detail} />
          {latest?.decision === 'returned' ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('cases.returnedWith', { name: latest.decidedBy ?? '—' })}
              description={<Prose>{latest.comment ?? t('cases.noComment')}</Prose>}
            />
          ) : null}
          {contributions.length > 0 ? <ContributionsToMerge units={contributions} /> : null}
          <Form.Item
            name="text"
            label={t('cases.replyText')}
            extra={t('cases.replyHint')}
            rules={textRules(t, t('cases.textRequired'), 20000)}
          >
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} />
          </Form.Item>
          <DraftReplyCheck title={detail.post.title} body={detail.post.body} />
        </>
      );
    }
    case 'extension.request':
      return (
        <>
          <Form.Item
            name="until"
            label={t('cases.extensionUntil')}
            rules={[
              { required: true, message: t('cases.untilRequired') },
              // The same day as the due time may still be earlier than it: said before sending.
              {
                validator: (_: unknown, value: Dayjs | null | undefined) =>
                  value && detail.replyClock && !value.isAfter(toWall(detail.replyClock.dueAt))
                    ? Promise.reject(new Error(t('cases.untilAfterDue')))
                    : Promise.resolve(),
              },
            ]}
            extra={t(detail.extensionLatest ? 'cases.extensionHintLatest' : 'cases.extensionHint', {
              due: formatDateTime(detail.replyClock?.dueAt ?? null),
              latest: formatDateTime(detail.extensionLatest ?? null),
            })}
          >
            <DatePicker
              {...DATE_TIME}
              // A day picked is that day at the time the reply is now due (one day more per day),
              // not at 00:00, which fell short of the day asked for or even before the due time.
              showTime={{
                format: 'HH:mm',
                defaultOpenValue: detail.replyClock ? toWall(detail.replyClock.dueAt) : undefined,
              }}
              // The due day itself gives the due time again, which is no extension: the first day
              // offered is the one after it, and the calendar opens on its month.
              disabledDate={(date) =>
                (detail.replyClock?.dueAt
                  ? !date.isAfter(toWall(detail.replyClock.dueAt), 'day')
                  : date.isBefore(wallNow(), 'day')) ||
                (detail.extensionLatest !== undefined &&
                  date.isAfter(toWall(detail.extensionLatest), 'day'))
              }
              defaultPickerValue={
                detail.replyClock ? toWall(detail.replyClock.dueAt).add(1, 'day') : undefined
              }
              style={{ width: '100%', maxWidth: 240 }}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('cases.reason')}
            rules={textRules(t, t('cases.reasonRequired'), 2000)}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
        </>
      );
    case 'return-slip':
      return (
        <>
          <Typography.Paragraph>
            {t('cases.returnSlipConfirm', { slip: detail.slipNo ?? `#${detail.id}` })}
          </Typography.Paragraph>
          {detail.instruction ? (
            <Quote label={t('cases.instruction')}>
              <Prose>{detail.instruction}</Prose>
            </Quote>
          ) : null}
          <SlipReason
            t={t}
            label={t('cases.returnSlipReason')}
            hint={t('cases.returnSlipHint')}
            required={t('cases.returnSlipReasonRequired')}
          />
        </>
      );
    case 'decline-co': {
      const lead = detail.units.find((u) => u.role === 'lead');
      return (
        <>
          <Typography.Paragraph>
            {t('cases.declineCoConfirm', {
              slip: detail.slipNo ?? `#${detail.id}`,
              lead: lead?.name ?? '—',
            })}
          </Typography.Paragraph>
          <SlipReason
            t={t}
            label={t('cases.declineCoReason')}
            hint={t('cases.declineCoHint')}
            required={t('cases.declineCoReasonRequired')}
          />
        </>
      );
    }
    case 'withdraw-slip':
      return (
        <>
          <Typography.Paragraph>
            {t('cases.withdrawSlipConfirm', {
              slip: detail.slipNo ?? `#${detail.id}`,
              units: joinList(detail.units.map((u) => u.name)),
            })}
          </Typography.Paragraph>
          <SlipReason
            t={t}
            label={t('cases.withdrawSlipReason')}
            hint={t('cases.withdrawSlipHint')}
            required={t('cases.withdrawSlipReasonRequired')}
          />
        </>
      );
    case 'extension.decide':
      return (
        <>
          {detail.extension ? (
            <Quote label={t('cases.extensionRequest')}>
              <Typography.Text>
                {t('cases.extensionUntil')}
                {colon()}
                {formatDateTime(detail.extension.until)}
              </Typography.Text>
              <Prose>{detail.extension.reason}</Prose>
            </Quote>
          ) : null}
          <Form.Item
            name="granted"
            label={t('cases.decision')}
            rules={[{ required: true, message: t('cases.decisionRequired') }]}
          >
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: true, label: t('cases.grant') },
                { value: false, label: t('cases.refuse') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="comment"
            label={t('cases.comment')}
            dependencies={['granted']}
            rules={[
              // A refusal says why: the unit must know what to do by the old deadline.
              ({ getFieldValue }) => ({
                required: getFieldValue('granted') === false,
                whitespace: true,
                message: t('cases.refuseReasonRequired'),
              }),
              { max: 2000, message: t('cases.tooLong', { max: 2000 }) },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </>
      );
    case 'approve':
    case 'return': {
      const latest = latestReply(detail);
      return (
        <>
          <SilentCoUnits detail={detail} />
          {latest ? (
            <Quote label={t('cases.replyToReview', { round: latest.round })}>
              <Prose>{latest.text}</Prose>
            </Quote>
          ) : null}
          {latest ? (
            <ReplyCheckPanel
              title={detail.post.title}
              body={detail.post.body}
              reply={latest.text}
            />
          ) : null}
          <Form.Item
            name="comment"
            label={act === 'return' ? t('cases.returnComment') : t('cases.approveComment')}
            rules={
              act === 'return'
                ? textRules(t, t('cases.commentRequired'), 2000)
                : [{ max: 2000, message: t('cases.tooLong', { max: 2000 }) }]
            }
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              placeholder={act === 'approve' ? t('cases.approvePlaceholder') : undefined}
            />
          </Form.Item>
        </>
      );
    }
    case 'publish':
      return (
        <>
          {detail.replyText ? (
            <Quote label={t('cases.replyToPublish')}>
              <Typography.Paragraph
                copyable={{
                  text: detail.replyText,
                  tooltips: [t('cases.copyReply'), t('cases.copied')],
                }}
                style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                data-testid="reply-to-publish"
              >
                {detail.replyText}
              </Typography.Paragraph>
            </Quote>
          ) : null}
          {detail.post.url ? (
            <Typography.Paragraph>
              <Typography.Link href={detail.post.url} target="_blank" rel="noreferrer">
                {t('cases.openToPublish')}
              </Typography.Link>
            </Typography.Paragraph>
          ) : null}
          <Form.Item
            name="url"
            label={t('cases.publishUrl')}
            extra={t('cases.publishUrlHint')}
            rules={[
              { required: true, whitespace: true, message: t('cases.urlRequired') },
              { type: 'url', message: t('cases.urlInvalid') },
              { max: 2000, message: t('cases.tooLong', { max: 2000 }) },
            ]}
          >
            <Input inputMode="url" placeholder="https://" />
          </Form.Item>
          <Form.Item
            name="publishedAt"
            label={t('cases.publishedAt')}
            rules={[{ required: true, message: t('cases.publishedAtRequired') }]}
          >
            <DatePicker
              {...DATE_TIME}
              disabledDate={(date) => date.isAfter(wallNow(), 'day')}
              style={{ width: '100%', maxWidth: 240 }}
            />
          </Form.Item>
        </>
      );
    case 'rate':
      return <RateFields />;
    case 'urge':
      return (
        <>
          <Form.Item
            name="unitId"
            label={t('cases.urgeUnit')}
            rules={[{ required: true, message: t('cases.unitRequired') }]}
          >
            <Select
              options={detail.units.filter(owesPart).map((unit) => ({
                value: unit.unitId,
                label: `${unit.name}${inParens(t(UNIT_ROLE_KEYS[unit.role]))}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="comment"
            label={t('cases.comment')}
            rules={[{ max: 500, message: t('cases.tooLong', { max: 500 }) }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
          </Form.Item>
        </>
      );
    case 'reopen':
      return (
        <>
          <Typography.Paragraph>{t('cases.reopenConfirm')}</Typography.Paragraph>
          <Form.Item
            name="comment"
            label={t('cases.reopenComment')}
            rules={[{ max: 2000, message: t('cases.tooLong', { max: 2000 }) }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </>
      );
    case 'archive':
      return (
        <>
          <SilentCoUnits detail={detail} />
          {detail.state === 'published' && detail.rating === null ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="archive-unrated"
              title={t('cases.archiveUnrated')}
            />
          ) : null}
          <Typography.Paragraph>{t('cases.archiveConfirm')}</Typography.Paragraph>
        </>
      );
  }
}

/**
 * Co-units that never gave their input: said before a leader approves the merged reply and before
 * the office archives the case file, which keeps it so for good.
 */
function SilentCoUnits({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const silent = detail.units.filter((u) => u.role === 'co' && !u.contributedAt);
  if (silent.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="silent-co-units"
      title={t('cases.silentCoUnits', { names: joinList(silent.map((u) => u.name)) })}
    />
  );
}

/**
 * Why a slip is sent back (退回), taken back (收回) or left by a co-unit (退出协办): 2 to 500
 * characters, as the server checks (return-slip.ts). No counter: it sat on top of the hint below; the rule says when it is too long.
 */
function SlipReason({
  t,
  label,
  hint,
  required,
}: {
  t: Translate;
  label: string;
  hint: string;
  required: string;
}) {
  return (
    <Form.Item
      name="reason"
      label={label}
      extra={hint}
      rules={[
        { required: true, whitespace: true, message: required },
        { min: 2, message: required },
        { max: 500, message: t('cases.tooLong', { max: 500 }) },
      ]}
    >
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
    </Form.Item>
  );
}
