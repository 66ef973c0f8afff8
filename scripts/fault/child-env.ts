import { dlqTopicFor, projectedModuleNames, topicFor } from '@chartline/events';

/**
 * Configuration of the fault test's child processes, read from the environment. The children are
 * the test's own small entrypoints (not the production ones), so a run can isolate itself on the
 * shared servers: topics, consumer groups and collections all carry the run's prefix.
 */
export function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(1);
  }
  return value;
}

export const optional = (name: string): string | undefined => process.env[name] || undefined;

/** The modules a child serves: MODULES, or by default every module with read models. */
export const modulesFromEnv = (): string[] =>
  (optional('MODULES') ?? projectedModuleNames.join(',')).split(',').map((m) => m.trim());

/** The module's topics under the run's prefix: `<prefix>chartline.<module>.events.v1` and its DLQ. */
export function runTopics(prefix: string, module: string): { topic: string; dlqTopic: string } {
  return { topic: `${prefix}${topicFor(module)}`, dlqTopic: `${prefix}${dlqTopicFor(module)}` };
}

/** One JSON line on stdout: how a child tells its parent it is ready or how far it got. */
export const report = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);
