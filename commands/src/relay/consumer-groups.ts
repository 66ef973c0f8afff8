import { moduleManifest, moduleNames, topicFor } from '@chartline/events';
import { processManagerGroup } from '../process-manager/names.js';

/**
 * The consumer groups of the system that read each module topic, from the manifest: the module's
 * projector (`chartline.projector.<module>`) and every process manager consuming the module. A
 * hospital's move waits until all of them have passed its last event on the old partition.
 * Groups outside the system (analytics) are not waited for: docs/operations.md says what that means.
 */
export function systemConsumerGroups(): ReadonlyMap<string, readonly string[]> {
  const groups = new Map<string, string[]>();
  const add = (module: string, group: string) => {
    const topic = topicFor(module);
    groups.set(topic, [...(groups.get(topic) ?? []), group]);
  };
  for (const module of moduleNames) {
    const declared = moduleManifest[module];
    if (declared.projection) add(module, `chartline.projector.${module}`);
    for (const pm of declared.processManagers) {
      for (const consumed of pm.consumes) add(consumed, processManagerGroup({ module, name: pm.name }));
    }
  }
  return groups;
}

export const systemGroupsOf =
  (groups = systemConsumerGroups()) =>
  (topic: string): readonly string[] =>
    groups.get(topic) ?? [];
