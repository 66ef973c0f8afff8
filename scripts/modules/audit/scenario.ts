import type { AuditedStream, ModuleScenario } from '../../e2e/scenario-context.js';

/** Auditors' part: every stream the other parts named has the history they expect, and its chain verifies. */
export const auditScenario: ModuleScenario = {
  audit: ({ expect, read, audited }) => {
    it('gives auditors the history of the patient and of the stay, and both chains verify', async () => {
      const byStream = new Map<string, string[]>();
      for (const { stream, types } of audited as AuditedStream[]) {
        byStream.set(stream, [...(byStream.get(stream) ?? []), ...types]);
      }
      expect(byStream.size, 'streams named by the scenario').to.be.greaterThan(0);
      for (const [stream, types] of byStream) {
        const history = await read('auditor', `audit/streams/${stream}/events`);
        expect(
          (history['events'] as { type: string }[]).map((e) => e.type),
          stream,
        ).to.include.members(types);
        expect(await read('auditor', `audit/streams/${stream}/verification`), stream).to.include({ ok: true });
      }
    });
  },
};
