import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export type ProcessKind = 'command-api' | 'relay' | 'projector' | 'read-api';

/**
 * The series each kind of process must expose on /metrics: what the alerts read
 * (infra/deploy/prometheus/alerts.yaml), what docs/operations.md names, and Node's process metrics.
 */
export const REQUIRED_METRICS: Readonly<Record<ProcessKind, readonly string[]>> = {
  'command-api': [
    'http_requests_total',
    'http_request_duration_seconds',
    'chartline_commands_total',
    'chartline_command_refusals_total',
    'chartline_command_duration_seconds',
    'chartline_append_duration_seconds',
    'chartline_ready',
    'process_cpu_user_seconds_total',
  ],
  relay: [
    'chartline_relay_lag_positions',
    'chartline_relay_last_publish_timestamp_seconds',
    'chartline_relay_published_events_total',
    'chartline_relay_publish_failures_total',
    'chartline_ready',
    'process_cpu_user_seconds_total',
  ],
  projector: [
    'chartline_consumer_lag',
    'chartline_dlq_messages_total',
    'chartline_projection_batch_duration_seconds',
    'chartline_projection_batch_size',
    'chartline_ready',
    'process_cpu_user_seconds_total',
  ],
  'read-api': [
    'http_requests_total',
    'http_request_duration_seconds',
    'chartline_cache_requests_total',
    'chartline_lab_open_critical_results',
    'chartline_lab_oldest_open_critical_age_seconds',
    'chartline_hr_understaffed_shifts',
    'chartline_hr_understaffed_missing_staff',
    'chartline_hr_understaffed_shift_starts_in_seconds',
    'chartline_ready',
    'process_cpu_user_seconds_total',
  ],
};

/** Metric names declared in Prometheus text (`# TYPE <name> <type>`). */
export function metricNames(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) \S+$/gm)].map((m) => m[1]!));
}

/** One sample's value: `name{labels} value` whose labels include every given pair; undefined if absent. */
export function sampleValue(text: string, name: string, labels: Readonly<Record<string, string>> = {}) {
  for (const match of text.matchAll(/^(\w+)(?:\{([^}]*)\})? (\S+)$/gm)) {
    if (match[1] !== name) continue;
    const got = match[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => got.includes(`${k}="${v}"`))) return Number(match[3]);
  }
  return undefined;
}

/** The metric names the alert rules read (besides Prometheus's own `up`). */
export function alertMetricNames(): string[] {
  const file = fileURLToPath(new URL('../../infra/deploy/prometheus/alerts.yaml', import.meta.url));
  const rules = parse(readFileSync(file, 'utf8')) as { groups: { rules: { expr: string }[] }[] };
  const names = rules.groups.flatMap((g) =>
    g.rules.flatMap((r) => [...r.expr.matchAll(/\b((?:chartline|http)_[a-z_]+)\b/g)].map((m) => m[1]!)),
  );
  return [...new Set(names)].sort();
}
