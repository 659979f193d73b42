import { useEffect, useRef, useState } from 'react';
import { Flex, Input, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { isAbort } from '../../app/api';
import type { AlertText } from './alert-text';
import { validateExpression, type ValidateResult } from './alerts.api';

import { SyntaxHelp } from './SyntaxHelp';

const DELAY = 300;
const MAX_EXPRESSION = 2000;

/**
 * The rule expression, checked by the server as it is typed: the Chinese message under the field
 * and the expression again with the faulty stretch marked (a caret where something is missing),
 * or the canonical form when it parses. For a Form.Item: takes value / onChange.
 */
export function ExpressionInput({
  value,
  onChange,
  text,
  id,
}: {
  value?: string;
  onChange?: (value: string) => void;
  text: AlertText;
  id?: string;
}) {
  const [result, setResult] = useState<ValidateResult | null>(null);
  const [checking, setChecking] = useState(false);
  const ref = useRef<TextAreaRef>(null);
  const expression = value ?? '';

  useEffect(() => {
    if (!expression.trim()) {
      setResult(null);
      return;
    }
    const controller = new AbortController();
    setChecking(true);
    const timer = setTimeout(() => {
      validateExpression(expression, controller.signal).then(
        (r) => {
          setResult(r);
          setChecking(false);
        },
        (cause: unknown) => {
          // A failed check says nothing about the expression: saving will tell.
          if (!isAbort(cause)) {
            setResult(null);
            setChecking(false);
          }
        },
      );
    }, DELAY);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [expression]);

  const select = (start: number, end: number) => {
    const area = ref.current?.resizableTextArea?.textArea;
    if (!area) return;
    area.focus();
    area.setSelectionRange(start, end);
  };

  const problem = result && !result.ok ? result.error : null;
  return (
    <div>
      <Input.TextArea
        id={id}
        ref={ref}
        value={expression}
        onChange={(e) => onChange?.(e.target.value)}
        status={problem ? 'error' : undefined}
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder={text('expressionPlaceholder')}
        style={{ fontFamily: 'var(--ant-font-family-code, monospace)' }}
        data-testid="rule-expression"
      />
      <Flex justify="space-between" align="start" gap={12} style={{ marginTop: 4 }}>
        <div style={{ minWidth: 0, flex: 1 }} aria-live="polite">
          {problem ? (
            <div data-testid="rule-expression-error">
              <Typography.Text type="danger">{problem.message}</Typography.Text>
              <pre
                onClick={() => select(problem.position, problem.position + problem.length)}
                title={problem.message}
                style={{
                  margin: '4px 0 0',
                  padding: '4px 8px',
                  background: '#fff2f0',
                  border: '1px solid #ffccc7',
                  borderRadius: 4,
                  whiteSpace: 'pre-wrap',
                  wordBreak: 'break-all',
                  cursor: 'pointer',
                }}
              >
                {expression.slice(0, problem.position)}
                {problem.length > 0 ? (
                  <mark
                    data-testid="rule-expression-bad"
                    style={{
                      background: '#ffccc7',
                      textDecoration: 'underline wavy #ff4d4f',
                      padding: 0,
                    }}
                  >
                    {expression.slice(problem.position, problem.position + problem.length)}
                  </mark>
                ) : (
                  <span
                    data-testid="rule-expression-bad"
                    style={{
                      color: '#fff',
                      background: '#ff4d4f',
                      borderRadius: 2,
                      padding: '0 2px',
                      margin: '0 1px',
                    }}
                  >
                    ‸
                  </span>
                )}
                {expression.slice(problem.position + problem.length)}
              </pre>
            </div>
          ) : result?.ok ? (
            <Typography.Text type="secondary" data-testid="rule-expression-ok">
              {text('expressionOk', { canonical: result.canonical })}
            </Typography.Text>
          ) : checking ? (
            <Typography.Text type="secondary">{text('expressionChecking')}</Typography.Text>
          ) : null}
        </div>
        {/* Counted, never cut: a pasted list cut at 2000 would change the rule unseen. Shown in
            this row: antd's own counter sat on top of the 表达式写法 link. */}
        <Flex gap={12} align="center" style={{ flex: 'none' }}>
          <Typography.Text
            type={expression.length > MAX_EXPRESSION ? 'danger' : 'secondary'}
            data-testid="rule-expression-count"
          >
            {expression.length} / {MAX_EXPRESSION}
          </Typography.Text>
          <SyntaxHelp text={text} />
        </Flex>
      </Flex>
    </div>
  );
}
