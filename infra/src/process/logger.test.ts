import { expect } from 'chai';
import { logBuffer } from '../telemetry/testing/log-buffer.js';
import { createProcessLogger } from './logger.js';

describe('process logger', () => {
  it('is the telemetry logger: service label, level, personal fields and tokens redacted', () => {
    const buffer = logBuffer();
    const log = createProcessLogger('relay', 'info', buffer.destination);
    log.debug({ givenName: 'Hortensia' }, 'below the level');
    log.info({ patient: { nationalId: 'QX-1234-99', birthDate: '1950-01-02' }, token: 'eyJsecret' }, 'event parked');
    expect(buffer.lines).to.have.length(1);
    expect(buffer.lines[0]).to.include({ service: 'relay', level: 'info', msg: 'event parked' });
    expect(buffer.raw[0]).not.to.include('QX-1234-99').and.not.to.include('1950-01-02').and.not.to.include('eyJsecret');
  });
});
