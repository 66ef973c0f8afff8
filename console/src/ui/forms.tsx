import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useRef, useState } from 'react';
import type { CommandResult } from '../api/clients.js';
import { ApiError, type ReadableProblem } from '../api/problem.js';
import { useSession } from '../session/session.js';

/** A labelled input with its error beside it (aria-invalid + aria-describedby, so a screen reader reads the rule). */
export function Field(props: {
  label: string;
  name: string;
  error?: string | undefined;
  children?: ReactNode;
  type?: string;
  required?: boolean;
  defaultValue?: string;
  options?: readonly (readonly [value: string, label: string])[];
  /** Told of each change (the form still reads its value on submit). */
  onChange?: (value: string) => void;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const common = {
    id,
    name: props.name,
    required: props.required,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? errorId : undefined,
    defaultValue: props.defaultValue,
    onChange: props.onChange
      ? (e: { currentTarget: { value: string } }) => props.onChange?.(e.currentTarget.value)
      : undefined,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.options ? (
        <select {...common}>
          {props.options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      ) : (
        <input type={props.type ?? 'text'} {...common} />
      )}
      {props.error ? (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** A problem as a notice: what happened and what to do. */
export function ProblemNotice({ problem }: { problem: ReadableProblem | undefined }) {
  const { signOut } = useSession();
  if (!problem) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{problem.summary}</strong>
      </p>
      {problem.action ? <p>{problem.action}</p> : null}
      {problem.sessionExpired ? (
        <button type="button" onClick={signOut}>
          Sign in again
        </button>
      ) : null}
    </div>
  );
}

export const readableOf = (error: unknown): ReadableProblem | undefined =>
  error instanceof ApiError
    ? error.readable
    : error
      ? { status: 0, summary: String(error), fields: {}, sessionExpired: false }
      : undefined;

/**
 * A command sent from a form: one Idempotency-Key per intent (kept across retries of the same
 * submission, so a lost answer never records twice; new after a success), and on success the
 * queries named are refetched — with the consistency token, so they include the change.
 */
export function useCommand<T>(
  send: (args: T, idempotencyKey: string) => Promise<CommandResult>,
  invalidates: readonly unknown[][],
) {
  const queryClient = useQueryClient();
  const key = useRef<string>(crypto.randomUUID());
  const [lastOk, setLastOk] = useState<CommandResult | undefined>();
  const mutation = useMutation({
    mutationFn: (args: T) => send(args, key.current),
    onSuccess: async (result) => {
      key.current = crypto.randomUUID();
      setLastOk(result);
      await Promise.all(invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    onError: async (error) => {
      // A refusal (4xx) is an answer: nothing was recorded, and the corrected form is a new intent
      // (reusing the key with another body is itself refused, 422). Only when the answer is unknown
      // (lost connection, 5xx) or deferred (429) is the key kept, so a retry cannot record twice.
      const status = error instanceof ApiError ? error.readable.status : 0;
      if (status >= 400 && status < 500 && status !== 429) key.current = crypto.randomUUID();
      // A 412 means the record moved on: refresh it so the person sees what changed.
      if (status === 412) {
        await Promise.all(invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      }
    },
  });
  const problem = readableOf(mutation.error);
  return { ...mutation, problem, fieldErrors: problem?.fields ?? {}, lastOk };
}

/** Form values as strings, without empty ones (optional fields are omitted, not sent blank). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  return out;
}
