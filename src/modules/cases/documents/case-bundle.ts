import { createHash } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { CaseRecord } from './case-record.js';
import { buildCaseFileDocx } from './case-file-docx.js';
import { buildSlipDocx } from './slip-docx.js';

/** Bumped whenever a field of case.json changes meaning or goes away; added fields keep it. */
export const BUNDLE_SCHEMA_VERSION = 1;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * case.json: the case detail (the same shape as `GET /api/cases/{id}`, without the reader's
 * `actions`, with the contact masked), its timeline inside it, and what the detail leaves out:
 * who signed, the deadlines, the extension's people, the urgings.
 */
export function caseJson(
  record: CaseRecord,
  meta: {
    generatedAt: Date;
    generatedBy: string;
    version: string;
    files: string[];
    attachments: { id: number; filename: string; path: string; sha256: string; size: number }[];
  },
): unknown {
  const { actions: _actions, ...detail } = record.detail;
  return {
    schema: 'yuqing.case-bundle',
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    generatedAt: meta.generatedAt.toISOString(),
    generatedBy: meta.generatedBy,
    generator: `yuqing ${meta.version}`,
    files: meta.files,
    attachments: meta.attachments,
    case: {
      ...detail,
      post: {
        ...detail.post,
        title: record.maskedTitle,
        body: record.maskedBody,
        contact: record.maskedContact,
      },
    },
    record: {
      orgName: record.orgName,
      issuer: record.issuer,
      registeredAt: iso(record.registeredAt),
      registeredBy: record.registeredBy,
      assignedAt: iso(record.assignedAt),
      assignedBy: record.assignedBy,
      handlingDueAt: iso(record.handlingDueAt),
      replyDueAt: iso(record.replyDueAt),
      units: record.units.map((u) => ({
        unitId: u.unitId,
        name: u.name,
        role: u.role,
        signedAt: iso(u.signedAt),
        signedBy: u.signedBy,
        contribution: u.contribution,
        contributedAt: iso(u.contributedAt),
        contributedBy: u.contributedBy,
      })),
      extension: record.extension && {
        ...record.extension,
        until: iso(record.extension.until),
        requestedAt: iso(record.extension.requestedAt),
        decidedAt: iso(record.extension.decidedAt),
      },
      approvedAt: iso(record.approvedAt),
      approvedBy: record.approvedBy,
      publishedAt: iso(record.publishedAt),
      publishedBy: record.publishedBy,
      ratedAt: iso(record.ratedAt),
      closedAt: iso(record.closedAt),
      closedBy: record.closedBy,
      archivedAt: iso(record.archivedAt),
      archivedBy: record.archivedBy,
      reopenCount: record.reopenCount,
      urges: record.urges.map((g) => ({
        unitName: g.unitName,
        kind: g.kind,
        dueAt: g.dueAt.toISOString(),
        urgedAt: g.urgedAt.toISOString(),
        urgedBy: g.urgedBy,
      })),
      deadlines: record.deadlines.map((x) => ({
        ...x,
        originalDueAt: x.originalDueAt.toISOString(),
        extendedDueAt: iso(x.extendedDueAt),
        dueAt: x.dueAt.toISOString(),
        doneAt: iso(x.doneAt),
      })),
      publications: record.publications.map((p) => ({
        ...p,
        publishedAt: p.publishedAt.toISOString(),
        recordedAt: p.recordedAt.toISOString(),
        approvedAt: iso(p.approvedAt),
      })),
      ratings: record.ratings.map((r) => ({
        ...r,
        at: r.at.toISOString(),
        reopenedAt: iso(r.reopenedAt),
      })),
    },
  };
}

export interface BundleAttachment {
  id: number;
  filename: string;
  sha256: string;
  data: Uint8Array;
}

/**
 * Entries marked as made on Unix: Info-ZIP's `unzip` (Debian, Kylin, UOS) reads the names of
 * entries made on MS-DOS, fflate's default, as code page 437 even with the UTF-8 flag set, so
 * `attachments/1-现场照片.png` came out garbled and `sha256sum -c` could not find it.
 */
const UNIX_FILE = { os: 3, attrs: (0o100644 << 16) >>> 0 };
const UNIX_DIR = { os: 3, attrs: (0o040755 << 16) >>> 0 };

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One file of a bundle: its path inside the bundle, its bytes and how to store it. */
export interface BundleEntry {
  name: string;
  data: Uint8Array;
  /** 0 (stored) for a .docx, which is itself a ZIP: compressing it again gains nothing. */
  level: 0 | 6;
}

/**
 * The files of one case's bundle, checksums.sha256 last, in the order they are zipped: what
 * `bundle.zip` holds and, one folder per case, what the 归档移交 export holds.
 */
export async function caseBundleEntries(
  record: CaseRecord,
  meta: { generatedAt: Date; generatedBy: string; version: string },
  attachments: BundleAttachment[] = [],
): Promise<BundleEntry[]> {
  const files: Record<string, Uint8Array> = {};
  const listed = attachments.map((a) => ({
    id: a.id,
    filename: a.filename,
    path: `attachments/${a.id}-${a.filename}`,
    sha256: a.sha256,
    size: a.data.length,
  }));
  listed.forEach((a, i) => (files[a.path] = attachments[i]?.data ?? new Uint8Array()));
  if (record.detail.slipNo) files['slip.docx'] = await buildSlipDocx(record, true);
  files['file.docx'] = await buildCaseFileDocx(record, meta);
  const names = ['case.json', ...Object.keys(files)];
  files['case.json'] = strToU8(
    `${JSON.stringify(caseJson(record, { ...meta, files: names, attachments: listed }), null, 2)}\n`,
  );
  const checksums = [...names]
    .sort()
    .map((name) => `${sha256(files[name] ?? new Uint8Array())}  ${name}\n`)
    .join('');
  const entries: BundleEntry[] = Object.entries(files).map(([name, data]) => ({
    name,
    data,
    level: name.endsWith('.docx') ? 0 : 6,
  }));
  entries.push({ name: 'checksums.sha256', data: strToU8(checksums), level: 6 });
  return entries;
}

/** Unix file and folder attributes (see UNIX_FILE) for entries zipped one at a time. */
export const UNIX_ENTRY = { file: UNIX_FILE, dir: UNIX_DIR };

/**
 * The machine-readable bundle the office keeps when archiving (DESIGN §2.6):
 *
 *   case.json          metadata, detail and timeline (contact masked)
 *   slip.docx          the 抄告单 (only when the case has a slip), contact masked
 *   file.docx          the 卷宗
 *   attachments/       every file attached to the case, as attachments/<id>-<name>
 *   checksums.sha256   `sha256sum -c checksums.sha256` verifies every file above
 */
export async function buildCaseBundle(
  record: CaseRecord,
  meta: { generatedAt: Date; generatedBy: string; version: string },
  attachments: BundleAttachment[] = [],
): Promise<Buffer> {
  // The folder is there even when empty, so the layout never changes.
  const zippable: Zippable = { attachments: [{}, UNIX_DIR] };
  for (const e of await caseBundleEntries(record, meta, attachments)) {
    zippable[e.name] = [e.data, { ...UNIX_FILE, level: e.level }];
  }
  return Buffer.from(zipSync(zippable, { mtime: meta.generatedAt }));
}
