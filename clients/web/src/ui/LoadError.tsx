import { explainProblem } from "../app/problems";

/** What could not be read and why, with a way to try again when there is one; nothing while there is no error. */
export function LoadError({ what, error, onRetry }: { what: string; error: unknown; onRetry?: () => void }) {
  if (!error) {
    return null;
  }
  return (
    <p className="error-text" role="alert">
      {what} could not be loaded: {explainProblem(error)}
      {onRetry ? (
        <>
          {" "}
          <button type="button" className="link-button" onClick={onRetry}>
            Try again
          </button>
        </>
      ) : null}
    </p>
  );
}
