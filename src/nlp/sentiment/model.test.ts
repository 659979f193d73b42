import { describe, expect, it } from 'vitest';
import { fitVocabulary, tokens, vectorize } from '../category/features.js';
import { trainSoftmax } from '../category/model.js';
import { fromSoftmax, reviewLogOdds, reviewModel } from './model.js';
import { isHeldBack, readReviews, reviewsAvailable, REVIEW_FILES } from './reviews.js';

describe('the review model', () => {
  it('folds a two-class softmax into one weight per feature with the same decision', () => {
    const bodies = ['好吃 很快', '难吃 太慢', '很快 好吃 满意', '太慢 难吃 差'];
    const docs = bodies.map((body) => tokens({ body }));
    const vocab = fitVocabulary(docs, 1);
    const softmax = trainSoftmax(
      docs.map((d) => vectorize(d, vocab)),
      [1, 0, 1, 0],
      ['negative', 'positive'],
      vocab.idf.length,
      { epochs: 30 },
    );
    const model = fromSoftmax(vocab, softmax);
    expect(reviewLogOdds(model, '好吃 很快')).toBeGreaterThan(0);
    expect(reviewLogOdds(model, '难吃 太慢')).toBeLessThan(0);
  });

  const missing = !reviewsAvailable();
  it.skipIf(missing)(
    `committed models/sentiment.json: ≥ 88% on the reviews kept out of its training${missing ? ` (skipped: ${REVIEW_FILES.waimai} or ${REVIEW_FILES.hotel} not found)` : ''}`,
    () => {
      const sample = readReviews().filter(isHeldBack);
      expect(sample.length).toBeGreaterThan(1900);
      const model = reviewModel();
      const right = sample.filter((r) => reviewLogOdds(model, r.body) > 0 === (r.label === 1));
      // Measured 0.898 by npm run train:sentiment; 5-fold CV on all reviews gives 0.894.
      expect(right.length / sample.length).toBeGreaterThan(0.88);
    },
  );
});
