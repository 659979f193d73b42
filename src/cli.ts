import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from './config.js';
import { maintainDatabase } from './db/maintenance.js';
import { migrate } from './db/migrate.js';
import { ingestPosts } from './ingest/ingest-posts.js';
import { readPostsJsonl } from './ingest/read-jsonl.js';
import { systemClock } from './lib/clock.js';
import { classifyJsonLine } from './nlp/category/classify.js';
import { replyCheckJsonLine } from './nlp/reply-check/json-line.js';
import { runTopics } from './nlp/topics/topics-jsonl.js';
import { eventMarker } from './modules/analysis/topics/event-marker.js';
import { segmenter } from './ingest/segment.js';
import { VERSION } from './lib/version.js';
import { startJobs } from './jobs/runner.js';
import { systemActor } from './modules/access/actor.js';
import { isRole, type Role } from './modules/access/roles.js';
import { verifyAudit } from './modules/audit/verify-audit.js';
import { createUser, resetUserPassword } from './modules/org/save-user.js';
import { ensureSource } from './modules/sources/enter-post.js';
import { backupTo, restoreFrom } from './modules/system/backup.js';
import { startHolidaySync } from './modules/holidays/holiday-sync.js';
import { AppError } from './server/errors.js';
import { openContext, startServer } from './server/start.js';

const program = new Command('yuqing')
  .description('yuqing 舆情 — 网络舆情监测与办理系统')
  .version(VERSION);

const out = (text: string) => process.stdout.write(text + '\n');

/** One answer per line of stdin, in order (the JSON Lines commands). */
async function* answerLines(answer: (raw: string) => string): AsyncGenerator<string> {
  for await (const raw of createInterface({ input: process.stdin, crlfDelay: Infinity }))
    yield answer(raw);
}

/**
 * Writes lines to stdout in 64 KiB batches, waiting while the pipe is full. A reader that stops
 * early (`yuqing topics | head`) closes the pipe: the command then ends quietly with status 0, as
 * Unix tools do, instead of with an EPIPE stack trace.
 */
async function writeLines(lines: AsyncIterable<string> | Iterable<string>): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  let batch = '';
  for await (const line of lines) {
    batch += line + '\n';
    if (batch.length >= 1 << 16) {
      if (!process.stdout.write(batch)) await once(process.stdout, 'drain');
      batch = '';
    }
  }
  if (batch) process.stdout.write(batch);
}

