import { context, trace } from '@opentelemetry/api';
import { expect } from 'chai';
import { createLogger, redactDeep, safeError } from './logger.js';
import { personalFieldNames } from './personal-field-names.js';
import { inMemoryTracing } from './testing/in-memory-tracing.js';
import { logBuffer } from './testing/log-buffer.js';

describe('logger', () => {
  it('derives the personal field names from the event catalogue', () => {
    const names = personalFieldNames();
    for (const name of ['givenName', 'familyName', 'birthDate', 'nationalId']) expect(names.has(name)).to.equal(true);
    expect(names.has('hospitalId')).to.equal(false);
  });

  it('writes JSON with the service and redacts personal and secret fields at any depth', () => {
    const buffer = logBuffer();
    const log = createLogger({ service: 'command-api', destination: buffer.destination });
    log.info(
      {
        req: { headers: { authorization: 'Bearer eyJabc', cookie: 'sid=1' } },
        patient: { givenName: 'Zebulon', names: [{ familyName: 'Quixley' }], hospitalId: 'h1' },
        birthDate: '1911-11-11',
      },
      'registered',
    );
    expect(buffer.lines).to.have.length(1);
    const line = buffer.raw[0]!;
    for (const secret of ['eyJabc', 'sid=1', 'Zebulon', 'Quixley', '1911-11-11']) expect(line).not.to.include(secret);
    expect(buffer.lines[0]).to.include({ service: 'command-api', level: 'info', msg: 'registered' });
    expect(line).to.include('"hospitalId":"h1"');
  });

  it('adds trace_id and span_id of the active span', async () => {
    const tracing = inMemoryTracing();
    const buffer = logBuffer();
    const log = createLogger({ service: 's', destination: buffer.destination });
    const spanContext = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 };
    context.with(trace.setSpanContext(context.active(), spanContext), () => log.info('inside'));
    log.info('outside');
    expect(buffer.lines[0]).to.include({ trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16) });
    expect(buffer.lines[1]).not.to.have.property('trace_id');
    await tracing.stop();
  });

  it('logs errors by name, code and frames, never their message', () => {
    const error = Object.assign(new Error('duplicate key (national_id)=(800101-1234)'), { code: '23505' });
    const safe = safeError(error);
    expect(safe).to.include({ type: 'Error', code: '23505' });
    expect(JSON.stringify(safe)).not.to.include('800101');
    const buffer = logBuffer();
    createLogger({ service: 's', destination: buffer.destination }).error({ err: error }, 'append failed');
    expect(buffer.raw[0]).not.to.include('800101');
  });

  it("logs what caused an error, down to a quoted SQLSTATE, never the causes' messages", () => {
    const driver = Object.assign(
      new Error('ERROR: duplicate key value violates unique constraint (national_id)=(800101-1234) (SQLSTATE 23505)'),
      { code: 1, codeName: 'InternalError' },
    );
    const safe = safeError(new Error('read store unavailable', { cause: driver }));
    expect(safe['cause']).to.deep.equal({ type: 'Error', code: 1, codeName: 'InternalError', sqlstate: '23505' });
    expect(JSON.stringify(safe)).not.to.include('800101');
    const buffer = logBuffer();
    createLogger({ service: 's', destination: buffer.destination }).warn(
      { err: new Error('unavailable', { cause: driver }) },
      'retrying',
    );
    expect(buffer.raw[0]).to.include('"sqlstate":"23505"').and.not.include('800101');
  });

  it('redactDeep leaves other values alone', () => {
    expect(redactDeep({ a: [1, { b: 2 }], c: null }, new Set(['x']))).to.deep.equal({ a: [1, { b: 2 }], c: null });
  });
});
