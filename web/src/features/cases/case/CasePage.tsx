import { Button, Card, Col, Row, Spin } from 'antd';
import { ArrowLeftOutlined, AuditOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { usePermission } from '../../../app/auth';
import { useT } from '../../../app/i18n/i18n';
import { Page } from '../../../app/Page';
import { LoadError, NotFound } from '../../../app/results';
import { CaseAnalysisCard } from '../../analysis/CaseAnalysisCard';
import { caseAuditPath } from '../../audit/audit.api';
import { CaseActions } from '../actions/CaseActions';
import { caseName } from '../case-labels';
import { CaseAttachments } from './CaseAttachments';
import { CaseDocuments } from './CaseDocuments';
import { CaseFacts } from './CaseFacts';
import {
  ContributionsSection,
  ExtensionSection,
  InstructionSection,
  NothingYet,
  PostSection,
  RepliesSection,
  ResponseSection,
} from './CaseSections';
import { CaseTimeline } from './CaseTimeline';
import { useCase } from './use-case';

/** 办件: key facts, the texts in the order they were written, the acts this user may take, the history. */
export default function CasePage() {
  const t = useT();
  const can = usePermission();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const { detail, error, loading, reload, replace } = useCase(valid ? id : null);

  if (!valid) return <NotFound />;
  if (error instanceof ApiError && error.status === 404) {
    // i18n-allow: the generic 404 adds nothing to the page's own words; another reason does.
    return <NotFound reason={error.message === '办件不存在' ? undefined : error.message} />;
  }

  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => void (window.history.length > 1 ? navigate(-1) : navigate('/cases'))}
    >
      {t('cases.back')}
    </Button>
  );

  if (!detail) {
    return (
      <Page title={t('cases.caseName', { id })} extra={back}>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <div style={{ textAlign: 'center', padding: 48 }}>
            <Spin />
          </div>
        )}
      </Page>
    );
  }

  return (
    <Page
      title={caseName(t, detail)}
      extra={
        <>
          <CaseActions detail={detail} onDone={replace} onStale={reload} />
          {back}
        </>
      }
    >
      <Spin spinning={loading}>
        <Card size="small" style={{ marginBottom: 16 }}>
          <CaseFacts detail={detail} />
        </Card>
        <Row gutter={16}>
          <Col xs={24} lg={15} xxl={16}>
            <PostSection detail={detail} />
            <InstructionSection detail={detail} />
            <ContributionsSection detail={detail} />
            <RepliesSection detail={detail} />
            <ExtensionSection detail={detail} />
            <ResponseSection detail={detail} />
          </Col>
          <Col xs={24} lg={9} xxl={8}>
            <CaseAnalysisCard caseId={detail.id} archived={detail.state === 'archived'} />
            <CaseDocuments detail={detail} />
            <CaseAttachments detail={detail} onUploaded={reload} />
            <Card
              size="small"
              title={t('cases.timeline')}
              style={{ marginBottom: 16 }}
              extra={
                // The office and admins, who read the audit log, see this case's part of it.
                can('audit.read') ? (
                  <Link
                    to={caseAuditPath(detail.id)}
                    className="tap-target"
                    data-testid="case-audit-link"
                  >
                    <AuditOutlined /> {t('audit.caseLink')}
                  </Link>
                ) : null
              }
            >
              {detail.timeline.length > 0 ? (
                <CaseTimeline events={detail.timeline} />
              ) : (
                <NothingYet />
              )}
            </Card>
          </Col>
        </Row>
      </Spin>
    </Page>
  );
}