program
  .command('start')
  .description('启动 API、网页和后台任务（PORT、HOST 环境变量）')
  .action(async () => {
    const config = loadConfig();
    // A first start is silent for a while otherwise: initdb alone takes seconds.
    if (!config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION')))
      out(
        `首次启动：正在 ${config.dataDir} 创建嵌入式数据库${config.demo ? '和示范乡镇' : ''}，约需半分钟…`,
      );
    const server = await startServer(config);
    out(`yuqing ${VERSION} 已启动：${server.url}（数据库：${server.database.kind}）`);
    const stop = () => {
      void server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('worker')
  .description('只运行后台任务（与 start 分开扩展，需 DATABASE_URL）')
  .action(async () => {
    const config = loadConfig();
    if (!config.databaseUrl) {
      throw new AppError(
        'VALIDATION_FAILED',
        'worker 需要 PostgreSQL 服务器（DATABASE_URL）：使用嵌入式数据库时，后台任务在 yuqing start 进程内运行',
      );
    }
    const { database, ctx } = await openContext(config);
    await migrate(ctx.db);
    const log = pino({ level: config.logLevel });
    const stopHolidaySync = await startHolidaySync(ctx, log);
    const jobs = await startJobs(database, ctx, log, { work: true });
    out(`yuqing worker 已启动（数据库：${database.kind}）`);
    const stop = () => {
      stopHolidaySync();
      void jobs
        .stop()
        .then(() => database.close())
        .then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('执行数据库迁移')
  .action(() =>
    withContext(async ({ ctx }) => {
      const { applied, current } = await migrate(ctx.db);
      out(
        applied.length
          ? `已执行 ${applied.length} 个迁移，当前版本 ${current}`
          : `数据库已是最新（版本 ${current}）`,
      );
    }),
  );

const user = program.command('user').description('用户管理');
user
  .command('add <username>')
  .description('新增用户（未给 --password 时生成初始密码并打印一次）')
  .requiredOption('--name <name>', '姓名')
  .option('--roles <roles>', '角色，逗号分隔：admin,monitor,leader,liaison,office,viewer', 'viewer')
  .option('--unit <unitId>', '所属单位 id')
  .option('--phone <phone>', '电话')
  .option('--password <password>', '初始密码')
  .action(
    (
      username: string,
      opts: { name: string; roles: string; unit?: string; phone?: string; password?: string },
    ) =>
      withContext(async ({ ctx }) => {
        await migrate(ctx.db);
        const roles = opts.roles.split(',').map((r) => r.trim());
        const bad = roles.filter((r) => !isRole(r));
        if (bad.length > 0) throw new AppError('VALIDATION_FAILED', `未知角色：${bad.join(', ')}`);
        const result = await createUser({
          ctx,
          actor: systemActor('命令行'),
          input: {
            username,
            name: opts.name,
            roles: roles as Role[],
            unitId: opts.unit ? Number(opts.unit) : null,
            phone: opts.phone ?? null,
            ...(opts.password ? { password: opts.password } : {}),
          },
        });
        out(`已新增用户 ${result.user.username}（id ${result.user.id}）`);
        if (result.initialPassword)
          out(`初始密码：${result.initialPassword}（只显示这一次，首次登录须修改）`);
      }),
  );
user
  .command('reset-password <username>')
  .description('重置密码（未给 --password 时生成并打印一次），同时解除锁定')
  .option('--password <password>', '新密码')
  .action((username: string, opts: { password?: string }) =>
    withContext(async ({ ctx }) => {
      const row = await ctx.db
        .selectFrom('users')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', `用户 ${username} 不存在`);
      const { initialPassword } = await resetUserPassword({
        ctx,
        actor: systemActor('命令行'),
        id: row.id,
        password: opts.password,
      });
      out(
        `已重置 ${username} 的密码${opts.password ? '' : `：${initialPassword}`}（下次登录须修改）`,
      );
    }),
  );

program
  .command('backup <file>')
  .description(
    '备份全部业务数据到文件（gzip 压缩的 JSON Lines，PGlite 与 PostgreSQL 通用；设了 YUQING_BACKUP_KEY 则加密）',
  )
  .action((file: string) =>
    withContext(async ({ ctx }) => {
      await migrate(ctx.db);
      const { key } = ctx.config.backup;
      await backupTo(ctx.db, file, ctx.dbKind, new Date(), key);
      out(`已${key ? '加密' : ''}备份到 ${file}`);
    }),
  );

program
  .command('restore <file>')
  .description('从备份文件恢复到空数据库（--force 先清空现有数据）')
  .option('--force', '清空目标数据库后恢复')
  .action((file: string, opts: { force?: boolean }) =>
    withContext(async ({ ctx }) => {
      const result = await restoreFrom(ctx.db, file, {
        force: opts.force ?? false,
        key: ctx.config.backup.key,
      });
      out(
        `已恢复 ${result.tables} 张表，${result.rows} 行` +
          (result.migrated > 0 ? `；备份来自较早的版本，已执行 ${result.migrated} 个迁移` : ''),
      );
    }),
  );

program
  .command('import-posts <file>')
  .description(
    '导入帖子（JSON Lines：id、title、body、time、url、author、likes、dislikes），经去重、相关性判断和分词后入库',
  )
  .option('--source <name>', '导入到哪个信息源（文件导入类，没有则新建；默认为文件名）')
  .action((file: string, opts: { source?: string }) =>
    withContext(async ({ ctx }) => {
      await migrate(ctx.db);
      const source = await ensureSource(
        ctx,
        systemActor('命令行导入'),
        opts.source ?? basename(file).replace(/\.[^.]*$/, ''),
        'import',
      );
      const sourceKey = `source:${source.id}`;
      const total = {
        read: 0,
        new: 0,
        duplicateUrl: 0,
        duplicateText: 0,
        nearDuplicate: 0,
        empty: 0,
      };
      for await (const chunk of readPostsJsonl(file)) {
        const report = await ingestPosts(ctx, chunk, { sourceKey, sourceName: source.name });
        total.read += chunk.length;
        total.new += report.new;
        total.duplicateUrl += report.duplicateUrl;
        total.duplicateText += report.duplicateText;
        total.nearDuplicate += report.nearDuplicate;
        total.empty += report.empty;
      }
      // A bulk load on PGlite: searches estimate their totals from statistics nothing else updates.
      if (total.new > 0) await maintainDatabase(ctx, 'analyze posts');
      out(
        `已读取 ${total.read} 条（信息源「${source.name}」）：新增 ${total.new}，近似重复 ${total.nearDuplicate}（已关联原帖），` +
          `网址重复 ${total.duplicateUrl}，正文重复 ${total.duplicateText}，空内容 ${total.empty}`,
      );
    }),
  );

program
  .command('classify')
  .description(
    '一级分类（stdin 每行 JSON：id、title、body；stdout 每行 id、label、confidence，顺序不变；置信度低时为「其他」）',
  )
  .action(() => writeLines(answerLines(classifyJsonLine)));

program
  .command('reply-check')
  .description(
    '答复质量检查（stdin 每行 JSON：id、title、body、reply；stdout 每行 id、relevance、completeness、explanation、score，0 到 1，顺序不变）',
  )
  .action(() => writeLines(answerLines(replyCheckJsonLine)));

program
  .command('topics')
  .description(
    '热点话题（stdin 每行 JSON：id、title、body、time、likes；按发布时间增量聚类；stdout 每行 id、topic，顺序不变）',
  )
  .option('--summary', '改为每个话题一行：topic、label、keywords、size、likes、heat 等，最热的在前')
  .option('--at <time>', '计算热度的参考时间（ISO 8601），默认为最新一条的发布时间')
  .option('--half-life <days>', '热度半衰期（天），0 为不衰减', '3')
  .option('--threshold <cosine>', '与话题中心的余弦相似度达到此值即归入该话题', '0.3')
  .option(
    '--places <names>',
    '辖区地名，以逗号或顿号分隔（如 青石村,新街社区）：按常见词计权，同一村社的不同事项不并为一个话题',
  )
  .action(
    async (opts: {
      summary?: boolean;
      at?: string;
      halfLife: string;
      threshold: string;
      places?: string;
    }) => {
      const at = opts.at === undefined ? undefined : Date.parse(opts.at);
      const halfLife = Number(opts.halfLife);
      const threshold = Number(opts.threshold);
      if (at !== undefined && Number.isNaN(at))
        throw new AppError('VALIDATION_FAILED', '--at 应为 ISO 8601 时间');
      if (!(halfLife >= 0)) throw new AppError('VALIDATION_FAILED', '--half-life 应为非负数');
      if (!(threshold > 0 && threshold <= 1))
        throw new AppError('VALIDATION_FAILED', '--threshold 应在 0 与 1 之间');
      // Topics need every post before the first answer: read all, then write in batches.
      const raw: string[] = [];
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of lines) raw.push(line);
      const places = (opts.places ?? '').split(/[\s,，、;；]+/).filter((p) => p.length > 0);
      const run = runTopics(raw, {
        seg: segmenter(places),
        places,
        marker: eventMarker(places, null),
        now: systemClock.now().getTime(),
        ...(at === undefined ? {} : { at }),
        cluster: { threshold, halfLifeMs: halfLife === 0 ? Infinity : halfLife * 86_400_000 },
      });
      await writeLines(opts.summary ? run.summary.map((t) => JSON.stringify(t)) : run.lines);
    },
  );

const audit = program.command('audit').description('审计日志');
audit
  .command('verify')
  .description('校验审计日志哈希链；被改动或删除的记录使命令以非零状态退出')
  .action(() =>
    withContext(async ({ ctx }) => {
      const result = await verifyAudit(ctx.db);
      out(result.message);
      if (!result.ok) process.exitCode = 2;
    }),
  );

async function withContext(
  fn: (c: Awaited<ReturnType<typeof openContext>>) => Promise<void>,
): Promise<void> {
  const c = await openContext(loadConfig(), systemClock);
  try {
    await fn(c);
  } finally {
    await c.database.close();
  }
}

program.parseAsync().catch((err: unknown) => {
  process.stderr.write(`错误：${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
