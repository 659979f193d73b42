import { useCallback, useState } from 'react';
import { Alert, Button, Flex, Result, Spin } from 'antd';
import { useParams } from 'react-router-dom';
import { LinkButton } from '../../app/LinkButton';
import { ApiError, errorMessage } from '../../app/api';
import { useT } from '../../app/i18n/i18n';
import { useApi } from '../../app/use-api';
import { getMessage, getPublicMessage, normaliseCode, type PublicMessage } from './board.api';
import { useBoardTitle } from './BoardLayout';
import { MessageCard } from './MessageCard';
import { RateReply } from './RateReply';

/**
 * /board/m/:code: one message with its answer, found again by its query code, where its citizen
 * may rate the reply; /board/p/:id: the same message as anyone reads it from the list.
 */
export default function BoardMessagePage() {
  const t = useT();
  const params = useParams();
  const code = normaliseCode(params.code ?? '');
  const id = Number(params.id);
  const load = useCallback(
    (signal: AbortSignal) =>
      params.id !== undefined ? getPublicMessage(id, signal) : getMessage(code, signal),
    [params.id, id, code],
  );
  const { data: loaded, error, loading, reload } = useApi(load);
  // The rating's answer is the message as it now stands: shown without another request.
  const [rated, setRated] = useState<PublicMessage | null>(null);
  const data = rated?.code === loaded?.code && rated ? rated : loaded;
  useBoardTitle(data?.title ?? code);
  const missing =
    params.id !== undefined
      ? t('board.message.notFoundPublic')
      : t('board.message.notFound', { code });
  const back = <LinkButton to="/board">{t('board.backToList')}</LinkButton>;

  if (error instanceof ApiError && error.status === 404) {
    return (
      <Result
        status="404"
        title={missing}
        subTitle={t('board.message.notFoundHint')}
        extra={back}
      />
    );
  }
  return (
    <Flex vertical gap={12}>
      {error ? (
        <Alert
          type="error"
          showIcon
          message={errorMessage(error)}
          action={<Button onClick={reload}>{t('common.retry')}</Button>}
        />
      ) : null}
      <Spin spinning={loading}>
        {data ? <MessageCard message={data} full /> : <div style={{ minHeight: 120 }} />}
      </Spin>
      {data?.reply && data.code ? (
        <RateReply
          message={data}
          onChange={setRated}
          onStale={() => {
            setRated(null);
            reload();
          }}
        />
      ) : null}
      {data?.code ? (
        <Alert type="info" showIcon message={t('board.message.keep', { code: data.code })} />
      ) : null}
      <Flex gap={8} wrap>
        {back}
        <LinkButton to="/board/new" type="primary">
          {t('board.leaveMessage')}
        </LinkButton>
      </Flex>
    </Flex>
  );
}
