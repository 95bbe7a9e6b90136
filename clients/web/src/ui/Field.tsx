import type { ChangeEvent, ReactNode } from "react";

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** The API's messages for this field (fieldErrors), shown under its label and tied to it for screen readers. */
  errors?: string[];
  hint?: ReactNode;
  type?: "text" | "email" | "password" | "search" | "datetime-local";
  multiline?: boolean;
  autoComplete?: string;
  required?: boolean;
  /** The id of a <datalist> of suggestions. */
  list?: string;
}

/** A labelled input with its hint and its errors, all announced with it (aria-describedby). */
export function Field({ id, label, value, onChange, errors = [], hint, type = "text", multiline, autoComplete, required, list }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const common = {
    id,
    name: id,
    value,
    "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
    "aria-invalid": errors.length > 0 || undefined,
    // Required fields are marked for assistive technology; the API, not the browser, checks them, so that its
    // messages are the ones shown (forms are noValidate).
    "aria-required": required || undefined,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(event.target.value),
  };
  return (
    <div className={errors.length > 0 ? "field field--error" : "field"}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {errors.length > 0 ? (
        <p id={errorId} className="field-error" data-testid={`${id}-error`}>
          {errors.join(" ")}
        </p>
      ) : null}
      {multiline ? <textarea rows={4} {...common} /> : <input type={type} autoComplete={autoComplete} list={list} {...common} />}
    </div>
  );
}

interface SelectProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  options: readonly { value: string; label: string }[];
  errors?: string[];
}

export function SelectField({ id, label, value, onChange, options, errors = [] }: SelectProps) {
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  return (
    <div className={errors.length > 0 ? "field field--error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {errorId ? (
        <p id={errorId} className="field-error">
          {errors.join(" ")}
        </p>
      ) : null}
      <select id={id} name={id} value={value} aria-describedby={errorId} aria-invalid={errorId ? true : undefined} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
