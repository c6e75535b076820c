/**
 * The pause a stdio guest's driver takes between two slices of fuel, so other work runs meanwhile.
 * Kept apart from the driver so the driver runs on any JavaScript engine: Node has `setImmediate`,
 * a browser page `setTimeout`, and an engine with no timers at all (QuickJS embedded by a host that
 * runs its job queue) gets a plain microtask turn.
 */

interface TimerGlobals {
  readonly setImmediate?: (callback: () => void) => unknown;
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
}

/** Resolves on the host's next turn: after pending I/O in Node, after other tasks in a page. */
export function nextTurn(): Promise<void> {
  const g = globalThis as TimerGlobals;
  return new Promise<void>((resolve) => {
    if (g.setImmediate !== undefined) g.setImmediate(resolve);
    else if (g.setTimeout !== undefined) g.setTimeout(resolve, 0);
    else resolve();
  });
}
