import { envelopeFromRecorded } from '@chartline/events';
import { type InMemoryTracing, inMemoryTracing } from '@chartline/infra/telemetry/testing';
import { eventually } from '@chartline/projections/testing';
import { SpanKind } from '@opentelemetry/api';
import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { type InProcessChartline, startInProcessChartline } from './in-process-chartline.js';

describe('one trace from command to view (in-process: command API, relay, projector, cache)', () => {
  let tracing: InMemoryTracing;
  let chartline: InProcessChartline;
  before(async () => {
    tracing = inMemoryTracing();
    chartline = await startInProcessChartline({ write: () => {} });
  });
  after(async () => {
    await chartline?.stop();
    await tracing?.stop();
  });

  it('covers command → append → envelope traceparent → publish → projection → cache bump with one trace id', async () => {
    tracing.reset();
    const hospitalId = `h-${uuidv7()}`;
    const token = await chartline.mint({ sub: 'clerk', role: 'front_desk', hospitals: [hospitalId] });
    const res = await request(chartline.commandApp)
      .post(`/hospitals/${hospitalId}/patients/register-patient`)
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', uuidv7())
      .send({ givenName: 'Ada', familyName: 'Trace', birthDate: '1980-02-03', sex: 'female' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);

    const named = (name: string) => tracing.spans().filter((s) => s.name === name);
    await eventually(async () => named('cache.bump').length > 0, 5_000);

    const [command] = named('command patients.register-patient');
    expect(command, 'command span').to.exist;
    const traceId = command!.spanContext().traceId;
    const [append] = named('eventstore.append');
    expect(append!.spanContext().traceId).to.equal(traceId);
    expect(append!.parentSpanContext?.spanId).to.equal(command!.spanContext().spanId);

    const envelopes = (await chartline.store.readAll()).map(envelopeFromRecorded);
    expect(envelopes).to.have.length.greaterThan(0);
    for (const envelope of envelopes) {
      expect(envelope.traceparent).to.equal(`00-${traceId}-${command!.spanContext().spanId}-01`);
    }

    const published = named('chartline.patients.events.v1 publish').filter((s) => s.spanContext().traceId === traceId);
    expect(published.length).to.equal(envelopes.length);
    for (const span of published) {
      expect(span.kind).to.equal(SpanKind.PRODUCER);
      expect(span.parentSpanContext?.spanId).to.equal(command!.spanContext().spanId);
    }

    const processed = tracing
      .spans()
      .filter((s) => s.kind === SpanKind.CONSUMER && s.spanContext().traceId === traceId);
    expect(processed.length).to.be.greaterThan(0);
    const producerIds = new Set(published.map((s) => s.spanContext().spanId));
    for (const span of processed) {
      expect(producerIds.has(span.parentSpanContext?.spanId ?? '')).to.equal(true);
      expect(span.links.map((l) => l.context.spanId).every((id) => producerIds.has(id))).to.equal(true);
    }
    const bumps = named('cache.bump').filter((s) => s.spanContext().traceId === traceId);
    expect(bumps.length).to.be.greaterThan(0);
    const processIds = new Set(processed.map((s) => s.spanContext().spanId));
    for (const bump of bumps) expect(processIds.has(bump.parentSpanContext?.spanId ?? '')).to.equal(true);
  });

  it('counts the command, the append, the relay and the projection in Prometheus names', async () => {
    const text = await chartline.metrics.metrics();
    for (const line of [
      'chartline_commands_total{module="patients",command="register-patient",outcome="accepted"} 1',
      'http_requests_total{service="command-api",route="/hospitals/:hospitalId/patients/register-patient",method="POST",status="201"} 1',
      'chartline_dlq_messages_total{module="patients"} 0',
    ])
      expect(text).to.include(line);
    for (const name of [
      'chartline_command_duration_seconds_bucket',
      'chartline_append_duration_seconds_count{outcome="ok"}',
      'chartline_relay_lag_positions 0',
      'chartline_relay_last_publish_timestamp_seconds',
      'chartline_consumer_lag{group="chartline.projector.patients",topic="chartline.patients.events.v1",partition="0"} 0',
      'chartline_projection_batch_duration_seconds_bucket',
      'chartline_projection_batch_size_bucket',
    ])
      expect(text).to.include(name);
  });
});
