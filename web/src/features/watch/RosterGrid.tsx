import { Flex, Space, Tooltip, Typography } from 'antd';
import { colon, inParens, joinList, useT } from '../../app/i18n/i18n';
import type { CoverageDay, WatchDuty } from './watch.api';
import { hoursText, personColors } from './watch-labels';

const UNCOVERED = '#ff4d4f';
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * The 24-hour roster at a glance: a row per day, a cell per hour, coloured by who is on duty;
 * hours nobody covers for the whole hour are red, so the office sees the gaps before the night.
 */
export function RosterGrid({
  coverage,
  duties,
}: {
  coverage: CoverageDay[];
  duties: Pick<WatchDuty, 'userId' | 'userName'>[];
}) {
  const t = useT();
  const colors = personColors(duties.map((d) => d.userId));
  const names = new Map(duties.map((d) => [d.userId, d.userName]));
  const uncovered = coverage.reduce((n, day) => n + day.uncoveredHours.length, 0);

  return (
    <div data-testid="roster-grid">
      <Flex wrap gap={12} style={{ marginBottom: 12 }} align="center">
        {[...colors].map(([userId, color]) => (
          <Space key={userId} size={4}>
            <span style={{ ...swatch, background: color }} />
            <Typography.Text>{names.get(userId)}</Typography.Text>
          </Space>
        ))}
        <Space size={4}>
          <span style={{ ...swatch, background: UNCOVERED }} />
          <Typography.Text>{t('watch.legendUncovered')}</Typography.Text>
        </Space>
        <Typography.Text type={uncovered > 0 ? 'danger' : 'success'}>
          {uncovered > 0
            ? t('watch.uncoveredSummary', { count: uncovered })
            : t('watch.fullyCovered')}
        </Typography.Text>
      </Flex>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'separate', borderSpacing: 2, minWidth: 720 }}>
          <thead>
            <tr>
              <th style={{ ...headCell, textAlign: 'left', width: 96 }}>{t('watch.day')}</th>
              {HOURS.map((h) => (
                <th key={h} style={headCell}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {coverage.map((day) => (
              <tr key={day.date}>
                <th style={{ ...headCell, textAlign: 'left', whiteSpace: 'nowrap' }}>
                  <Tooltip
                    title={
                      day.uncoveredHours.length > 0
                        ? `${t('watch.legendUncovered')}${colon()}${hoursText(day.uncoveredHours)}`
                        : t('watch.fullyCovered')
                    }
                  >
                    {day.date.slice(5)}
                  </Tooltip>
                </th>
                {day.onDuty.map((users, hour) => {
                  const gap = day.uncoveredHours.includes(hour);
                  const first = users[0];
                  const background = gap
                    ? UNCOVERED
                    : first !== undefined
                      ? (colors.get(first) ?? '#d9d9d9')
                      : '#f0f0f0';
                  const who = joinList(users.map((u) => names.get(u) ?? `#${u}`));
                  const title = `${day.date} ${t('watch.hour', { hour })}${colon()}${
                    who || t('watch.legendUncovered')
                  }${gap && who ? inParens(t('watch.legendUncovered')) : ''}`;
                  return (
                    <Tooltip key={hour} title={title}>
                      <td
                        aria-label={title}
                        data-gap={gap ? 'true' : undefined}
                        style={{
                          ...cell,
                          background,
                          // Two people on duty in one hour: a stripe of the second colour.
                          boxShadow:
                            !gap && users.length > 1
                              ? `inset 0 -6px 0 ${colors.get(users[1] ?? 0) ?? '#d9d9d9'}`
                              : undefined,
                        }}
                      />
                    </Tooltip>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const swatch = { display: 'inline-block', width: 14, height: 14, borderRadius: 3 };
const headCell = { fontWeight: 500, fontSize: 12, color: '#8c8c8c', padding: '0 4px' };
const cell = { width: 24, minWidth: 24, height: 22, borderRadius: 3 };
