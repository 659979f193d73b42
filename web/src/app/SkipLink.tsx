import type { MouseEvent } from 'react';
import { useT } from './i18n/i18n';

/** The id of the page's <main>, the skip link's target. */
export const MAIN_ID = 'main-content';

/**
 * 跳到主要内容: the first thing Tab reaches, shown only while it has the focus, so that a keyboard
 * user passes the side menu (a dozen entries) and the header in one step (WCAG 2.4.1). It moves the
 * focus itself rather than changing the address's #fragment, which the router would see.
 */
export function SkipLink() {
  const t = useT();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView({ block: 'start' });
  };
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={onClick} data-testid="skip-link">
      {t('app.skipToMain')}
    </a>
  );
}
