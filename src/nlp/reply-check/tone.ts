import { normalise } from './text.js';

/** The tone of a reply (1 polite and reasoned, 0 brusque), with the reasons a leader reads. */
export interface Tone {
  score: number;
  reasons: string[];
}

const GREETING = /您好|你好|尊敬的/u;
const THANKS = /感谢|谢谢|致谢|理解与支持|理解和支持|欢迎/u;
const COURTESY = /敬请|请您|烦请|您/u;
// Brush-offs: a verdict or a refusal that needs its reason in the same sentence.
const BRUSH_OFF =
  /不属实|无法处理|无法解决|不予受理|不予处理|不予答复|不属于我[^，。]{0,4}(?:职责|管辖|范围)|不归我[^，。]{0,4}管|与我[^，。]{0,4}无关|请?自行(?:解决|处理|协商)|无权处理|不清楚/u;
const REASON =
  /因为|由于|因该|经[^，。]{0,6}(?:核实|调查|查|了解|研究)|根据|依据|按照|依照|鉴于|属于|应由|建议您|可向|请向|联系/u;
// Words no official reply should use towards a citizen.
const RUDE = /无理取闹|胡说|瞎说|胡搅蛮缠|少管闲事|别再|不要再来|恶意投诉|刁民|爱管不管|滥用/u;
const SENTENCE = /[。！？!?；;\n]+/u;

/**
 * Tone: greeting, thanks and courteous forms raise it; a bare 不属实 / 无法处理 without a reason
 * in the same sentence, or a rude word, lowers it.
 */
export function toneOf(reply: string): Tone {
  const text = normalise(reply);
  const reasons: string[] = [];
  const polite = [
    GREETING.test(text) ? '问候' : '',
    THANKS.test(text) ? '致谢' : '',
    COURTESY.test(text) ? '敬语' : '',
  ].filter(Boolean);
  let score = 0.4 + 0.2 * polite.length;
  if (polite.length >= 2) reasons.push(`语气礼貌（${polite.join('、')}）`);
  else if (polite.length === 0) reasons.push('缺少礼貌用语（您好、感谢、请）');
  const bare = new Set<string>();
  for (const sentence of text.split(SENTENCE)) {
    const b = BRUSH_OFF.exec(sentence)?.[0];
    if (b && !REASON.test(sentence)) bare.add(b);
  }
  if (bare.size > 0) {
    score -= 0.3 * Math.min(bare.size, 2);
    reasons.push(`有生硬表态且未说明理由：“${[...bare].join('”“')}”`);
  }
  const rude = RUDE.exec(text)?.[0];
  if (rude) {
    score -= 0.5;
    reasons.push(`用语不当：“${rude}”`);
  }
  return { score: Math.max(0, Math.min(1, score)), reasons };
}
