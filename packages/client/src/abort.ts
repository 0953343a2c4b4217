import { MillraceAbortError } from "./errors.js";

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new MillraceAbortError(undefined, signal.reason);
}

/** Waits `ms`, or rejects with MillraceAbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(new MillraceAbortError(undefined, signal.reason));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new MillraceAbortError(undefined, signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A signal that aborts when any of `signals` does; the returned `dispose` detaches it, so long-lived
 * parent signals do not collect listeners from every call.
 */
export function linkSignals(...signals: (AbortSignal | undefined)[]): {
  signal: AbortSignal;
  dispose: () => void;
} {
  const controller = new AbortController();
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  const detach: (() => void)[] = [];
  for (const s of present) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    const onAbort = () => controller.abort(s.reason);
    s.addEventListener("abort", onAbort, { once: true });
    detach.push(() => s.removeEventListener("abort", onAbort));
  }
  return { signal: controller.signal, dispose: () => detach.forEach((d) => d()) };
}
