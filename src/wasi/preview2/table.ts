/**
 * One host-defined resource type of WASI 0.2 and the host objects behind its handles. The component
 * runtime only ever sees the representation (a number); this table maps it to the host object, and
 * the type's destructor (run when the guest drops its owning handle) forgets the object.
 */

import { Trap } from '../../core/errors.js';
import { OwnHandle, ResourceType, type BorrowHandle } from '../../component/index.js';

export class HostResource<T> {
  /** The runtime resource type; give it as the `(type (sub resource))` import of the interface. */
  readonly type: ResourceType;
  private readonly objects = new Map<number, T>();
  private next = 1;

  constructor(readonly name: string, private readonly onDrop?: (obj: T) => void) {
    this.type = new ResourceType(name, null, (rep) => this.drop(rep));
  }

  /** A new owning handle for `obj`, to return to the guest. */
  own(obj: T): OwnHandle {
    const rep = this.next++;
    this.objects.set(rep, obj);
    return new OwnHandle(this.type, rep);
  }

  /** The object behind a handle the guest passed (`self` of a method, or a borrow/own argument). */
  get(h: BorrowHandle | OwnHandle): T {
    const o = h.resource === this.type ? this.objects.get(h.rep) : undefined;
    // The canonical ABI already checks handle types; this guards against a host-side mix-up.
    if (o === undefined) throw new Trap('host', `${this.name}: no live resource with representation ${h.rep}`);
    return o;
  }

  /** Live objects (for tests and diagnostics). */
  get size(): number {
    return this.objects.size;
  }

  private drop(rep: number): void {
    const o = this.objects.get(rep);
    this.objects.delete(rep);
    if (o !== undefined && this.onDrop !== undefined) this.onDrop(o);
  }
}
