import { expect } from 'chai';
import { etagOf } from './answer.js';
import { decodeAnswer, encodeAnswer } from './query-cache.js';

describe('query cache: stored answers', () => {
  const body = JSON.stringify({ items: [{ name: 'line\nbreak | bar', n: 1 }], next: null });
  const answer = {
    body,
    etag: etagOf(body),
    accessed: [{ patientId: '01890000-0000-7000-8000-000000000001', view: 'summary' as const }],
  };

  it('round-trips the body byte for byte, with its ETag and the patients it shows', () => {
    expect(decodeAnswer(encodeAnswer(answer))).to.deep.equal(answer);
    expect(decodeAnswer(encodeAnswer({ ...answer, accessed: [] }))?.body).to.equal(body);
  });

  it('reads an entry of the older JSON format, or a damaged one, as a miss', () => {
    expect(decodeAnswer(JSON.stringify({ body, accessed: [] }))).to.equal(undefined);
    expect(decodeAnswer('cl2|"x"|not json\n{}')).to.equal(undefined);
    expect(decodeAnswer('cl2|"x"|[{"patientId":"p","view":"no_such_view"}]\n{}')).to.equal(undefined);
    expect(decodeAnswer('cl2|no header end')).to.equal(undefined);
  });
});
