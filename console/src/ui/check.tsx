import { useEffect, useId, useRef } from 'react';
import type { ReadableProblem } from '../api/problem.js';

/** A labelled checkbox with its error beside it (the error is read with it: aria-describedby). */
export function CheckField(props: { label: string; name: string; error?: string | undefined }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field field-check">
      <span>
        <input
          type="checkbox"
          id={id}
          name={props.name}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? errorId : undefined}
        />{' '}
        <label htmlFor={id}>{props.label}</label>
      </span>
      {props.error ? (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** The first of a command's field errors present (one input can stand for several body fields). */
export const firstError = (errors: Readonly<Record<string, string>>, ...fields: string[]): string | undefined =>
  fields.map((f) => errors[f]).find((e) => e !== undefined);

/**
 * After a refusal, focus moves to the first field marked invalid (or to the form's alert), so a
 * keyboard or screen-reader user lands on what to correct. Returns the ref to put on the form.
 */
export function useFocusOnProblem(problem: ReadableProblem | undefined) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!problem || !ref.current) return;
    const target =
      ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      ref.current.querySelector<HTMLElement>('[role="alert"]');
    if (target && !target.matches('input, select, textarea, button')) target.tabIndex = -1;
    target?.focus();
  }, [problem]);
  return ref;
}
