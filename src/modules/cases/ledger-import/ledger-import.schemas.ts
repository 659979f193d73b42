import { Type } from '@sinclair/typebox';
import { Nullable } from '../../../server/common-schemas.js';

export const LedgerImportQuery = Type.Object({
  dryRun: Type.Optional(
    Type.Boolean({ default: true, description: 'true（默认）只预检不写入；false 确认导入' }),
  ),
});

export const LedgerImportReport = Type.Object({
  ok: Type.Boolean({ description: '全部行无误（确认导入时：已导入）' }),
  dryRun: Type.Boolean(),
  fileName: Type.String(),
  rowCount: Type.Integer({ description: '读取的数据行数（示例行不计）' }),
  created: Type.Integer({ description: '新建的归档办件数（预检时：将新建的）' }),
  skipped: Type.Array(Type.Object({ row: Type.Integer(), caseId: Type.Integer() }), {
    description: '此前已导入过的行：跳过，不重复建办件',
  }),
  errors: Type.Array(
    Type.Object({
      row: Type.Integer({ description: '表格中的行号（表头为第 1 行）；0 表示整个文件' }),
      column: Type.String(),
      message: Type.String(),
    }),
  ),
  importId: Nullable(Type.Integer()),
  figures: Type.Object({
    replied: Type.Integer({ description: '已办结（已答复）' }),
    closed: Type.Integer({ description: '不予办理' }),
    judgedByUnit: Type.Integer({ description: '填有交办时间、计入单位办理统计的' }),
    withSlip: Type.Integer(),
    from: Nullable(Type.String({ format: 'date-time' })),
    to: Nullable(Type.String({ format: 'date-time' })),
    units: Type.Array(Type.Object({ unitName: Type.String(), count: Type.Integer() }), {
      description: '承办单位（牵头单位）及其件数',
    }),
    coUnits: Type.Array(Type.Object({ unitName: Type.String(), count: Type.Integer() }), {
      description: '协办单位及其件数',
    }),
  }),
});
