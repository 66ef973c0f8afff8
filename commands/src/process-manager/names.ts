import type { Actor } from '@chartline/events';
import { v5 as uuidv5 } from 'uuid';
import type { ProcessManager } from './define.js';

/**
 * `admissions.discharge-on-death`: how operators, metrics, the deploy files (PROCESS_MANAGER) and the
 * entrypoint's --name call it.
 */
export const processManagerId = (pm: Pick<ProcessManager, 'module' | 'name'>): string => `${pm.module}.${pm.name}`;

/** Its Kafka consumer group: its own offsets, independent of the projectors of the same topics. */
export const processManagerGroup = (pm: Pick<ProcessManager, 'module' | 'name'>): string =>
  `chartline.process-manager.${pm.module}.${pm.name}`;

/** Where events it could not act on are parked (`chartline.<module>.<name>.dlq`). */
export const processManagerDlqTopic = (pm: Pick<ProcessManager, 'module' | 'name'>): string =>
  `chartline.${pm.module}.${pm.name}.dlq`;

/** The envelope's actor of everything it writes: not a person, so an auditor sees who acted automatically. */
export const processManagerActor = (pm: Pick<ProcessManager, 'module' | 'name'>): Actor => ({
  id: `process-manager:${processManagerId(pm)}`,
  role: 'process_manager',
});

/** Fixed namespace: the same (process manager, event, key) names the same command forever. */
const COMMAND_NAMESPACE = '0193a1c2-5e7b-7c3d-9f00-706d636d6431';

/**
 * The command id (every event's causationId): UUID v5 of the process manager, the triggering event's
 * id and the command's key. An auditor holding the triggering event can recompute it.
 */
export const derivedCommandId = (pm: Pick<ProcessManager, 'module' | 'name'>, eventId: string, key: string): string =>
  uuidv5(`${processManagerId(pm)}\n${eventId}\n${key}`, COMMAND_NAMESPACE);

/** Ids the command creates (`newId`): the n-th derives from the command id, so a repeat names the same records. */
export function derivedIds(commandId: string): () => string {
  let n = 0;
  return () => uuidv5(`${commandId}\n${n++}`, COMMAND_NAMESPACE);
}
