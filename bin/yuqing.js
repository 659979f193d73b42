#!/usr/bin/env node
// The `yuqing` command: runs the compiled CLI (npm install builds it; `npm run build` after changes).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/server/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('yuqing 尚未构建：请先运行 npm run build（npm install 会自动构建）\n');
  process.exit(1);
}
await import(cli.href);
