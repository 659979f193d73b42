import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/lib/paths.js';

/**
 * Groups of the TipDM hot messages (../shared/data, read at run time, never copied) known to be
 * about one matter, by message id, for the hot-topic tests.
 */
export const HOT_MESSAGES = join(
  packageRoot,
  '..',
  'shared',
  'data',
  'tipdm2020c-hot-messages',
  'data.jsonl',
);
export const hotMessagesPresent = existsSync(HOT_MESSAGES);

/** An estate's developer sells flats only with a parking space (2019-07/09). */
export const PARKING_BUNDLE = [
  283879, 223247, 224767, 285897, 218709, 205982, 196264, 205277, 191001, 230554, 234633, 255507,
  251844, 268299, 289473, 286304, 258037, 207243, 190337, 276460,
];
/** A concrete mixing plant next to a housing estate (2019-11/12). */
export const MIXING_PLANT = [
  189950, 281943, 225217, 243692, 203393, 188809, 258378, 199379, 268300, 190802, 247160, 281546,
  231136, 244335, 258242, 272361,
];
/** The same weeks, other matters: other estates' parking spaces, a photo studio's taxes. */
export const UNRELATED = [215123, 231212, 188006];
