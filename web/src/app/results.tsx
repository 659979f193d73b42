import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { errorMessage } from './api';
import type { MessageKey } from './i18n/i18n';
import { useT } from './i18n/i18n';
import { LinkButton } from './LinkButton';

/** A section this installation does not have yet: said plainly, with the way back. */
export function NotEnabled({ module }: { module: MessageKey }) {
  const t = useT();
  return (
    <Result
      status="info"
      title={t('notEnabled.title')}
      subTitle={t('notEnabled.subtitle', { module: t(module) })}
      extra={
        <LinkButton to="/" type="primary">
          {t('common.backHome')}
        </LinkButton>
      }
      data-testid="not-enabled"
    />
  );
}

export function Forbidden() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('error.forbidden')}
      subTitle={t('error.forbiddenHint')}
      extra={
        <LinkButton to="/" type="primary">
          {t('common.backHome')}
        </LinkButton>
      }
    />
  );
}

/** `reason`: what the server said, when it says more than that the thing is not there. */
export function NotFound({ reason }: { reason?: string | undefined } = {}) {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('error.notFound')}
      subTitle={reason}
      extra={
        <LinkButton to="/" type="primary">
          {t('common.backHome')}
        </LinkButton>
      }
    />
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('error.loadFailed')}
      subTitle={errorMessage(error)}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

/**
 * What a route shows when rendering it failed, typically a page's code that could not be
 * loaded because a newer version was installed since this tab opened: reloading fixes that.
 */
export function RouteError() {
  const t = useT();
  const error = useRouteError();
  return (
    <Result
      status="error"
      title={t('error.pageFailed')}
      subTitle={
        isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error)
      }
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </Button>
      }
    />
  );
}
