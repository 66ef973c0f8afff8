import { expect } from 'chai';
import { type AnsweredCommand, judgeExecutions, type StoredEventFacts } from './executions.js';

const at = (second: number) => `2026-12-01T03:00:${String(second).padStart(2, '0')}.000Z`;
const event = (causationId: string, type: string, streamId: string, recordedAt: string): StoredEventFacts => ({
  causationId,
  type,
  streamId,
  recordedAt,
});
const ok = (commandId: string, name: string, answeredEvents: string[]): AnsweredCommand => ({
  commandId,
  name,
  answeredEvents,
});

describe('judgeExecutions: a command executed twice, told from one that writes one type twice by design', () => {
  it('given a lab order of a two-test panel (two LabTestOrdered on one stream, one append), then it is one execution, reported by shape', () => {
    const stored = [
      event('c1', 'laboratory.LabTestOrdered', 'labOrder-h.o1', at(1)),
      event('c1', 'laboratory.LabTestOrdered', 'labOrder-h.o1', at(1)),
    ];
    const judged = judgeExecutions(stored, [
      ok('c1', 'laboratory/order-lab-test', ['laboratory.LabTestOrdered', 'laboratory.LabTestOrdered']),
    ]);
    // The first chaos rounds' rule (a causation id whose type@stream repeats) counted this as executed twice.
    expect(judged.executedTwice).to.equal(0);
    expect(judged.okDiffering).to.equal(0);
    expect(judged.repeatsByDesign).to.deep.equal({ 'laboratory.LabTestOrdered ×2': 1 });
  });

  it('given the same command appended twice (two recordedAt), then it is executed twice, and named', () => {
    const stored = [
      event('c1', 'patients.PatientRegistered', 'patient-h.p1', at(1)),
      event('c1', 'patients.MrnAssigned', 'patient-h.p1', at(1)),
      event('c1', 'patients.PatientRegistered', 'patient-h.p2', at(7)),
      event('c1', 'patients.MrnAssigned', 'patient-h.p2', at(7)),
    ];
    const judged = judgeExecutions(stored, [
      ok('c1', 'patients/register-patient', ['patients.PatientRegistered', 'patients.MrnAssigned']),
    ]);
    expect(judged.executedTwice).to.equal(1);
    expect(judged.examples).to.deep.equal(['patients/register-patient c1: executed 2 times']);
  });

  it("given a process manager's command appended twice, then it counts too (named as a process manager's)", () => {
    const stored = [
      event('pm1', 'admissions.PatientDischarged', 'stay-h.s1', at(1)),
      event('pm1', 'admissions.PatientDischarged', 'stay-h.s1', at(3)),
    ];
    const judged = judgeExecutions(stored, []);
    expect(judged.executedTwice).to.equal(1);
    expect(judged.examples[0]).to.match(/^process manager pm1: executed 2 times/);
  });

  it('given a 2xx that answered no events (a licence sweep with nothing due) and nothing stored, then nothing is missing', () => {
    const judged = judgeExecutions([], [ok('c1', 'hr/sweep-licences', [])]);
    expect(judged.okMissing).to.equal(0);
    expect(judged.okWroteNothing).to.equal(1);
    expect(judged.wroteNothingBy).to.deep.equal({ 'hr/sweep-licences': 1 });
  });

  it('given a 2xx that answered events and nothing stored, then it is missing', () => {
    const judged = judgeExecutions([], [ok('c1', 'hospitals/register-hospital', ['hospitals.HospitalRegistered'])]);
    expect(judged.okMissing).to.equal(1);
    expect(judged.examples[0]).to.match(/^hospitals\/register-hospital c1: answered 2xx with 1 events, none stored/);
  });

  it('given stored events other than the answer named, then they differ', () => {
    const stored = [event('c1', 'hr.StaffOnboarded', 'staff-h.x', at(1))];
    const judged = judgeExecutions(stored, [
      ok('c1', 'hr/onboard-staff', ['hr.StaffOnboarded', 'hr.LeaveBalanceCredited']),
    ]);
    expect(judged.okDiffering).to.equal(1);
  });

  it('given commands never answered 2xx, then each is present once or absent', () => {
    const stored = [event('c1', 'hr.StaffOnboarded', 'staff-h.x', at(1))];
    const judged = judgeExecutions(stored, [
      { commandId: 'c1', name: 'hr/onboard-staff', answeredEvents: undefined },
      { commandId: 'c2', name: 'hr/onboard-staff', answeredEvents: undefined },
    ]);
    expect(judged).to.include({ unansweredPresent: 1, unansweredAbsent: 1, executedTwice: 0 });
  });
});
