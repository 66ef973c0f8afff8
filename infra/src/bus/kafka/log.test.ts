import { expect } from 'chai';
import kafkajs from 'kafkajs';
import { createLogger } from '../../telemetry/logger.js';
import { logBuffer } from '../../telemetry/testing/log-buffer.js';
import { kafkaLogCreator } from './log.js';

const { logLevel } = kafkajs;

describe('kafkajs log lines', () => {
  const emit = (level: number, log: Record<string, unknown>) => {
    const buffer = logBuffer();
    const logger = createLogger({ service: 'relay', destination: buffer.destination });
    kafkaLogCreator(logger)(logLevel.INFO)({
      namespace: 'Connection',
      level,
      label: level === logLevel.ERROR ? 'ERROR' : 'WARN',
      log: { timestamp: new Date().toISOString(), ...log } as never,
    });
    return buffer;
  };

  it('keeps the cause kafkajs gives (its error message), not {"type":"string"}', () => {
    // What kafkajs's consumer logs when its topic does not exist yet.
    const buffer = emit(logLevel.ERROR, {
      message: 'Crash: KafkaJSProtocolError: This server does not host this topic-partition',
      error: 'This server does not host this topic-partition',
      groupId: 'chartline.admissions.projector',
      retryCount: 5,
    });
    expect(buffer.lines).to.have.length(1);
    expect(buffer.lines[0]).to.include({
      level: 'error',
      msg: 'Crash: KafkaJSProtocolError: This server does not host this topic-partition',
      cause: 'This server does not host this topic-partition',
      component: 'kafkajs',
      groupId: 'chartline.admissions.projector',
    });
    expect(buffer.raw[0]).not.to.include('"type":"string"');
  });

  it('writes warnings with their fields, and still redacts personal fields', () => {
    const buffer = emit(logLevel.WARN, {
      message: 'Broker down',
      error: new Error('connect ECONNREFUSED'),
      givenName: 'Zebulon',
    });
    expect(buffer.lines[0]).to.include({ level: 'warn', cause: 'connect ECONNREFUSED' });
    expect(buffer.raw[0]).not.to.include('Zebulon');
  });

  it('drops debug and info lines', () => {
    expect(emit(logLevel.INFO, { message: 'Starting' }).lines).to.have.length(0);
  });
});
