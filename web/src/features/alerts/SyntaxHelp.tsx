import { Popover, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { AlertText, AlertTextKey } from './alert-text';

// i18n-allow: expressions as typed, over Chinese posts, in either language.
const EXAMPLES: [string, AlertTextKey][] = [
  ['噪音 工地', 'help.and'],
  ['噪音 OR 扰民', 'help.or'],
  ['施工 NOT 演习', 'help.not'],
  ['"夜间 施工"', 'help.phrase'],
  ['施工 NEAR/10 噪音', 'help.near'],
  ['(工地 OR 施工) 噪音', 'help.group'],
];

/** The expression language in six lines, beside the field that uses it. */
export function SyntaxHelp({ text }: { text: AlertText }) {
  const content = (
    <div style={{ maxWidth: 420 }}>
      <table style={{ borderCollapse: 'collapse' }}>
        <tbody>
          {EXAMPLES.map(([example, key]) => (
            <tr key={example}>
              <td style={{ padding: '2px 12px 2px 0', whiteSpace: 'nowrap' }}>
                <Typography.Text code>{example}</Typography.Text>
              </td>
              <td style={{ padding: '2px 0' }}>{text(key)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {text('help.precedence')}
        <br />
        {text('help.latin')}
      </Typography.Paragraph>
    </div>
  );
  return (
    <Popover content={content} title={text('syntaxHelp')} trigger="click" placement="bottomLeft">
      <Typography.Link aria-label={text('syntaxHelp')} data-testid="syntax-help">
        <QuestionCircleOutlined /> {text('syntaxHelp')}
      </Typography.Link>
    </Popover>
  );
}
