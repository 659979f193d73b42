import { Suspense, useCallback, useEffect } from 'react';
import { Flex, Layout, Spin, Typography } from 'antd';
import { Link, Outlet, useOutletContext } from 'react-router-dom';
import { useT } from '../../app/i18n/i18n';
import { MAIN_ID, SkipLink } from '../../app/SkipLink';
import { useApi } from '../../app/use-api';
import { boardAbout, type BoardAbout } from './board.api';

export interface BoardContext {
  about: BoardAbout | undefined;
  /** 云溪镇网络问政, or 网络问政 when the settings hold no township name. */
  boardTitle: string;
}

export const useBoard = () => useOutletContext<BoardContext>();

/** Sets the browser tab's title of a public page. */
export function useBoardTitle(title: string): void {
  const { boardTitle } = useBoard();
  useEffect(() => {
    document.title = title === boardTitle ? boardTitle : `${title} - ${boardTitle}`;
  }, [title, boardTitle]);
}

/** The public frame of the message board: no sign-in, no menu; made for phones first. */
export default function BoardLayout() {
  const t = useT();
  const { data: about } = useApi(useCallback((signal: AbortSignal) => boardAbout(signal), []));
  const boardTitle = about?.orgName ? t('board.titleOf', { org: about.orgName }) : t('board.title');
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f6f8' }}>
      <SkipLink />
      <Layout.Header
        style={{ background: '#b3261e', padding: '0 16px', height: 56, lineHeight: '56px' }}
      >
        <Flex align="center" style={{ maxWidth: 880, margin: '0 auto', height: '100%' }}>
          <Link
            to="/board"
            className="tap-target"
            style={{ color: '#fff' }}
            data-testid="board-home"
          >
            <Typography.Title
              level={1}
              style={{ color: '#fff', margin: 0, fontSize: 20, lineHeight: 1.4 }}
            >
              {boardTitle}
            </Typography.Title>
          </Link>
        </Flex>
      </Layout.Header>
      <Layout.Content id={MAIN_ID} tabIndex={-1} style={{ padding: '16px 12px 32px' }}>
        <div style={{ maxWidth: 880, margin: '0 auto' }}>
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 48 }}>
                <Spin />
              </Flex>
            }
          >
            <Outlet context={{ about, boardTitle } satisfies BoardContext} />
          </Suspense>
        </div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', fontSize: 12, color: '#595959' }}>
        {t('board.footer')}
      </Layout.Footer>
    </Layout>
  );
}
