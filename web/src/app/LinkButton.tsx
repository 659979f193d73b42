import type { ComponentProps } from 'react';
import { Button } from 'antd';
import { useHref, useLinkClickHandler } from 'react-router-dom';

/**
 * A link drawn as a button: one <a href>, one tab stop, announced as a link. `<Link><Button>`
 * nests a button in a link (invalid HTML), so keyboard users met each twice and screen readers
 * read 「我要留言 链接」 then 「我要留言 按钮」. Ctrl-click and middle-click still open a new tab.
 */
export function LinkButton({
  to,
  ...props
}: { to: string } & Omit<ComponentProps<typeof Button>, 'href' | 'onClick'>) {
  const href = useHref(to);
  const onClick = useLinkClickHandler<HTMLElement>(to);
  return <Button {...props} href={href} onClick={onClick} />;
}
