import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HALF_LIFE_MS } from '../../src/nlp/topics/heat.js';
import {
  CHROMIUM,
  chooseOption,
  e2eSetup,
  hasChromium,
  openedDialog,
  signedIn,
} from './browser.js';

const TOPIC = '新街社区夜间施工噪音扰民';

describe.skipIf(!hasChromium)(
  hasChromium ? '舆情事件 in the browser' : `incidents (skipped: no ${CHROMIUM})`,
  () => {
    const e2e = e2eSetup();

    it('lets the monitor open an incident from a hot topic, assess it, record a measure and close it', async () => {
      const db = e2e.server.db;
      // A hot topic over two of the demo township's posts, as the topics analyser would make it.
      const posts = await db
        .selectFrom('posts')
        .select(['id', 'posted_at'])
        .where('title', 'in', [TOPIC, '小区停车位不足'])
        .orderBy('posted_at')
        .execute();
      expect(posts).toHaveLength(2);
      const now = new Date();
      const topic = await db
        .insertInto('topics')
        .values({
          label: TOPIC,
          keywords: ['新街', '施工', '噪音'],
          size: 2,
          // A decayed mass of two posts now (src/nlp/topics/heat.ts).
          heat_rank: now.getTime() / DEFAULT_HALF_LIFE_MS + 1,
          first_at: posts[0]?.posted_at ?? now,
          last_at: posts[1]?.posted_at ?? now,
          centroid: '{}',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('posts')
        .set({ topic_id: topic.id })
        .where(
          'id',
          'in',
          posts.map((p) => p.id),
        )
        .execute();

      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'monitor',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
      });

      // An old link to a topic merged into this one since leads to it, and says so.
      const absorbed = Number(topic.id) + 500;
      await db
        .insertInto('topic_merges')
        .values({ absorbed_id: absorbed, survivor_id: topic.id, merged_at: now })
        .execute();
      await page.goto(`${e2e.server.url}/monitoring/topics/${absorbed}`);
      await page.waitForURL(new RegExp(`/monitoring/topics/${topic.id}$`));
      await page.getByText(`原话题 #${absorbed} 已并入本话题`).waitFor();

      // Open it from the hot topic's page: the topic is fixed and names the incident.
      // The page's title; the topic's first post has the same title further down.
      await page.getByRole('heading', { name: TOPIC }).first().waitFor();
      await page.getByTestId('open-incident').click();
      const open = await openedDialog(page, '开启舆情事件');
      expect(await open.getByLabel('事件名称', { exact: true }).inputValue()).toBe(TOPIC);
      await chooseOption(page, open.getByLabel('级别', { exact: true }), '较大');
      await open.getByTestId('open-incident-submit').click();
      await page.waitForURL(/\/incidents\/\d+$/);
      const id = Number(new URL(page.url()).pathname.split('/').pop());
      // The incident page replaces the topic page once its chunk has loaded.
      await page.getByTestId('topic-posts').waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: TOPIC }).waitFor();
      await page.getByTestId('incident-facts').getByText('较大').waitFor();
      await page
        .getByTestId('incident-timeline')
        .getByText(/开启舆情事件，级别较大/)
        .waitFor();

      // 研判: the current figures are drawn; the judgement is saved with them.
      await page.getByTestId('act-assess').click();
      const assess = await openedDialog(page, /^趋势研判/);
      await assess.getByTestId('assessment-figures-volume').locator('canvas').first().waitFor();
      await chooseOption(page, assess.getByLabel('趋势', { exact: true }), '上升');
      await assess
        .getByLabel('研判意见', { exact: true })
        .fill('夜间施工投诉集中，需督促工地停止夜间作业。');
      await assess.getByTestId('assessment-submit').click();
      await assess.waitFor({ state: 'hidden' });
      await page.getByRole('tab', { name: /研判（1）/ }).click();
      await page.getByTestId('incident-assessment').locator('canvas').first().waitFor();

      // 登记措施: an official reply by 城建办.
      await page.getByTestId('act-measure').click();
      const measure = await openedDialog(page, /^登记处置措施/);
      await measure
        .getByLabel('措施内容', { exact: true })
        .fill('在云溪论坛回复：已责令工地晚十点后停止施工。');
      await measure.getByLabel('责任单位', { exact: true }).fill('城建办');
      await measure.getByTestId('measure-submit').click();
      await measure.waitFor({ state: 'hidden' });
      await page.getByRole('tab', { name: /处置措施（1）/ }).click();
      await page.getByTestId('incident-measures').getByText('城建办').waitFor();

      // 结束处置: the draft comes from the record; the report is required and goes to the leaders.
      await page.getByTestId('act-close').click();
      const close = await openedDialog(page, /^结束处置/);
      const report = close.getByLabel('处置结束报告', { exact: true });
      await expect.poll(() => report.inputValue()).toContain('处置情况的报告');
      await report.fill('');
      await close.getByTestId('close-incident-submit').click();
      await close.getByText('结束处置须填写处置结束报告').waitFor();
      await report.fill('工地已停止夜间施工，论坛已公开回复，跟踪两日无新增投诉，处置结束。');
      await close.getByTestId('close-incident-submit').click();
      await close.waitFor({ state: 'hidden' });
      await page.getByTestId('incident-facts').getByText('已结束').waitFor();
      expect(await page.getByTestId('act-close').count()).toBe(0);
      await page.getByRole('menuitem', { name: '舆情事件' }).click();
      await page.getByTestId('incidents').getByText(TOPIC).waitFor();

      const row = await db
        .selectFrom('incidents')
        .select(['status', 'level', 'topic_id', 'closing_report'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        status: 'closed',
        level: 'major',
        topic_id: topic.id,
        closing_report: '工地已停止夜间施工，论坛已公开回复，跟踪两日无新增投诉，处置结束。',
      });
      const counts = await sql<{ posts: number; assessments: number; measures: number }>`
        select (select count(*) from incident_posts where incident_id = ${id})::int as posts,
          (select count(*) from incident_assessments where incident_id = ${id})::int as assessments,
          (select count(*) from incident_measures where incident_id = ${id})::int as measures
      `.execute(db);
      expect(counts.rows[0]).toEqual({ posts: 2, assessments: 1, measures: 1 });
      const snapshot = await db
        .selectFrom('incident_assessments')
        .select('snapshot')
        .where('incident_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(snapshot.snapshot.posts).toBe(2);
      // Both demo leaders have the closing report in their inbox.
      const inbox = await db
        .selectFrom('notifications as n')
        .innerJoin('users as u', 'u.id', 'n.user_id')
        .select('u.username')
        .where('n.kind', '=', 'incident.closing-report')
        .where('n.link', '=', `/incidents/${id}`)
        .orderBy('u.username')
        .execute();
      expect(inbox.map((r) => r.username)).toEqual(['deputy', 'leader']);
      expect(e2e.pageErrors).toEqual([]);
      await context.close();
    });

    it('lets a leader, who does not confirm alerts, open an incident from an alert’s posts', async () => {
      const db = e2e.server.db;
      const alert = await db
        .selectFrom('alerts')
        .select('id')
        .where('status', '=', 'active')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const { context, page } = await signedIn(e2e.browser, {
        url: e2e.server.url,
        username: 'leader',
        password: e2e.server.demoPassword,
        pageErrors: e2e.pageErrors,
      });
      await page.goto(`${e2e.server.url}/monitoring/alerts/${alert.id}`);
      await page.getByTestId('alert-samples').waitFor();
      // Never a button the server would refuse: confirming is the monitors' work.
      expect(await page.getByRole('button', { name: /^确\s*认$/ }).count()).toBe(0);

      await page.getByTestId('open-incident-from-posts').click();
      const open = await openedDialog(page, '开启舆情事件');
      await open.getByTestId('open-incident-post').first().click();
      const title = await open.getByLabel('事件名称', { exact: true }).inputValue();
      expect(title).not.toBe('');
      await open.getByTestId('open-incident-submit').click();
      await page.waitForURL(/\/incidents\/\d+$/);
      const id = Number(new URL(page.url()).pathname.split('/').pop());
      await page.getByRole('heading', { name: title }).waitFor();

      const incident = await db
        .selectFrom('incidents as i')
        .innerJoin('users as u', 'u.id', 'i.owner_id')
        .select(['i.title', 'u.username'])
        .where('i.id', '=', id)
        .executeTakeFirstOrThrow();
      expect(incident).toEqual({ title, username: 'leader' });
      // The post ticked is the incident's, and its title named the incident.
      const linked = await db
        .selectFrom('incident_posts as ip')
        .innerJoin('posts as p', 'p.id', 'ip.post_id')
        .select('p.title')
        .where('ip.incident_id', '=', id)
        .execute();
      expect(linked).toEqual([{ title }]);
      expect(e2e.pageErrors).toEqual([]);
      await context.close();
    });
  },
);
