import type { Sentiment } from './analyse.js';

/**
 * Hand labels (this project's, by reading each message) for 120 real citizens' messages of
 * ../shared/data/tipdm2020c-hot-messages, by their `id` only: the texts stay in that data and are
 * read at run time. Rows 17, 53, 89 ... (every 36th) are `tune` — in view while the lexicon and the
 * parameters were set; rows 35, 71, 107 ... are `held-out`, labelled before any prediction was
 * looked at and measured once. Same rubric as gov-samples.ts: n = complaint or report of harm
 * (负面), u = question, request or suggestion without a grievance (中性), p = thanks or praise.
 */
const TUNE = `
  188451:n 189278:n 190346:u 191311:n 192043:u 192873:n 193893:n 195013:u 195995:n 196878:u
  197527:u 198370:n 199165:n 199972:n 200667:n 201611:u 202514:n 203345:n 204313:u 205251:n
  206087:n 207013:n 207827:n 208650:n 209488:n 210209:n 211098:n 211974:n 213017:n 213768:n
  214350:n 215021:n 215928:n 216816:n 217791:n 218434:n 219069:n 219956:u 220730:n 221732:p
  222668:n 223462:n 224409:n 225468:u 226153:n 227100:u 228204:u 228948:u 229860:n 230674:n
  231604:u 232471:n 233300:n 234125:n 234873:n 235871:u 236648:n 237511:n 238397:u 239426:n
`;
const HELD_OUT = `
  188829:n 190021:u 190821:n 191699:n 192581:n 193425:u 194373:n 195528:n 196378:n 197206:n
  197952:n 198779:n 199416:n 200324:n 201059:n 201980:n 202867:n 203838:n 204737:n 205682:n
  206587:u 207389:n 208191:u 209048:n 209863:u 210796:u 211492:n 212558:n 213220:u 214072:n
  214746:u 215522:n 216349:u 217294:u 218217:u 218709:n 219612:n 220310:n 221187:n 222111:n
  223026:n 223915:n 224840:n 225748:n 226490:n 227719:n 228597:n 229388:n 230185:n 231178:n
  232037:n 232887:n 233706:n 234475:n 235290:n 236308:u 237022:n 238096:n 239087:n 239737:u
`;

export interface HotLabel {
  id: number;
  label: Sentiment;
  set: 'tune' | 'held-out';
}

const LABEL = { n: 'negative', u: 'neutral', p: 'positive' } as const;

const parse = (list: string, set: HotLabel['set']): HotLabel[] =>
  list
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const [id, code] = item.split(':') as [string, keyof typeof LABEL];
      return { id: Number(id), label: LABEL[code], set };
    });

export const HOT_LABELS: readonly HotLabel[] = [
  ...parse(TUNE, 'tune'),
  ...parse(HELD_OUT, 'held-out'),
];
